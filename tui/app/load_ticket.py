"""One load of the fact file, and how a newer one makes it stop.

A load runs in a thread; ctrl+r or a saved edit can start another while it runs. Textual's
`exclusive` workers do not stop a thread, so each load carries a ticket: starting a newer load
cancels the older ticket, whose thread stops at its next step, and the UI thread drops
whatever a cancelled load had already sent it. A stale version never replaces a newer one.
Plain Python: no Textual here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class LoadCancelled(Exception):
    """Raised in a loading thread whose load a newer one (or leaving the app) replaced."""


class LoadTicket:
    def __init__(self, reload: bool) -> None:
        self.reload = reload
        """True when a version of the file is already on screen (ctrl+r, a saved edit)."""
        self.previous: Callable[[], object | None] = lambda: None
        """The browser this load's replaced (a weak reference), once it has: what a reload
        frees when that browser has closed."""
        self.drawn = threading.Event()
        """Set when this load's browser has drawn its filled panes (or the load was dropped:
        a thread waiting for the drawing must not wait for a browser that never comes)."""
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()
        self.drawn.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """In the loading thread, between steps: stop here when replaced."""
        if self._cancelled.is_set():
            raise LoadCancelled("a newer load replaced this one")
