"""A series chart as SVG, for a document: the same characters the series view draws
(`present.series_chart`), in fixed colours, with the figures listed under it, each with the
words its source uses (so a bar at 500k can be read as "less than 500,000", and where it came
from), written by Rich's SVG export. Nothing is fetched when the SVG is opened: Rich's
template asks a CDN for its font, ours names local monospace fonts only."""

from __future__ import annotations

import io
import re
import textwrap
from html import escape

from tui.domain.crossref.series import Series
from tui.domain.facts.factbase import FactBase
from tui.domain.present.safe_text import one_line
from tui.domain.present.series_chart import layout, legend
from tui.domain.present.series_rows import FigureLines, unit_of

_COLOURS = {"stated": "#4a9eda", "cursor": "#4a9eda", "contradiction": "#e0555e",
            "implied": "#c7a14b", "range": "#8aa0b0", "axis": "dim", "label": "dim"}
LISTED = 40
"""Figures listed under the chart at most; a longer series says how many more it has."""


def _template(title: str) -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT

    local = re.sub(r"\n    @font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.DOTALL)
    named = escape(title).replace("{", "{{").replace("}", "}}")
    return local.replace('xmlns="http://www.w3.org/2000/svg">',
                         f'xmlns="http://www.w3.org/2000/svg">\n    <title>{named}</title>', 1)


def render(facts: FactBase, series: Series, width: int = 100, height: int = 24) -> bytes:
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    chart = layout(series, width, height)
    label = one_line(series.label)
    text = Text(no_wrap=True)
    text.append(label, Style(bold=True))
    text.append(f"  · {unit_of(series)}\n", Style(dim=True))
    for row in chart.rows:
        for part, role in row:
            text.append(part, Style.parse(_COLOURS.get(role, "none")))
        text.append("\n")
    text.append(legend(width) + "\n\n", Style(dim=True))
    lines = FigureLines(facts, series)
    for index in range(min(len(lines), LISTED)):
        line = lines.line(index)
        colour = _COLOURS["implied" if line.implied else
                          "contradiction" if line.mark == "✗" else "stated"]
        text.append(f"{line.mark} ", Style.parse(colour))
        text.append(f"{line.when:<17} ", Style(dim=True))
        text.append(line.value, Style(bold=not line.implied, italic=line.implied))
        text.append(f"  {line.sources}\n", Style(dim=True))
        claim = facts.claims.get(line.claim_id)
        if claim is not None and claim.citations and not line.implied:
            quote = one_line(claim.citations[0].exact)
            for part in textwrap.wrap(f"“{quote}”", width=max(width - 4, 20)):
                text.append(f"    {part}\n", Style(dim=True))
    if len(lines) > LISTED:
        text.append(f"… and {len(lines) - LISTED:,} more figures (chery-tui lists them all)\n",
                    Style(dim=True))
    console = Console(width=width, record=True, file=io.StringIO(), color_system="truecolor",
                      force_terminal=True, legacy_windows=False)
    console.print(text, markup=False, highlight=False, crop=True, end="")
    return console.export_svg(title=label, code_format=_template(label)).encode("utf-8")
