"""The series chart: `tui.domain.present.series_chart` drawn at the widget's size, each role
in the theme's colours (`widgets.palette`).

Drawn line by line (Textual's Line API): a cursor move draws again the row the cursor leaves
and the row it goes to, not the chart (a Text of the whole chart was made, and cut into
lines by Textual, at every move and at each of a new screen's first layouts).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.domain.crossref.series import Series
from tui.domain.present.series_chart import Drawing, Runs, draw
from tui.widgets.palette import Palette, current_palette, follow_theme


def role_styles(palette: Palette) -> dict[str, Style]:
    return {
        "stated": palette.link, "cursor": palette.match + Style(bold=True),
        "contradiction": palette.contradiction, "implied": palette.date,
        "range": palette.bar, "axis": Style(dim=True), "label": Style(dim=True), "": Style(),
    }


class SeriesChart(Widget):
    def __init__(self, series: Series, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series = series
        self.cursor: str | None = None
        self._drawn: tuple[tuple[int, int], Drawing] | None = None
        """The series drawn at the last size: a cursor move only marks its figure on it."""
        self._strips: dict[int, Strip] = {}
        """Each row as drawn without the cursor."""
        self._cursor_strip: tuple[int, str, Strip] | None = None
        """The cursor's row as drawn, with the cursor's figure."""

    def on_mount(self) -> None:
        follow_theme(self, SeriesChart._repaint)

    def _repaint(self) -> None:
        self._strips.clear()
        self._cursor_strip = None
        self.refresh()

    def show(self, series: Series) -> None:
        """Another series (the series view is kept and shown again): drawn when rendered."""
        if series is not self.series:
            self.series, self._drawn, self.cursor = series, None, None
            self._repaint()

    def point_at(self, claim_id: str | None) -> None:
        if claim_id == self.cursor:
            return
        drawing = self._drawn[1] if self._drawn is not None else None
        if drawing is None:  # drawn with the cursor when first drawn
            self.cursor = claim_id
            return
        rows = {drawing.cursor_row(self.cursor), drawing.cursor_row(claim_id)}
        self.cursor = claim_id
        self.refresh(*(Region(0, row, self.size.width, 1) for row in rows if row is not None))

    def drawing(self) -> Drawing:
        """The series drawn at the widget's size."""
        size = (self.size.width, self.size.height)
        if self._drawn is None or self._drawn[0] != size:
            self._drawn = (size, draw(self.series, *size))
            self._strips.clear()
            self._cursor_strip = None
        return self._drawn[1]

    def _runs(self, y: int) -> Runs:
        drawing = self.drawing()
        if drawing.empty:
            return ((drawing.empty, "label"),) if y == 0 else ()
        if y == drawing.cursor_row(self.cursor) and self.cursor is not None:
            return drawing.line_with_cursor(self.cursor)
        return drawing.lines[y] if y < len(drawing.lines) else ()

    def render_line(self, y: int) -> Strip:
        drawing = self.drawing()
        cursor = self.cursor if y == drawing.cursor_row(self.cursor) else None
        if cursor is not None:
            kept = self._cursor_strip
            if kept is not None and kept[:2] == (y, cursor):
                return kept[2]
        elif y in self._strips:
            return self._strips[y]
        base: Style = self.rich_style
        styles = role_styles(current_palette(self.app))
        segments = [Segment(text, base + styles.get(role, Style())) for text, role in self._runs(y)]
        strip = Strip(segments).adjust_cell_length(self.size.width, base)
        if cursor is not None:
            self._cursor_strip = (y, cursor, strip)
        else:
            self._strips[y] = strip
        return strip
