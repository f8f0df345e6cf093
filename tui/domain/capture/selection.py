"""A cursor and a selection in a source text, moved by word and by sentence (issue 14).

The reader's visual mode: the user puts the cursor on a passage, starts a selection there
(`v`, the word under the cursor; `V`, its sentence) and extends or shrinks it a word or a
sentence at a time, as vim's visual mode and less's marks do, instead of dragging a mouse
over a terminal's soft-wrapped rows. Offsets are into the source text itself, so what is
selected is the source's own characters, the citation's `exact`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD_RE = re.compile(r"\S+")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "co", "corp",
    "inc", "ltd", "plc", "vs", "etc", "e.g", "i.e", "no", "fig"})
"""Words a full stop follows without ending a sentence ("Mr. Gong", "Ltd. said")."""
_SENTENCE_END_RE = re.compile(r"""[.!?…]+[”’"')\]]*(?=\s|$)|\n\s*\n|\n(?=\s*[-*•])""")
"""Where a sentence ends: its closing mark (and the quotes or brackets that close with it)
before white space, or a paragraph break (a blank line; a line break before a list item)."""
_LINE_END_RE = re.compile(r"""[.!?…]+[”’"')\]]*(?=\s|$)|\n""")
"""The same in a text whose every line is a paragraph (an HTML page's article text, which has
no blank lines): a heading ends at its line break."""


def lines_are_paragraphs(text: str) -> bool:
    """A text with line breaks but no blank line is a paragraph a line; one with blank lines
    may be wrapped by hand, its single line breaks inside sentences."""
    return "\n" in text and "\n\n" not in text


def word_at(text: str, offset: int) -> tuple[int, int]:
    """The word (a run of non-space characters) holding `offset`, or the next one after
    it; (offset, offset) when only white space follows."""
    for match in _WORD_RE.finditer(text, _line_start(text, offset)):
        if match.end() > offset:
            return match.start(), match.end()
    return offset, offset


def next_word_start(text: str, offset: int) -> int:
    """Where the word after the one at `offset` starts (the end of the text when none)."""
    at = offset
    while at < len(text) and not text[at].isspace():
        at += 1
    match = _WORD_RE.search(text, at)
    return len(text) if match is None else match.start()


def previous_word_start(text: str, offset: int) -> int:
    """Where the word before `offset` starts, or the start of the word `offset` is inside
    (vim's `b`); 0 when none."""
    at = offset
    while at > 0 and text[at - 1].isspace():
        at -= 1
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def next_word_end(text: str, offset: int) -> int:
    """The end of the first word ending after `offset` (the end of the text when none)."""
    match = _WORD_RE.search(text, offset)
    return len(text) if match is None else match.end()


def previous_word_end(text: str, offset: int) -> int:
    """The end of the last word ending before `offset` (0 when none)."""
    at = offset
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, max(0, offset)) + 1


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if "\n" in match.group():
        return True
    before = text[max(0, match.start() - 6):match.start()].split()
    word = before[-1].lower().lstrip("(\"“‘'") if before else ""
    # not after "Mr." or an initial ("J.")
    return not (match.group().startswith(".") and (
        word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())))


_WINDOW = 4096
"""How far from the cursor sentence marks are looked for at a time (a source can be one
line of megabytes)."""


def sentence_ends(text: str, start: int, end: int, lines: bool = False) -> list[int]:
    """Where sentences end within text[start:end]: just after their closing marks, or where
    a paragraph break begins. A mark right at `end` counts only at the end of the text (what
    follows it is not known)."""
    found = []
    for match in (_LINE_END_RE if lines else _SENTENCE_END_RE).finditer(text, start, end):
        if match.end() == end < len(text) and "\n" not in match.group():
            continue
        if _ends_sentence(text, match):
            found.append(match.start() if "\n" in match.group() else match.end())
    return found


