"""The Textual application: `make_app(path)` builds it, `run_app(path)` runs it.

The first screen is a progress bar; the fact file loads in a worker thread, and the heavy
modules (pydantic, the domain, the browser's screens) are imported there, after the first
paint. Cross-references and findings follow in the same worker once the browser is open.

Navigation has one owner, the browsing `Session` (`tui.navigation.session`): lists post
`Open` up to this App, which moves the session and shows where it now is; keys are bound to
the App's actions, which do the same. The parts: `loading` (load, reload, watch), `keeping`
(the saved state, signals), `copying` (citations and the basket), `base` (what they share).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.app.base import Resume
from tui.app.copying import CopyingApp
from tui.app.exporting import ExportingApp
from tui.app.keeping import KeepingApp
from tui.app.palette import ClaimProvider, EntityProvider, SeriesProvider, SourceProvider
from tui.domain.facts.location import Location
from tui.keys import KEYS, app_bindings
from tui.messages import Open
from tui.screens.loading import LoadingScreen

if TYPE_CHECKING:
    from tui.screens.basket import BasketScreen
    from tui.screens.main import MainScreen
    from tui.screens.reader import SourceReader


class CheryApp(CopyingApp, ExportingApp, KeepingApp):
    """Browser over one fact file."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "app.tcss"
    """Absolute: a subclass (the tests') would look for a relative one beside itself."""
    TITLE = "chery-tui"
    COMMANDS = App.COMMANDS | {ClaimProvider, EntityProvider, SourceProvider, SeriesProvider}
    BINDINGS = app_bindings()

    def __init__(self, facts_path: Path, use_cache: bool = True, use_state: bool = True
                 ) -> None:
        super().__init__(facts_path, use_cache, use_state)

    async def on_mount(self) -> None:
        # mounted before the load starts: a load done in a moment (a small file, warm imports)
        # replaced a loading screen still being mounted, whose Header then failed to find its
        # title, and the browser could end up under it, never finishing its first fill
        await self.push_screen(LoadingScreen(str(self.facts_path)))
        self.bench.first_screen()
        self._catch_signals()
        self._start_load()

    def on_unmount(self) -> None:
        self._stop_loading()
        self._release_signals()
        self._save_state_now()

    def on_main_screen_ready(self, _message: MainScreen.Ready) -> None:
        """The browser has drawn its filled panes: loaded and searchable."""
        if not self.is_running:
            # the app began to shut down after the screen posted this (Textual stops the app
            # before it closes its screens): nothing to show, and signals refuse new
            # subscribers
            return
        self.bench.loaded()
        if self._ticket is not None:
            if self._ticket.reload:
                _forget_released_widgets()
                resume, self._resume = self._resume, None
                captured = self.take_shown_after_reload()
                if captured is not None and resume is not None:
                    # the claim just captured is shown, not the reader it came from: a
                    # reader pushed and popped in one turn left its Header to update a
                    # title it no longer had (NoMatches)
                    resume = Resume(resume.pane, False, resume.list_pane)
                self._show_session(resume)  # the same place, in the new version
                if captured is not None:  # the claim just captured, with its findings
                    self.navigate(captured, "reader")
            self._ticket.drawn.set()
        if self.use_state and self._saved_state is None:
            self._restore_state()

    # ── navigation: the session moves, the screen shows where it now is ─────────────

    def navigate(self, location: Location, origin: str = "") -> None:
        """Go to `location` as a new step in history (like following a link)."""
        self.session.visit(location)
        self.show(location, origin)

    def on_open(self, message: Open) -> None:
        if message.origin == "detail" and self._on_browser():
            # a link followed from an item only previewed: that item becomes a step of its
            # own, so back (or leaving the reader) returns to it
            shown = self.main.shown
            if shown is not None and shown != self.session.current:
                self.session.visit(shown)
        self.navigate(message.location, message.origin)

    def _on_browser(self) -> bool:
        from tui.screens.main import MainScreen

        return isinstance(self.screen, MainScreen)

    def on_basket_screen_remove(self, message: BasketScreen.Remove) -> None:
        self.remove_from_basket(message.claim_id)

    def on_source_reader_moved(self, message: SourceReader.Moved) -> None:
        self.session.record(message.location)

    def action_history_back(self) -> None:
        from tui.screens.main import MainScreen
        from tui.screens.reader import SourceReader

        if not isinstance(self.screen, MainScreen | SourceReader) and len(self.screen_stack) > 2:
            self.pop_screen()  # a view that is no step of history (help, Conflicts): leave it
            return
        if isinstance(self.screen, SourceReader) and self.view_under_reader():
            self._leave_reader_to_view()
            return
        location = self.session.back()
        if location is None:
            if not isinstance(self.screen, MainScreen) and len(self.screen_stack) > 2:
                self.pop_screen()  # nowhere earlier to go: at least leave this screen
                return
            self.notify("Nothing to go back to", timeout=2)
            return
        self.show(location)
        self.main.update_crumbs()

    def _leave_reader_to_view(self) -> None:
        """Back from a reader opened in Conflicts or Health: to that view, the history a
        step back (the browser under the view shows that place)."""
        location = self.session.back()
        self.pop_screen()
        if location is not None:
            if location.kind == "source":
                self.show(location)  # a reader again, over the view
            else:
                self.main.go_to(location)
        self.main.update_crumbs()

    def action_history_forward(self) -> None:
        location = self.session.forward()
        if location is None:
            self.notify("Nothing to go forward to", timeout=2)
            return
        self.show(location)
        self.main.update_crumbs()

    def action_clear_filter(self) -> None:
        if self.session.clear_filter():
            self.redraw_session()
            self.notify("Filter cleared (backspace brings it back)", timeout=2)
        else:
            self.notify("No filter to clear: f filters the panes to the selected entity",
                        timeout=3)

    def action_filter(self) -> None:
        """Filter the panes to the selected entity; on the entity filtered by, clear it."""
        from tui.screens.main import MainScreen

        location = self.screen.entity_in_view() if isinstance(self.screen, MainScreen) else \
            self.selected()
        if location is None or location.kind != "entity" or self.facts is None:
            self.notify("f filters the panes to an entity: select one in Brands (2) or an "
                        "entity link in the Detail", timeout=4)
            return
        if location.ident == self.session.filter_entity:
            self.action_clear_filter()
            return
        fresh = self.session.current is None
        self.session.filter_to(location.ident)
        self.redraw_session()
        if fresh:  # the first step of history: the entity filtered by is where the user is
            self.show(location)
        name = self.facts.entities[location.ident].name
        self.notify(f"Filtered to {name}: x clears, backspace returns to the view before",
                    timeout=3, markup=False)

    # ── views over the findings, and help ────────────────────────────────────────────

    def _cross_checked(self) -> bool:
        """Findings exist once the worker has cross-checked the file; say so until then."""
        if self.facts is None or self.xref is None:
            self.notify("Still cross-checking the figures; try again in a moment", timeout=3)
            return False
        return True

    def action_conflicts(self, focus: str | None = None) -> None:
        from tui.screens.conflicts import ConflictsScreen

        if not self._cross_checked() or self.facts is None or self.xref is None:
            return
        found = self._kept_screen("conflicts")
        if isinstance(found, ConflictsScreen) and found.xref is self.xref:
            screen = found
            if focus is not None or self.screen is screen:
                screen.focus_finding(focus)
        else:
            if found is not None:  # of a version a reload has replaced
                if self.screen is found:
                    self.pop_screen()
                self._drop_kept_screen("conflicts")
            # made once per version of the file: opening it again is only showing it
            screen = ConflictsScreen(self.facts, self.xref, focus)
            self.install_screen(screen, "conflicts")
        if self.screen is not screen:
            self.push_screen(screen)

    def _kept_screen(self, name: str) -> Screen[object] | None:
        """The screen installed under `name`, out of the stack or at its top (a screen
        opened over it is closed, as going back to it would)."""
        if not self.is_screen_installed(name):
            return None
        kept = self.get_screen(name)
        if kept in self.screen_stack:
            while self.screen is not kept:
                self.pop_screen()
        return kept

    def action_series(self) -> None:
        from tui.screens.series import SeriesScreen

        if isinstance(self.screen, SeriesScreen):
            return  # the series of the figure under the cursor is the one shown
        location = self.selected()
        facts = self.facts
        claim_id = location.claim if location is not None and location.kind == "source" \
            else location.ident if location is not None and location.kind == "claim" else None
        claim = facts.claims.get(claim_id) if facts is not None and claim_id else None
        if facts is None or claim is None or claim.figure is None:
            self.notify("Select a figure (a claim with a number, a table cell) for its series",
                        timeout=3)
            return
        self.show_series(claim.id)

    def show_series(self, claim_id: str, at_current: bool = False) -> None:
        """The series view of the figure `claim_id` (S, or the palette's series: with
        `at_current`, on the figure the browser shows when it is one of the series')."""
        from tui.domain.crossref.series import series_of
        from tui.screens.series import SeriesScreen

        facts = self.facts
        if facts is None or claim_id not in facts.claims:
            return
        # before cross-referencing ends: worked out here, without the contradictions yet
        series = self.xref.series.of(claim_id) if self.xref is not None else \
            series_of(facts, claim_id)
        current = self.session.current
        if at_current and current is not None and current.kind == "claim" and \
                any(s.claim_id == current.ident for s in series.stated):
            claim_id = current.ident

        kept = self._kept_screen("series")
        if isinstance(kept, SeriesScreen):
            # kept once made: opening the view again is showing it, its drawing kept for the
            # same series (a new screen composed, and 10,000 figures drawn, at every S)
            screen = kept
            screen.show(facts, series, claim_id)
        else:
            screen = SeriesScreen(facts, series, self.session, claim_id)
            self.install_screen(screen, "series")
        if self.screen is screen:
            return

        self.push_screen(screen)  # it opens the figure last looked at when it closes

    def action_health(self) -> None:
        from tui.screens.health import HealthScreen

        if self._cross_checked() and self.facts is not None and self.xref is not None:
            self.push_screen(HealthScreen(self.facts, self.xref))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        kept = self._kept_screen("help")
        screen = kept if isinstance(kept, HelpScreen) else HelpScreen()
        if kept is None:  # made once and kept: opening it again is only showing it
            self.install_screen(screen, "help")
        if self.screen is not screen:
            self.push_screen(screen)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from tui.screens.main import MainScreen

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
            method(ast.literal_eval(args.rstrip(")")))
        else:
            method()

    return call


def _forget_released_widgets() -> None:
    """Drop Textual's one process-wide cache that holds widgets: `StylesCache.get_inner_outer`
    is an lru_cache on a method, so each of its entries keeps a widget's style cache (and its
    rendered lines) alive after the widget is gone, a reload after another."""
    from textual._styles_cache import StylesCache

    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:  # a later Textual may not cache it so
        clear()


def make_app(facts_path: Path, use_cache: bool = True, use_state: bool = True) -> CheryApp:
    return CheryApp(facts_path, use_cache, use_state)


def run_app(facts_path: Path, use_cache: bool = True, use_state: bool = True) -> int:
    import sys

    app = make_app(facts_path, use_cache, use_state)
    app.run()
    if app.unsaved is not None and sys.stderr is not None:
        from tui.domain.present.safe_text import clean

        print(f"chery-tui: {clean(app.unsaved)}", file=sys.stderr)
    return app.return_code or 0
