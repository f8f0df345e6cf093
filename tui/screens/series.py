"""S on a figure: its measure over time (`crossref.series`), drawn as a chart, with the
figures listed below it; the cursor moves along the series, the chart and the line under it
follow, c cites the figure, enter opens its claim."""

from __future__ import annotations

from collections.abc import Callable, Container

from rich.console import Console
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.domain.crossref.quantities import describe_range
from tui.domain.crossref.series import Series
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import one_line
from tui.domain.present.series_chart import implied_key, legend
from tui.domain.present.series_rows import FigureLines, unit_of
from tui.messages import Open, Preview
from tui.navigation.session import Session
from tui.widgets.hint_bar import HintBar
from tui.widgets.palette import Palette
from tui.widgets.screen_header import ScreenHeader
from tui.widgets.series_chart import SeriesChart
from tui.widgets.virtual_list import VirtualList


class SeriesFigures(VirtualList):
    """Each row made when drawn: a series of 10,000 figures costs nothing until it scrolls."""

    BORDER_TITLE = "Figures"
    BINDINGS = [Binding("enter", "open", "Open", tooltip="Open the figure's claim")]


class FigureRows(FigureLines):
    """The series' figures as the list's rows, each made when drawn, marked as every list
    marks a claim: `●` in the basket, then `✗` contradicted (here: by a figure of the
    series) or `◇` implied."""

    def __init__(self, facts: FactBase, series: Series, basket: Callable[[], Container[str]],
                 palette: Callable[[], Palette]) -> None:
        super().__init__(facts, series)
        self._basket, self._palette = basket, palette

    def location(self, index: int) -> Location | None:
        return Location("claim", self.claim_at(index))

    def text(self, index: int) -> Text:
        line = self.line(index)
        palette = self._palette()
        marks = Text("●", style=palette.basket) if line.claim_id in self._basket() and \
            not line.implied else Text(" ")
        if line.implied:
            marks.append("◇", style=palette.date)
        elif line.mark == "✗":
            marks.append("✗", style=palette.contradiction)
        else:
            marks.append(" ")
        return Text.assemble(marks, " ", (f"{line.when:<17} ", "dim"),
                             # the source's own words are in the line under the list
                             (line.value, "italic" if line.implied else "bold"),
                             (f"  {line.sources}", "dim"))


def _fitted(console: Console, head: Text, tag: str, quote: str, width: int,
            lines: int = 4) -> Text:
    """The claim, the source's tag and its passage, the passage cut with … to the lines
    there are (at 70 columns one ended mid-sentence with nothing to say so; `c` copies it
    whole)."""
    if width > 0 and len(head.wrap(console, width)) >= lines:
        head = Text()  # no room for both: the passage, which is what is cited

    def text(words: str) -> Text:
        return Text.assemble(head, "\n" if head else "", (f"[{tag}] ", "dim"), f"“{words}”")

    whole = text(quote)
    if width <= 0 or len(whole.wrap(console, width)) <= lines:
        return whole
    low, high = 0, len(quote)  # the longest cut that fits
    while low < high:
        middle = (low + high + 1) // 2
        if len(text(quote[:middle] + "…").wrap(console, width)) <= lines:
            low = middle
        else:
            high = middle - 1
    return text(quote[:low].rstrip() + "…")


