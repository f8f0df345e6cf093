"""Turn pydantic validation errors into short messages a fact-file author understands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic_core import ErrorDetails

from tui.domain.facts.magnitude import ERROR_TYPE, Oversized, shown

Loc = tuple[str | int, ...]

_EXPECTED = {
    "int_type": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "string_type": "a string",
    "bool_type": "true or false",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "dataclass_type": "a table",
    "dataclass_args_type": "a table",
    "literal_error": None,
}


def _toml_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        text = shown(value)  # a hex literal can have a million digits
        return text if text.startswith("an integer") else f"the integer {text}"
    if isinstance(value, Oversized):
        return repr(value)
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {_clip(value)}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return f"the date/time {value.isoformat()}"
    return type(value).__name__


def _clip(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def clean_loc(loc: Sequence[str | int]) -> Loc:
    """Drop pydantic's union/validator tags (`int`, `function-after[...]`) from a location."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            part in {"int", "float", "str", "bool", "none"} or "[" in part
        ):
            continue
        out.append(part)
    return tuple(out)


def describe(errors: Sequence[ErrorDetails]) -> list[tuple[Loc, str]]:
    """(location, message) per problem; union alternatives at one location become one message."""
    grouped: dict[Loc, list[ErrorDetails]] = {}
    for error in errors:
        grouped.setdefault(clean_loc(error["loc"]), []).append(error)
    out = []
    for loc, group in grouped.items():
        out.append((loc, _message(loc, group)))
    return out


def _message(loc: Loc, group: list[ErrorDetails]) -> str:
    first = group[0]
    kind = first["type"]
    key = _key_name(loc)
    if kind == "missing":
        return f"missing required key {key!r}"
    if kind == ERROR_TYPE:  # 'value inf is not a finite number…', as the figure checks read
        return f"{key} {first['msg']}"
    if kind in {"extra_forbidden", "unexpected_keyword_argument"}:
        return f"unknown key {key!r}"
    if kind in _EXPECTED and kind != "literal_error":
        wanted = sorted({_EXPECTED[e["type"]] or "" for e in group if e["type"] in _EXPECTED})
        if "a number" in wanted:
            wanted = ["a number"]
        return f"{key!r} should be {' or '.join(wanted)}, not {_toml_type(first['input'])}"
    if kind == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        return f"{key!r} must be one of {expected}, not {_toml_type(first['input'])}"
    if kind == "string_pattern_mismatch" and key in {"id", "source", "speaker", "via",
                                                       "target", "claim", "from", "to", "entity",
                                                       "about"}:
        return (f"{key!r} is not a valid id: {_clip(str(first['input']))} (use lower-case "
                "letters, digits, '.', '_' and '-', starting with a letter or digit)")
    if kind == "string_too_short":
        return f"{key!r} must not be empty"
    if kind == "too_short":
        return f"{key!r} needs at least one entry"
    message = first["msg"]
    message = message.removeprefix("Value error, ")
    if isinstance(loc[-1], str) if loc else False:
        return f"{key!r}: {message}"
    return message


def _key_name(loc: Loc) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "(document)"
