"""Where each row of a source text falls once its lines are soft-wrapped to a width.

A reader that lays out a 64 MB text in full before drawing it freezes; this layout keeps, for
the whole text, only where each line starts and how many rows the lines longer than the width
take (one cheap pass per width: a line that fits takes one row, a longer one is cut with
`str.rfind` once per row, never measured a character at a time when its characters are all one
cell wide). The rows of a line are worked out again when it is drawn, and kept for a while.

Rows: each line's wrapped rows, then a blank row when the next line is not empty too, so
paragraphs stand apart whether or not the text leaves blank lines between them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from array import array
from collections import OrderedDict
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size

from tui.domain.present.safe_text import clean

MIN_WIDTH = 20
"""Narrower than this, rows are cut off rather than folded into a column of a few letters (a
64 MB text folded at one column is 64 million rows)."""

_NARROW = ("\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e"
           "\u2400-\u2426")
"""Characters one cell wide that `clean` leaves as they are. A line of only these is wrapped
by counting characters; any other (a control, a bidi mark, a wide or a combining character)
makes it a measured line: cleaned first, then wrapped by counting characters again if that
left only these (controls become control pictures), else cell by cell."""
_MEASURED_RE = re.compile(f"[^{_NARROW}\n]")
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
_NOT_SPACE_RE = re.compile("[^ ]")
_KEEP_WRAPS = 512
_KEEP_CLEANED = 64
_BLOCK = 4096


@lru_cache(maxsize=65536)
def _cells(char: str) -> int:
    return get_character_cell_size(char)


class SourceLayout:
    """Lines and rows of one text; `set_width` before asking about rows."""

    def __init__(self, text: str) -> None:
        self.text = text
        pieces = text.split("\n")
        if len(pieces) > 1 and pieces[-1] == "":
            pieces.pop()  # a final newline ends the last line; it starts none
        self._lengths = array("q", map(len, pieces))
        del pieces
        self.starts = array("q", itertools.accumulate(
            self._lengths, lambda offset, length: offset + length + 1, initial=0))
        """starts[i]: where line i starts; starts[-1] is one past the end of the last line."""
        self.line_count = len(self._lengths)
        following = itertools.chain(itertools.islice(self._lengths, 1, None), [0])
        self._base = array("q", itertools.accumulate(
            (1 + (a > 0 and b > 0) for a, b in zip(self._lengths, following, strict=True)),
            initial=0))
        """Rows before line i were every line one row long: its own, and a blank row after
        it when it and the next are not empty."""
        self._measured = self._measured_lines()
        self.width = 0
        self._long = array("q")
        """The lines that take more than one row at `width`, in order."""
        self._extra = array("q", [0])
        """_extra[j]: the rows the first j long lines take beyond one each."""
        self._wraps: OrderedDict[int, tuple[array[int], array[int]]] = OrderedDict()
        self._added_before: OrderedDict[int, array[int]] = OrderedDict()
        self._cleaned: OrderedDict[int, str] = OrderedDict()

    def _measured_lines(self) -> frozenset[int]:
        text = self.text
        if text.isascii() and not text.encode("ascii").translate(None, _PLAIN_ASCII):
            return frozenset()  # the usual case, found at the speed of a copy
        found = []
        at = 0
        while (match := _MEASURED_RE.search(text, at)) is not None:
            line = self.line_of(match.start())
            found.append(line)
            at = self.starts[line + 1]
        return frozenset(found)

    # ── lines ──────────────────────────────────────────────────────────────────────

    def line_of(self, offset: int) -> int:
        """The line holding `offset` (the newline ending a line belongs to it)."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return max(0, min(line, self.line_count - 1))

    def span(self, line: int) -> tuple[int, int]:
        """Where the line starts and ends in the text (its newline left out)."""
        start = self.starts[line]
        return start, start + self._lengths[line]

    def shown(self, line: int) -> str:
        """The line as drawn: made harmless, tabs and controls as visible characters."""
        start, end = self.span(line)
        if line not in self._measured:
            return self.text[start:end]
        cleaned = self._cleaned.get(line)
        if cleaned is None:
            cleaned = self._cleaned[line] = clean(self.text[start:end])
            if len(self._cleaned) > _KEEP_CLEANED:
                self._cleaned.popitem(last=False)
        else:
            self._cleaned.move_to_end(line)
        return cleaned

    def row_text(self, line: int, row: int) -> tuple[str, int]:
        """What row `row` of the line shows, and where that starts in `shown(line)`. Only the
        row is copied: a whole line can be the whole 64 MB text."""
        starts, ends = self.wrap(line)
        a, b = starts[row], ends[row]
        if line in self._measured:
            return self.shown(line)[a:b], a
        start = self.starts[line]
        return self.text[start + a:start + b], a

    def to_shown(self, line: int, offset: int) -> int:
        """Where `offset` (into the text) falls in `shown(line)`, clamped to the line."""
        start, end = self.span(line)
        inside = max(start, min(offset, end)) - start
        if line not in self._measured:
            return inside
        block = inside // _BLOCK
        at = start + block * _BLOCK
        added = self._added(line, block)
        return block * _BLOCK + added + len(clean(self.text[at:start + inside]))

    def _added(self, line: int, blocks: int) -> int:
        """What `clean` adds to the line's first `blocks` blocks of _BLOCK characters. It
        changes each character on its own, so a block's share is its own length change; the
        sums are kept, and made only as far as asked (a line can be 64 MB of controls)."""
        sums = self._added_before.get(line)
        if sums is None:
            sums = self._added_before[line] = array("q", [0])
            if len(self._added_before) > _KEEP_WRAPS:
                self._added_before.popitem(last=False)
        else:
            self._added_before.move_to_end(line)
        start = self.starts[line]
        while len(sums) <= blocks:
            at = start + (len(sums) - 1) * _BLOCK
            piece = self.text[at:at + _BLOCK]
            sums.append(sums[-1] + len(clean(piece)) - len(piece))
        return sums[blocks]

    # ── rows ───────────────────────────────────────────────────────────────────────

    def set_width(self, width: int) -> bool:
        """Wrap to `width` cells (at least MIN_WIDTH); False when it already was."""
        width = max(width, MIN_WIDTH)
        if width == self.width:
            return False
        self.width = width
        self._wraps.clear()
        measured = self._measured
        candidates = [i for i, length in enumerate(self._lengths) if length > width]
        if measured:
            candidates = sorted(set(candidates) | measured)
        long, extra, total = array("q"), array("q", [0]), 0
        for line in candidates:
            rows = len(self.wrap(line)[0])
            if rows > 1:
                total += rows - 1
                long.append(line)
                extra.append(total)
        self._long, self._extra = long, extra
        return True

    @property
    def row_count(self) -> int:
        return self.row_of_line(self.line_count)

    def row_of_line(self, line: int) -> int:
        """The first row of `line` (`line_count`: one past the last row)."""
        return self._base[line] + self._extra[bisect.bisect_left(self._long, line)]

    def rows_of(self, line: int) -> int:
        """How many rows the line's text takes (its blank row after it left out)."""
        j = bisect.bisect_left(self._long, line)
        if j < len(self._long) and self._long[j] == line:
            return 1 + self._extra[j + 1] - self._extra[j]
        return 1

    def line_at_row(self, row: int) -> tuple[int, int]:
        """(line, row within it) of a row; the row within it is `rows_of(line)` for the blank
        row after it."""
        line = bisect.bisect_right(range(self.line_count), row, key=self.row_of_line) - 1
        line = max(0, line)
        return line, row - self.row_of_line(line)

    def offset_at_row(self, row: int) -> int:
        """Where `row` starts in the text (a measured line's rows: where the line does, as
        its shown characters are not the text's)."""
        line, within = self.line_at_row(row)
        if within >= self.rows_of(line):  # the blank row after a paragraph: the next line
            return self.span(min(line + 1, self.line_count - 1))[0]
        start, _ = self.span(line)
        if line in self._measured:
            return start
        return start + self.wrap(line)[0][within]

    def column_of(self, offset: int) -> int:
        return offset - self.offset_at_row(self.row_of_offset(offset))

    def offset_rows_away(self, offset: int, rows: int, column: int | None = None) -> int:
        """The offset `rows` rows below `offset` (above: negative), in its column (or
        `column`, the one a cursor moving up and down keeps wanting across short rows) where
        that row is long enough, as a cursor moves with j and k; the blank row between two
        paragraphs is passed over, and the first and last rows are as far as it goes."""
        row = self.row_of_offset(offset)
        if column is None:
            column = self.column_of(offset)
        step, target = (1 if rows > 0 else -1), row
        for _ in range(abs(rows)):
            after = target + step
            while 0 <= after < self.row_count and self._blank(after):
                after += step
            if not 0 <= after < self.row_count:
                break
            target = after
        if target == row:
            return offset
        start = self.offset_at_row(target)
        line, within = self.line_at_row(target)
        last = self.offset_at_row(target + 1) if within + 1 < self.rows_of(line) \
            else self.span(line)[1]
        return max(start, min(start + column, last - 1))  # on the row's last character

    def _blank(self, row: int) -> bool:
        line, within = self.line_at_row(row)
        return within >= self.rows_of(line)

    def row_of_offset(self, offset: int) -> int:
        line = self.line_of(offset)
        starts, _ = self.wrap(line)
        within = bisect.bisect_right(starts, self.to_shown(line, offset)) - 1
        return self.row_of_line(line) + max(0, within)

    def wrap(self, line: int) -> tuple[array[int], array[int]]:
        """Where each row of the line starts and ends in `shown(line)`."""
        cached = self._wraps.get(line)
        if cached is not None:
            self._wraps.move_to_end(line)
            return cached
        if line in self._measured:
            shown = self.shown(line)
            if _MEASURED_RE.search(shown) is None:  # only controls, now control pictures
                rows = _wrap_narrow(shown, 0, len(shown), self.width)
            else:
                rows = _wrap_measured(shown, self.width)
        else:
            rows = _wrap_narrow(self.text, *self.span(line), self.width)
        self._wraps[line] = rows
        if len(self._wraps) > _KEEP_WRAPS:
            self._wraps.popitem(last=False)
        return rows


