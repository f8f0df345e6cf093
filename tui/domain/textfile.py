"""Read UTF-8 text files, turning every failure into a Problem."""

from __future__ import annotations

import os
from pathlib import Path

from tui.domain.limits import megabytes, over
from tui.domain.problems import Problem

NO_SUCH_FILE = "no such file"


def read_bytes(path: Path, label: str, limit: tuple[int, str] | None = None
               ) -> tuple[bytes | None, Problem | None]:
    """Read a file's bytes. Returns (data, None) or (None, problem). `limit`: (most bytes,
    the limit's name in `tui.domain.limits`): a larger file is a problem, and is not read."""
    try:
        if limit is not None:
            most, name = limit
            with path.open("rb") as raw:
                size = os.fstat(raw.fileno()).st_size
                # read one byte more than allowed: a file that grows meanwhile stops there
                data = raw.read(most + 1) if size <= most else b""
            if size > most or len(data) > most:
                return None, Problem(label, 1, over(
                    f"the file is {megabytes(max(size, len(data)))}", name, most))
            return data, None
        return path.read_bytes(), None
    except FileNotFoundError:
        return None, Problem(label, 1, NO_SUCH_FILE)
    except IsADirectoryError:
        return None, Problem(label, 1, "is a directory, not a file")
    except OSError as exc:
        return None, Problem(label, 1, f"cannot read: {exc.strerror or exc}")


def read_text(path: Path, label: str, limit: tuple[int, str] | None = None
              ) -> tuple[str | None, Problem | None]:
    """Read a UTF-8 file; a BOM is dropped. Returns (text, None) or (None, problem)."""
    data, problem = read_bytes(path, label, limit)
    if data is None:
        return None, problem
    return decode(data, label)


def decode(data: bytes, label: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text without a BOM, or the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, Problem(label, line, f"not valid UTF-8: byte 0x{data[exc.start]:02x} "
                                          f"at column {column}")
    return text.removeprefix("\ufeff"), None
