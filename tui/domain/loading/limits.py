"""Limits on what a fact file may hold, so that hostile or broken input ends with a clear
message in bounded time and memory instead of exhausting either.

Every limit has a generous default and an environment variable to change it (a whole number;
sizes in megabytes):

| limit | default | variable |
| --- | --- | --- |
| size of the fact file | 256 MB | CHERY_TUI_MAX_FILE_MB |
| size of one source text | 64 MB | CHERY_TUI_MAX_SOURCE_MB |
| items in one top-level array (claims, sources...) | 2,000,000 | CHERY_TUI_MAX_ITEMS |
| characters in one string | 100,000 | CHERY_TUI_MAX_STRING |
| entries in one other array or table | 10,000 | CHERY_TUI_MAX_WIDTH |
| nesting of arrays and tables | 32 | CHERY_TUI_MAX_DEPTH |
| problems listed | 10,000 | CHERY_TUI_MAX_PROBLEMS |
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

_MB = 1_000_000
_MOST = 2**62
"""The largest limit taken from the environment."""


@dataclass(frozen=True, slots=True)
class Limits:
    file_bytes: int = 256 * _MB
    source_bytes: int = 64 * _MB
    items: int = 2_000_000
    string_chars: int = 100_000
    width: int = 10_000
    depth: int = 32
    problems: int = 10_000

    @classmethod
    def from_environment(cls) -> Limits:
        """The defaults, changed by any CHERY_TUI_MAX_* variable that holds a whole number."""
        default = cls()
        values: dict[str, int] = {}
        for field, variable, scale in _VARIABLES:
            raw = os.environ.get(variable, "").strip().replace("_", "")
            # ASCII digits only ("²" is a digit to isdigit, not to int), and at most what
            # an index can hold: a larger size raised OverflowError in the read
            if raw.isascii() and raw.isdecimal() and len(raw) < 20 \
                    and 0 < int(raw) * scale <= _MOST:
                values[field] = int(raw) * scale
            else:
                values[field] = getattr(default, field)
        return cls(**values)


_VARIABLES = (
    ("file_bytes", "CHERY_TUI_MAX_FILE_MB", _MB),
    ("source_bytes", "CHERY_TUI_MAX_SOURCE_MB", _MB),
    ("items", "CHERY_TUI_MAX_ITEMS", 1),
    ("string_chars", "CHERY_TUI_MAX_STRING", 1),
    ("width", "CHERY_TUI_MAX_WIDTH", 1),
    ("depth", "CHERY_TUI_MAX_DEPTH", 1),
    ("problems", "CHERY_TUI_MAX_PROBLEMS", 1),
)
VARIABLE = {field: variable for field, variable, _ in _VARIABLES}


def megabytes(size: int) -> str:
    return f"{size / _MB:,.1f} MB"


def over(what: str, field: str, limit: int) -> str:
    """'… the limit is N (set CHERY_TUI_MAX_…)': the end of every limit message."""
    shown = megabytes(limit) if field.endswith("bytes") else f"{limit:,}"
    return f"{what}; the limit is {shown} (set {VARIABLE[field]} to change it)"


Where = tuple[str | int, ...]


def scan(value: Any, limits: Limits, depth: int = 1) -> list[tuple[Where, str]]:
    """Every place in a parsed value that breaks a limit: (path inside `value`, message).

    Iterative, so no nesting can exhaust the stack; a container that breaks a limit is not
    looked into. It visits every value of a large file in a small part of the load's time
    (docs/performance.md, "Parsing and validating").
    """
    found: list[tuple[Where, str]] = []
    stack: list[tuple[Where, Any, int]] = [((), value, depth)]
    while stack:
        path, container, level = stack.pop()
        if type(container) is dict:
            entries: Any = container.items()
        elif type(container) is list:
            entries = enumerate(container)
        else:
            continue
        if level > limits.depth:
            found.append((path, over("arrays and tables nested too deeply", "depth",
                                     limits.depth)))
            continue
        if len(container) > limits.width:
            found.append((path, over(f"{_named(path)} has {len(container):,} entries",
                                     "width", limits.width)))
            continue
        for key, item in entries:
            kind = type(item)
            if kind is str:
                if len(item) > limits.string_chars:
                    found.append(((*path, key), over(
                        f"{_named((key,))} is a string of {len(item):,} characters",
                        "string_chars", limits.string_chars)))
            elif kind is dict or kind is list:
                stack.append(((*path, key), item, level + 1))
            if type(key) is str and len(key) > limits.string_chars:
                found.append((path, over(f"a key of {len(key):,} characters",
                                         "string_chars", limits.string_chars)))
    return found


def _named(path: Where) -> str:
    if not path:
        return "the table"
    last = path[-1]
    return f"{last!r}" if isinstance(last, str) else f"element {last + 1}"


_TOKENS = re.compile(rb'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'
                     rb"'[^'\n]*'|#[^\n]*|[\[\]{}]", re.S)


def deepest_line(data: bytes, limit: int) -> int:
    """The line where brackets outside strings and comments first nest deeper than `limit`
    (1 when they never do): to place a nesting error the parser could not."""
    depth = 0
    for token in _TOKENS.finditer(data):
        mark = token.group()
        if mark in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return data.count(b"\n", 0, token.start()) + 1
        elif mark in (b"]", b"}"):
            depth = max(0, depth - 1)
    return 1
