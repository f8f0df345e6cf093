"""The series chart: `tui.domain.present.series_chart` drawn at the widget's size, each role
in the theme's colours (`widgets.palette`)."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from tui.domain.crossref.series import Series
from tui.domain.present.series_chart import Drawing, draw
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

    def on_mount(self) -> None:
        follow_theme(self, SeriesChart.refresh)

    def show(self, series: Series) -> None:
        """Another series (the series view is kept and shown again): drawn when rendered."""
        if series is not self.series:
            self.series, self._drawn, self.cursor = series, None, None
            self.refresh()

    def point_at(self, claim_id: str | None) -> None:
        self.cursor = claim_id
        self.refresh()

    def render(self) -> Text:
        size = (self.size.width, self.size.height)
        if self._drawn is None or self._drawn[0] != size:
            self._drawn = (size, draw(self.series, *size))
        chart = self._drawn[1].chart(self.cursor)
        styles = role_styles(current_palette(self.app))
        text = Text(no_wrap=True, overflow="crop")
        for n, row in enumerate(chart.rows):
            if n:
                text.append("\n")
            for part, role in row:
                text.append(part, styles.get(role, Style()))
        return text
