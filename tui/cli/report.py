"""Findings and the health report as text and JSON, for `chery-tui check`."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from tui.domain.crossref.cross_index import Health
from tui.domain.crossref.findings import Finding
from tui.domain.present.safe_text import one_line

_PLURAL = {"finding": "findings", "contradiction": "contradictions", "tension": "tensions",
           "gap": "gaps", "consistent": "consistent"}


def counted(count: int, word: str) -> str:
    """`1 contradiction`, `2 contradictions`: a count with its noun in the right number."""
    return f"{count} {word if count == 1 else _PLURAL.get(word, word + 's')}"


def findings_summary(findings: list[Finding]) -> str:
    counts: Counter[str] = Counter(f.kind for f in findings)
    parts = [counted(counts.get(k, 0), k) for k in list(_PLURAL)[1:]]
    return f"{counted(len(findings), 'finding')}: {', '.join(parts)}"


def findings_lines(findings: list[Finding]) -> Iterator[str]:
    """The findings as text, a line at a time (a large file has tens of thousands)."""
    yield f"Findings — {findings_summary(findings)}"
    for f in findings:
        title, arithmetic, tolerance = f.worded()
        yield f"  {f.kind:<13} {f.check:<14} {one_line(title)}"
        yield f"      {one_line(arithmetic)}"
        yield f"      tolerance: {one_line(tolerance)}"
        yield f"      claims: {', '.join(f.claims)}"



def health_text(health: Health) -> str:
    lines = [
        "Health",
        f"  claims backed by a single source: {len(health.single_source)}",
        f"  entities no claim is about: {len(health.unclaimed_entities)}"
        + (f" ({', '.join(health.unclaimed_entities)})" if health.unclaimed_entities else ""),
        f"  sources never cited: {len(health.uncited_sources)}"
        + (f" ({', '.join(health.uncited_sources)})" if health.uncited_sources else ""),
        f"  source lines never cited: {len(health.uncited_passages)}",
        # not the findings' count of contradictions: those include what the checks compute
        # and the denials the sources report (Health in the app words it the same way)
        f"  contradictions the file states, not settled: {len(health.unresolved)}",
    ]
    for relation in health.unresolved:
        lines.append(f"      {relation.source_claim} contradicts {relation.target_claim}")
    return "\n".join(lines)


def finding_json(finding: Finding) -> dict[str, Any]:
    title, arithmetic, tolerance = finding.worded()
    return {"kind": finding.kind, "check": finding.check, "title": title,
            "claims": list(finding.claims), "arithmetic": arithmetic, "tolerance": tolerance}


_BATCH = 500
"""List items encoded together, and findings between two writes: each write goes through
the output's escaping (`tui.cli.output`), and a write per small piece cost more than the
encoding (docs/performance.md, "check's output")."""


_WRITE = 65_536
"""Characters of small pieces gathered into one write."""


def _encoded(value: Any, encoder: json.JSONEncoder) -> Iterator[str]:
    """`value` as `encoder.encode` would write it, in pieces of at most `_BATCH` list items:
    the C encoder for every piece (`iterencode`, the pure-Python encoder, yielded over a
    million pieces for the health report of 100,000 claims), never the whole at once."""
    if type(value) is dict and value and all(type(key) is str for key in value):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield f"{', ' if n else ''}{encoder.encode(key)}: "
            yield from _encoded(item, encoder)
        yield "}"
    elif type(value) is list and len(value) > _BATCH:
        yield "["
        for first in range(0, len(value), _BATCH):
            part = encoder.encode(value[first : first + _BATCH])
            yield (", " if first else "") + part[1:-1]
        yield "]"
    else:
        yield encoder.encode(value)


def write_json(payload: dict[str, Any], findings: list[Finding] | None,
               after: dict[str, Any], out: Any) -> None:
    """`payload`, then "findings" (when there are), then `after`, as `json.dump` would write
    them, but in pieces: for a large file, the findings as one list of dicts, or the health
    report as one string, took tens of megabytes each."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    if findings is None:
        out.write("".join(_encoded({**payload, **after}, encoder)))
        return
    out.write(encoder.encode(payload)[:-1] + ', "findings": [')
    for first in range(0, len(findings), _BATCH):
        out.write((", " if first else "") + ", ".join(
            encoder.encode(finding_json(f)) for f in findings[first : first + _BATCH]))
    out.write("]")
    if not after:
        out.write("}")
        return
    pieces = _encoded(after, encoder)
    batch, size = [", " + next(pieces).removeprefix("{")], 0
    for piece in pieces:  # small pieces (keys, short values) written together
        batch.append(piece)
        size += len(piece)
        if size >= _WRITE:
            out.write("".join(batch))
            batch, size = [], 0
    out.write("".join(batch))


def health_json(health: Health) -> dict[str, Any]:
    return {
        "single_source_claims": list(health.single_source),
        "unclaimed_entities": list(health.unclaimed_entities),
        "uncited_sources": list(health.uncited_sources),
        "uncited_passages": [{"source": s, "line": n, "text": t}
                             for s, n, t in health.uncited_passages],
        "unresolved_contradictions": [{"from": r.source_claim, "type": r.type,
                                       "to": r.target_claim} for r in health.unresolved],
    }
