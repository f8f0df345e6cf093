"""Keep Python's cyclic garbage collector out of bulk loading: the policy of the programs
(the browser, `check`, `cite`), which wrap the domain's loading in it.

Loading a large fact file (and indexing it) allocates millions of objects and frees almost
none. The collector's full passes over them cost a large share of a big load's time and, in
whichever thread triggers them, hold the interpreter long enough to freeze the UI (figures:
docs/performance.md, "Garbage collector").
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading allocates millions of objects and frees almost none: the cyclic collector's
    full passes would only cost a large share of a big load's time and stall other threads;
    see docs/performance.md, "Garbage collector"."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The fact base lives as long as the program: move what loading made out of the
        # collector's sight first. Re-enabling with them in view started a full pass over
        # millions of objects at once, the interpreter held throughout.
        gc.freeze()
        if was_enabled:
            gc.enable()


@contextmanager
def bulk_step() -> Iterator[None]:
    """A step that builds what lives as long as the program (loading a file): the collector
    paused during it, and the memory it freed handed back after it."""
    with collector_paused():
        yield
    release_free_memory()


def collect_released() -> None:
    """Free what a reload let go of: the previous version's facts and browser.

    `collector_paused` freezes everything alive when it ends, and the browser on screen was
    alive then: frozen objects are never examined again, so the previous browser (Textual's
    widgets hold each other in cycles, and through them the facts) outlived every reload:
    memory grew with each one. Once that browser is off the screen, thaw everything,
    collect once, and freeze what is still alive. The one full pass costs about what
    re-enabling the collector after a load would have (why loads freeze): it happens once a
    reload, after the new version is on screen.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    release_free_memory()


def release_free_memory() -> None:
    """Hand memory freed by a bulk step back to the system (glibc only; elsewhere nothing).

    Parsing a large file frees tens of megabytes in the C allocator's heap between objects
    that live on, which glibc keeps unless asked: otherwise part of the peak the next steps
    build on.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        trim: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc (musl has no malloc_trim)
    return trim
