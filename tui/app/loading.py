"""The App's part that loads the fact file in a worker thread, opens the browser on it, adds
the cross-index when it is built, and reloads when the file or a source text changes.

The loading thread computes; it changes nothing of the app's. Everything it finds goes to
the UI thread with its ticket, and is dropped there when a newer load has started.
"""

from __future__ import annotations

import sys
import threading
import time
import weakref
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.css.query import NoMatches

from tui.app.base import BrowserApp, Resume
from tui.app.bench_events import BenchHooks
from tui.app.load_ticket import LoadCancelled, LoadTicket
from tui.screens.loading import LoadingScreen

if TYPE_CHECKING:
    from tui.app.watch import FileStamp, FileWatcher
    from tui.domain.crossref.cross_index import CrossIndex
    from tui.domain.facts.factbase import FactBase
    from tui.domain.loading.problems import Problem
    from tui.domain.loading.progress import Progress
    from tui.domain.present.prepared import BrowserData
    from tui.storage import state_file

_PROGRESS_EVERY = 0.05
"""Seconds between progress updates sent from the loading thread."""
_TEXT_CHECKERS = 2
"""Threads that check a snapshot's source texts beside its rebuilding: reading and hashing
leave the interpreter free, and two hide most of the time thousands of texts take."""


_COLLECT_AGAIN = 3
"""How many more collections a reload tries while the browser it replaced is still held."""


