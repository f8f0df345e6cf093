"""How figures and dates read on screen and in citations: exact, never rounded."""

from __future__ import annotations

from decimal import Decimal

from tui.domain.facts.figure import Figure, Period, When
from tui.domain.facts.model import Source
from tui.domain.present.safe_text import one_line

_CURRENCY = {"GBP": "£", "USD": "$", "EUR": "€", "CNY": "RMB ", "JPY": "¥"}
_QUALIFIER = {
    "exact": "", "about": "about ", "nearly": "nearly ", "over": "over ",
    "more-than": "more than ", "less-than": "less than ", "at-least": "at least ",
    "up-to": "up to ",
}
_SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
_UNIT_SUFFIX = {"vehicles": "", "percent": "%", "currency": ""}


def number(value: int | float) -> str:
    """Thousands separators, every stated digit kept: 2561465 -> '2,561,465', 0.8012 stays."""
    exact = Decimal(repr(value)).normalize()
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    # the sign apart: the whole part of -0.5 is "-0", which int() reads as 0
    sign = "-" if exact < 0 else ""
    whole, _, fraction = f"{abs(exact):f}".partition(".")
    return f"{sign}{int(whole):,}.{fraction}"


def _scaled(value: int | float) -> str:
    """'15 billion' when the value is an exact multiple of a scale with few decimals."""
    exact = Decimal(repr(value))
    for size, word in _SCALES:
        if abs(exact) >= size:
            scaled = (exact / size).normalize()
            if scaled == scaled.quantize(Decimal("0.001")):
                return f"{number(float(scaled))} {word}"
    return number(value)


def amount(figure: Figure) -> str:
    """The figure's value with its unit, e.g. '2,561,465', '2.4%', '£15 billion', '1 in 3'."""
    qualifier = _QUALIFIER[figure.qualifier]
    if figure.per is not None:
        return f"{qualifier}{number(figure.value)} in {figure.per}"
    if figure.unit == "currency":
        symbol = _CURRENCY.get(figure.currency or "", f"{figure.currency} ")
        return f"{qualifier}{symbol}{_scaled(figure.value)}"
    # a unit is the file's own word: made harmless here, where every pane and export gets it
    suffix = _UNIT_SUFFIX.get(figure.unit, f" {one_line(figure.unit)}")
    return f"{qualifier}{number(figure.value)}{suffix}"


def growth(figure: Figure) -> str:
    """'+11.1% year-over-year', or '' when the source states no growth."""
    if figure.growth is None:
        return ""
    g = figure.growth
    sign = "+" if g.value > 0 else ""
    suffix = {"percent": "%", "percentage-points": " pp", "times": " times", "units": ""}[g.unit]
    return f"{sign}{number(g.value)}{suffix} vs {one_line(g.compared_with)}"


def when(value: When | None) -> str:
    """'2024-04-14', '2024-04', '2024'; '~2024' when inferred; 'undated' when unknown."""
    if value is None:
        return "undated"
    if value.date is None:
        if value.not_before and value.not_after:
            return f"{value.not_before}…{value.not_after}"
        if value.not_before:
            return f"≥{value.not_before}"
        if value.not_after:
            return f"≤{value.not_after}"
        return "undated"
    return f"~{value.date}" if value.basis == "inferred" else value.date


def period(value: Period | None) -> str:
    if value is None:
        return ""
    span = ""
    if value.start and value.end:
        span = value.start if value.start == value.end else f"{value.start}…{value.end}"
    elif value.start or value.end:
        span = f"{'from ' + value.start if value.start else 'to ' + (value.end or '')}"
    if span and value.basis == "inferred":
        span = "~" + span
    if not span or span.lstrip("~") == value.label:
        return span or value.label
    return f"{value.label} ({span})"


def published(source: Source) -> str:
    return when(source.published)
