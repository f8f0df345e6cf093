"""Resolve a citation's verbatim passage to a character span in its source text."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from tui.domain.model import Citation
from tui.domain.problems import line_of_offset

# Past this size the closest-passage hint is skipped: it is a courtesy, not worth a stall.
_CLOSEST_LIMIT = 2_000_000


@dataclass(frozen=True, slots=True)
class Resolution:
    span: tuple[int, int] | None
    error: str | None


def find_all(text: str, exact: str) -> list[int]:
    starts = []
    start = text.find(exact)
    while start >= 0:
        starts.append(start)
        start = text.find(exact, start + 1)
    return starts


def resolve(text: str, citation: Citation, source_label: str) -> Resolution:
    exact = citation.exact
    starts = find_all(text, exact)
    if not starts:
        return Resolution(None, f"passage not found verbatim in {source_label}: "
                                f"{_clip(exact)}{closest_hint(text, exact)}")
    if citation.prefix is not None:
        prefix = citation.prefix
        starts = [s for s in starts if text[max(0, s - len(prefix)) : s] == prefix]
    if citation.suffix is not None:
        suffix, size = citation.suffix, len(exact)
        starts = [s for s in starts if text[s + size : s + size + len(suffix)] == suffix]
    if not starts:
        return Resolution(None, f"passage occurs in {source_label} but never with the given "
                                f"prefix/suffix: {_clip(exact)}")
    if citation.occurrence is not None:
        if citation.occurrence > len(starts):
            return Resolution(None, f"occurrence = {citation.occurrence} but the passage occurs "
                                    f"{len(starts)} time(s) in {source_label}")
        start = starts[citation.occurrence - 1]
    elif len(starts) > 1:
        lines = ", ".join(str(line_of_offset(text, s)) for s in starts[:5])
        return Resolution(None, f"ambiguous passage: occurs {len(starts)} times in {source_label} "
                                f"(lines {lines}); add 'prefix'/'suffix' or 'occurrence': "
                                f"{_clip(exact)}")
    else:
        start = starts[0]
    return Resolution((start, start + len(exact)), None)


def closest_hint(text: str, exact: str) -> str:
    """'; closest passage (line N): ...; first difference ...' or '' when nothing is close."""
    if not text or len(text) > _CLOSEST_LIMIT:
        return ""
    matcher = SequenceMatcher(None, text, exact, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(exact))
    if block.size < min(8, len(exact)):
        return ""
    start = max(0, block.a - block.b)
    candidate = text[start : start + len(exact)]
    hint = f"; closest passage (line {line_of_offset(text, start)}): {_clip(candidate)}"
    for i, (got, want) in enumerate(zip(candidate, exact, strict=False)):
        if got != want:
            hint += (f"; first difference at character {i + 1}: the source has {got!r} "
                     f"where the citation has {want!r}")
            break
    return hint


def _clip(text: str, limit: int = 120) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)
