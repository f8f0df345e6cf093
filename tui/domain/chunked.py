"""Parse a large TOML fact file in pieces, so no single step holds the interpreter for long.

A fact file is mostly long arrays of tables (`[[claims]]`, `[[sources]]`...). Cutting the
text just before a top-level `[[name]]` header gives pieces that are valid TOML on their own;
parsing them one by one and joining the arrays gives the same document as parsing the whole,
and lets a loading thread release the interpreter between pieces (a compiled parser holds it
for the whole call: seconds for a 50 MB file).

Anything unusual (a piece that does not parse, a key defined in two pieces) makes `parse`
return None, and the caller parses the whole text the ordinary way, which also gives the exact
error line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import tomli

_HEADER_RE = re.compile(r"^\[\[\s*[A-Za-z0-9_-]+\s*\]\][ \t]*(?:#[^\n]*)?$", re.M)


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(first line number, text) pieces of about `size` characters, cut before top-level
    `[[name]]` header lines.

    Candidate cuts are found with one regular-expression pass. A cut that lands inside a
    multi-line string or array leaves the earlier piece unterminated, which the TOML parser
    rejects, so a wrong cut can only cost the fallback to a whole-text parse.
    """
    start = 0
    line = 1
    for match in _HEADER_RE.finditer(text):
        cut = match.start()
        if cut - start >= size:
            yield line, text[start:cut]
            line += text.count("\n", start, cut)
            start = cut
    yield line, text[start:]


def parse(text: str, size: int = 400_000,
          progress: Callable[[int, int], None] | None = None) -> dict[str, Any] | None:
    """The document, parsed piece by piece; None when it must be parsed whole instead."""
    doc: dict[str, Any] = {}
    total = len(text)
    done = 0
    for _line, piece in pieces(text, size):
        try:
            part = tomli.loads(piece)
        except tomli.TOMLDecodeError:
            return None
        for key, value in part.items():
            if key not in doc:
                doc[key] = value
            elif isinstance(doc[key], list) and isinstance(value, list) and \
                    _is_array_of_tables(piece, key):
                doc[key].extend(value)
            else:
                return None  # defined twice: let the whole-text parse say where
        done += len(piece)
        if progress is not None:
            progress(done, total)
    return doc


def _is_array_of_tables(piece: str, key: str) -> bool:
    """The piece adds to `key` with `[[key]]` headers (not `key = [...]`, a redefinition)."""
    name = re.escape(key)
    return re.search(rf"^\s*\[\[\s*{name}\s*\]\]", piece, re.M) is not None and \
        re.search(rf"^\s*{name}\s*=", piece, re.M) is None
