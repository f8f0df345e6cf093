"""Resolve a citation's verbatim passage to a character span in its source text."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.facts.model import Citation
from tui.domain.loading.passages import COUNTED, PassageFinder
from tui.domain.loading.problems import line_of_offset

# Past this size the closest-passage hint is skipped: it is a courtesy, not worth a stall.
_CLOSEST_LIMIT = 2_000_000


@dataclass(frozen=True, slots=True)
class Resolution:
    span: tuple[int, int] | None
    error: str | None


def needle(citation: Citation) -> tuple[str, int]:
    """What is looked for (the passage with its prefix and suffix around it, so that the
    text is searched once for exactly the wanted occurrences), and where the passage starts
    in it."""
    prefix = citation.prefix or ""
    return prefix + citation.exact + (citation.suffix or ""), len(prefix)


def resolve(finder: PassageFinder, citation: Citation, source_label: str,
            hints: HintBudget | None = None) -> Resolution:
    text, exact = finder.text, citation.exact
    whole, offset = needle(citation)
    found = finder.occurrences(whole)
    if not found.count:
        if whole != exact and finder.occurrences(exact).count:
            return Resolution(None, f"passage occurs in {source_label} but never with the "
                                    f"given prefix/suffix: {_clip(exact)}")
        hint = closest_hint(text, exact) if hints is None or hints.spend(
            len(text) * (ANCHORS + 1)) else ""
        return Resolution(None, f"passage not found verbatim in {source_label}: "
                                f"{_clip(exact)}{hint}")
    times = f"more than {COUNTED:,}" if found.more else f"{found.count}"
    if citation.occurrence is not None:
        if citation.occurrence > COUNTED:
            return Resolution(None, f"occurrence = {citation.occurrence:,}: at most the "
                                    f"{COUNTED:,}th occurrence of a passage can be picked")
        if citation.occurrence > found.count:
            return Resolution(None, f"occurrence = {citation.occurrence} but the passage occurs "
                                    f"{times} time(s) in {source_label}")
        start = found.starts[citation.occurrence - 1] + offset
    elif found.count > 1:
        lines = ", ".join(str(line_of_offset(text, s + offset)) for s in found.starts[:5])
        return Resolution(None, f"ambiguous passage: occurs {times} times in {source_label} "
                                f"(lines {lines}); add 'prefix'/'suffix' or 'occurrence': "
                                f"{_clip(exact)}")
    else:
        start = found.starts[0] + offset
    return Resolution((start, start + len(exact)), None)


class HintBudget:
    """How much source text the closest-passage hints of one load may still read: each
    costs a pass over its text, and a file of 10,000 unmatched citations would otherwise
    pay for 10,000."""

    def __init__(self, characters: int = 50_000_000) -> None:
        self.left = characters

    def spend(self, characters: int) -> bool:
        if characters > self.left:
            return False
        self.left -= characters
        return True


def closest_hint(text: str, exact: str) -> str:
    """'; closest passage (line N): ...; first difference ...' or '' when nothing is close.

    The closest passage is where the longest part of the citation occurs (at least 8
    characters), looked for from its start, from just past its first few marks (a straight
    quote where the source has a curly one) and from its end: each found by halving the
    length, one `str.find` a step, so a hint costs at most a few hundred scans of the text.
    (A longest common block found by difflib compared every character of the text with
    every equal one of the passage: quadratic, far too slow for a long passage of one letter
    against a text of that letter.)"""
    if not text or len(text) > _CLOSEST_LIMIT:
        return ""
    sure = min(8, len(exact))
    head, head_at = _longest(text, exact)
    tail = exact[len(exact) // 2:]
    tail_size, tail_at = _longest(text, tail, from_end=True)
    tail_end = tail_at + tail_size
    if head >= sure and tail_size >= sure and head_at < tail_end <= head_at + 2 * len(exact):
        # its start and its end found near each other: the passage is what lies between,
        # whatever was left out or added in the middle
        start = head_at
    else:
        best, start = head, head_at
        for offset in _anchors(exact)[1:]:  # just past each mark: '"', ',', '—'…
            size, at = _longest(text, exact[offset:])
            if size > best:
                best, start = size, max(0, at - offset)
        if tail_size > best:
            best, start = tail_size, max(0, tail_at - (len(exact) - tail_size))
        if best < sure:
            return ""
        from tui.domain.capture.anchor import aligned_start

        start = aligned_start(text, exact, start)
    end = tail_end if tail_size >= sure and start < tail_end <= start + 2 * len(exact) \
        else min(len(text), start + len(exact))
    candidate = text[start:end]
    hint = f"; closest passage (line {line_of_offset(text, start)}): {_clip(candidate)}"
    for i, (got, want) in enumerate(zip(candidate, exact, strict=False)):
        if got != want:
            hint += (f"; first difference at character {i + 1}: the source has {got!r} "
                     f"where the citation has {want!r}")
            break
    return hint


ANCHORS = 8
"""Places in a passage from which its longest part in the text is looked for."""


def _anchors(exact: str) -> list[int]:
    marks = [n + 1 for n, char in enumerate(exact[:-1])
             if not char.isalnum() and not char.isspace()]
    return [0, *marks[:ANCHORS - 1]]


def _longest(text: str, part: str, from_end: bool = False) -> tuple[int, int]:
    """The longest start of `part` (its longest end, `from_end`) that occurs in `text`, and
    where: each one that occurs contains every shorter one, so halving finds it."""
    low, high, at = 0, len(part), 0
    while low < high:
        middle = (low + high + 1) // 2
        found = text.find(part[len(part) - middle:] if from_end else part[:middle])
        if found >= 0:
            low, at = middle, found
        else:
            high = middle - 1
    return low, at


def _clip(text: str, limit: int = 120) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)