class SeriesDetail(Widget):
    """The line under the list: the figure's claim and its passage, fitted to the room it has
    when drawn (fitted after the screen's layout instead, the first opening drew its screen
    twice)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Text, str, str] | None = None

    def show(self, shown: tuple[Text, str, str] | None) -> None:
        """The claim's text (or what implies the value), its source's tag, the passage."""
        self._shown = shown
        self.refresh()

    def render(self) -> Text:
        if self._shown is None:
            return Text()
        head, tag, quote = self._shown
        room = self.content_size
        return _fitted(self.app.console, head, tag, quote, room.width, room.height or 4)


class SeriesScreen(Screen[str | None]):
    """Left for the claim of the figure last under the cursor: the browser's Detail moves to
    it, as moving along any pane moves the Detail."""

    # At 24 lines the list and the quote under it left the chart five rows to draw in; under
    # 22 they did not fit at all, and the screen scrolled its title away.
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (22, "-short"), (30, "-roomy")]
    BINDINGS = [
        Binding("c", "app.copy_citation", "Cite", tooltip="Copy the figure's citation"),
        Binding("space", "app.toggle_basket", "Mark", tooltip="Mark the claim"),
        Binding("E", "app.export", "Export", tooltip="The chart as SVG, or the claims"),
        Binding("question_mark", "app.help", "Help"),
        Binding("escape,backspace", "close", "Back", id="series.close"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, facts: FactBase, series: Series, session: Session,
                 start: str | None = None) -> None:
        super().__init__()
        self.facts = facts
        self.series = series
        self.session = session
        """Whose basket the list marks."""
        self.start = start
        self._fitted_to: Size | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Static(id="series-title")
        yield SeriesChart(self.series, id="series-chart")
        yield Static(id="series-legend")
        yield SeriesFigures(id="series-figures")
        yield SeriesDetail(id="series-detail")
        yield HintBar()

    def on_mount(self) -> None:
        self.sub_title = "series"
        self._fill()
        self._fit(self.size)

    def on_resize(self, event: events.Resize) -> None:
        if event.size != self._fitted_to:  # fitted once a size: each fit repaints the screen
            self._fit(event.size)

    def _fit(self, size: Size) -> None:
        """The legend broken between its items (at 80 columns it broke between ✗ and what it
        means)."""
        self._fitted_to = size
        self.query_one("#series-legend", Static).update(Text(legend(max(size.width - 2, 20)),
                                                             style="dim"))

    def repaint_marks(self) -> None:
        """The list's marks drawn again (the basket changed)."""
        self.query_one(SeriesFigures).repaint()

    def show(self, facts: FactBase, series: Series, start: str | None = None) -> None:
        """Shown again (the app keeps this screen): on `series`, at the figure `start`. The
        same series again keeps its rows and its drawing (10,000 figures are drawn in tens
        of milliseconds, a screen composed in as many)."""
        same = series is self.series and facts is self.facts
        self.facts, self.series, self.start = facts, series, start
        if not self.is_mounted:
            return
        if same:
            self.query_one(SeriesFigures).repaint()  # the basket may have changed meanwhile
            self._go_to_start()
        else:
            self.query_one(SeriesChart).show(series)
            self._fill()

    def _fill(self) -> None:
        series = self.series
        # the figures marked ✗, not the findings: two checks can find the same pair
        contradicted = len({c for ids in series.contradictions for c in ids})
        counts = (f"{len(series.stated)} stated ({contradicted} contradicted), "
                  f"{len(series.implied)} implied")
        lonely = ("  · one figure: nothing beside it in time"
                  if series.lonely else "")
        self.query_one("#series-title", Static).update(
            Text.assemble((one_line(series.label), "bold"), (f"  · {unit_of(series)}", "dim"),
                          f"  · {counts}", (lonely, "dim")))
        listing = self.query_one(SeriesFigures)
        rows = FigureRows(self.facts, series, lambda: self.session.basket,
                          lambda: listing.palette)
        listing.show_lazy(len(rows), rows.location, rows.text, keep=False, announce=False)
        self._go_to_start()

    def _go_to_start(self) -> None:
        listing = self.query_one(SeriesFigures)
        if self.start is not None:
            listing.select_location(Location("claim", self.start))
        listing.focus()
        self._follow(listing.current_location)

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        message.stop()
        self._follow(message.location)

    def _follow(self, location: Location | None) -> None:
        """The chart's cursor and the line under the list on the figure the list is on (an
        implied value's own place, and what implies it)."""
        claim = self.facts.claims.get(location.ident) if location is not None else None
        listing = self.query_one(SeriesFigures)
        index = listing.highlighted
        stated = len(self.series.stated)
        implied = index - stated if index is not None and index >= stated else None
        chart = self.query_one(SeriesChart)
        chart.point_at(implied_key(implied) if implied is not None else
                       claim.id if claim is not None else None)
        detail = self.query_one(SeriesDetail)
        if claim is None:
            detail.show(None)
            return
        citation = claim.citations[0]
        tag = self.facts.sources[citation.source].short if citation.source in \
            self.facts.sources else citation.source
        head = Text(one_line(claim.text), style="bold")
        if implied is not None:  # c cites the claim: say that the value is worked out from it
            value = self.series.implied[implied]
            head = Text.assemble((f"Implied, not stated: {value.allowed} for "
                                  f"{describe_range(value.period)}, worked out from ", "italic"),
                                 head)
        detail.show((head, one_line(tag), one_line(citation.exact)))

    def action_close(self) -> None:
        """Back to the browser; when the cursor moved, on the figure last under it, opened as
        a link is (the browser leaves this view for it and shows it in one step)."""
        location = self.query_one(SeriesFigures).current_location
        figure = location.ident if location is not None else None
        if figure is not None and figure != self.start and figure in self.facts.claims:
            self.post_message(Open(Location("claim", figure), "series"))
        else:
            self.dismiss(figure)
