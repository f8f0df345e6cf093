"""A series (`crossref.series`) laid out as a character chart: what the series view draws and
what its SVG export shows. Time runs across, values up; each stated figure is a bar across
the period it covers (Jan-Nov is eleven months wide, a year twelve) at its value, with a
vertical range where its words allow more than one value ("nearly 1.2 million"); a value a
growth implies is a dashed bar; a contradicted figure is marked ✗. Plain Python: cells carry
a role (`stated`, `implied`, `range`, `contradiction`, `cursor`, `axis`, `label`), and the
widget gives each role a theme colour.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from tui.domain.crossref.quantities import DateRange
from tui.domain.crossref.series import Series

Role = str
_MARGIN = 9
"""Columns for the value axis's labels ("1,200,000" is shortened to "1.2M")."""


class _Mark(NamedTuple):
    """Where a stated figure was drawn: its bar from column `a` to `b` on `row`, its marks
    from `at`, one per source."""

    row: int
    a: int
    b: int
    at: int
    marks: int
    bar: str
    mark: str


_Where = tuple[int, int, int, int, int, str, str]
"""A `_Mark`'s fields: 10,000 of these are made in the time of 1,000 `_Mark`s."""


@dataclass(frozen=True, slots=True)
class Chart:
    rows: tuple[tuple[tuple[str, Role], ...], ...]
    """Each row as runs of (text, role)."""
    places: dict[str, _Where]

    @property
    def columns(self) -> dict[str, int]:
        """Stated claim id (or `implied_key`) -> the column its mark is drawn in (for the
        cursor's place)."""
        return {k: where[3] + _MARGIN + 1 for k, where in self.places.items()}

    def text(self) -> str:
        return "\n".join("".join(t for t, _ in row) for row in self.rows)


def short_number(value: float) -> str:
    """A value axis label in a few characters: 1.2M, 500k, 937k, 2.4."""
    magnitude = abs(value)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if magnitude >= size:
            scaled = value / size
            return f"{scaled:.1f}".rstrip("0").rstrip(".") + suffix if scaled < 10 \
                else f"{scaled:.0f}{suffix}"
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


_MARKS = frozenset("●✗")

LEGEND_ITEMS = ("━ a year", "─ part of a year", "│ what its words allow", "┄◇ implied by a growth",
                "✗ contradicted", "● one per source")


def legend(width: int) -> str:
    """The legend in lines of at most `width` characters, broken between its items (never
    between a mark and what it means)."""
    lines: list[str] = []
    for item in LEGEND_ITEMS:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        else:
            lines.append(item)
    return "\n".join(lines)


class _Grid:
    def __init__(self, width: int, height: int) -> None:
        self.cells = [[(" ", "")] * width for _ in range(height)]
        self.width, self.height = width, height

    def put(self, row: int, col: int, char: str, role: Role, over: bool = True) -> None:
        if not (0 <= row < self.height and 0 <= col < self.width):
            return
        here = self.cells[row][col][0]
        if here in _MARKS and char not in _MARKS:
            return  # a figure's mark is never drawn over by a bar
        if over or here == " ":
            self.cells[row][col] = (char, role)


def _spans(series: Series) -> list[DateRange]:
    spans = [s.period for s in series.stated if s.period is not None]
    return spans + [i.period for i in series.implied]


Runs = tuple[tuple[str, Role], ...]


@dataclass(frozen=True, slots=True)
class Drawing:
    """A series drawn at one size, without the cursor: made once for the size (a series of
    10,000 figures takes tens of milliseconds), then `chart(cursor)` for each cursor move,
    which draws one row again."""

    body: tuple[tuple[tuple[str, Role], ...], ...]
    """The plot area, a (char, role) per cell."""
    frame: tuple[Runs, ...]
    """Per plot row its value label; then the axis and the years."""
    places: dict[str, _Where]
    empty: str = ""
    """What is shown instead when nothing is dated."""
    lines: tuple[Runs, ...] = ()
    """Every row of the chart without a cursor, as runs of (text, role)."""

    def cursor_row(self, cursor: str | None) -> int | None:
        """The row the figure `cursor` is marked on (the only row the cursor changes)."""
        where = self.places.get(cursor) if cursor is not None else None
        return where[0] if where is not None and not self.empty else None

    def chart(self, cursor: str | None = None) -> Chart:
        if self.empty:
            return Chart((((self.empty, "label"),),), self.places)
        row = self.cursor_row(cursor)
        if row is None:
            return Chart(self.lines, self.places)
        assert cursor is not None
        rows = list(self.lines)
        rows[row] = self.line_with_cursor(cursor)
        return Chart(tuple(rows), self.places)

    def line_with_cursor(self, cursor: str) -> Runs:
        """The cursor's row, its figure drawn over its neighbours: the figure looked at is
        never hidden."""
        place = _Mark(*self.places[cursor])
        line = list(self.body[place.row])
        _paint(line, place, "cursor", over_contradictions=True)
        return (*self.frame[place.row], *_runs(tuple(line)))


