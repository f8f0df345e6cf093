"""What leaves the terminal: the fact base (or a part of it) written in formats other tools
read. Plain Python, no Textual: the `export` command and the app's export screen share it.

`scope.extract` picks what an export holds (every claim, some claims, a table); each format's
module turns an `Extract` into bytes (`render`), and `writing.write_export` puts them in place
atomically.
"""

from __future__ import annotations

from typing import Literal

Format = Literal["markdown", "csv", "csl-json", "bibtex", "web-annotation", "sqlite"]
FORMATS: tuple[Format, ...] = ("markdown", "csv", "csl-json", "bibtex", "web-annotation",
                               "sqlite")
FORMAT_NAMES: dict[Format, str] = {
    "markdown": "Markdown report (claims, footnoted citations, tables, findings)",
    "csv": "CSV, one file per table (a folder, or a .zip)",
    "csl-json": "CSL-JSON of the sources (Zotero, Pandoc, word processors)",
    "bibtex": "BibTeX of the sources",
    "web-annotation": "W3C Web Annotations (JSON-LD, as Hypothesis exports)",
    "sqlite": "SQLite database with full-text search (opens in Datasette)",
}
SUFFIXES: dict[Format, str] = {
    "markdown": ".md", "csv": ".zip", "csl-json": ".json", "bibtex": ".bib",
    "web-annotation": ".jsonld", "sqlite": ".db",
}
"""The file name ending each format is given by default (csv: a zip when one file is named)."""
BINARY: frozenset[Format] = frozenset({"sqlite", "csv"})
"""The formats that are not one text: never written to a terminal."""


def format_named(name: str) -> Format | None:
    return next((f for f in FORMATS if f == name), None)
