"""Find a pasted passage in a source text, and the citation that picks it out (issue 14).

What a user pastes seldom matches the source character for character: a word processor
curls the quotes, a browser turns line breaks into spaces, a dash becomes a hyphen, a
character is lost or doubled. Both texts are compared in a normalised form (straight
quotes, one kind of dash, runs of white space as one space, case folded), with a map from
every normalised character back to the source's, so that the citation gives the source's
own characters. When the normalised passage is not in the normalised text, the closest
stretches are found with rapidfuzz and scored (0-100); above `CLOSE_ENOUGH` the best is
taken.

A citation is the exact text as the source has it, with the prefix, suffix or occurrence
the loader needs when that text occurs more than once (`tui.domain.loading.resolve`: it
looks for prefix + exact + suffix, and `occurrence` counts what remains).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.domain.present.safe_text import BIDI_CONTROLS

_FOLD = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
"""Characters typography varies, with the form both texts are compared in."""

CLOSE_ENOUGH = 90.0
"""The least score (rapidfuzz's partial ratio, 0-100) at which a stretch is taken for the
pasted passage: a character or two off in a sentence, not another sentence."""

_CONTEXT = 32
"""The most characters of prefix or suffix tried before an occurrence number is used."""

CANDIDATES = 3
"""How many of the closest stretches are reported when none is close enough."""


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    back: list[int]
    """For each character of `text`, the index of the source character it came from."""


def normalise(text: str) -> Normalised:
    out: list[str] = []
    back: list[int] = []
    space = True  # leading white space is dropped
    for index, char in enumerate(text):
        if char.isspace():
            if not space:
                out.append(" ")
                back.append(index)
                space = True
            continue
        space = False
        for folded in _FOLD.get(char, char).casefold():
            out.append(folded)
            back.append(index)
    if out and out[-1] == " ":
        out.pop()
        back.pop()
    return Normalised("".join(out), back)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A citation that resolves to one stretch of the source."""

    exact: str
    start: int
    """Where `exact` starts in the source text."""
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    score: float = 100.0
    """100 when the pasted passage matched after normalising; less for a near match."""


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class Found:
    anchors: list[Anchor]
    """Every stretch the passage matches (several when it occurs more than once); empty
    when none is close enough."""
    candidates: list[Candidate]
    """The closest stretches, best first, when none was close enough."""


def anchor(text: str, pasted: str, close_enough: float = CLOSE_ENOUGH) -> Found:
    found = nearest(text, pasted)
    if found.matches:
        return Found([citation(text, s, e) for s, e in found.matches], [])
    closest = found.candidates
    if closest and closest[0].score >= close_enough:
        best = closest[0]
        picked = citation(text, best.start, best.end)
        return Found([Anchor(picked.exact, picked.start, picked.prefix, picked.suffix,
                             picked.occurrence, best.score)], [])
    return Found([], closest)


@dataclass(frozen=True, slots=True)
class Nearest:
    matches: list[tuple[int, int]]
    """The source's [start, end) of every stretch the passage is after normalising."""
    candidates: list[Candidate]
    """When there is none: the closest stretches (whole words), best first, each scored,
    however close the second is to the first (`anchor` takes the best alone)."""


def nearest(text: str, pasted: str, source: Normalised | None = None,
            count: int = CANDIDATES) -> Nearest:
    """Where `pasted` is in `text`, or the `count` closest stretches. `source`: `text`
    normalised already (repairing many citations of one text normalises it once)."""
    wanted = normalise(pasted).text
    if not wanted:
        return Nearest([], [])
    if source is None:
        source = normalise(text)
    spans = _every(source.text, wanted)
    if spans:
        return Nearest([_original(source, s, e) for s, e in spans], [])
    return Nearest([], [Candidate(*_whole_words(text, c.start, c.end), c.score)
                        for c in _closest(source, wanted, count)])


def _every(haystack: str, needle: str) -> list[tuple[int, int]]:
    spans = []
    at = haystack.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = haystack.find(needle, at + 1)
    return spans


def _original(source: Normalised, start: int, end: int) -> tuple[int, int]:
    """The source's [start, end) for the normalised [start, end): from the first source
    character to the whole of the last one."""
    return source.back[start], source.back[end - 1] + 1


def _closest(source: Normalised, wanted: str, count: int) -> list[Candidate]:
    from rapidfuzz import fuzz

    found: list[Candidate] = []
    masked = source.text
    for _ in range(count):
        alignment = fuzz.partial_ratio_alignment(wanted, masked)
        if alignment is None or alignment.score <= 0:
            break
        start, end = alignment.dest_start, alignment.dest_end
        if end <= start:
            break
        found.append(Candidate(*_original(source, start, end), round(alignment.score, 1)))
        # the next best elsewhere: this stretch blanked out, its length kept
        masked = masked[:start] + "\0" * (end - start) + masked[end:]
    return found


_SNAP = 3
"""The most characters a near match's edge moves to take in the rest of a cut word."""

ALIGNED_UP_TO = 2_000
"""The longest passage `aligned_start` aligns: a sentence or a paragraph, at a cost of
microseconds; a longer one keeps the place it was given."""


def aligned_start(text: str, wanted: str, start: int) -> int:
    """Where the stretch of `text` that best matches `wanted` begins (at a word), close to
    `start`, where a search for one exact part of it put it: with a word left out or added
    before that part, the passage began a word or two off, and its "first difference" was a
    false one."""
    if len(wanted) > ALIGNED_UP_TO:
        return start
    from rapidfuzz import fuzz

    low = max(0, start - len(wanted))
    window = text[low : min(len(text), start + 2 * len(wanted))]
    alignment = fuzz.partial_ratio_alignment(wanted, window)
    if alignment is None or alignment.score <= 0 or alignment.dest_end <= alignment.dest_start:
        return start
    return _whole_words(text, low + alignment.dest_start, low + alignment.dest_end)[0]


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A near match's stretch, its edges moved out to whole words (an alignment may leave
    out a word's first or last letters) and in past white space."""
    for _ in range(_SNAP):
        if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
    for _ in range(_SNAP):
        if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def citation(text: str, start: int, end: int) -> Anchor:
    """The citation of text[start:end]: the exact characters, and the shortest prefix or
    suffix (whole words, up to `_CONTEXT` characters) that makes them unique; an occurrence
    number when none does."""
    exact = text[start:end]
    if _count(text, exact) == 1:
        return Anchor(exact, start)
    for size in _context_sizes(text, start, before=True):
        prefix = text[start - size:start]
        if _count(text, prefix + exact) == 1:
            return Anchor(exact, start, prefix=prefix)
    for size in _context_sizes(text, end, before=False):
        suffix = text[end:end + size]
        if _count(text, exact + suffix) == 1:
            return Anchor(exact, start, suffix=suffix)
    occurrence = 1 + sum(1 for s, _ in _every(text, exact) if s < start)
    return Anchor(exact, start, occurrence=occurrence)


def _context_sizes(text: str, at: int, before: bool) -> list[int]:
    """Lengths of context ending (or starting) at a word boundary, shortest first, each
    holding a word: white space alone (a line break before a paragraph) picks a passage out
    as well, but a source saved again with other line breaks loses it, and repairing the
    citation then has nothing to go by (found by a tester)."""
    sizes = []
    for size in range(1, _CONTEXT + 1):
        edge = at - size if before else at + size
        if edge < 0 or edge > len(text):
            break
        outer = edge - 1 if before else edge
        context = text[edge:at] if before else text[at:edge]
        if (outer < 0 or outer >= len(text) or text[outer].isspace()) and context.strip():
            sizes.append(size)
    return sizes or ([min(_CONTEXT, at)] if before else [min(_CONTEXT, len(text) - at)])


def _count(text: str, passage: str) -> int:
    """Occurrences of `passage`, overlapping ones included, as the loader counts them; it
    stops at two."""
    first = text.find(passage)
    if first < 0:
        return 0
    return 1 if text.find(passage, first + 1) < 0 else 2


_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def toml_string(value: str) -> str:
    """`value` as a TOML basic string whose every character is printable: control, bidi and
    line-separator characters as `\\uXXXX` escapes (the passage stays exact, and a terminal
    or an editor shows it as it is)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", escaped) + '"'
