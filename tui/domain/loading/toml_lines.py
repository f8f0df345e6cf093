"""Find the line of a key or table in TOML text, for `FILE:LINE: message` errors.

TOML parsers return plain dicts without positions. This scanner walks the text once and records
the line of every table header, array-of-tables element and key, under the same path that
pydantic reports in an error location, e.g. ``("claims", 3, "figure", "value")``. It only runs
when there is something to report, so a clean load never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_BARE_KEY = r"[A-Za-z0-9_-]+"
_QUOTED_KEY = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY_PART = rf"(?:{_BARE_KEY}|{_QUOTED_KEY})"
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER_RE = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED_KEY})\s*\]\]?")
_KEYVAL_RE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=")
_PART_RE = re.compile(_KEY_PART)


def _split_key(dotted: str) -> list[str]:
    parts = []
    for match in _PART_RE.finditer(dotted):
        part = match.group(0)
        if part[0] in "\"'":
            part = part[1:-1]
        parts.append(part)
    return parts


class LineIndex:
    """Path -> 1-based line number for one TOML document."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._array_len: dict[Path, int] = {}
        self.headers: list[tuple[int, Path]] = []
        """(line, path) of every table header and array-of-tables element, in order."""
        self._scan(text)

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of the longest prefix of `path` that the scanner saw (1 if none)."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1

    def _resolve(self, parts: list[str]) -> Path:
        """Turn header key parts into a concrete path, entering the latest array element."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in self._array_len:
                path = (*path, self._array_len[path] - 1)
        return path

    def _scan(self, text: str) -> None:
        table: Path = ()
        depth = 0  # bracket/brace depth of a value that spans lines
        value_path: Path = ()
        element = 0
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if _closes_multiline(line, in_multiline):
                    in_multiline = None
                continue
            if depth > 0:
                stripped = line.lstrip()
                if depth == 1 and stripped[:1] in "{\"'[0123456789-+tf":
                    self.lines.setdefault((*value_path, element), number)
                    element += 1
                depth, in_multiline = depth_after(line, depth)
                continue
            header = _HEADER_RE.match(line)
            if header:
                parts = _split_key(header.group(2))
                if header.group(1) == "[[":
                    parent = self._resolve(parts[:-1])
                    array = (*parent, parts[-1])
                    index = self._array_len.get(array, 0)
                    self._array_len[array] = index + 1
                    table = (*array, index)
                    self.lines.setdefault(array, number)
                else:
                    table = self._resolve(parts)
                self.lines[table] = number
                self.headers.append((number, table))
                continue
            keyval = _KEYVAL_RE.match(line)
            if keyval:
                value_path = (*table, *_split_key(keyval.group(1)))
                self.lines.setdefault(value_path, number)
                rest = line[keyval.end() :]
                depth, in_multiline = depth_after(rest, 0)
                element = 0
                if depth > 0:
                    # elements that start on the key's own line
                    opened = rest.lstrip()[1:].lstrip()
                    if opened and opened[0] not in "#]}":
                        self.lines.setdefault((*value_path, 0), number)
                        element = 1


def _closes_multiline(line: str, delimiter: str) -> bool:
    return delimiter in line


def depth_after(text: str, depth: int) -> tuple[int, str | None]:
    """Bracket depth after `text`, skipping strings and comments; and an open multi-line string."""
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            break
        if text.startswith('"""', i) or text.startswith("'''", i):
            delimiter = text[i : i + 3]
            end = text.find(delimiter, i + 3)
            if end < 0:
                return depth, delimiter
            i = end + 3
            continue
        if ch == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif ch == "'":
            end = text.find("'", i + 1)
            i = n if end < 0 else end
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return depth, None
