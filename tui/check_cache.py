"""A cache of `chery-tui check` output, keyed on content.

An entry is found by the fact file's bytes, the code that checks it and the output format,
and is used only if every source text it read still has the same bytes. Checking a 100,000-
claim file takes seconds; a hit takes the time to hash the files. Entries are written
atomically (temporary file, fsync, rename); an unreadable entry is ignored, never an error.
`--no-cache` or CHERY_TUI_NO_CACHE=1 bypass it; CHERY_TUI_CACHE_DIR moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import IO

from tui.atomic import write_text_atomically

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


def file_digest(path: Path) -> str:
    """`content_digest` of the file's bytes, read a piece at a time."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as data:
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
        f"{file_digest(path)}:{code_digest()}:{output_format}:{path}".encode(),
        digest_size=20).hexdigest()
    return cache_dir() / key


def lookup(path: Path, output_format: str) -> tuple[int, str] | None:
    """(exit status, output) when a valid entry exists."""
    base = _entry(path, output_format)
    try:
        entry = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        for source, digest in entry["sources"]:
            if file_digest(Path(source)) != digest:
                return None
        output = base.with_suffix(".out").read_text(encoding="utf-8")
        if len(output) != entry["length"]:
            return None  # an output from another run than the record describes
        return int(entry["status"]), output
    except (OSError, ValueError, KeyError, TypeError):
        return None


class Recording:
    """Collects an output as it is written, to store it once the check is done. Nothing is
    kept in memory: the output of a large file is tens of megabytes."""

    def __init__(self, path: Path, output_format: str) -> None:
        self._base = _entry(path, output_format)
        self._length = 0
        self._file: IO[str] | None = None
        try:
            self._base.parent.mkdir(parents=True, exist_ok=True)
            self._file = tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self._base.parent, delete=False, suffix=".tmp")
        except OSError:
            self._file = None  # an unwritable cache costs only the speed-up

    def write(self, text: str) -> None:
        self._length += len(text)
        if self._file is not None:
            try:
                self._file.write(text)
            except OSError:
                self._abandon()

    def finish(self, status: int, sources: list[Path]) -> None:
        """Store the output and its record, each atomically (temporary file, fsync, rename)."""
        if self._file is None:
            return
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self._file.name, self._base.with_suffix(".out"))
            entry = {"sources": [[str(s), file_digest(s)] for s in sources],
                     "status": status, "length": self._length}
            write_text_atomically(self._base.with_suffix(".json"), json.dumps(entry))
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
