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

_CHUNK = 1 << 20


def cache_dir() -> Path:
    explicit = os.environ.get("CHERY_TUI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chery-tui" / "check"


def enabled() -> bool:
    return not os.environ.get("CHERY_TUI_NO_CACHE")


def file_digest(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    try:
        with path.open("rb") as data:
            while chunk := data.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return "unreadable"
    return digest.hexdigest()


@cache
def _code_digest() -> str:
    """The checking code itself: a change to it must never reuse an old answer."""
    digest = hashlib.blake2b(digest_size=20)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _entry(path: Path, output_format: str) -> Path:
    # the path as given is part of the answer: problems and the summary print it
    key = hashlib.blake2b(
        f"{file_digest(path)}:{_code_digest()}:{output_format}:{path}".encode(),
        digest_size=20).hexdigest()
    return cache_dir() / f"{key}.json"


def lookup(path: Path, output_format: str) -> tuple[int, str] | None:
    """(exit status, output) when a valid entry exists."""
    try:
        entry = json.loads(_entry(path, output_format).read_text(encoding="utf-8"))
        for source, digest in entry["sources"]:
            if file_digest(Path(source)) != digest:
                return None
        return int(entry["status"]), str(entry["output"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(path: Path, output_format: str, sources: list[Path], status: int,
          output: str) -> None:
    """Write an entry; failing to (a read-only home, a full disk) costs only the speed-up."""
    entry = {"sources": [[str(s), file_digest(s)] for s in sources], "status": status,
             "output": output}
    target = _entry(path, output_format)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         delete=False, suffix=".tmp") as temp:
            json.dump(entry, temp, ensure_ascii=False)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp.name, target)
    except OSError:
        try:
            os.unlink(temp.name)
        except (OSError, UnboundLocalError):
            pass
