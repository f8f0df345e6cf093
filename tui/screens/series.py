"""S on a figure: its measure over time (`crossref.series`), drawn as a chart, with the
figures listed below it; the cursor moves along the series, the chart and the line under it
follow, c cites the figure, enter opens its claim."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.domain.crossref.quantities import describe_range
from tui.domain.crossref.series import Series
from tui.domain.export.series_svg import LEGEND
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.present.figures import amount
from tui.domain.present.safe_text import one_line
from tui.messages import Preview
from tui.widgets.hint_bar import HintBar
from tui.widgets.item_list import ItemList
from tui.widgets.series_chart import SeriesChart


class SeriesFigures(ItemList):
    BORDER_TITLE = "Figures"


def figure_rows(facts: FactBase, series: Series) -> list[tuple[Text, Location | None]]:
    rows: list[tuple[Text, Location | None]] = []
    for stated in series.stated:
        figure = facts.claims[stated.claim_id].figure
        assert figure is not None
        when = describe_range(stated.period) if stated.period else "undated"
        mark = ("✗ " if series.contradicted(stated.claim_id) else "● ")
        # the source's own words are in the line under the list
        rows.append((Text.assemble(mark, (f"{when:<16} ", "dim"), (amount(figure), "bold"),
                                   (f"  [{', '.join(stated.sources)}]", "dim")),
                     Location("claim", stated.claim_id)))
    for implied in series.implied:
        rows.append((Text.assemble("◇ ", (f"{describe_range(implied.period):<16} ", "dim"),
                                   (str(implied.allowed), "italic"),
                                   (f"  implied by {implied.from_claim}", "dim")),
                     Location("claim", implied.from_claim)))
    return rows


class SeriesScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "app.copy_citation", "Cite", tooltip="Copy the figure's citation"),
        Binding("space", "app.toggle_basket", "Mark", tooltip="Mark the claim"),
        Binding("question_mark", "app.help", "Help"),
        Binding("escape,backspace", "close", "Back", id="series.close"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, facts: FactBase, series: Series, start: str | None = None) -> None:
        super().__init__()
        self.facts = facts
        self.series = series
        self.start = start

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="series-title")
        yield SeriesChart(self.series, id="series-chart")
        yield Static(Text(LEGEND, style="dim"), id="series-legend")
        yield SeriesFigures(id="series-figures")
        yield Static(id="series-detail")
        yield HintBar()

    def on_mount(self) -> None:
        series = self.series
        self.sub_title = "series"
        counts = (f"{len(series.stated)} stated, {len(series.implied)} implied, "
                  f"{len(series.contradictions)} contradiction"
                  f"{'' if len(series.contradictions) == 1 else 's'}")
        lonely = ("  · one figure, nothing beside it in time: no line to draw"
                  if series.lonely else "")
        self.query_one("#series-title", Static).update(
            Text.assemble((one_line(series.label), "bold"), f"  · {counts}", (lonely, "dim")))
        listing = self.query_one(SeriesFigures)
        listing.show(figure_rows(self.facts, series))
        if self.start is not None:
            listing.select_location(Location("claim", self.start))
        listing.focus()
        self._follow(listing.current_location)

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        message.stop()
        self._follow(message.location)

    def _follow(self, location: Location | None) -> None:
        """The chart's cursor and the line under the list on the figure the list is on."""
        claim = self.facts.claims.get(location.ident) if location is not None else None
        self.query_one(SeriesChart).point_at(claim.id if claim is not None else None)
        detail = self.query_one("#series-detail", Static)
        if claim is None:
            detail.update("")
            return
        citation = claim.citations[0]
        tag = self.facts.sources[citation.source].short if citation.source in \
            self.facts.sources else citation.source
        detail.update(Text.assemble((one_line(claim.text), "bold"), "\n",
                                    (f"[{one_line(tag)}] ", "dim"),
                                    f"“{one_line(citation.exact)}”"))

    def action_close(self) -> None:
        self.dismiss()
