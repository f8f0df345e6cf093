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
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tui.domain.crossref.quantities import DateRange
from tui.domain.crossref.series import Series

Role = str
_MARGIN = 9
"""Columns for the value axis's labels ("1,200,000" is shortened to "1.2M")."""


@dataclass(frozen=True, slots=True)
class Chart:
    rows: tuple[tuple[tuple[str, Role], ...], ...]
    """Each row as runs of (text, role)."""
    columns: dict[str, int]
    """Stated claim id -> the column its mark is drawn in (for the cursor's place)."""

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

    def runs(self) -> list[tuple[tuple[str, Role], ...]]:
        out = []
        for row in self.cells:
            runs: list[tuple[str, Role]] = []
            for char, role in row:
                if runs and runs[-1][1] == role:
                    runs[-1] = (runs[-1][0] + char, role)
                else:
                    runs.append((char, role))
            out.append(tuple(runs))
        return out


def _spans(series: Series) -> list[DateRange]:
    spans = [s.period for s in series.stated if s.period is not None]
    return spans + [i.period for i in series.implied]


def layout(series: Series, width: int, height: int, cursor: str | None = None) -> Chart:
    """The chart in `width` x `height` characters (axes and labels included)."""
    plot_w, plot_h = max(width - _MARGIN - 1, 4), max(height - 2, 3)
    spans = _spans(series)
    if not spans:
        return Chart((((" no dated figure in this series: nothing to draw in time", "label"),),),
                     {})
    t0 = min(s.start for s in spans)
    t1 = max(s.end for s in spans)
    days = max((t1 - t0).days, 1)
    finite = [v for s in series.stated for v in (s.value, s.allowed.lo, s.allowed.hi)
              if math.isfinite(v)]
    finite += [v for i in series.implied for v in (i.allowed.lo, i.allowed.hi)
               if math.isfinite(v)]
    top = max(max(finite, default=1.0), 1e-9) * 1.08

    span_w = max(plot_w - 3, 2)  # room at the right for the marks of figures ending last

    def col(day: dt.date) -> int:
        return round((day - t0).days / days * (span_w - 1))

    def row(value: float) -> int:
        if not math.isfinite(value):
            return 0
        return plot_h - 1 - round(max(value, 0.0) / top * (plot_h - 1))

    grid = _Grid(plot_w, plot_h)
    columns = _draw_stated(grid, series, col, row, cursor)
    _draw_implied(grid, series, col, row)
    body = grid.runs()
    labels = {0: short_number(top), plot_h // 2: short_number(top / 2), plot_h - 1: "0"}
    rows = [((labels.get(r, "").rjust(_MARGIN - 1) + " ┤", "axis"), *body[r])
            for r in range(plot_h)]
    rows.append((((" " * (_MARGIN - 1)) + " └" + "─" * plot_w, "axis"),))
    rows.append(((_year_ticks(t0, t1, plot_w, col), "axis"),))
    return Chart(tuple(rows), {k: v + _MARGIN + 1 for k, v in columns.items()})


Place = Callable[[Any], int]


def _draw_stated(grid: _Grid, series: Series, col: Place, row: Place, cursor: str | None
                 ) -> dict[str, int]:
    """Each stated figure's bar, range and marks; the column of each one's mark."""
    plot_w = grid.width
    columns: dict[str, int] = {}
    contradicted = {c for ids in series.contradictions for c in ids}
    for stated in series.stated:
        if stated.period is None:
            continue
        a, b = col(stated.period.start), col(stated.period.end)
        at_value = row(stated.value)
        role = "contradiction" if stated.claim_id in contradicted else "stated"
        if stated.claim_id == cursor:
            role = "cursor"
        bar = "─" if stated.part_year else "━"
        for c in range(a, b + 1):
            grid.put(at_value, c, bar, role)
        _range(grid, (a + b) // 2, row(stated.allowed.lo), row(stated.allowed.hi), "│",
               "range")
        mark = "✗" if stated.claim_id in contradicted else "●"
        line = grid.cells[at_value]
        at = b
        # another figure's mark is here: this one beside it, but no further from its time
        # than a couple of columns (a dense series has more figures than columns)
        while at < min(b + 2, plot_w - 1) and line[at][0] in _MARKS:
            at += 1
        columns[stated.claim_id] = at
        for n, _source in enumerate(stated.sources or ("",)):  # one mark per source
            grid.put(at_value, min(at + n, plot_w - 1), mark, role)
    return columns


def _draw_implied(grid: _Grid, series: Series, col: Place, row: Place) -> None:
    """Dashed, under what is stated: a value implied is never drawn over one stated."""
    for implied in series.implied:
        a, b = col(implied.period.start), col(implied.period.end)
        middle = row((implied.allowed.lo + implied.allowed.hi) / 2)
        free = next((c for c in range(b, a - 1, -1) if grid.cells[middle][c][0] == " "), None)
        if free is not None:  # its mark, where a stated figure's does not stand
            grid.put(middle, free, "◇", "implied")
        for c in range(a, b + 1):
            grid.put(middle, c, "┄", "implied", over=False)
        _range(grid, (a + b) // 2, row(implied.allowed.lo), row(implied.allowed.hi), "┆",
               "implied")


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
