"""What a number in a figure may be: finite, and within a magnitude real figures have.

TOML reads `inf`, `-inf` and `nan` as floats, and integers of any length; none of them is a
figure a source states, and each broke the arithmetic and the formatting downstream. The
bounds are checked where the schema is validated, so a rejected number is a `FILE:LINE:`
problem and its item is left out like any other item with a schema error.

Why 10^15 either side: it is ten times the world's yearly output in US dollars and above
Japan's in yen, so an amount in a major currency fits; and it is below 2^53, so every whole
number up to it is exact as a float, which the consistency engine's exact comparison of whole
counts relies on. Why 10^-15 for a number other than 0: no stated figure is that small, and
with it every quotient of two figures stays finite (10^15 / 10^-15 as a percent is 10^32),
so the engine never shows an infinite total for a finite one.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Strict
from pydantic_core import PydanticCustomError

LARGEST = 10**15
"""The largest size of any number in a figure (value, growth, per)."""
SMALLEST = 1e-15
"""The smallest size of a number in a figure other than 0."""
BOUND_WORDS = "at most 10^15 (1,000,000,000,000,000) either side of 0"
ERROR_TYPE = "figure_number"
"""The pydantic error type of a rejected number: its message follows the key's name."""


class Oversized:
    """A decimal integer literal too long for Python to read (it refuses to convert more than
    `sys.get_int_max_str_digits()` digits): stands in for it in the parsed document, so that
    the schema rejects it at its place like any other wrong value."""

    __slots__ = ("digits", "negative")

    def __init__(self, digits: int, negative: bool) -> None:
        self.digits = digits
        self.negative = negative

    def __repr__(self) -> str:
        return f"an integer of {self.digits:,} digits"


_EXACT_BITS = 12_000
"""Up to about 3,600 digits an integer is converted to text to count them; beyond, Python
refuses (over 4,300 digits) or takes quadratic time, and the count is estimated."""


def _digits(value: int) -> str:
    size = abs(value)
    if size.bit_length() < _EXACT_BITS:
        return f"{len(str(size)):,}"
    return f"about {int(math.log10(size)) + 1:,}"


def shown(value: Any) -> str:
    """A number as a problem message shows it: short, and never an exception."""
    if isinstance(value, Oversized):
        return repr(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return repr(value)
    if abs(value) < 10**21:
        return str(value)
    digits = _digits(value)
    if digits.startswith("about"):
        return f"an integer of {digits} digits"
    text = str(value)
    sign = "-" if value < 0 else ""
    body = text.lstrip("-")
    return f"{sign}{body[:4]}…{body[-3:]} ({digits} digits)"


def _refuse(message: str) -> PydanticCustomError:
    return PydanticCustomError(ERROR_TYPE, message.replace("{", "{{").replace("}", "}}"))


def number_problem(value: Any) -> str | None:
    """Why `value` cannot be a number in a figure (the words after its key), or None."""
    if isinstance(value, Oversized):
        return f"is {value!r}, too large; a figure's numbers are {BOUND_WORDS}"
    if isinstance(value, float) and math.isnan(value):
        return "nan is not a number; a figure's numbers are finite"
    if isinstance(value, float) and math.isinf(value):
        return f"{shown(value)} is not a finite number; a figure's numbers are {BOUND_WORDS}"
    if abs(value) > LARGEST:
        return f"{shown(value)} is too large; a figure's numbers are {BOUND_WORDS}"
    if value and abs(value) < SMALLEST:
        return (f"{shown(value)} is too small; a figure's numbers other than 0 are at least "
                "10^-15 in size")
    return None


def refuse_oversized(value: Any) -> Any:
    """Before the type check of a figure's number: an integer too long to read gets the
    bound's message, not 'should be a number'."""
    if isinstance(value, Oversized):
        raise _refuse(number_problem(value) or "")
    return value


def refuse_oversized_count(value: Any) -> Any:
    if isinstance(value, Oversized):
        raise _refuse(f"is {value!r}, not a whole number from 1 to 10^15")
    return value


def figure_number(value: int | float) -> int | float:
    problem = number_problem(value)
    if problem is not None:
        raise _refuse(problem)
    return value


def count(value: int) -> int:
    """A whole number from 1 to 10^15: `per`, a citation's `occurrence`."""
    if not 1 <= value <= LARGEST:
        raise _refuse(f"{shown(value)} is not a whole number from 1 to 10^15")
    return value


Number = Annotated[Annotated[int, Strict()] | Annotated[float, Strict()],
                   BeforeValidator(refuse_oversized), AfterValidator(figure_number)]
"""A number in a figure (`value`, a growth's `value`): finite, and 0 or 10^-15 to 10^15 in
size."""
Count = Annotated[int, Strict(), BeforeValidator(refuse_oversized_count), AfterValidator(count)]
"""A whole number from 1 to 10^15 (`per`, a citation's `occurrence`)."""
