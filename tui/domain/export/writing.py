"""Putting an export in place: atomically, so that an interrupted export leaves the old file
(or none) and never a half-written one."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from tui.domain.export import Format
from tui.domain.export.scope import Extract
from tui.domain.present.citations import Style
from tui.storage.atomic import (
    blocked_signals,
    sync_folder,
    write_bytes_atomically,
    write_chunks_atomically,
)


def render(extract: Extract, fmt: Format, style: Style = "markdown") -> bytes:
    """The export as one file's bytes (csv: a zip of its files; sqlite: the database).
    `style`: the Markdown report's citations (`markdown_report.render`)."""
    if fmt == "csv":
        return _zip(extract)
    if fmt == "sqlite":
        with tempfile.TemporaryDirectory(prefix="chery-tui-export-") as folder:
            path = Path(folder) / "facts.db"
            _sqlite_into(extract, path)
            return path.read_bytes()
    return b"".join(text_chunks(extract, fmt, style))


def text_chunks(extract: Extract, fmt: Format, style: Style = "markdown") -> Iterator[bytes]:
    """A text format's UTF-8, in pieces as it is made: a large export is never held whole."""
    if fmt == "markdown":
        from tui.domain.export import markdown_report

        return markdown_report.chunks(extract, style)
    if fmt == "web-annotation":
        from tui.domain.export import web_annotation

        return web_annotation.chunks(extract)
    if fmt == "csl-json":
        from tui.domain.export import csl_json as module
    else:
        from tui.domain.export import bibtex as module  # type: ignore[no-redef]
    return iter((module.render(extract),))


def _zip(extract: Extract) -> bytes:
    from tui.domain.export import csv_tables

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in csv_tables.files(extract).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _sqlite_into(extract: Extract, path: Path) -> None:
    """The database at `path`; SQLite's own errors (a full disk) raised as `ExportError`."""
    import sqlite3

    try:
        _build_sqlite(extract, path)
    except sqlite3.Error as exc:
        raise ExportError(f"SQLite could not write it: {exc}") from exc


def _build_sqlite(extract: Extract, path: Path) -> None:
    from tui.domain.export import sqlite_db

    sqlite_db.build(extract, path)


class ExportError(OSError):
    """An export that cannot be written where it was asked, said in words (the old file is
    untouched)."""


def write_export(extract: Extract, fmt: Format, target: Path, style: Style = "markdown"
                 ) -> list[Path]:
    """Write the export to `target` and return the files written. csv to a folder (a name
    without `.zip`): the whole folder replaced at once; anything else to one file, replaced
    atomically. A symbolic link is written through (the link stays). Raises OSError
    (`ExportError` for what is not a file to write) with the old files untouched."""
    to_folder = fmt == "csv" and target.suffix.lower() != ".zip"
    target = _written_through(target, to_folder)
    if to_folder:
        return _write_folder(extract, target)
    if fmt == "sqlite":
        _write_database(extract, target)
    elif fmt == "csv":
        write_bytes_atomically(target, render(extract, fmt))
    else:
        write_chunks_atomically(target, text_chunks(extract, fmt, style))
    return [target]


def write_file(target: Path, data: bytes) -> list[Path]:
    """One file of bytes (the series' SVG), with `write_export`'s care for what `target` is."""
    target = _written_through(target, to_folder=False)
    write_bytes_atomically(target, data)
    return [target]


def _written_through(target: Path, to_folder: bool) -> Path:
    """Where `target` really is (through a symbolic link), refused unless it is a regular
    file, a folder for a folder export, or nothing yet: an atomic replace would put a file
    in place of a link, a FIFO or a device (as root, /dev/full)."""
    if target.is_symlink():
        target = target.resolve()
    if not target.exists():
        return target
    if to_folder and not target.is_dir():
        raise ExportError(f"{target} is a file: csv writes a folder, or a file ending .zip")
    if not to_folder and target.is_dir():
        raise ExportError(f"{target} is a folder: give a file name")
    if not to_folder and not target.is_file():
        raise ExportError(f"{target} is not a regular file")
    return target


_OURS = re.compile(r"^(claims|citations|sources|entities|relations|findings)\.csv$")


def _write_folder(extract: Extract, folder: Path) -> list[Path]:
    """Every file in a new folder beside `folder`, then swapped in with two renames: a
    reader never sees a mix of two exports, and a stopped export leaves the old folder. An
    existing folder is replaced only when it holds an earlier export and nothing else."""
    from tui.domain.export import csv_tables

    if folder.exists() and any(not _is_export_file(p, folder) for p in folder.rglob("*")):
        raise ExportError(f"{folder} holds files that are not a chery-tui export: give a new "
                          "or empty folder, or a file ending .zip")
    files = csv_tables.files(extract)
    folder.parent.mkdir(parents=True, exist_ok=True)
    building: Path | None = None
    old: Path | None = None
    try:
        with blocked_signals():  # a temporary folder always has its name kept to clean up
            building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.",
                                             suffix=".tmp"))
        for name, data in files.items():
            (building / name).parent.mkdir(exist_ok=True)
            with (building / name).open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        sync_folder(building)
        if folder.exists():
            old = building.with_name(f"{building.name}.old")
            os.rename(folder, old)
        os.rename(building, folder)
        sync_folder(folder.parent)
    except BaseException:
        if old is not None and not folder.exists():
            os.rename(old, folder)  # put back what was there
            old = None
        raise
    finally:
        if building is not None:
            shutil.rmtree(building, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return [folder / name for name in files]


def _is_export_file(path: Path, folder: Path) -> bool:
    relative = path.relative_to(folder)
    if relative.parts == ("tables",):
        return path.is_dir()
    if len(relative.parts) == 2 and relative.parts[0] == "tables":
        return path.suffix == ".csv" and path.is_file()
    return bool(_OURS.match(path.name)) and len(relative.parts) == 1 and path.is_file()


def _write_database(extract: Extract, target: Path) -> None:
    """Built beside the target under a temporary name, then moved over it: SQLite writes a
    file in many pieces, and a reader (Datasette) must never see it half built."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp: Path | None = None
    try:
        with blocked_signals():
            handle, temp_name = tempfile.mkstemp(dir=target.parent,
                                                 prefix=f".{target.name}.", suffix=".tmp")
            temp = Path(temp_name)
        os.close(handle)
        temp.unlink()  # sqlite-utils makes the file itself
        _sqlite_into(extract, temp)
        os.replace(temp, target)
        sync_folder(target.parent)
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
