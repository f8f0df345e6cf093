"""Read a TOML text whose integers Python refuses to read: more than 4,300 digits.

tomli converts an integer literal with `int()`, which raises ValueError beyond
`sys.get_int_max_str_digits()` digits (a guard against its quadratic time), and the parse ends
there. Such a literal is never a figure, but one of them should not hide every other problem of
the file: each is replaced by a placeholder string, the text is parsed again, and the parsed
placeholders become `Oversized` values, which the schema rejects at their own keys' lines.
The replacement is on one line, so every line keeps its number.
"""

from __future__ import annotations

import re
import secrets
import sys
from typing import Any

import tomli

from tui.domain.facts.magnitude import Oversized

_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
    # a decimal integer: not part of a float, date, time, hex literal or bare key
    r"|(?<![\w.:+-])([+-]?)(\d[\d_]*)(?![\w.:-])(?![ \t]*[=.])",
    re.S,
)


def _placeholders(text: str, mark: str) -> str:
    limit = sys.get_int_max_str_digits()

    def replace(match: re.Match[str]) -> str:
        digits = match.group(2)
        if digits is None:
            return match.group(0)
        count = len(digits.replace("_", ""))
        if not limit or count <= limit:
            return match.group(0)
        sign = "-" if match.group(1) == "-" else "+"
        return f'"\\u0000{mark}:{count}:{sign}"'

    return _TOKENS.sub(replace, text)


def _restore(doc: dict[str, Any], mark: str) -> None:
    prefix = f"\x00{mark}:"
    stack: list[Any] = [doc]
    while stack:  # iterative: the nesting is bounded by the parser, not by the stack here
        container = stack.pop()
        entries = container.items() if type(container) is dict else enumerate(container)
        for key, value in list(entries):
            if type(value) is str and value.startswith(prefix):
                count, sign = value[len(prefix):].split(":")
                container[key] = Oversized(int(count), sign == "-")
            elif type(value) is dict or type(value) is list:
                stack.append(value)


def loads(text: str) -> dict[str, Any]:
    """`tomli.loads`, except that integers too long for Python stand as `Oversized`. Raises
    what tomli raises (TOMLDecodeError, RecursionError; ValueError if a long literal was not
    found where tomli met it)."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError:
        raise
    except ValueError as exc:
        error = exc
    # a per-load mark: a string a file holds is never taken for a placeholder
    mark = secrets.token_hex(8)
    rewritten = _placeholders(text, mark)
    if rewritten == text:
        raise error
    doc = tomli.loads(rewritten)
    _restore(doc, mark)
    return doc
