"""The user's own key for signing cache entries.

The caches (`check` outputs, snapshots of loaded files) are replayed without being checked
again, so an entry must be one this user's chery-tui wrote. A digest alone proves nothing:
whoever can put a file in the cache folder (a CI cache restored from a pull request's run, a
folder synced between machines, `CHERY_TUI_CACHE_DIR` pointed somewhere shared) can compute
it too. An HMAC with a random key kept in the user's state folder, beside the cache but never
in it, can only be made by someone who could already read that user's files.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from pathlib import Path

from tui.domain.loading.textfile import read_bytes

_SIZE = 32
_NAME = "cache.key"
_lock = threading.Lock()
_known: dict[str, bytes] = {}


def key_path() -> Path:
    from tui.storage.state_file import state_dir

    return state_dir() / _NAME


def cache_key() -> bytes | None:
    """The key, made on first use; None when it can be neither read nor made (then the
    caches are neither used nor written)."""
    path = key_path()
    with _lock:
        known = _known.get(str(path))
        if known is not None:
            return known
        key = _read(path)
        if key is None:
            key = _make(path)
        if key is not None:
            _known[str(path)] = key
        return key


def _read(path: Path) -> bytes | None:
    data, _ = read_bytes(path, str(path), (_SIZE, "file_bytes"))
    return data if data is not None and len(data) == _SIZE else None


def _make(path: Path) -> bytes | None:
    """A new key, written whole under a temporary name and linked into place, so that a
    second chery-tui making one at the same moment either wins or reads the winner's."""
    temp = path.with_name(f".{_NAME}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_bytes(_SIZE))
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path)
        except FileExistsError:
            if _read(path) is None:  # a damaged key: entries it signed are misses anyway
                os.replace(temp, path)
        except OSError:  # a file system without hard links
            os.replace(temp, path)
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    return _read(path)
