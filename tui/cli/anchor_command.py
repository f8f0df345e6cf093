"""`chery-tui anchor SOURCE_ID "PASTED PASSAGE"`: the citation to paste into a fact file for
a passage copied from an article, found in the source's text however its typography differs
(`tui.domain.capture.anchor`). Exit 0 found, 1 nothing close enough (the closest printed with
their scores), 2 no such source or an unusable fact file."""

from __future__ import annotations

from pathlib import Path

from tui.cli import output as safe_output
from tui.domain.capture.anchor import Anchor, Candidate, anchor, toml_string
from tui.domain.loading.problems import line_of_offset
from tui.domain.present.safe_text import one_line

EXIT_OK, EXIT_NOT_FOUND, EXIT_UNUSABLE = 0, 1, 2


def citation_toml(source_id: str, found: Anchor) -> str:
    parts = [f"source = {toml_string(source_id)}", f"exact = {toml_string(found.exact)}"]
    if found.prefix:
        parts.append(f"prefix = {toml_string(found.prefix)}")
    if found.suffix:
        parts.append(f"suffix = {toml_string(found.suffix)}")
    if found.occurrence is not None:
        parts.append(f"occurrence = {found.occurrence}")
    return "{ " + ", ".join(parts) + " }"


def run_anchor(path: Path, source_id: str, pasted: str) -> int:
    from tui.domain.loading.loader import load_facts
    from tui.gc_policy import bulk_step

    out, err = safe_output.stdout(), safe_output.stderr()
    with bulk_step():
        result = load_facts(path)
    facts = result.facts
    if facts is None or source_id not in facts.sources or source_id not in facts.texts:
        if err is not None:
            if facts is None:
                for problem in result.problems:
                    err.write(f"{problem}\n")
            else:
                import difflib

                near = difflib.get_close_matches(source_id, list(facts.sources), n=3)
                hint = f" (did you mean {', '.join(near)}?)" if near else ""
                what = "has no readable text" if source_id in facts.sources else \
                    "is no source"
                err.write(f"chery-tui anchor: {source_id!r} {what} in {path}{hint}\n")
        return EXIT_UNUSABLE
    if result.problems and err is not None:
        noun = "problem" if len(result.problems) == 1 else "problems"
        err.write(f"chery-tui anchor: {path} has {len(result.problems)} {noun} "
                  "('chery-tui check' lists them); anchoring in its source anyway\n")
    text = facts.texts[source_id]
    found = anchor(text, pasted)
    if found.anchors:
        many = len(found.anchors) > 1
        if many:
            out.write(f"# the passage occurs {len(found.anchors)} times in {source_id}: "
                      "one citation each, in order\n")
        for n, each in enumerate(found.anchors, start=1):
            how = "exact after normalising" if each.score == 100 else \
                f"near match, score {each.score:g}"
            which = f"{n}: " if many else ""
            out.write(f"# {which}line {line_of_offset(text, each.start)} of {source_id}, {how}\n")
            out.write(citation_toml(source_id, each) + "\n")
        return EXIT_OK
    out.write(f"# no passage of {source_id} is close enough (score 90 or more); "
              "the closest:\n")
    for candidate in found.candidates:
        out.write(_candidate_line(text, candidate) + "\n")
    return EXIT_NOT_FOUND


def _candidate_line(text: str, candidate: Candidate) -> str:
    words = one_line(text[candidate.start:candidate.end])
    if len(words) > 100:
        words = words[:99] + "…"
    return f"{candidate.score:5.1f}  line {line_of_offset(text, candidate.start)}: {words}"
