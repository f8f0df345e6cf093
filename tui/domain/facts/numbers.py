"""Read the number out of a figure's verbatim `stated` text, to check it against `value`.

Catches data-entry slips such as `value = 256146` for "2,561,465 units" or a figure rounded
on the way in. Text without digits ("half a million") yields None: there is nothing to compare.
"""

from __future__ import annotations

import re
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, InvalidOperation, localcontext

_NUMBER_RE = re.compile(
    r"(?<![\d.])([-−+]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(thousand|million|billion|trillion|bn|m|k)\b)?",
    re.IGNORECASE,
)
_SCALES = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
_CONTEXT = Context(Emax=MAX_EMAX, Emin=MIN_EMIN)
"""The default precision, but no exponent limit: "999…9 trillion" with a million nines (a
stated text may be that long when CHERY_TUI_MAX_STRING allows) overflowed the default's."""


def exact(value: int | float) -> Decimal:
    """A figure's number as the decimal it was written as: a float by its shortest repr (so
    2.4 is 2.4, not its binary expansion); an int directly, as repr refuses one of more than
    4,300 digits."""
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def stated_number(stated: str) -> Decimal | None:
    """The first number in `stated`, with its scale word applied; None if it has no digits."""
    with localcontext(_CONTEXT):
        return _stated_number(stated)


def written_number(stated: str) -> tuple[str, str] | None:
    """The first number in `stated` as written, the one `stated_number` reads: its digits
    ("2,561.5", without a sign) and its scale word ("million"; "" when none)."""
    match = _NUMBER_RE.search(stated)
    return None if match is None else (match.group(2), match.group(3) or "")


def scale_factor(word: str) -> float:
    """What a scale word multiplies by ("million" → 1e6; "" → 1)."""
    return float(_SCALES[word.lower()]) if word else 1.0


def _stated_number(stated: str) -> Decimal | None:
    match = _NUMBER_RE.search(stated)
    if match is None:
        return None
    sign, digits, scale = match.groups()
    try:
        number = Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits valid decimals
        return None
    if scale:
        number *= _SCALES[scale.lower()]
    return -number if sign in {"-", "−"} else number


def agrees(value: int | float, stated: str) -> bool:
    """True when `value` is the number `stated` gives (or `stated` has no number).

    A sign written as a word ("fell 9.7%", "down 3%") is not a digit: a negative value then
    agrees with the unsigned number. An explicit sign must match.
    """
    number = stated_number(stated)
    if number is None:
        return True
    with localcontext(_CONTEXT):
        written = exact(value).normalize()
        if not written.is_finite():  # the schema refuses these; a NaN would not even compare
            return False
        if written == number.normalize():
            return True
        explicit = _NUMBER_RE.search(stated)
        unsigned = explicit is not None and not explicit.group(1)
        return unsigned and written < 0 and -written == number.normalize()
