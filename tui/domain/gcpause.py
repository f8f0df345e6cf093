"""Keep Python's cyclic garbage collector out of bulk loading.

Loading a large fact file (and indexing it) allocates millions of objects and frees almost
none. The collector's full passes over them cost time (40% of a 100k-claim load) and, in
whichever thread triggers them, hold the interpreter for up to a second: the UI freezes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading allocates millions of objects and frees almost none: the cyclic collector's
    full passes would only cost time (40% of a 100k-claim load) and stall other threads."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The fact base lives as long as the program: move what loading made out of the
        # collector's sight first. Re-enabling with them in view started a full pass over
        # millions of objects at once (0.7 s with the interpreter held, at 100k claims).
        gc.freeze()
        if was_enabled:
            gc.enable()


