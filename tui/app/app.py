"""The Textual application: `make_app(path)` builds it, `run_app(path)` runs it.

The first screen is a progress bar; the fact file loads in a worker thread, and the heavy
modules (pydantic, the domain, the browser's screens) are imported there, after the first
paint. Cross-references and findings follow in the same worker once the browser is open.
"""

from __future__ import annotations

import ast
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.css.query import NoMatches
from textual.screen import Screen

from tui.app.keeping import KeepingApp
from tui.app.load_ticket import LoadCancelled, LoadTicket
from tui.app.palette import ClaimProvider, EntityProvider, SourceProvider
from tui.bench.hooks import BenchHooks
from tui.keys import KEYS
from tui.navigation.history import History, Location
from tui.screens.loading import LoadingScreen

if TYPE_CHECKING:
    from tui.app.watch import FileStamp, FileWatcher
    from tui.domain.crossref.cross_index import CrossIndex
    from tui.domain.facts.factbase import FactBase
    from tui.domain.loading.problems import Problem
    from tui.domain.present.citations import Style
    from tui.domain.present.prepared import BrowserData
    from tui.screens.main import MainScreen
    from tui.storage import state_file
    from tui.storage.state_file import UserState

_PROGRESS_EVERY = 0.05
"""Seconds between progress updates sent from the loading thread."""
_SAVE_EVERY = 2.0
"""Seconds between checks whether the basket, history or position changed (to save them)."""


