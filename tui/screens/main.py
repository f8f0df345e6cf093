"""The main screen: Timeline, Brands, Sales and Quotes panes, the Detail, search, breadcrumb."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.loading.problems import Problem
from tui.domain.present.detail import detail_for
from tui.domain.present.listings import (
    QuoteRow,
    TableView,
    TimelineEntry,
    table_view,
)
from tui.domain.present.safe_text import one_line
from tui.keys import bindings
from tui.messages import Open, Preview
from tui.widgets.brands import EntityTree
from tui.widgets.crumbs import Crumbs
from tui.widgets.detail_pane import DetailPane
from tui.widgets.hint_bar import HintBar
from tui.widgets.notices import notify_replacing
from tui.widgets.palette import current_palette, follow_theme
from tui.widgets.pane_bar import PaneBar
from tui.widgets.quotes import QuotesPane
from tui.widgets.sales import SalesPane, SalesTable
from tui.widgets.screen_header import ScreenHeader
from tui.widgets.search_panel import SearchPanel
from tui.widgets.timeline import TimelinePane

if TYPE_CHECKING:
    from tui.domain.crossref.cross_index import CrossIndex
    from tui.domain.present.prepared import BrowserData
    from tui.navigation.session import Session

PANES = ("timeline", "brands", "sales", "quotes")
WIDE_WIDTH = 160
"""From this width on the Detail stands beside the pane in use; below it, under it, so that
a row of the pane has the whole width."""
_FILTERS_KEPT = 8
"""Filters remembered: a filter by the root of a 30,000-deep chain holds every entity and
claim, so remembering every entity filtered by could hold thousands of such sets."""


@dataclass(frozen=True, slots=True)
class _Filtered:
    entities: frozenset[str]
    """The filter's entity and all below it."""
    timeline: list[TimelineEntry]
    quotes: list[QuoteRow]
    views: list[TableView]


