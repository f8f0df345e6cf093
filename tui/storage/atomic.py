"""Write a file so that readers see the old content or the new, never a mix or a fragment.

A temporary file in the same folder, flushed and fsynced, renamed over the target (atomic on
POSIX and Windows), then the folder fsynced so the rename itself survives a crash. A failure
leaves the old file as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomically(target: Path, text: str) -> None:
    """Raises OSError (the old file untouched) when it cannot be written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp_name: str | None = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         prefix=f".{target.name}.", suffix=".tmp",
                                         delete=False) as temp:
            temp_name = temp.name
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
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
