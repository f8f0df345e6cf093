"""The Textual application: `make_app(path)` builds it, `run_app(path)` runs it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.clipboard import native_copy
from tui.commands import ClaimProvider, EntityProvider, SourceProvider
from tui.domain.citations import (
    STYLE_NAMES,
    Style,
    claim_citations,
    format_citation,
    parts,
    reference_list,
    source_reference,
)
from tui.domain.factbase import FactBase
from tui.domain.history import History, Location
from tui.domain.loader import load_facts
from tui.domain.safe import clean
from tui.domain.xref import CrossIndex
from tui.keys import KEYS
from tui.screens.cite_style import CiteStyleScreen
from tui.screens.conflicts import ConflictsScreen
from tui.screens.health import HealthScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.problems import ProblemsScreen
from tui.screens.reader import SourceReader

_PREVIEW = 160


class CheryApp(App[int]):
    """Browser over one fact file."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "chery-tui"
    COMMANDS = App.COMMANDS | {ClaimProvider, EntityProvider, SourceProvider}

    def __init__(self, facts_path: Path) -> None:
        super().__init__()
        self.facts_path = facts_path
        self.facts: FactBase | None = None
        self.xref: CrossIndex | None = None
        self.history = History()
        self.basket: list[str] = []
        self.cite_style: Style = "plain"

    def on_mount(self) -> None:
        result = load_facts(self.facts_path)
        if result.problems or result.facts is None:
            self.push_screen(ProblemsScreen(str(self.facts_path), result.problems))
            return
        self.facts = result.facts
        self.xref = CrossIndex(result.facts)
        self.sub_title = clean(result.facts.title)
        self.push_screen(MainScreen(result.facts, self.xref))

    @property
    def main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the browser is not open")

    # ── navigation and history ─────────────────────────────────────────────────────

    def navigate(self, location: Location) -> None:
        """Go to `location` as a new step in history (like following a link)."""
        self.history.visit(location)
        self._show(location)

    def record(self, location: Location) -> None:
        """Note a move made inside a screen (the reader stepping through passages)."""
        self.history.visit(location)

    def _show(self, location: Location) -> None:
        if self.facts is None:
            return
        main = self.main
        while self.screen is not main:  # readers, conflicts, health: back to the browser
            self.pop_screen()
        if location.kind == "source":
            self.push_screen(SourceReader(self.facts, location.ident, location.passage))
            return
        main.go_to(location)
        if location.pane in {"timeline", "quotes", "sales", "brands", "detail", "palette",
                             "search", "reader"}:
            main.action_focus_pane("detail")

    def action_history_back(self) -> None:
        location = self.history.back()
        if location is None:
            if not isinstance(self.screen, MainScreen) and len(self.screen_stack) > 2:
                self.pop_screen()  # nowhere earlier to go: at least leave this screen
                return
            self.notify("Nothing to go back to", timeout=2)
            return
        self._show(location)
        self.main._update_crumbs()

    def action_history_forward(self) -> None:
        location = self.history.forward()
        if location is None:
            self.notify("Nothing to go forward to", timeout=2)
            return
        self._show(location)
        self.main._update_crumbs()

    # ── copying ────────────────────────────────────────────────────────────────────

    def copy(self, text: str, what: str) -> None:
        """Copy by every route: OSC 52 (works over SSH and in tmux) and a native tool."""
        text = clean(text)
        self.copy_to_clipboard(text)
        routes = ["terminal (OSC 52)"]
        native = native_copy(text)
        if native:
            routes.append(native)
        preview = text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
        self.notify(f"Copied {what} via {' + '.join(routes)}:\n{preview}", markup=False,
                    title="Copied")

    def _citation_text(self, location: Location, style: Style) -> tuple[str, str] | None:
        facts = self.facts
        if facts is None:
            return None
        if location.kind == "claim" and location.ident in facts.claims:
            claim = facts.claims[location.ident]
            return claim_citations(facts, claim, style), f"citation of {claim.id}"
        if location.kind == "source" and location.ident in facts.sources:
            if location.passage is not None:
                for claim in facts.claims.values():
                    for citation in claim.citations:
                        if citation.source == location.ident and \
                                citation.span[0] == location.passage:
                            return (format_citation(parts(facts, citation, claim), style),
                                    f"citation of {claim.id}")
            return source_reference(facts, location.ident), f"reference to {location.ident}"
        return None

    def action_copy_citation(self) -> None:
        location = self._selected()
        found = self._citation_text(location, self.cite_style) if location else None
        if found is None:
            self.notify("Select a claim, quote, table cell or source to cite", timeout=3)
            return
        text, what = found
        self.copy(text, f"{what} ({STYLE_NAMES[self.cite_style].lower()})")

    def copy_claim_citation(self, claim_id: str, start: int) -> None:
        found = self._citation_text(Location("source", self._source_of(claim_id, start),
                                             passage=start), self.cite_style)
        if found:
            self.copy(found[0], f"{found[1]} ({STYLE_NAMES[self.cite_style].lower()})")

    def _source_of(self, claim_id: str, start: int) -> str:
        assert self.facts is not None
        claim = self.facts.claims[claim_id]
        return next(c.source for c in claim.citations if c.span[0] == start)

    def _selected(self) -> Location | None:
        if isinstance(self.screen, SourceReader):
            return self.screen.location
        if not isinstance(self.screen, MainScreen):
            focused = self.screen.focused
            location = getattr(focused, "current_location", None)
            if isinstance(location, Location) and not location.pane.startswith("finding:"):
                return location
        try:
            return self.main.selected()
        except LookupError:
            return None

    def action_choose_style(self) -> None:
        location = self._selected()
        previews: dict[Style, str] = {}
        for style in STYLE_NAMES:
            found = self._citation_text(location, style) if location else None
            if found:
                previews[style] = clean(found[0])[:300]

        def chosen(style: Style | None) -> None:
            if style is not None:
                self.cite_style = style
                self.notify(f"Citation style: {STYLE_NAMES[style]}", timeout=2, markup=False)

        self.push_screen(CiteStyleScreen(self.cite_style, previews), chosen)

    # ── basket ─────────────────────────────────────────────────────────────────────

    def action_toggle_basket(self) -> None:
        location = self._selected()
        if location is None or location.kind != "claim":
            self.notify("Only claims go in the basket: select a claim, quote or cell",
                        timeout=3)
            return
        if location.ident in self.basket:
            self.basket.remove(location.ident)
            verb = "Removed from"
        else:
            self.basket.append(location.ident)
            verb = "Added to"
        self.main.refresh_lists()
        self.notify(f"{verb} the basket ({len(self.basket)} claims)", timeout=2)

    def action_copy_basket(self) -> None:
        if not self.basket or self.facts is None:
            self.notify("The basket is empty: space marks a claim", timeout=3)
            return
        claims = [self.facts.claims[c] for c in self.basket if c in self.facts.claims]
        self.copy(reference_list(self.facts, claims), f"basket ({len(claims)} claims)")

    def action_clear_basket(self) -> None:
        self.basket.clear()
        self.main.refresh_lists()
        self.notify("Basket cleared", timeout=2)

    def action_conflicts(self, focus: str | None = None) -> None:
        if self.facts is not None and self.xref is not None:
            self.push_screen(ConflictsScreen(self.facts, self.xref, focus))

    def action_health(self) -> None:
        if self.facts is not None and self.xref is not None:
            self.push_screen(HealthScreen(self.facts, self.xref))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MainScreen):
            return
        for key in KEYS:
            if not key.action or key.action in {"app.quit", "app.help"}:
                continue
            target = screen if not key.action.startswith("app.") else self
            name = key.action.removeprefix("app.")
            yield SystemCommand(key.description, f"key: {key.keys}",
                                _caller(target, name))
        yield SystemCommand("Help: list every key", "key: ?", self.action_help)


def _caller(target: object, action: str) -> Callable[[], None]:
    """A callback for an action string such as "focus_pane('sales')"."""
    name, _, args = action.partition("(")

    def call() -> None:
        method = getattr(target, f"action_{name}")
        if args:
            method(eval(args.rstrip(")"), {}, {}))  # literal args from our own KEYS table
        else:
            method()

    return call


def make_app(facts_path: Path) -> CheryApp:
    return CheryApp(facts_path)


def run_app(facts_path: Path) -> int:
    app = make_app(facts_path)
    app.run()
    return app.return_code or 0
