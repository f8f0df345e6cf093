"""Write a file so that readers see the old content or the new, never a mix or a fragment.

A temporary file in the same folder, flushed and fsynced, renamed over the target (atomic on
POSIX and Windows), then the folder fsynced so the rename itself survives a crash. A failure
leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path


def _new_file_mode() -> int:
    """What a file made with open() gets: 0o666 less the umask (read once, at import, since
    reading it means setting it)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_NEW_FILE_MODE = _new_file_mode()


def write_text_atomically(target: Path, text: str) -> None:
    """Raises OSError (the old file untouched) when it cannot be written."""
    write_bytes_atomically(target, text.encode("utf-8"))


@contextlib.contextmanager
def blocked_signals() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP held back while a temporary file is made and its name
    kept: stopped in between (the handler raises in the main thread), it was left behind."""
    held = {getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)}
    if not hasattr(signal, "pthread_sigmask") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def write_bytes_atomically(target: Path, data: bytes,
                           before_replacing: Callable[[Path], None] | None = None) -> None:
    write_chunks_atomically(target, (data,), before_replacing)


def write_chunks_atomically(target: Path, chunks: Iterable[bytes],
                            before_replacing: Callable[[Path], None] | None = None) -> None:
    """`chunks` into `target`, keeping its permissions when it exists. `before_replacing` is
    given the written temporary file before it replaces `target`: it may check it, and
    raise to leave `target` as it was. Raises OSError (the old file untouched) when the file
    cannot be written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp_name: str | None = None
    try:  # the temporary file is made inside: its name is kept for cleaning up
        with blocked_signals():
            temp = tempfile.NamedTemporaryFile("wb", dir=target.parent,  # noqa: SIM115
                                               prefix=f".{target.name}.", suffix=".tmp",
                                               delete=False)
            temp_name = temp.name
        with temp:
            for chunk in chunks:  # made as they are written: a large export is never whole
                temp.write(chunk)
            temp.flush()
            os.fsync(temp.fileno())
        with contextlib.suppress(OSError):  # an old file's mode is kept; a new file's as open()
            mode = target.stat().st_mode & 0o7777 if target.exists() else _NEW_FILE_MODE
            os.chmod(temp_name, mode)
        if before_replacing is not None:
            before_replacing(Path(temp_name))
        os.replace(temp_name, target)
        temp_name = None
        sync_folder(target.parent)
    finally:
        if temp_name is not None:  # written only in part, or never moved into place
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); where folders cannot be opened, skip it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
