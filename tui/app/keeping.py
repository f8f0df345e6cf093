"""The user's state between runs, and through what ends a run: the app's part that restores,
saves and merges the basket, history, filter and citation style (`tui.storage.state_file` is the
file), and turns SIGTERM and SIGHUP into an orderly quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from tui.app.copying import CitingApp
from tui.app.load_ticket import LoadTicket
from tui.navigation.history import History, Location

if TYPE_CHECKING:
    from tui.screens.main import MainScreen
    from tui.storage import state_file
    from tui.storage.state_file import UserState


class KeepingApp(CitingApp):
    facts_path: Path
    use_state: bool
    history: History
    _saved_state: UserState | None
    _loaded_state: state_file.Loaded | None
    _state_writing: bool
    _state_failing: bool
    unsaved: str | None
    _signals: list[int]

    @property
    def main(self) -> MainScreen:
        raise NotImplementedError

    def _current(self, ticket: LoadTicket) -> bool:
        raise NotImplementedError

    def _show(self, location: Location) -> None:
        raise NotImplementedError

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

    def _state_read(self, ticket: LoadTicket, loaded: state_file.Loaded) -> None:
        if self._current(ticket):
            self._loaded_state = loaded

    def _restore_state(self) -> None:
        from tui.storage import state_file

        # read by the loading thread, ahead of the browser
        loaded = self._loaded_state or state_file.load(self.facts_path)
        self._loaded_state = None
        if loaded.notice:
            self.notify(loaded.notice, severity="warning", timeout=10, markup=False)
        self._apply_state(loaded.state)
        self._saved_state = self._current_state()

    def _apply_state(self, saved: UserState) -> None:
        """Basket, history, filter and position, for what still exists in the facts."""
        state = saved.keeping(self._exists)
        self.basket[:] = state.basket
        if state.cite_style in ("plain", "markdown", "quote"):
            self.cite_style = state.cite_style  # type: ignore[assignment]
        self.history = state.history()
        main = self.main
        if state.filter_entity is not None:
            main.filter_entity = state.filter_entity
        if state.current is not None and state.current.kind != "source":
            self._show(state.current)
        main._update_crumbs()
        main.refresh_lists()  # basket marks

    def _exists(self, location: Location) -> bool:
        facts = self.facts
        if facts is None:
            return False
        if location.kind == "claim":
            return location.ident in facts.claims
        if location.kind == "entity":
            return location.ident in facts.entities
        if location.kind == "source":
            return location.ident in facts.sources
        return location.ident in facts.tables

    def _current_state(self) -> UserState:
        from tui.storage import state_file

        try:
            entity = self.main.filter_entity
        except LookupError:
            entity = None
        return state_file.UserState.of(self.basket, self.history, entity, self.cite_style)

    def _save_state(self) -> None:
        """Write the state when it changed since the last write (checked every few seconds),
        in a thread: a slow or hung disk never holds up the screen. A write that failed is
        tried again at the next round; another instance's changes are merged in."""
        if not self.use_state or self._saved_state is None or self.facts is None:
            return
        current = self._current_state()
        if current == self._saved_state or self._state_writing:
            return
        self._state_writing = True
        self._write_state(current, self._saved_state)

    @work(thread=True, group="state")
    def _write_state(self, current: UserState, base: UserState) -> None:
        from tui.storage import state_file

        saved = state_file.save_merging(self.facts_path, current, base)
        try:
            self.call_from_thread(self._state_written, current, saved)
        except RuntimeError:
            pass  # the app has closed: leaving saves again, synchronously

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
        if saved.merged and self.basket == current.basket:
            self.basket[:] = saved.state.basket
            self.notify("Another chery-tui on this fact file changed the basket; merged: "
                        f"{len(self.basket)} items now", timeout=5)
            try:
                self.main.refresh_lists()
            except LookupError:
                pass

    def _save_state_now(self) -> None:
        """On leaving: written here and now; when it cannot be, what would be lost is told on
        the way out (`run_app` prints it)."""
        from tui.storage import state_file

        if not self.use_state or self._saved_state is None or self.facts is None:
            return
        current = self._current_state()
        if current == self._saved_state:
            return
        saved = state_file.save_merging(self.facts_path, current, self._saved_state)
        if saved.problem is not None:
            basket = ", ".join(current.basket) or "empty"
            self.unsaved = f"{saved.problem}. The basket was: {basket}"
        else:
            self._saved_state = saved.state
