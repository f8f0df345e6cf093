"""Putting an export in place: atomically, so that an interrupted export leaves the old file
(or none) and never a half-written one."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from tui.domain.export import Format
from tui.domain.export.scope import Extract
from tui.domain.present.citations import Style
from tui.storage.atomic import sync_folder, write_bytes_atomically, write_chunks_atomically


def render(extract: Extract, fmt: Format, style: Style = "markdown") -> bytes:
    """The export as one file's bytes (csv: a zip of its files; sqlite: the database).
    `style`: the Markdown report's citations (`markdown_report.render`)."""
    if fmt == "csv":
        return _zip(extract)
    if fmt == "sqlite":
        with tempfile.TemporaryDirectory(prefix="chery-tui-export-") as folder:
            path = Path(folder) / "facts.db"
            _build_sqlite(extract, path)
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


def _build_sqlite(extract: Extract, path: Path) -> None:
    from tui.domain.export import sqlite_db

    sqlite_db.build(extract, path)


def write_export(extract: Extract, fmt: Format, target: Path, style: Style = "markdown"
                 ) -> list[Path]:
    """Write the export to `target` and return the files written. csv to a folder (an
    existing folder, or a name without `.zip`): one file per table, each replaced
    atomically; anything else to one file, replaced atomically. Raises OSError with the
    old files untouched when it cannot write."""
    if fmt == "csv" and target.suffix.lower() != ".zip":
        return _write_folder(extract, target)
    if fmt == "sqlite":
        _write_database(extract, target)
    elif fmt == "csv":
        write_bytes_atomically(target, render(extract, fmt))
    else:
        write_chunks_atomically(target, text_chunks(extract, fmt, style))
    return [target]


def _write_folder(extract: Extract, folder: Path) -> list[Path]:
    from tui.domain.export import csv_tables

    files = csv_tables.files(extract)  # made whole before anything is written
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        write_bytes_atomically(folder / name, data)
        written.append(folder / name)
    return written


def _write_database(extract: Extract, target: Path) -> None:
    """Built beside the target under a temporary name, then moved over it: SQLite writes a
    file in many pieces, and a reader (Datasette) must never see it half built."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
    os.close(handle)
    temp = Path(temp_name)
    try:
        temp.unlink()  # sqlite-utils makes the file itself
        _build_sqlite(extract, temp)
        os.replace(temp, target)
        sync_folder(target.parent)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
