"""The user's state between runs, and through what ends a run: the App's part that restores,
saves and merges the browsing session (`tui.storage.state_file` is the file), and turns
SIGTERM and SIGHUP into an orderly quit."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from tui.app.base import Resume
from tui.app.repairing import RepairingApp

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.navigation.saved_state import UserState
    from tui.storage import state_file

SAVE_EVERY = 2.0
"""Seconds between checks whether the basket, history or position changed (to save them)."""


class KeepingApp(RepairingApp):
    def __init__(self, facts_path: Path, use_cache: bool, use_state: bool) -> None:
        super().__init__(facts_path, use_cache, use_state)
        self._saved_state: UserState | None = None
        """What was last read or written; None until the state has been restored."""
        self._state_writing = False
        self._state_failing = False
        self.unsaved: str | None = None
        """Said on the way out when the state could not be saved on leaving."""
        self._signals: list[int] = []

    # ── signals ────────────────────────────────────────────────────────────────────

    def _catch_signals(self) -> None:
        """SIGTERM (a `kill`, a shutdown) and SIGHUP (the terminal closed) end the app as `q`
        does: the state saved, the terminal given back as it was. By default they end the
        process on the spot, leaving the terminal in the app's screen with the mouse
        reported and the last change to the basket unsaved."""
        import asyncio
        import signal

        try:
            loop = asyncio.get_running_loop()
            for name in ("SIGTERM", "SIGHUP"):
                number = getattr(signal, name, None)
                if number is not None:
                    loop.add_signal_handler(number, self._ended_by_signal, number)
                    self._signals.append(number)
        except (RuntimeError, NotImplementedError, ValueError):
            pass  # not the main thread, or a platform without them

    def _ended_by_signal(self, number: int) -> None:
        self._save_state_now()  # first: after SIGHUP, the way out may fail to draw
        self.exit(return_code=128 + number)

    def _release_signals(self) -> None:
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for number in self._signals:
            loop.remove_signal_handler(number)
        self._signals.clear()

    # ── the user's state between runs ───────────────────────────────────────────────

    def _restore_state(self) -> None:
        """Take up the saved state (once, when the browser is first ready), then save it
        every few seconds when it changed."""
        from tui.storage import state_file

        # read by the loading thread, ahead of the browser
        loaded = self._loaded_state or state_file.load(self.facts_path)
        self._loaded_state = None
        if loaded.notice:
            self.notify(loaded.notice, severity="warning", timeout=10, markup=False)
        self.session.restore(loaded.state, self.exists)
        if self.session.theme in self.available_themes:
            self.theme = self.session.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._show_session()
        self.main.reopen(self.session.pane, self.session.expanded, self.session.tree_cursor,
                         self.session.list_pane)
        self._saved_state = self.session.state()
        self.set_interval(SAVE_EVERY, self._save_state)

    def _note_view(self) -> None:
        """The pane in use and the tree's open branches, into the session, to be saved."""
        browser = self.last_browser
        if browser is not None and browser.ready:
            self.session.pane = browser.pane_in_use
            self.session.list_pane = browser.active_pane
            self.session.expanded = browser.open_branches()
            self.session.tree_cursor = browser.tree_cursor()

    def _theme_changed(self, theme: Theme) -> None:
        self.session.theme = theme.name  # kept with the rest of the user's state

    def _show_session(self, resume: Resume | None = None) -> None:
        """The browser at the session's place: its filter, its current item, its breadcrumb
        and basket marks; after a reload (`resume`) also the pane in use, and the reader if
        it was open (at a start, a source shows in the Detail, not in the reader)."""
        main = self.main
        if resume is not None:
            main.show_list(resume.list_pane)
            main.action_focus_pane(resume.pane)
        current = self.session.current
        if current is not None and current.kind == "source" and \
                not (resume is not None and resume.reading):
            main.go_to(current)
        elif current is not None:
            self.show(current)
        self.redraw_session()

    def _save_state(self) -> None:
        """Write the state when it changed since the last write (checked every few seconds),
        in a thread: a slow or hung disk never holds up the screen. A write that failed is
        tried again at the next round; another instance's changes are merged in."""
        if not self.use_state or self._saved_state is None or self.facts is None:
            return
        self._note_view()
        current = self.session.state()
        if current == self._saved_state or self._state_writing:
            return
        self._state_writing = True
        self._write_state(current, self._saved_state)

    @work(thread=True, group="state")
    def _write_state(self, current: UserState, base: UserState) -> None:
        from tui.storage import state_file

        saved = state_file.save_merging(self.facts_path, current, base)
        with suppress(RuntimeError):  # the app has closed: leaving saves again, synchronously
            self.call_from_thread(self._state_written, current, saved)

    def _state_written(self, current: UserState, saved: state_file.Saved) -> None:
        self._state_writing = False
        if saved.problem is not None:
            if not self._state_failing:  # once, not every round
                self.notify(f"{saved.problem}; trying again every few seconds", markup=False,
                            severity="warning", timeout=8)
            self._state_failing = True
            return  # `_saved_state` unchanged: the next round tries again
        if self._state_failing:
            self.notify("Saved the basket and your place", timeout=3)
            self._state_failing = False
        self._saved_state = saved.state
        if saved.merged and self.session.basket == current.basket:
            self.session.adopt_basket(saved.state.basket)
            self.notify("Another chery-tui on this fact file changed the basket; merged: "
                        f"{len(self.session.basket)} items now", timeout=5)
            self.redraw_session()

    def _save_state_now(self) -> None:
        """On leaving: written here and now; when it cannot be, what would be lost is told on
        the way out (`run_app` prints it)."""
        from tui.storage import state_file

        if not self.use_state or self._saved_state is None or self.facts is None:
            return
        self._note_view()
        current = self.session.state()
        if current == self._saved_state:
            return
        saved = state_file.save_merging(self.facts_path, current, self._saved_state)
        if saved.problem is not None:
            basket = ", ".join(current.basket) or "empty"
            self.unsaved = f"{saved.problem}. The basket was: {basket}"
        else:
            self._saved_state = saved.state
