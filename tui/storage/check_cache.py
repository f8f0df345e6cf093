"""A cache of `chery-tui check` output, keyed on content.

An entry is found by the fact file's bytes, the code that checks it, the limits in force
(`CHERY_TUI_MAX_*`: a check under tight limits is another answer) and the output format, and
is used only if every source text it read still has the same bytes. Checking a 100,000-claim
file takes seconds; a hit takes the time to hash the files. Entries are written atomically
(temporary file, fsync, rename) and signed with the user's own key (`tui.storage.cache_key`), so a
cache folder restored from elsewhere (a CI cache a pull request wrote, a synced folder) can
never replay an answer this user's chery-tui did not give; an entry that is unsigned, damaged
or unreadable is ignored, never an error. `--no-cache` or CHERY_TUI_NO_CACHE=1 bypass it;
CHERY_TUI_CACHE_DIR moves it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import tempfile
import time
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import IO

from tui.domain.loading.limits import Limits
from tui.domain.loading.textfile import Folder, open_regular, read_bytes
from tui.storage.atomic import blocked_signals, write_text_atomically
from tui.storage.cache_key import cache_key

_CHUNK = 1 << 20


def cache_dir(kind: str = "check") -> Path:
    """The folder for one kind of entry: `check` outputs, `loaded` snapshots."""
    explicit = os.environ.get("CHERY_TUI_CACHE_DIR")
    if explicit:
        return Path(explicit) / kind
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chery-tui" / kind


def enabled() -> bool:
    return not os.environ.get("CHERY_TUI_NO_CACHE")


def file_digest(path: Path, inside: Folder | None = None) -> str:
    """`content_digest` of the file's bytes, read a piece at a time; "unreadable" when it is
    not a regular file (or, with `inside`, not one a fact file in that folder may read)."""
    digest = hashlib.sha256()
    try:
        with open(open_regular(path, inside), "rb") as data:
            while chunk := data.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return "unreadable"
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """The checking code itself: a change to it must never reuse an old answer."""
    digest = hashlib.blake2b(digest_size=20)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry(path: Path, output_format: str) -> Path:
    """The entry's base name: `.json` holds what it depends on, `.out` the output itself."""
    # the path as given is part of the answer: problems and the summary print it
    key = hashlib.blake2b(
        f"{file_digest(path)}:{code_digest()}:{Limits.from_environment()!r}:{output_format}:"
        f"{path}".encode(), digest_size=20).hexdigest()
    return cache_dir() / key


_MOST_RECORD = 64_000_000
"""A record lists the source texts a check read: at most a few megabytes."""


def _sign(key: bytes, data: bytes) -> str:
    return hmac.new(key, data, "sha256").hexdigest()


def lookup(path: Path, output_format: str) -> tuple[int, str] | None:
    """(exit status, output) when a valid entry, signed with this user's key, exists."""
    key = cache_key()
    if key is None:
        return None
    base = _entry(path, output_format)
    try:
        record, _ = read_bytes(base.with_suffix(".json"), "", (_MOST_RECORD, "file_bytes"))
        if record is None:
            return None
        mac, _, body = record.partition(b"\n")
        if not hmac.compare_digest(mac, _sign(key, body).encode()):
            return None  # not written by this user's chery-tui, or damaged
        entry = json.loads(body)
        # read as the check read them: a text swapped for a symlink out of the folder, even
        # to the same bytes, is a problem now, not the clean answer recorded then
        folder = Folder(path.parent)
        for source, digest in entry["sources"]:
            if file_digest(Path(source), folder) != digest:
                return None
        data, _ = read_bytes(base.with_suffix(".out"), "", (entry["bytes"], "file_bytes"))
        if data is None or hashlib.sha256(data).hexdigest() != entry["output"]:
            return None  # an output from another run than the record describes
        return int(entry["status"]), data.decode("utf-8")
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


_STALE_SECONDS = 24 * 3600
"""A temporary file this old is a check that was killed before it could clean up."""


class Recording:
    """Collects an output as it is written, to store it once the check is done. Nothing is
    kept in memory: the output of a large file is tens of megabytes. Used as a context
    manager: a check that ends any other way than `finish` (an error, ctrl+c, a closed pipe)
    leaves no temporary file behind."""

    def __init__(self, path: Path, output_format: str, enabled: bool = True) -> None:
        self._base = _entry(path, output_format) if enabled else Path()
        self._folder = Folder(path.parent)
        self._key = cache_key() if enabled else None
        self._digest = hashlib.sha256()
        self._bytes = 0
        self._file: IO[bytes] | None = None

    def __enter__(self) -> Recording:
        # The temporary file is made here, with ctrl+c and SIGTERM held off until it is
        # made: made in __init__, a signal between it and the `with` left it behind.
        if self._key is None:
            return self
        try:
            with blocked_signals():
                try:
                    self._base.parent.mkdir(parents=True, exist_ok=True)
                    _sweep(self._base.parent)
                    # open for the Recording's life, not a block's: `finish` or `_abandon`
                    # closes it
                    self._file = tempfile.NamedTemporaryFile(
                        "wb", dir=self._base.parent, delete=False, suffix=".tmp")
                except OSError:
                    self._file = None  # an unwritable cache costs only the speed-up
        except BaseException:
            # a signal held off is delivered as the block ends, still inside __enter__,
            # where the `with` never calls __exit__: the file made would stay behind
            # (seen in a fresh-clone run, SIGTERM)
            self._abandon()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._abandon()  # after `finish`, nothing is left to abandon

    def write(self, text: str) -> None:
        if self._file is not None:
            data = text.encode("utf-8")
            self._digest.update(data)
            self._bytes += len(data)
            try:
                self._file.write(data)
            except OSError:
                self._abandon()

    def finish(self, status: int, sources: list[Path]) -> None:
        """Store the output and its signed record, each atomically (temporary file, fsync,
        rename)."""
        if self._file is None or self._key is None:
            return
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self._file.name, self._base.with_suffix(".out"))
            self._file = None
            # digested as check read them: a text it refused is "unreadable", so the answer
            # is not replayed once that text is a regular file in the folder again
            body = json.dumps({"sources": [[str(s), file_digest(s, self._folder)]
                                           for s in sources],
                               "status": status, "bytes": self._bytes,
                               "output": self._digest.hexdigest()})
            signed = _sign(self._key, body.encode("utf-8")) + "\n" + body
            write_text_atomically(self._base.with_suffix(".json"), signed)
        except OSError:
            self._abandon()

    def _abandon(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
                os.unlink(self._file.name)
            except OSError:
                pass
            self._file = None


def _sweep(folder: Path) -> None:
    """Remove what checks killed outright (no chance to clean up) left behind."""
    now = time.time()
    try:
        for leftover in folder.glob("*.tmp"):
            try:
                if now - leftover.lstat().st_mtime > _STALE_SECONDS:
                    leftover.unlink()
            except OSError:
                pass
    except OSError:
        pass
