"""Parse a large TOML fact file in pieces, so no single step holds the interpreter for long.

A fact file is mostly long arrays of tables (`[[claims]]`, `[[sources]]`...). Cutting the
file just before a top-level `[[name]]` header gives pieces that are valid TOML on their own;
parsing them one by one and joining the arrays gives the same document as parsing the whole,
and lets a loading thread release the interpreter between pieces (a compiled parser holds it
for the whole call: seconds for a large file).

Each piece is parsed by toml-rs when `toml_parse` trusts it with the piece, else by tomli
(see `toml_parse`); the pieces are small (`PIECE`) so that nearly all are, and one that is
not is cut again at its own headers before it is left to tomli.

Anything unusual (a piece that does not parse, a key defined in two pieces in a way only a
whole-text parse can judge) makes `iter_parts` raise PieceError (or `add_part` return False),
and the caller parses the whole text the ordinary way, which also gives the exact error line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import Any

import tomli

from tui.domain.loading import toml_parse

_HEADER_BYTES_RE = re.compile(rb"^\[\[\s*[A-Za-z0-9_-]+\s*\]\][ \t]*(?:#[^\n]*)?$", re.M)

PIECE = 8_000
"""Bytes a piece is cut at (at the next header after them): about 20 claims, whose `[` and
`{` stay within what toml-rs is trusted with (`toml_parse._OPENS`), and a short step for
either parser; toml-rs also read small pieces faster than large ones (docs/performance.md,
"Parsing and validating")."""


def _is_array_of_tables(piece: str, key: str) -> bool:
    """The piece adds to `key` with `[[key]]` headers (not `key = [...]`, a redefinition)."""
    name = re.escape(key)
    return re.search(rf"^\s*\[\[\s*{name}\s*\]\]", piece, re.M) is not None and \
        not _assigned(piece, name)


def _assigned(piece: str, name: str) -> bool:
    """A line of `piece` starts with `name` (a pattern) and `=`, perhaps after spaces: as
    `^\\s*name\\s*=` in multi-line mode would find, but looked for from the name (a literal
    the regular-expression engine finds at C speed; from each line start, the pattern
    scanned the whole file again at a third of a second for 50 MB)."""
    for match in re.finditer(rf"{name}\s*=", piece):
        line = piece.rfind("\n", 0, match.start()) + 1
        if not piece[line:match.start()].strip():
            return True
    return False


class PieceError(Exception):
    """A piece that is not valid UTF-8 or TOML: the whole text must be parsed instead."""


def _next_header(data: bytes, start: int, end: int) -> int:
    """Where the first top-level `[[name]]` header line at or after `start` (and before `end`)
    begins; -1 when there is none. One `bytes.find` per candidate line, the line checked
    with the header pattern (one multi-line regular-expression pass over 50 MB took half a
    second)."""
    at = start - 1
    while True:
        at = data.find(b"\n[[", at, end)
        if at < 0:
            return -1
        if _HEADER_BYTES_RE.match(data, at + 1) is not None:
            return at + 1
        at += 1


def _cuts(data: bytes, size: int) -> list[int]:
    """The starts of the pieces: at the first header at least `size` bytes into each piece."""
    cuts = [0]
    while (at := _next_header(data, cuts[-1] + size, len(data))) >= 0:
        cuts.append(at)
    cuts.append(len(data))
    return cuts


def _spans(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """[start, end) as it is parsed, with whether toml-rs is trusted with each part: whole
    when it is (or when toml-rs is missing, or the span has no header to cut at), else cut at
    the header nearest its middle, each half judged again."""
    todo = [(start, end)]
    while todo:
        low, high = todo.pop()
        if not toml_parse.available():
            yield low, high, False
            continue
        if toml_parse.trusted(data[low:high]):
            yield low, high, True
            continue
        middle = _next_header(data, (low + high) // 2, high)
        if middle <= low:
            middle = _next_header(data, low + 1, high)
        if middle <= low:
            yield low, high, False  # one item: tomli reads it
            continue
        todo.append((middle, high))
        todo.append((low, middle))


def iter_parts(data: bytes, size: int = PIECE,
               progress: Callable[[int, int], None] | None = None
               ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(piece text, parsed piece) for pieces of about `size` bytes.

    Pieces are cut before top-level `[[name]]` header lines, and each is decoded on its own
    (decoding a large file in one call held the interpreter too long for a responsive UI).
    A cut inside a multi-line string or array leaves the earlier piece unterminated, which
    the parser rejects: a wrong cut, or a piece that is not UTF-8, raises PieceError, and the
    caller falls back to the ordinary whole-text read, which also reports exactly where the
    problem is.
    """
    for first, last in pairwise(_cuts(data, size)):
        for start, end, trusted in _spans(data, first, last):
            try:
                piece = data[start:end].decode("utf-8")
                part = toml_parse.parse_trusted(piece) if trusted else None
                if part is None:
                    part = tomli.loads(piece)
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                # ValueError: TOMLDecodeError, or an integer too long for Python to read,
                # which only the whole-text read can stand in for
                raise PieceError from exc
            yield piece, part
        if progress is not None:
            progress(last, len(data))


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