def _skip_spaces(text: str, at: int, end: int) -> int:
    if text[at:at + 1] != " ":
        return at
    found = _NOT_SPACE_RE.search(text, at, end)
    return end if found is None else found.start()


def _wrap_narrow(text: str, start: int, end: int, width: int) -> tuple[array[int], array[int]]:
    """Rows of text[start:end], every character one cell wide: a cell is a character, so one
    `rfind` per row finds where it breaks."""
    starts, ends = array("q"), array("q")
    at = start
    while end - at > width:
        cut = text.rfind(" ", at + 1, at + width + 1)
        starts.append(at - start)
        if cut < 0:  # one word longer than the row: cut it
            ends.append(at + width - start)
            at += width
        else:
            ends.append(cut - start)
            at = _skip_spaces(text, cut + 1, end)
    if at < end or not starts:
        starts.append(at - start)
        ends.append(end - start)
    return starts, ends


def _wrap_measured(line: str, width: int) -> tuple[array[int], array[int]]:
    """Rows of a line whose characters may be zero, one or two cells wide."""
    starts, ends = array("q"), array("q")
    at, size = 0, len(line)
    joined = "\u200d" in line or "\ufe0f" in line
    widths = array("B", map(_cells, line))  # each character measured once, not once a row
    while at < size:
        # the cells of the characters from `at`, a row's worth (more if some take none)
        window = width + 1
        while True:
            cells = list(itertools.accumulate(widths[at:at + window], initial=0))
            if cells[-1] > width or at + window >= size:
                break
            window *= 2
        fits = max(1, bisect.bisect_right(cells, width) - 1)  # characters from `at` that
        # fit; a character wider than the row still takes one
        if joined:  # counted one by one, a joiner's or a selector's cells come out wrong
            while fits > 1 and cell_len(line[at:at + fits]) > width:
                fits -= 1
        if at + fits >= size:
            starts.append(at)
            ends.append(size)
            break
        cut = line.rfind(" ", at + 1, at + fits + 1)
        starts.append(at)
        if cut < 0:
            ends.append(at + fits)
            at += fits
        else:
            ends.append(cut)
            at = _skip_spaces(line, cut + 1, size)
    if not starts:
        starts.append(0)
        ends.append(size)
    return starts, ends
