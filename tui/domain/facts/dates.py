"""Partial ISO dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, whose form is their precision."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _to_partial_date(value: Any) -> Any:
    # TOML has a native date type; accept it as the day-precision string it stands for.
    if isinstance(value, dt.datetime):
        raise ValueError("use a date (YYYY-MM-DD), not a date-time")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return value  # the str type check reports it
    match = _PARTIAL_RE.match(value)
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = match.groups()
    if year == "0000":  # the calendar has no year 0, and the engine's date arithmetic failed
        raise ValueError(f"there is no year 0: {value!r}")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"month {month} out of range in {value!r}")
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(f"no such day: {value!r}") from None
    return value


def partial_date_error(value: str) -> str | None:
    """Why `value` is no `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date, in the loader's words; None
    when it is one (the capture form asks before the loader would)."""
    try:
        _to_partial_date(value)
    except ValueError as error:
        return str(error)
    return None


PartialDate = Annotated[str, BeforeValidator(_to_partial_date)]


def precision_of(date: str | None) -> str:
    """'day', 'month', 'year' or 'unknown' for a partial date."""
    if date is None:
        return "unknown"
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "unknown")
