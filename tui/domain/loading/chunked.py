"""Parse a large TOML fact file in pieces, so no single step holds the interpreter for long.

A fact file is mostly long arrays of tables (`[[claims]]`, `[[sources]]`...). Cutting the
file just before a top-level `[[name]]` header gives pieces that are valid TOML on their own;
parsing them one by one and joining the arrays gives the same document as parsing the whole,
and lets a loading thread release the interpreter between pieces (a compiled parser holds it
for the whole call: seconds for a large file).

Anything unusual (a piece that does not parse, a key defined in two pieces) makes
`iter_parts` raise PieceError (or `add_part` return False), and the caller parses the whole
text the ordinary way, which also gives the exact error line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

import tomli

_HEADER_BYTES_RE = re.compile(rb"^\[\[\s*[A-Za-z0-9_-]+\s*\]\][ \t]*(?:#[^\n]*)?$", re.M)


def _is_array_of_tables(piece: str, key: str) -> bool:
    """The piece adds to `key` with `[[key]]` headers (not `key = [...]`, a redefinition)."""
    name = re.escape(key)
    return re.search(rf"^\s*\[\[\s*{name}\s*\]\]", piece, re.M) is not None and \
        re.search(rf"^\s*{name}\s*=", piece, re.M) is None


class PieceError(Exception):
    """A piece that is not valid UTF-8 or TOML: the whole text must be parsed instead."""


def iter_parts(data: bytes, size: int = 400_000,
               progress: Callable[[int, int], None] | None = None
               ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(piece text, parsed piece) for pieces of about `size` bytes.

    Pieces are cut before top-level `[[name]]` header lines, found with one regular-expression
    pass, and each is decoded on its own (decoding a large file in one call held the
    interpreter too long for a responsive UI). A cut inside a multi-line string or array
    leaves the earlier piece unterminated, which the parser rejects: a wrong cut, or a piece
    that is not UTF-8, raises PieceError, and the caller falls back to the ordinary
    whole-text read, which also reports exactly where the problem is.
    """
    cuts = [0]
    for match in _HEADER_BYTES_RE.finditer(data):
        if match.start() - cuts[-1] >= size:
            cuts.append(match.start())
    cuts.append(len(data))
    for start, end in pairwise(cuts):
        try:
            piece = data[start:end].decode("utf-8")
            part = tomli.loads(piece)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            # ValueError: TOMLDecodeError, or an integer too long for Python to read, which
            # only the whole-text read can stand in for
            raise PieceError from exc
        yield piece, part
        if progress is not None:
            progress(end, len(data))


def add_part(kinds: dict[str, bool], piece: str, part: dict[str, Any]) -> bool:
    """Note the keys a piece defines (`kinds`: key -> defined so far only by `[[key]]`
    headers, so a later piece may add to it). False when a key is defined again in a way
    only a whole-text parse can judge: `claims = [...]` in one piece and `[[claims]]` in a
    later one is an error in TOML, which joining the arrays would hide."""
    for key, value in part.items():
        appendable = isinstance(value, list) and _is_array_of_tables(piece, key)
        if key not in kinds:
            kinds[key] = appendable
        elif not (kinds[key] and appendable):
            return False
    return True
