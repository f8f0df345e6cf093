"""Long work in a background thread giving way to the user: the UI thread shares the
interpreter with it, and a key pressed while it runs waited its turn for the interpreter
lock, every few milliseconds, all through the key's drawing (docs/performance.md, "Keys
while cross-referencing"). The work calls a `Pause` every few milliseconds of its own; the
App's pause sleeps while the user is at the keys."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Pause = Callable[[], None]
"""Called by long work between small steps; may sleep, never raises."""

_T = TypeVar("_T")

EVERY = 256
"""Items between two pauses: a few milliseconds of the slowest loop paced (a growth check
is ~15 µs a claim)."""


def paced(items: Iterable[_T], pause: Pause | None, every: int = EVERY) -> Iterator[_T]:
    """`items`, with `pause` called before the first and after every `every` more."""
    if pause is None:
        yield from items
        return
    for n, item in enumerate(items):
        if not n % every:
            pause()
        yield item


class GiveWay:
    """A `Pause` that sleeps while the user has been at the keys (or mouse) in the last
    `quiet` seconds: long enough for a key's handling and drawing, so that a key's turn at the
    interpreter is not shared with the background work. The UI thread calls `touched` on
    each input event; a background thread calls the instance between its steps.

    Each call sleeps at most `longest` seconds, so work still gets done, slowly, under a key
    held down."""

    def __init__(self, quiet: float = 0.25, longest: float = 0.5,
                 clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None) -> None:
        import time

        self.quiet = quiet
        self.longest = longest
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self._touched = -float("inf")

    def touched(self) -> None:
        self._touched = self._clock()

    def __call__(self) -> None:
        start = self._clock()
        while True:
            now = self._clock()
            wait = min(self._touched + self.quiet - now, start + self.longest - now)
            if wait <= 0:
                return
            self._sleep(wait)