class CheryApp(KeepingApp):
    """Browser over one fact file."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "app.tcss"
    """Absolute: a subclass (the tests') would look for a relative one beside itself."""
    TITLE = "chery-tui"
    COMMANDS = App.COMMANDS | {ClaimProvider, EntityProvider, SourceProvider}

    def __init__(self, facts_path: Path, use_cache: bool = True, use_state: bool = True
                 ) -> None:
        super().__init__()
        self.facts_path = facts_path
        self.use_cache = use_cache
        """False: neither reopen the file from a snapshot nor write one (`--no-cache`)."""
        self.use_state = use_state
        """False: neither restore nor save the basket, history and position (`--no-state`)."""
        self._saved_state: UserState | None = None
        """What was last read or written; None until the state has been restored."""
        self.facts: FactBase | None = None
        self.xref: CrossIndex | None = None
        self.history = History()
        self.basket: list[str] = []
        self.cite_style: Style = "plain"
        self.bench = BenchHooks.from_environment(self)
        self._ticket: LoadTicket | None = None
        """The newest load: only what it sends reaches the screen."""
        self._load_lock = threading.Lock()
        self.reopened = False
        """True when the facts came from the snapshot of an earlier start."""
        self.load_done = threading.Event()
        """Set when the newest load has finished everything (snapshot included)."""
        self.watch_every = 1.0
        """Seconds between looks at the fact file and source texts for changes."""
        self._watcher: FileWatcher | None = None
        self._carried: UserState | None = None
        """The user's place, carried across a reload."""
        self._leaving = False
        self._state_writing = False
        self._state_failing = False
        self._loaded_state: state_file.Loaded | None = None
        self.unsaved: str | None = None
        self._signals: list[int] = []
        """Said on the way out when the state could not be saved on leaving."""

    async def on_mount(self) -> None:
        # mounted before the load starts: a load done in a moment (a small file, warm imports)
        # replaced a loading screen still being mounted, whose Header then failed to find its
        # title, and the browser could end up under it, never finishing its first fill
        await self.push_screen(LoadingScreen(str(self.facts_path)))
        self.bench.first_screen()
        self._catch_signals()
        self._start_load()

    # ── loading ────────────────────────────────────────────────────────────────────
    # The loading thread computes; it changes nothing of the app's. Everything it finds goes
    # to the UI thread with its ticket, and is dropped there when a newer load has started.

    def _start_load(self) -> None:
        """Start loading the file (on the UI thread), replacing any load still running."""
        with self._load_lock:
            if self._ticket is not None:
                self._ticket.cancel()
            self._ticket = LoadTicket(reload=self.facts is not None)
            self.load_done.clear()
        self._load(self._ticket)

    def _current(self, ticket: LoadTicket) -> bool:
        return ticket is self._ticket and not ticket.cancelled

    @work(thread=True, group="load")
    def _load(self, ticket: LoadTicket) -> None:
        try:
            self._load_steps(ticket)
        except LoadCancelled:
            return
        except RuntimeError:
            if not self._leaving:  # the app closed under the thread: nothing to tell
                raise
        with self._load_lock:
            if not ticket.cancelled:
                self.load_done.set()

    def _to_ui(self, ticket: LoadTicket, callback: Callable[..., object], *args: object
               ) -> None:
        """Run `callback(ticket, *args)` on the UI thread, unless this load was replaced."""
        ticket.check()
        self.call_from_thread(callback, ticket, *args)

    def _load_steps(self, ticket: LoadTicket) -> None:
        from tui.app.watch import stamp, stamps
        from tui.domain.crossref.cross_index import CrossIndex
        from tui.domain.loading.loader import load_facts
        from tui.domain.present.prepared import prepare, saved_state
        from tui.gc_policy import bulk_step, collect_released, collector_paused
        from tui.storage import load_cache

        last = 0.0

        def progress(phase: str, done: int, total: int) -> None:
            nonlocal last
            ticket.check()  # a replaced load stops here, mid-parse or mid-validation
            now = time.monotonic()
            if now - last >= _PROGRESS_EVERY or done >= total:
                last = now
                self._to_ui(ticket, self._progress, phase, done, total)

        # stamped before reading: an edit made while the file loads is seen as a change
        fact_stamp = stamp(self.facts_path)
        if self.use_state and not ticket.reload:
            from tui.storage import state_file

            self._to_ui(ticket, self._state_read, state_file.load(self.facts_path))
        with collector_paused():
            reopened = load_cache.reopen(self.facts_path, progress) \
                if self.use_cache else None
        if reopened is not None:
            facts, saved = reopened.facts, reopened.extras
        else:
            with bulk_step():
                result = load_facts(self.facts_path, progress)
            if result.problems or result.facts is None:
                # watch what this attempt read, and what the last good version read
                read = [*self._source_paths(result.facts), *self._source_paths(self.facts)]
                self._to_ui(ticket, self._show_problems, result.problems,
                            {str(self.facts_path): fact_stamp, **stamps(read)})
                return
            facts, saved = result.facts, None
        progress("index", 0, 1)
        with collector_paused():
            data = prepare(facts, saved)
        self._to_ui(ticket, self._open_browser, data, reopened is not None)
        # cross-referencing (and watching the files) waits until the browser has drawn its
        # filled panes: sharing the interpreter with it doubled the time the screen took to
        # appear, and the drawing kept the screen from answering for longer than 100 ms
        ticket.drawn.wait(timeout=10)
        ticket.check()
        if ticket.reload:
            collect_released()  # the previous version's browser, now off the screen
        # sources stamped after the drawing: 10,000 of them took 0.1 s off the way to it
        self._to_ui(ticket, self._start_watching,
                    {str(self.facts_path): fact_stamp, **stamps(self._source_paths(facts))})
        if reopened is None and self.use_cache:
            # the next start of this file is the fast one; written before cross-referencing
            # so the two steps' working memory never adds up (and a quick quit keeps it)
            load_cache.store(facts, saved_state(data))
        ticket.check()
        with collector_paused():
            xref = CrossIndex(facts)
        self._to_ui(ticket, self._attach_xref, xref, facts)

    def _source_paths(self, facts: FactBase | None) -> list[Path]:
        if facts is None:
            return []
        return [facts.path.parent / source.path for source in facts.sources.values()]

    # ── live reload ──────────────────────────────────────────────────────────────────

    def _start_watching(self, ticket: LoadTicket,
                        known: dict[str, FileStamp]) -> None:
        """Reload when any of these files changes."""
        from tui.app.watch import FileWatcher

        if not self._current(ticket) or self._leaving:
            return
        self._stop_watching()
        self._watcher = FileWatcher(known, self._changed_elsewhere, self.watch_every).start()

    def _stop_watching(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None

    def _changed_elsewhere(self) -> None:
        """From the watching thread."""
        try:
            self.call_from_thread(self._changed)
        except RuntimeError:
            pass  # the app has closed

    def _changed(self) -> None:
        self.action_reload(because="The fact file or a source text changed")

    def action_reload(self, because: str = "") -> None:
        """Load the fact file again, in the background; the browser stays usable meanwhile
        and keeps the last good version if the new one has problems. A load still running
        is replaced: only the newest version reaches the screen."""
        from tui.domain.present.safe_text import clean

        self.notify(f"{because + ': r' if because else 'R'}eloading "
                    f"{clean(str(self.facts_path), multiline=False)}…", timeout=3, markup=False)
        self._stop_watching()
        self._start_load()

    def on_unmount(self) -> None:
        self._leaving = True
        if self._ticket is not None:
            self._ticket.cancel()  # a loading thread stops at its next step
        self._stop_watching()
        self._release_signals()
        self._save_state_now()

    def _progress(self, ticket: LoadTicket, phase: str, done: int, total: int) -> None:
        if self._current(ticket) and isinstance(self.screen, LoadingScreen):
            self.screen.update_progress(phase, done, total)

    def _show_problems(self, ticket: LoadTicket, problems: list[Problem],
                       read: dict[str, FileStamp]) -> None:
        from tui.screens.problems import ProblemsScreen

        if not self._current(ticket):
            return
        self._start_watching(ticket, read)
        if self.facts is not None:  # a reload went wrong: keep the last good version
            self.main.show_reload_problems(problems)
            return
        if isinstance(self.screen, ProblemsScreen):
            self.screen.update_problems(problems)
        else:
            self.switch_screen(ProblemsScreen(str(self.facts_path), problems))
        self.bench.loaded()

    def _open_browser(self, ticket: LoadTicket, data: BrowserData, reopened: bool) -> None:
        from tui.domain.present.safe_text import clean
        from tui.screens.main import MainScreen

        if not self._current(ticket):
            return
        self.reopened = reopened
        if self.facts is not None:  # a reload: the same place, in the new version
            self._carried = self._current_state()
            while len(self.screen_stack) > 2:  # readers, help, conflicts: back to the browser
                self.pop_screen()
            self.notify("Reloaded the fact file", timeout=2)
        self.facts = data.facts
        self.xref = None
        self.sub_title = clean(data.facts.title)
        self.switch_screen(MainScreen(data))

    def browser_ready(self) -> None:
        """The browser has drawn its filled panes: loaded and searchable."""
        self.bench.loaded()
        if self._ticket is not None:
            if self._ticket.reload:
                _forget_released_widgets()
            self._ticket.drawn.set()
        if self._carried is not None:
            carried, self._carried = self._carried, None
            self._apply_state(carried)
        elif self.use_state and self._saved_state is None:
            self._restore_state()
            self.set_interval(_SAVE_EVERY, self._save_state)

    def _attach_xref(self, ticket: LoadTicket, xref: CrossIndex, facts: FactBase) -> None:
        if not self._current(ticket) or facts is not self.facts:
            return  # from a version a reload has replaced since
        self.xref = xref
        try:
            self.main.attach_xref(xref)
        except (LookupError, NoMatches):
            pass  # the browser is not open, or not yet composed: it takes the index then
        self.bench.cross_referenced()
        self.bench.finished()

    @property
    def main(self) -> MainScreen:
        from tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the browser is not open")

    def _refresh_lists(self) -> None:
        self.main.refresh_lists()

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
            from tui.screens.reader import SourceReader

            self.push_screen(SourceReader(self.facts, location.ident, location.passage,
                                          location.claim, location.citation))
            return
        main.go_to(location)
        if location.pane in {"timeline", "quotes", "sales", "brands", "detail", "palette",
                             "search", "reader"}:
            main.action_focus_pane("detail")

    def action_history_back(self) -> None:
        from tui.screens.main import MainScreen

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

    def _selected(self) -> Location | None:
        from tui.screens.main import MainScreen
        from tui.screens.reader import SourceReader

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


    def _cross_checked(self) -> bool:
        """Findings exist once the worker has cross-checked the file; say so until then."""
        if self.facts is None or self.xref is None:
            self.notify("Still cross-checking the figures; try again in a moment", timeout=3)
            return False
        return True

    def action_conflicts(self, focus: str | None = None) -> None:
        from tui.screens.conflicts import ConflictsScreen

        if self._cross_checked() and self.facts is not None and self.xref is not None:
            self.push_screen(ConflictsScreen(self.facts, self.xref, focus))

    def action_health(self) -> None:
        from tui.screens.health import HealthScreen

        if self._cross_checked() and self.facts is not None and self.xref is not None:
            self.push_screen(HealthScreen(self.facts, self.xref))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

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
    is an lru_cache on a method, so each of its 1,024 entries keeps a widget's style cache
    (and its rendered lines) alive after the widget is gone: ~1,500 lines a reload."""
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
