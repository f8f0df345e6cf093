"""Read UTF-8 text files, turning every failure into a Problem.

A fact file may come from anyone, so what it names is opened with care: only regular files
(a FIFO or a terminal would block the read forever, a device could be endless or act on being
opened), and a source text only inside the fact file's own folder once every symlink is
followed, never through a hidden file or folder (else a shared file could make `check` print
`/etc/passwd`, `/proc/self/environ` or `~/.ssh/id_rsa`). A path is refused before anything is
opened, and what was opened is checked to be what was looked at.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tui.domain.loading.limits import megabytes, over
from tui.domain.loading.problems import Problem

NO_SUCH_FILE = "no such file"

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
"""O_NONBLOCK: should a FIFO take a checked file's place, opening it returns at once instead
of waiting for a writer (its type is then refused); O_NOCTTY: a terminal never becomes ours."""


class NotReadable(OSError):
    """A path that is not read, with the reason to tell the user."""


@dataclass(frozen=True, slots=True)
class PathProblem(Problem):
    """A problem with the path itself (missing, outside its folder, not a regular file): its
    place is where the path is written, not inside the file it names."""


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file: not read"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file: not read"
    return "is not a regular file: not read"


def real_path(path: Path | str) -> str:
    """`path` absolute with every symlink followed as far as they go; never raises (a symlink
    loop, which `Path.resolve` turns into RuntimeError, stays as it is)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


_OUTSIDE = ("is outside the fact file's folder: not read (a source text must be a file in "
            "that folder or below it)")


class Folder:
    """A fact file's folder, for one load: what may be read as one of its texts. Each
    directory's symlinks are followed once and kept (thousands of texts in one folder cost
    one `realpath` of it, not one each: those held the interpreter long enough to slow
    reopening a large file noticeably)."""

    def __init__(self, path: Path | str) -> None:
        self.real = real_path(path)
        self._dirs: dict[str, str] = {}

    def resolve(self, path: Path | str) -> str:
        """Where `path` leads once every symlink is followed, which must be inside the folder
        and through no hidden (dot) file or folder below it; raises NotReadable why not."""
        raw = os.fspath(path)
        parent, name = os.path.split(raw)
        if name in ("", os.curdir, os.pardir):
            real = real_path(raw)
        else:
            known = self._dirs.get(parent)
            if known is None:
                known = self._dirs[parent] = real_path(parent or os.curdir)
            real = os.path.join(known, name)
            if os.path.islink(real):
                real = real_path(real)
        self.check(real)
        return real

    def check(self, real: str) -> None:
        """Raise NotReadable unless the real path `real` is inside and not hidden."""
        base = self.real
        if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
            raise NotReadable(_OUTSIDE)
        hidden = [part for part in real[len(base):].split(os.sep) if part.startswith(".")]
        if hidden:
            raise NotReadable(f"leads to a hidden file or folder ({hidden[0]!r}): not read "
                              "(hidden files hold settings and keys, never a fact file's texts)")


def refusal(path: Path | str, folder: Path | str) -> str | None:
    """Why `path` may not be read as a text of a fact file in `folder`, or None when it may
    (see `Folder.resolve`)."""
    try:
        Folder(folder).resolve(path)
    except NotReadable as exc:
        return str(exc)
    return None


def open_regular(path: Path | str, inside: Folder | Path | None = None) -> int:
    """A read-only descriptor of `path`, which must be a regular file (and, with `inside`,
    pass `refusal`). Looks before it opens, so nothing that is not a regular file is ever
    opened, and checks that what it opened is what it looked at. Raises FileNotFoundError,
    NotReadable (the reason in its message) or another OSError."""
    folder: Folder | None = None
    if inside is not None:
        folder = inside if isinstance(inside, Folder) else Folder(inside)
        path = folder.resolve(path)  # and what it resolved to is what is opened
    for _ in range(_ATTEMPTS):
        looked = os.stat(path)
        kind = _kind(looked.st_mode)
        if kind is not None:
            raise NotReadable(kind)
        fd = os.open(path, _OPEN_FLAGS)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise NotReadable(_kind(opened.st_mode) or "is not a regular file: not read")
            if (opened.st_dev, opened.st_ino) == (looked.st_dev, looked.st_ino):
                if folder is not None:
                    _opened_inside(fd, folder)
                if hasattr(os, "set_blocking"):
                    os.set_blocking(fd, True)
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replaced between the look and the open (an atomic save): look again
    raise NotReadable("keeps changing while it is being opened: not read")


_ATTEMPTS = 5


def _opened_inside(fd: int, folder: Folder) -> None:
    """Where the descriptor really leads (Linux names it in /proc) must be inside too: a
    symlink swapped in between the resolving and the opening would otherwise be followed by
    both the look and the open."""
    try:
        opened = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return  # no /proc: the resolved path is what was opened, barring such a race
    folder.check(opened)


def read_bytes(path: Path, label: str, limit: tuple[int, str] | None = None,
               inside: Folder | Path | None = None) -> tuple[bytes | None, Problem | None]:
    """Read a regular file's bytes. Returns (data, None) or (None, problem). `limit`: (most
    bytes, the limit's name in `tui.domain.loading.limits`): a larger file is a problem, and is not
    read. `inside`: the folder the file must resolve into (see `open_regular`)."""
    try:
        fd = open_regular(path, inside)
    except FileNotFoundError:
        return None, PathProblem(label, 1, NO_SUCH_FILE)
    except NotReadable as exc:
        return None, PathProblem(label, 1, str(exc))
    except IsADirectoryError:
        return None, PathProblem(label, 1, "is a directory, not a file")
    except OSError as exc:
        return None, PathProblem(label, 1, f"cannot read: {exc.strerror or exc}")
    except ValueError:  # a NUL in the path: no file system names it
        return None, PathProblem(label, 1, "is not a path (it holds a NUL character): not read")
    try:
        with os.fdopen(fd, "rb") as raw:
            if limit is None:
                return raw.read(), None
            most, name = limit
            size = os.fstat(raw.fileno()).st_size
            # read one byte more than allowed: a file that grows meanwhile stops there
            # (no more than the file holds: read(n) sets aside n bytes before reading)
            data = raw.read(min(size, most) + 1) if size <= most else b""
        if size > most or len(data) > most:
            return None, Problem(label, 1, over(
                f"the file is {megabytes(max(size, len(data)))}", name, most))
        return data, None
    except OSError as exc:
        return None, Problem(label, 1, f"cannot read: {exc.strerror or exc}")


def read_text(path: Path, label: str, limit: tuple[int, str] | None = None,
              inside: Folder | Path | None = None) -> tuple[str | None, Problem | None]:
    """Read a UTF-8 file; a BOM is dropped. Returns (text, None) or (None, problem)."""
    data, problem = read_bytes(path, label, limit, inside)
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