class MainScreen(Screen[None]):
    """Draws the browsing session it is given (history, basket, filter) over the prepared
    data; moves are the App's, which tells this screen what to show."""

    BINDINGS = bindings()

    active_pane: reactive[str] = reactive("timeline")

    class Ready(Message):
        """The panes are filled: the browser is loaded and searchable."""

    def __init__(self, data: BrowserData, session: Session) -> None:
        super().__init__()
        self.data = data
        self.session = session
        self.facts: FactBase = data.facts
        self.xref: CrossIndex | None = None
        self.search_index = data.search
        self.shown: Location | None = None
        self.ready = False
        """True once the panes are filled (cross-references may arrive before that)."""
        self._reload_problems: list[Problem] | None = None
        self._tree = EntityTree(id="brands", classes="pane")
        """Held, not queried: its open branches are saved after the screen has closed."""
        self.pane_in_use = "timeline"
        """The pane last focused, the Detail included (kept when the app closes)."""
        self._lists_filled = False
        self._filter_shown: str | None = None
        """The filter the panes show (the session's, once drawn)."""
        self._filtered: dict[str, _Filtered] = {}
        """What the panes show under each entity filter used (the latest few): a refresh, a
        badge arriving or the filter bar looks them up instead of walking the tree again."""

    def compose(self) -> ComposeResult:
        # laid out stacked or side by side from the first layout: a class set at the first
        # resize styled the whole screen a second time
        self.set_class(self.app.size.width < WIDE_WIDTH, "stacked")
        yield ScreenHeader()
        yield Crumbs()
        yield Static(id="filter")
        yield PaneBar(id="pane-bar")
        with Container(id="body"):
            with Container(id="panes"):
                yield TimelinePane(id="timeline", classes="pane")
                yield self._tree
                yield SalesPane()
                yield QuotesPane(id="quotes", classes="pane")
            yield DetailPane(id="detail")
        yield SearchPanel(self.search_index)
        with VerticalScroll(id="reload-problems"):
            yield Static(id="reload-head")
            yield Static(id="reload-list")
        yield HintBar()

    def show_reload_problems(self, problems: list[Problem]) -> None:
        """A reload found problems: list them, and keep showing the last good version."""
        from tui.screens.problems import problem_lines

        self._reload_problems = problems
        panel = self.query_one("#reload-problems")
        noun = "problem" if len(problems) == 1 else "problems"
        self.query_one("#reload-head", Static).update(Text(
            f"The file now has {len(problems)} {noun}: showing the last good version. Fix and "
            "save to reload (ctrl+r now); F repairs citations a changed source broke.",
            style=current_palette(self.app).problem))
        self.query_one("#reload-list", Static).update(problem_lines(problems))
        panel.display = True

    def on_mount(self) -> None:
        self.query_one("#reload-problems").display = False
        self.query_one(SearchPanel).display = False
        self.update_crumbs()
        self._update_filter_bar()
        self.show_basket_count()
        follow_theme(self, MainScreen._recolour)
        self.query_one(TimelinePane).focus()
        # The panes are filled in the following turns, after the screen's first layout: one
        # long step on the UI thread becomes a few short ones (a large file's tree and lists
        # otherwise kept the screen from answering; docs/performance.md, "Drawing"). Filling
        # a small file's at once was tried and undone: the browser then said it was ready
        # before its Header had mounted its title, and a reload's title update failed
        # (NoMatches, in two reload tests of a fresh clone's suite).
        self.call_after_refresh(self._fill_lists)

    def _fill_lists(self) -> None:
        if self not in self.app.screen_stack:
            return  # a newer version replaced this browser before it was filled
        self.refresh_lists()
        self._lists_filled = True
        timeline_pane = self.query_one(TimelinePane)
        if timeline_pane.current_location is not None:
            self.show_detail(timeline_pane.current_location)
        self.call_after_refresh(self._fill_tree)

    def _fill_tree(self) -> None:
        if self not in self.app.screen_stack:
            return
        self._show_tree()
        self.ready = True
        self.call_after_refresh(self.post_message, self.Ready())

    def _show_tree(self) -> None:
        self.query_one(EntityTree).show_tree(self.data.tree, self.data.claim_counts)

    def attach_xref(self, xref: CrossIndex) -> None:
        """Cross-references and findings arrived: badges, counts and the detail gain them."""
        self.xref = xref
        if not self._lists_filled:
            return  # filling the lists will use it
        # badges appear: the lists draw again, nothing is rebuilt
        timeline_pane = self.query_one(TimelinePane)
        timeline_pane.xref = xref
        timeline_pane.repaint()
        self._show_quotes(set(self.session.basket))
        self.query_one(SalesPane).show_views(self._views(), xref, announce=False)
        if self.shown is not None:
            self.show_detail(self.shown)

    # ── what the panes list ────────────────────────────────────────────────────────

    @property
    def filter_entity(self) -> str | None:
        """The entity the panes are filtered to, as drawn."""
        return self._filter_shown

    def _filter(self) -> _Filtered | None:
        entity = self._filter_shown
        if entity is None:
            return None
        found = self._filtered.get(entity)
        if found is None:
            entities = self.data.hierarchy.concerned(entity)
            claims = self.data.links.claims_concerning(entities)
            views = [table_view(self.facts, t, entities) for t in self.facts.tables]
            found = _Filtered(
                entities, [e for e in self.data.timeline if e.claim_id in claims],
                [q for q in self.data.quotes if q.claim_id in claims],
                [v for v in views if v.rows] or views[:1])
            if len(self._filtered) >= _FILTERS_KEPT:
                del self._filtered[next(iter(self._filtered))]
            self._filtered[entity] = found
        return found

    def refresh_lists(self) -> None:
        """Fill the panes from the prepared lists, filtered, with the basket's marks; nothing
        is sorted again here."""
        changed = self._filter_shown != self.session.filter_entity
        self._filter_shown = self.session.filter_entity
        if changed:
            self._update_filter_bar()
        found = self._filter()
        basket = set(self.session.basket)
        timeline_pane = self.query_one(TimelinePane)
        if found is None:
            timeline_pane.show_rows(self.data.timeline_rows, basket, self.xref, announce=False,
                                    claim_rows=self.data.timeline_at)
        else:
            timeline_pane.show_entries(found.timeline, basket, self.xref, announce=False)
        # refilled under what the Detail shows, which the lists' cursors must not replace
        self._show_quotes(basket)
        self.query_one(SalesPane).show_views(self._views(), self.xref, announce=False)

    def _show_quotes(self, basket: set[str]) -> None:
        found = self._filter()
        pane = self.query_one(QuotesPane)
        if found is None:
            pane.show_quotes(self.data.quotes, basket, self.xref, announce=False,
                             claim_rows=self.data.quotes_at)
        else:
            pane.show_quotes(found.quotes, basket, self.xref, announce=False)

    def _views(self) -> list[TableView]:
        found = self._filter()
        return self.data.tables if found is None else found.views

    def open_branches(self) -> list[str]:
        """The entities whose branches are open in the tree."""
        return list(self._tree.expanded)

    def tree_cursor(self) -> str | None:
        """The entity the tree's cursor is on."""
        location = self._tree.current_location
        return location.ident if location is not None else None

    def reopen(self, pane: str, expanded: list[str] | None, cursor: str | None = None,
               list_pane: str = "") -> None:
        """The view a saved state had: the tree's branches (None: as the tree opens), its
        cursor's entity (None: where the current place put it), the list beside the Detail,
        and the pane in use."""
        if expanded is not None:
            self._tree.open_branches(expanded)
        if cursor is not None:
            self._tree.select_entity(cursor)
        if list_pane in PANES:  # shown, not focused: two focus calls can land out of order
            self.show_list(list_pane)
        if pane in {*PANES, "detail"}:
            self.action_focus_pane(pane)

    def _recolour(self) -> None:
        """The theme changed: the texts drawn here with its colours, again."""
        self._update_filter_bar()
        if self._reload_problems is not None:
            self.show_reload_problems(self._reload_problems)

    def show_basket_count(self) -> None:
        self.query_one(PaneBar).show_basket(len(self.session.basket))

    def show_filter(self) -> None:
        """Draw the session's filter, when it is not the one drawn."""
        if self.session.filter_entity != self._filter_shown:
            self.refresh_lists()

    def _update_filter_bar(self) -> None:
        bar = self.query_one("#filter", Static)
        if self._filter_shown is None:
            bar.display = False
            return
        entity = self.facts.entities[self._filter_shown]
        found = self._filter()
        related = len(found.entities) - 1 if found is not None else 0
        palette = current_palette(self.app)
        text = Text.assemble(("Filter: ", "bold"), (one_line(entity.name), palette.filter))
        if related:
            text.append(f" and {related} below it", style=palette.warning)
        text.append("  ·  x clears, backspace goes back", style="dim")
        bar.update(text)
        bar.display = True

    # ── focus, layout ──────────────────────────────────────────────────────────────

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < WIDE_WIDTH, "stacked")
        self.call_after_refresh(self._crumbs_resized)  # elided to the new width
        # the search drawer keeps one height while open (no relayout a keystroke), at most
        # half the screen so the panes stay in view on a short terminal
        self.query_one(SearchPanel).styles.height = max(7, min(16, event.size.height // 2))

    @on(DescendantFocus)
    def _track_pane(self, event: DescendantFocus) -> None:
        for node in event.widget.ancestors_with_self:
            if node is self:
                break
            if node.id in PANES:
                self.active_pane = node.id
                self.pane_in_use = node.id
                break
            if node.id == "detail":
                self.pane_in_use = "detail"
                break

    def watch_active_pane(self, pane: str) -> None:
        for name in PANES:
            self.query_one(f"#{name}").display = name == pane
        self.query_one(PaneBar).show_active(pane)
        # the detail follows the pane in use
        location = getattr(self.pane_widget(pane), "current_location", None)
        if location is not None and location != self.shown:
            self.show_detail(location)

    def pane_widget(self, name: str) -> Widget:
        if name == "sales":
            return self.query_one(SalesTable)
        return self.query_one(f"#{name}")

    def show_list(self, pane: str) -> None:
        """`pane` beside the Detail, the Detail still on the item it shows (a list shown
        otherwise puts its own cursor's item there)."""
        shown = self.shown
        self.active_pane = pane
        if shown is not None and self.shown != shown:
            self.show_detail(shown)

    def action_focus_pane(self, name: str) -> None:
        if self.maximized is not None:
            self.minimize()  # another pane wanted: the layout back, not a blank screen
        if name in PANES:
            self.active_pane = name
        self.pane_widget(name).focus()

    def action_cycle_pane(self, step: int) -> None:
        """tab / shift+tab through the four panes and the detail, in every layout (at small
        sizes the hidden panes cannot take focus by themselves)."""
        order = [*PANES, "detail"]
        focused = self.focused
        current = "detail" if focused is not None and focused.id == "detail" else self.active_pane
        if focused is not None and focused.id not in {"detail", *PANES} and \
                focused.id != "sales-table":
            current = self.active_pane
        self.action_focus_pane(order[(order.index(current) + step) % len(order)])

    def action_zoom(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if focused is not None:
            self.maximize(focused)

    # ── showing items ──────────────────────────────────────────────────────────────

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        # Only the pane in use drives the detail: lists refreshing in the background (or the
        # detail's own links) must not replace what the user is reading.
        if message.origin in {self.active_pane, "search"}:
            self.show_detail(message.location)

    def show_detail(self, location: Location) -> None:
        self.shown = location
        detail = self.query_one(DetailPane)
        lines = detail_for(self.facts, location, self.data.links, self.xref)
        detail.show_lines(lines)

    def go_to(self, location: Location) -> None:
        """Show `location` in the detail and select it in its pane, with the session's filter
        and breadcrumb (the App has moved the session there)."""
        self.show_filter()
        if location.kind == "entity":
            self.query_one(EntityTree).select_entity(location.ident)
        if location.kind == "claim":
            for pane in (self.query_one(TimelinePane), self.query_one(QuotesPane)):
                pane.select_location(location)
        self.show_detail(location)
        self.update_crumbs()

    def update_crumbs(self) -> None:
        self.query_one(Crumbs).show(self.facts, self.session.history, self.size.width)

    def _crumbs_resized(self) -> None:
        # found by the monkey test: a resize just before a reload replaced this browser ran
        # this after its widgets had begun to go (NoMatches)
        if self in self.app.screen_stack:
            self.update_crumbs()

    # ── search ─────────────────────────────────────────────────────────────────────

    def action_search(self) -> None:
        if self.maximized is not None:
            self.minimize()
        self.query_one(SearchPanel).open()

    def action_search_step(self, delta: int) -> None:
        """The last search's next or previous match, the drawer open or not (as in vim)."""
        panel = self.query_one(SearchPanel)
        location = panel.step(delta)
        if location is not None:
            self.show_detail(location)
        notify_replacing(self.app, "search-step", panel.step_notice())

    @on(Open)
    def _opened(self, message: Open) -> None:
        # a result chosen: the drawer closes (the App, which the message goes on to, opens it)
        if message.origin == "search":
            self.query_one(SearchPanel).display = False

    @on(PaneBar.Chosen)
    def _pane_chosen(self, message: PaneBar.Chosen) -> None:
        self.action_focus_pane(message.pane)

    @on(SearchPanel.Closed)
    def _search_closed(self) -> None:
        self.pane_widget(self.active_pane).focus()

    # ── what an export of the current view holds ───────────────────────────────────

    def claims_in_view(self) -> list[str] | None:
        """The claims the filtered panes list (in the file's order); None unfiltered."""
        found = self._filter()
        if found is None:
            return None
        claims = self.data.links.claims_concerning(found.entities)
        return [c for c in self.facts.claims if c in claims]

    def table_in_view(self) -> str | None:
        """The table the Sales pane shows."""
        sales = self.query_one(SalesPane)
        return sales.views[sales.index].table_id if sales.views else None

    # ── the selected item, for copy and basket ─────────────────────────────────────

    def entity_in_view(self) -> Location | None:
        """The entity `f` filters by: the one the Detail shows when the Detail is in use
        (not the link its cursor is on), else the pane's selected entity, else the Detail's."""
        shown = self.shown if self.shown is not None and self.shown.kind == "entity" else None
        focused = self.focused
        if focused is not None and focused.id == "detail" and shown is not None:
            return shown
        selected = self.selected()
        return selected if selected is not None and selected.kind == "entity" else shown

    def selected(self) -> Location | None:
        """What the focused pane's cursor is on, else what the detail shows."""
        focused = self.focused
        for node in focused.ancestors_with_self if focused is not None else ():
            if hasattr(node, "current_location"):
                location = node.current_location
                if isinstance(location, Location):
                    return location
                break
        return self.shown
