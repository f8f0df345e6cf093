"""Watch the fact file and its source texts for changes, from a background thread.

Polling `os.stat` once a second (every two seconds for 10,000 files), as `tail -F` and
toolong do, works on every platform and file system (network mounts, editors that replace
files by renaming) without a dependency, off the UI thread (what a round costs:
docs/performance.md, "Loading in the app, and watching files"). A change is reported once
the files have stopped changing for a moment, so an editor's save in several writes is one
reload, not several. Plain Python: no Textual here.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

FileStamp = tuple[int, int, int, int] | None
"""(modification time in ns, size, inode, change time in ns) of a file, or None when it does
not exist. The change time too: an edit can keep the size and put the modification time back
(`touch -r`, `rsync -t`, some editors), but the kernel sets the change time on every write."""


def stamp(path: Path | str) -> FileStamp:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns


def stamps(paths: Iterable[Path | str]) -> dict[str, FileStamp]:
    found: dict[str, FileStamp] = {}
    for n, path in enumerate(paths, start=1):
        found[str(path)] = stamp(path)
        if n % 500 == 0:
            time.sleep(0)  # let the UI thread in during a long round
    return found


class FileWatcher:
    """Calls `changed()` (from its own thread) when any watched file differs from the stamps
    it was given, and has stayed the same for one more round."""

    def __init__(self, known: dict[str, FileStamp], changed: Callable[[], None],
                 every: float = 1.0) -> None:
        self._known = known
        self._changed = changed
        # a round a second for a few thousand files; fewer rounds for more (10,000: 2 s)
        self._every = max(every, len(known) / 5000)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="chery-tui-watch", daemon=True)

    def start(self) -> FileWatcher:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        seen: dict[str, FileStamp] | None = None
        while not self._stop.wait(self._every):
            now = stamps(self._known)
            if now == self._known:
                seen = None
                continue
            if now == seen:  # changed, and settled since the last round
                self._stop.set()
                self._changed()
                return
            seen = now
