"""What the app tells `make bench` (which lives in `tui.bench`): when the first screen and the
loaded browser appear, and how long the UI thread was ever kept from running while the file
loaded.

Enabled only by the CHERY_TUI_BENCH_EVENTS environment variable (a file to append JSON lines
to); CHERY_TUI_BENCH_EXIT=1 quits once everything is loaded.
"""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

_TICK = 0.01


class BenchHooks:
    def __init__(self, app: App[int] | None, path: str | None, exit_when_done: bool) -> None:
        self.app = app
        self.path = path
        self.exit_when_done = exit_when_done
        self._last_tick = 0.0
        self.max_block = 0.0
        self._ticking = False

    @classmethod
    def from_environment(cls, app: App[int]) -> BenchHooks:
        path = os.environ.get("CHERY_TUI_BENCH_EVENTS")
        return cls(app if path else None, path, os.environ.get("CHERY_TUI_BENCH_EXIT") == "1")

    def _write(self, event: str, **extra: float) -> None:
        if self.path is None:
            return
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"event": event, "t": time.time(), **extra}) + "\n")

    def first_screen(self) -> None:
        if self.app is None:
            return
        self.app.call_after_refresh(self._write, "first_screen")
        # the UI thread's longest stall while loading: gaps between ticks of a 10 ms timer
        self._last_tick = time.perf_counter()
        self._ticking = True
        self.app.set_interval(_TICK, self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._ticking:
            self.max_block = max(self.max_block, now - self._last_tick - _TICK)
        self._last_tick = now

    def loaded(self) -> None:
        if self.app is None:
            return
        self._write("loaded", max_block=self.max_block)

    def cross_referenced(self) -> None:
        if self.app is None:
            return
        self._ticking = False
        self._write("cross_referenced", max_block=self.max_block)

    def finished(self) -> None:
        """The loading worker is done (including writing a snapshot for the next start)."""
        if self.app is not None and self.exit_when_done:
            self.app.exit()
