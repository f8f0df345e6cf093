"""A series chart as SVG, for a document: the same characters the series view draws
(`present.series_chart`), in fixed colours, written by Rich's SVG export."""

from __future__ import annotations

import io

from tui.domain.crossref.series import Series
from tui.domain.present.safe_text import one_line
from tui.domain.present.series_chart import layout

_COLOURS = {"stated": "#4a9eda", "cursor": "#4a9eda", "contradiction": "#e0555e",
            "implied": "#c7a14b", "range": "#8aa0b0", "axis": "dim", "label": "dim"}
LEGEND = ("━ a year  ─ part of a year  │ what its words allow  ┄◇ implied by a growth  "
          "✗ contradicted  ● one per source")


def render(series: Series, width: int = 100, height: int = 24) -> bytes:
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    chart = layout(series, width, height)
    text = Text(no_wrap=True)
    text.append(one_line(series.label) + "\n", Style(bold=True))
    for row in chart.rows:
        for part, role in row:
            text.append(part, Style.parse(_COLOURS.get(role, "none")))
        text.append("\n")
    text.append(LEGEND, Style(dim=True))
    console = Console(width=width, record=True, file=io.StringIO(), color_system="truecolor",
                      force_terminal=True, legacy_windows=False)
    console.print(text, markup=False, highlight=False, crop=True)
    return console.export_svg(title=one_line(series.label)).encode("utf-8")