def _sentence_start(text: str, offset: int, lines: bool = False) -> int:
    """The start of the sentence holding `offset` (the next one when `offset` is in the
    white space between two)."""
    begin = max(0, offset - _WINDOW)
    ends = [e for e in sentence_ends(text, begin, min(len(text), offset + 1), lines)
            if e <= offset]
    start = ends[-1] if ends else begin
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _sentence_end(text: str, offset: int, lines: bool = False) -> int:
    """The end of the first sentence ending at or after `offset`."""
    at = max(0, offset - 1)
    while at < len(text):
        stop = min(len(text), at + _WINDOW)
        for end in sentence_ends(text, at, stop, lines):
            if end >= offset:
                return end
        at = stop - 8 if stop < len(text) else stop  # a mark cut at the edge is seen again
    return len(text)


def sentence_at(text: str, offset: int, lines: bool = False) -> tuple[int, int]:
    """The sentence holding `offset`, white space around it left out (`lines`: the text is
    a paragraph a line, see `lines_are_paragraphs`)."""
    start = _sentence_start(text, offset, lines)
    return _trimmed(text, start, _sentence_end(text, start + 1, lines))


def next_sentence_start(text: str, offset: int, lines: bool = False) -> int:
    end = _sentence_end(text, offset + 1, lines)
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def previous_sentence_start(text: str, offset: int, lines: bool = False) -> int:
    """The start of the sentence `offset` is in, or of the one before when it is at a
    sentence's start (vim's `(`)."""
    start = _sentence_start(text, offset, lines)
    if start < offset:
        return start
    back = offset - 1
    while back > 0 and text[back].isspace():
        back -= 1
    return _sentence_start(text, max(0, back), lines) if offset > 0 else 0


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class TextCursor:
    """Where the reader's cursor is, and the selection's fixed end when one is being made.
    `at` moves; the selection runs between `anchor` and `at`."""

    text: str
    at: int = 0
    anchor: int | None = None
    lines: bool = field(init=False)
    """The text is a paragraph a line (`lines_are_paragraphs`)."""

    def __post_init__(self) -> None:
        self.lines = lines_are_paragraphs(self.text)

    @property
    def selecting(self) -> bool:
        return self.anchor is not None

    @property
    def span(self) -> tuple[int, int] | None:
        """The selection, white space at its ends left out; None when none or empty."""
        if self.anchor is None:
            return None
        start, end = _trimmed(self.text, min(self.anchor, self.at), max(self.anchor, self.at))
        return (start, end) if start < end else None

    def place(self, offset: int) -> None:
        self.at = max(0, min(offset, len(self.text)))

    def select_word(self) -> None:
        """Start a selection: the word under the cursor."""
        self.anchor, self.at = word_at(self.text, self.at)

    def select_sentence(self) -> None:
        """Start a selection: the sentence the cursor is in."""
        self.anchor, self.at = sentence_at(self.text, self.at, self.lines)

    def cancel(self) -> None:
        if self.anchor is not None:
            self.at = min(self.anchor, self.at)
        self.anchor = None

    def by_word(self, delta: int) -> None:
        """Forward or back a word: the cursor to the next or previous word's start; while
        selecting, the moving end to the next or previous word's end."""
        text = self.text
        if self.anchor is None:
            self.at = next_word_start(text, self.at) if delta > 0 else \
                previous_word_start(text, self.at)
        elif delta > 0:
            self.at = next_word_end(text, self.at)
        else:
            self.at = self._back_to(previous_word_end(text, self.at))

    def by_sentence(self, delta: int) -> None:
        """Forward or back a sentence, as `by_word` does a word."""
        text = self.text
        if self.anchor is None:
            self.at = next_sentence_start(text, self.at, self.lines) if delta > 0 else \
                previous_sentence_start(text, self.at, self.lines)
        elif delta > 0:
            end = _sentence_end(text, self.at + 1, self.lines)
            self.at = _trimmed(text, self.at, end)[1] if end > self.at else end
        else:
            ends = [e for e in sentence_ends(text, self.anchor, self.at, self.lines)
                    if e < self.at]
            self.at = self._back_to(ends[-1] if ends else self.anchor)

    def _back_to(self, offset: int) -> int:
        """A selection shrunk back no further than its first word."""
        assert self.anchor is not None
        if offset <= self.anchor:
            return word_at(self.text, self.anchor)[1]
        return offset