def _paint(line: list[tuple[str, Role]], place: _Mark, role: Role,
           over_contradictions: bool = False) -> None:
    """A figure's bar (never over a figure's mark) and its marks, one per source (over a
    contradiction's only when asked: the cursor's)."""
    for c in range(place.a, place.b + 1):
        if line[c][0] not in _MARKS:
            line[c] = (place.bar, role)
    last = len(line) - 1
    for n in range(place.marks):
        cell = min(place.at + n, last)
        if over_contradictions or line[cell][0] != "✗":
            line[cell] = (place.mark, role)


def _runs(cells: tuple[tuple[str, Role], ...]) -> tuple[tuple[str, Role], ...]:
    runs: list[tuple[str, Role]] = []
    for role, group in itertools.groupby(cells, key=lambda cell: cell[1]):
        runs.append(("".join(char for char, _ in group), role))
    return tuple(runs)


def layout(series: Series, width: int, height: int, cursor: str | None = None) -> Chart:
    """The chart in `width` x `height` characters (axes and labels included)."""
    return draw(series, width, height).chart(cursor)


def draw(series: Series, width: int, height: int) -> Drawing:
    """The series at `width` x `height` characters, without a cursor (`Drawing.chart`)."""
    plot_w, plot_h = max(width - _MARGIN - 1, 4), max(height - 2, 3)
    spans = _spans(series)
    if not spans:
        return Drawing((), (), {}, " no dated figure in this series: nothing to draw in time")
    t0 = min(s.start for s in spans)
    t1 = max(s.end for s in spans)
    days = max((t1 - t0).days, 1)
    finite = [v for s in series.stated for v in (s.value, s.allowed.lo, s.allowed.hi)
              if math.isfinite(v)]
    finite += [v for i in series.implied for v in (i.allowed.lo, i.allowed.hi)
               if math.isfinite(v)]
    top = max(max(finite, default=1.0), 1e-9) * 1.08
    span_w = max(plot_w - 3, 2)  # room at the right for the marks of figures ending last
    scale = _Scale(t0.toordinal(), (span_w - 1) / days, plot_h - 1, (plot_h - 1) / top)
    col = scale.col

    grid = _Grid(plot_w, plot_h)
    places = _draw_stated(grid, series, scale)
    places.update(_draw_implied(grid, series, scale))
    labels = {0: short_number(top), plot_h // 2: short_number(top / 2), plot_h - 1: "0"}
    frame = [((labels.get(r, "").rjust(_MARGIN - 1) + " ┤", "axis"),) for r in range(plot_h)]
    frame.append((((" " * (_MARGIN - 1)) + " └" + "─" * plot_w, "axis"),))
    frame.append(((_year_ticks(t0, t1, plot_w, col), "axis"),))
    body = tuple(tuple(line) for line in grid.cells)
    lines = tuple((*frame[r], *_runs(body[r])) for r in range(plot_h)) + tuple(frame[plot_h:])
    return Drawing(body, tuple(frame), places, lines=lines)


Place = Callable[[Any], int]


class _Scale(NamedTuple):
    """Days to columns and values to rows."""

    first: int
    """The first day's ordinal: column 0."""
    across: float
    """Columns a day."""
    bottom: int
    up: float
    """Rows a unit of value."""

    def col(self, day: dt.date) -> int:
        return round((day.toordinal() - self.first) * self.across)

    def row(self, value: float) -> int:
        if not math.isfinite(value):
            return 0
        return self.bottom - round(max(value, 0.0) * self.up)


def _draw_stated(grid: _Grid, series: Series, scale: _Scale) -> dict[str, _Where]:
    """Each stated figure's bar, range and marks; where each one was drawn. (The loop a series
    of 10,000 figures spends its drawing in: a `_Mark` is made only for the cursor's figure,
    the scale is worked out here rather than called, and the usual figure, one day and one
    source, is painted here rather than by `_paint`.)"""
    last = grid.width - 1
    places: dict[str, _Where] = {}
    contradicted = {c for ids in series.contradictions for c in ids}
    cells = grid.cells
    first, across, bottom, up = scale
    finite = math.isfinite
    looks = {(contradiction, part): ((bar, role), (mark, role), mark, bar, role)
             for contradiction, role, mark in ((False, "stated", "●"),
                                               (True, "contradiction", "✗"))
             for part, bar in ((True, "─"), (False, "━"))}
    # A one-day, one-source, one-value figure whose mark went as far from its day as marks
    # may (every cell between is a mark, and marks stay) paints nothing new when drawn
    # again: a dense series' next figures at that row and column take its place unpainted.
    full: dict[tuple[int, int, tuple[Any, ...]], _Where] = {}
    for stated in series.stated:
        period = stated.period
        if period is None:
            continue
        a = round((period.start.toordinal() - first) * across)
        b = a if period.end == period.start else round((period.end.toordinal() - first) * across)
        value = stated.value
        at_value = bottom - round(max(value, 0.0) * up) if finite(value) else 0
        look = looks[stated.claim_id in contradicted, stated.part_year]
        marks = len(stated.sources) or 1
        low, high = stated.allowed.lo, stated.allowed.hi
        single = a == b and marks == 1 and low == high
        if single:
            known = full.get((at_value, a, look))
            if known is not None:
                places[stated.claim_id] = known
                continue
        bar_cell, mark_cell, mark, bar, role = look
        line = cells[at_value]
        at, furthest = b, min(b + 2, last)
        # another figure's mark is here: this one beside it, but no further from its time
        # than a couple of columns (a dense series has more figures than columns)
        while at < furthest and line[at][0] in _MARKS:
            at += 1
        where = places[stated.claim_id] = (at_value, a, b, at, marks, bar, mark)
        if single:
            if line[a][0] not in _MARKS:
                line[a] = bar_cell
            if line[at][0] != "✗":
                line[at] = mark_cell
            if at == furthest:
                full[at_value, a, look] = where
        else:
            _paint(line, _Mark(*where), role)
        if low != high:
            _range(grid, (a + b) // 2, scale.row(low), scale.row(high), "│", "range")
    return places


def implied_key(index: int) -> str:
    """The place of the series' `index`th implied value among the drawing's (never a claim's
    id: ids have no ◇)."""
    return f"◇{index}"


def _draw_implied(grid: _Grid, series: Series, scale: _Scale) -> dict[str, _Where]:
    """Dashed, under what is stated: a value implied is never drawn over one stated; where
    each one was drawn, for the cursor."""
    col, row = scale.col, scale.row
    places: dict[str, _Where] = {}
    for n, implied in enumerate(series.implied):
        a, b = col(implied.period.start), col(implied.period.end)
        middle = row((implied.allowed.lo + implied.allowed.hi) / 2)
        line = grid.cells[middle]
        free = next((c for c in range(b, a - 1, -1) if line[c][0] == " "), None)
        if free is None:
            # a short chart puts it on a stated figure's bar: on the bar, then (the two agree
            # at this height), never on a figure's mark
            free = next((c for c in range(b, a - 1, -1) if line[c][0] not in _MARKS), None)
        if free is not None:
            grid.put(middle, free, "◇", "implied")
        for c in range(a, b + 1):
            grid.put(middle, c, "┄", "implied", over=False)
        _range(grid, (a + b) // 2, row(implied.allowed.lo), row(implied.allowed.hi), "┆",
               "implied")
        places[implied_key(n)] = (middle, a, b, b if free is None else free, 1, "┄", "◇")
    return places


def _range(grid: _Grid, c: int, low_row: int, high_row: int, char: str, role: Role) -> None:
    for r in range(min(low_row, high_row), max(low_row, high_row) + 1):
        grid.put(r, c, char, role, over=False)


def _year_ticks(t0: dt.date, t1: dt.date, plot_w: int, col: Place) -> str:
    line = [" "] * (plot_w + _MARGIN + 1)
    years = t1.year - t0.year + 1
    # every year, every other, every fifth…: a label needs 4 columns, 2 more for spaces
    # however the columns round
    step = next(n for n in (1, 2, 5, 10, 20, 50, 100, 10**9) if plot_w / years * n >= 6)
    for year in range(t0.year, t1.year + 1, step):
        at = col(max(dt.date(year, 1, 1), t0)) + _MARGIN + 1
        text = str(year)
        # a space on either side: years never run together in a narrow chart
        if all(ch == " " for ch in line[max(at - 1, 0):at + len(text) + 1]):
            line[at:at + len(text)] = text
    return "".join(line).rstrip()
