"""Figures as intervals and periods as date ranges: the arithmetic the consistency engine uses.

A stated figure is only as precise as the source wrote it. "2.4%" means 2.35 to 2.45; "£15
billion" means 14.5 to 15.5 billion; "nearly 1.2 million" means somewhat under 1.2 million.
Integer counts ("2,561,465 units", "26,100") are taken as exact.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache

from tui.domain.facts.figure import Figure, Period
from tui.domain.facts.numbers import scale_factor, written_number

_INF = float("inf")
_ABOUT = 0.05
"""'about', 'approx.': within 5% either way."""
_NEARLY = 0.05
"""'nearly': up to 5% below the stated value."""


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float

    def __str__(self) -> str:
        if self.lo == self.hi:
            return fmt(self.lo)
        if self.lo == -_INF and self.hi == _INF:
            return "any value"
        if self.hi == _INF:
            return f"≥ {fmt(self.lo)}"
        if self.lo == -_INF:
            return f"≤ {fmt(self.hi)}"
        return f"{fmt(self.lo)} to {fmt(self.hi)}"

    def scaled(self, factor: float) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def at_least_zero(self) -> Interval:
        """The part of the interval that is not negative: a share or a ratio is never below
        0, so "0%" (under half a percent) means 0 to 0.5, not -0.5 to 0.5."""
        return Interval(max(0.0, self.lo), max(0.0, self.hi))

    def divided(self, other: Interval) -> Interval | None:
        """self / other; None when `other` is 0 or has values either side of it, where no
        quotient is implied. A divisor with 0 at one end gives an unbounded quotient ("a
        share under 0.5%" implies a whole of at least...)."""
        if other.hi <= 0 and other.lo < 0:  # a negative divisor: the same, both signs turned
            return Interval(-self.hi, -self.lo).divided(Interval(-other.hi, -other.lo))
        if other.lo < 0 or other.hi <= 0 or (other.lo == 0 and self.lo <= 0 <= self.hi):
            return None  # the last: 0 / 0 may be any number
        # the divisor is positive now, though its low end may be 0
        lo = self.lo / other.hi if self.lo >= 0 else _over(self.lo, other.lo)
        hi = _over(self.hi, other.lo) if self.hi > 0 else self.hi / other.hi
        return Interval(lo, hi)

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def _over(value: float, divisor: float) -> float:
    """`value` / `divisor` for a divisor of 0 or more, and a nonzero `value`: unbounded, with
    `value`'s sign, when the divisor is 0."""
    if divisor > 0:
        return value / divisor
    return _INF if value > 0 else -_INF


def fmt(value: float) -> str:
    """A readable number for arithmetic lines: thousands separators, at most 4 significant
    decimals."""
    if value != value:  # NaN: nothing the engine computes from valid figures, but total
        return "undefined"
    if value == _INF:
        return "∞"
    if value == -_INF:
        return "-∞"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _half_unit(stated: str, percent: bool) -> float:
    """Half a unit of the last digit the source wrote, in the figure's own scale (always
    positive: "-5.5%" allows ±0.05 as "5.5%" does)."""
    written = written_number(stated)
    if written is None:
        return 0.0
    digits, scale = written
    decimals = len(digits.partition(".")[2])
    if decimals == 0 and not scale and not percent:
        return 0.0  # an integer count is exact
    return 10.0 ** -decimals * scale_factor(scale) / 2


def interval(figure: Figure) -> Interval:
    """The range of values the figure's words allow."""
    value = float(figure.value)
    if figure.per is not None:
        # "one in every three": the 'three' is a round number, so 2.5 to 3.5
        return Interval(value / (figure.per + 0.5), value / max(figure.per - 0.5, 0.5))
    half = _half_unit(figure.stated, figure.unit == "percent")
    lo, hi = value - half, value + half
    q = figure.qualifier
    if q == "about":
        lo, hi = min(lo, value * (1 - _ABOUT)), max(hi, value * (1 + _ABOUT))
    elif q == "nearly":
        lo, hi = value * (1 - _NEARLY), value
    elif q in {"over", "more-than", "at-least"}:
        lo, hi = value, float("inf")
    elif q in {"less-than", "up-to"}:
        lo, hi = 0.0, value
    return Interval(lo, hi)


def tolerance_words(figure: Figure) -> str:
    """How the interval was derived, for a finding's 'tolerance' line."""
    if figure.per is not None:
        return f"“{figure.stated}” read as 1 in {figure.per - 0.5:g} to 1 in {figure.per + 0.5:g}"
    q = figure.qualifier
    if q == "about":
        return f"“{figure.stated}” hedged 'about': ±5%"
    if q == "nearly":
        return f"“{figure.stated}” hedged 'nearly': up to 5% below"
    if q in {"over", "more-than", "at-least"}:
        return f"“{figure.stated}”: a lower bound"
    if q in {"less-than", "up-to"}:
        return f"“{figure.stated}”: an upper bound"
    half = _half_unit(figure.stated, figure.unit == "percent")
    if half == 0:
        return f"“{figure.stated}” taken as exact"
    return f"“{figure.stated}” ±{fmt(half)} (half a unit of its last digit)"


@dataclass(frozen=True, slots=True, order=True)
class DateRange:
    start: dt.date
    end: dt.date

    def contains(self, other: DateRange) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def shifted_years(self, years: int) -> DateRange:
        return DateRange(_add_years(self.start, years), _add_years(self.end, years))

    def __str__(self) -> str:
        return f"{self.start.isoformat()}…{self.end.isoformat()}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def first_day(partial: str) -> dt.date:
    parts = [int(p) for p in partial.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(partial: str) -> dt.date:
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) > 1 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


def period_range(period: Period | None) -> DateRange | None:
    """The dates a period covers; None when it has neither start nor end."""
    if period is None or (period.start is None and period.end is None):
        return None
    start = period.start or period.end
    end = period.end or period.start
    assert start is not None
    assert end is not None
    return date_range(start, end)


@cache
def date_range(start: str, end: str) -> DateRange:
    """The days from partial date `start` to partial date `end`, one shared (immutable)
    object for each pair: a large file names few distinct periods, and a range apiece cost
    megabytes."""
    return DateRange(first_day(start), last_day(end))


def describe_range(span: DateRange) -> str:
    """'2023', '2023-01…2023-11', or the full dates."""
    s, e = span.start, span.end
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31:
        return str(s.year) if s.year == e.year else f"{s.year}…{e.year}"
    if s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]:
        return f"{s:%Y-%m}…{e:%Y-%m}" if (s.year, s.month) != (e.year, e.month) else f"{s:%Y-%m}"
    return s.isoformat() if s == e else str(span)