def _until_closed(previous: Callable[[], object | None], seconds: float = 2.0) -> None:
    """Wait (in the loading thread, a bounded while) until the browser a reload replaced has
    closed: Textual closes a screen switched away from in the turns after, and a collection
    before that could not free it, and froze it for good (a leak a reload long; found by the
    test that counts them, once its waits were spaced differently)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = previous()
        if screen is None or not getattr(screen, "is_running", False):
            return
        del screen
        time.sleep(0.01)


class LoadingApp(BrowserApp):
    def __init__(self, facts_path: Path, use_cache: bool, use_state: bool) -> None:
        super().__init__(facts_path, use_cache, use_state)
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
        self._leaving = False
        self._resume: Resume | None = None
        """Where the user was when a reload replaced the browser."""
        self._loaded_state: state_file.Loaded | None = None
        """The saved state, read by the loading thread ahead of the browser."""

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

    def _progress_sender(self, ticket: LoadTicket) -> Callable[[str, int, int], None]:
        last = 0.0

        def progress(phase: str, done: int, total: int) -> None:
            nonlocal last
            ticket.check()  # a replaced load stops here, mid-parse or mid-validation
            now = time.monotonic()
            if now - last >= _PROGRESS_EVERY or done >= total:
                last = now
                self._to_ui(ticket, self._progress, phase, done, total)

        return progress

    def _load_steps(self, ticket: LoadTicket) -> None:
        from tui.app.watch import stamp
        from tui.domain.present.prepared import prepare
        from tui.gc_policy import collector_paused

        progress = self._progress_sender(ticket)
        # stamped before reading: an edit made while the file loads is seen as a change
        fact_stamp = stamp(self.facts_path)
        if self.use_state and not ticket.reload:
            from tui.storage import state_file

            self._to_ui(ticket, self._state_read, state_file.load(self.facts_path))
        read = self._read_facts(ticket, progress, fact_stamp)
        if read is None:
            return
        facts, saved, reopened = read
        progress("index", 0, 1)
        with collector_paused():
            data = prepare(facts, saved)
        # the browser's modules imported here, while the loading screen waits, not on the UI
        # thread when the browser opens (a tenth of a second there, profiled)
        import tui.screens.main
        import tui.screens.reader  # noqa: F401

        self._to_ui(ticket, self._open_browser, data, reopened)
        self._after_drawing(ticket, data, fact_stamp, reopened)

    def _read_facts(self, ticket: LoadTicket, progress: Progress, fact_stamp: FileStamp
                    ) -> tuple[FactBase, dict[str, list[Any]] | None, bool] | None:
        """(facts, what a snapshot kept for the browser, reopened from a snapshot); None
        when the file has problems (then shown, and watched for a fix)."""
        from tui.app.watch import stamps
        from tui.domain.loading.loader import load_facts
        from tui.gc_policy import bulk_step, collector_paused
        from tui.storage import load_cache

        with collector_paused():
            reopened = load_cache.reopen(self.facts_path, progress, _TEXT_CHECKERS) \
                if self.use_cache else None
        if reopened is not None:
            return reopened.facts, reopened.extras, True
        with bulk_step():
            result = load_facts(self.facts_path, progress)
        if result.problems or result.facts is None:
            # watch what this attempt read, and what the last good version read
            read = [*self._source_paths(result.facts), *self._source_paths(self.facts)]
            self._to_ui(ticket, self._show_problems, result.problems,
                        {str(self.facts_path): fact_stamp, **stamps(read)})
            return None
        return result.facts, None, False

    def _after_drawing(self, ticket: LoadTicket, data: BrowserData, fact_stamp: FileStamp,
                       reopened: bool) -> None:
        """Once the browser has drawn its filled panes: watch the files, keep a snapshot for
        the next start, and build the cross-index. Sharing the interpreter with the drawing
        slowed the screen's first appearance and kept it from answering
        (docs/performance.md, "Loading in the app, and watching files")."""
        from tui.app.watch import stamps
        from tui.domain.crossref.cross_index import CrossIndex
        from tui.domain.present.prepared import saved_state
        from tui.gc_policy import collect_released, collector_paused
        from tui.storage import load_cache

        ticket.drawn.wait(timeout=10)
        ticket.check()
        if ticket.reload:
            _until_closed(ticket.previous)
            collect_released()  # the previous version's browser, now off the screen
            for _ in range(_COLLECT_AGAIN):
                if ticket.previous() is None:
                    break
                # still held (by a callback Textual had not run yet, on a busy machine):
                # once more, or it stays frozen until the next reload
                time.sleep(0.1)
                collect_released()
        facts = data.facts
        # sources stamped after the drawing, which they would otherwise delay
        self._to_ui(ticket, self._start_watching,
                    {str(self.facts_path): fact_stamp, **stamps(self._source_paths(facts))})
        if not reopened and self.use_cache:
            # the next start of this file is the fast one; written before cross-referencing
            # so the two steps' working memory never adds up (and a quick quit keeps it)
            load_cache.store(facts, saved_state(data), pause=self.give_way)
        ticket.check()
        with collector_paused():
            xref = CrossIndex(facts, links=data.links, pause=self.give_way)
        self._to_ui(ticket, self._attach_xref, xref, facts)

    def _source_paths(self, facts: FactBase | None) -> list[Path]:
        if facts is None:
            return []
        return [facts.path.parent / source.path for source in facts.sources.values()]

    def _state_read(self, ticket: LoadTicket, loaded: state_file.Loaded) -> None:
        if self._current(ticket):
            self._loaded_state = loaded

    # ── what the loading thread sends ───────────────────────────────────────────────

    def _progress(self, ticket: LoadTicket, phase: str, done: int, total: int) -> None:
        if self._current(ticket) and isinstance(self.screen, LoadingScreen):
            self.screen.update_progress(phase, done, total)

    def _show_problems(self, ticket: LoadTicket, problems: list[Problem],
                       read: dict[str, FileStamp]) -> None:
        from tui.screens.problems import ProblemsScreen

        if not self._current(ticket):
            return
        self._start_watching(ticket, read)
        self._close_fix_anchors()
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
        self._close_fix_anchors()
        self.reopened = reopened
        reload = self.facts is not None
        if reload:  # the same place, in the new version
            self._resume = self.where_the_user_is()
            while len(self.screen_stack) > 2:  # readers, help, conflicts: back to the browser
                self.pop_screen()
            for kept in ("series", "conflicts"):  # the old version's views, kept to reopen
                self._drop_kept_screen(kept)
            self.notify("Reloaded the fact file", timeout=2)
        self.facts = data.facts
        self.xref = None
        if reload:  # only what the new version still holds
            self.session.restore(self.session.state(), self.exists)
        self.sub_title = clean(data.facts.title)
        if self._last_browser is not None:
            ticket.previous = weakref.ref(self._last_browser)
        self._last_browser = MainScreen(data, self.session)
        query = self._close_palette_over_loading()
        self.switch_screen(self._last_browser)
        if query is not None:  # the palette opened while loading: open again, over the facts
            self.call_after_refresh(self._reopen_palette, query)

    def _drop_kept_screen(self, name: str) -> None:
        """Uninstalled and removed: an uninstalled screen stays the app's child, with the
        version of the file it shows."""
        if self.is_screen_installed(name):
            screen = self.get_screen(name)
            self.uninstall_screen(name)
            screen.remove()

    def _close_fix_anchors(self) -> None:
        """The repairs `f` offers on the problems screen are those of the version it was
        pressed in: a new version closes them, unwritten (`f` finds them again)."""
        dialog = sys.modules.get("tui.screens.fix_anchors")  # not imported for nothing
        if dialog is not None and isinstance(self.screen, dialog.FixAnchorsScreen):
            self.pop_screen()
            self.notify("The fact file changed: the repairs shown were not written (f finds "
                        "them again)", timeout=4)

    def _close_palette_over_loading(self) -> str | None:
        """What was typed in a command palette opened over the loading screen, which is
        closed (the browser replaces the loading screen, and only the top screen can be
        switched: the palette went, and the loading screen stayed under the browser)."""
        from textual.command import CommandInput, CommandPalette

        from tui.screens.loading import LoadingScreen

        stack = self.screen_stack
        if len(stack) < 2 or not isinstance(stack[-1], CommandPalette) or \
                not isinstance(stack[-2], LoadingScreen):
            return None
        query = stack[-1].query_one(CommandInput).value
        self.pop_screen()
        return query

    def _reopen_palette(self, query: str) -> None:
        from textual.command import CommandInput, CommandPalette

        def typed_again() -> None:
            if isinstance(self.screen, CommandPalette):
                self.screen.query_one(CommandInput).value = query

        self.action_command_palette()
        if query:
            self.call_after_refresh(typed_again)  # once the palette has its input

    def _attach_xref(self, ticket: LoadTicket, xref: CrossIndex, facts: FactBase) -> None:
        if not self._current(ticket) or facts is not self.facts:
            return  # from a version a reload has replaced since
        self.xref = xref
        # the browser not open, or not yet composed: it takes the index then
        with suppress(LookupError, NoMatches):
            self.main.attach_xref(xref)
        self.bench.cross_referenced()
        self.bench.finished()

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
        with suppress(RuntimeError):  # the app has closed
            self.call_from_thread(self._changed)

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

    def _stop_loading(self) -> None:
        """On the way out: a loading thread stops at its next step."""
        self._leaving = True
        if self._ticket is not None:
            self._ticket.cancel()
        self._stop_watching()
