"""How figures, dates and periods read (`tui.domain.present.figures`): exact, never rounded.

Each row gives the input as a fact file writes it (a TOML literal or the keys of a TOML
table, validated by the same schema the loader uses) and the exact text shown for it.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from pydantic import TypeAdapter

from tui.domain.facts.figure import Figure, Period, When
from tui.domain.facts.model import Source
from tui.domain.present.figures import amount, growth, number, period, published, when

_FIGURE = TypeAdapter(Figure)
_WHEN = TypeAdapter(When)
_PERIOD = TypeAdapter(Period)
_SOURCE = TypeAdapter(Source)


def _toml(keys: str) -> dict[str, Any]:
    """`keys` (`key = value` pairs, one a line or comma-separated) read as a TOML table."""
    return tomllib.loads(f"t = {{ {keys} }}")["t"]  # type: ignore[no-any-return]


def _literal(literal: str) -> int | float:
    value = tomllib.loads(f"v = {literal}")["v"]
    assert isinstance(value, int | float)
    return value


def _figure(keys: str) -> Figure:
    return _FIGURE.validate_python({"measure": "sales", "stated": "as stated", **_toml(keys)})


def _when(keys: str) -> When:
    return _WHEN.validate_python(_toml(keys))


def _period(keys: str) -> Period:
    return _PERIOD.validate_python(_toml(keys))


# ── number: thousands separators, every digit the source gave, nothing invented ───────

@pytest.mark.parametrize(("literal", "shown"), [
    pytest.param("0", "0", id="zero"),
    pytest.param("0.0", "0", id="zero-float"),
    pytest.param("-0.0", "0", id="negative-zero"),
    pytest.param("7", "7", id="one-digit"),
    pytest.param("999", "999", id="no-separator-below-1000"),
    pytest.param("1000", "1,000", id="first-separator"),
    pytest.param("2561465", "2,561,465", id="millions"),
    pytest.param("2_561_465", "2,561,465", id="toml-underscores"),
    pytest.param("-2561465", "-2,561,465", id="negative-integer"),
    pytest.param("1234.0", "1,234", id="whole-float-has-no-decimals"),
    pytest.param("1e3", "1,000", id="exponent-whole"),
    pytest.param("2.40", "2.4", id="trailing-zero-dropped"),
    pytest.param("0.8012", "0.8012", id="four-decimals-kept"),
    pytest.param("11.1", "11.1", id="one-decimal"),
    pytest.param("-9.7", "-9.7", id="negative-decimal"),
    pytest.param("-1234.5", "-1,234.5", id="negative-grouped-decimal"),
    pytest.param("1234567.891", "1,234,567.891", id="grouped-with-decimals"),
    pytest.param("123456789.123456789", "123,456,789.12345679", id="float-precision-kept"),
    pytest.param("1e15", "1,000,000,000,000,000", id="largest-float"),
    pytest.param("1_000_000_000_000_000", "1,000,000,000,000,000", id="largest-integer"),
    pytest.param("-1e15", "-1,000,000,000,000,000", id="most-negative"),
    pytest.param("999_999_999_999_999.9", "999,999,999,999,999.9", id="largest-with-decimal"),
    pytest.param("1e-7", "0.0000001", id="small-not-scientific"),
    pytest.param("1e-15", "0.000000000000001", id="smallest"),
    pytest.param("1.5e-10", "0.00000000015", id="small-two-digits"),
])
def test_number(literal: str, shown: str) -> None:
    assert number(_literal(literal)) == shown


def test_number_keeps_the_float_the_file_holds_not_a_rounder_one() -> None:
    assert number(0.1 + 0.2) == "0.30000000000000004"


@pytest.mark.parametrize(("literal", "shown"), [
    pytest.param("-0.5", "-0.5", id="minus-a-half"),
    pytest.param("-1e-15", "-0.000000000000001", id="smallest-negative"),
])
def test_number_keeps_the_sign_of_a_negative_fraction(literal: str, shown: str) -> None:
    assert number(_literal(literal)) == shown


# ── amount: the value with its unit, qualifier, currency or ratio ─────────────────────

@pytest.mark.parametrize(("keys", "shown"), [
    # counts: the unit the lists imply is not repeated, other units are
    pytest.param('value = 2561465, unit = "vehicles"', "2,561,465", id="vehicles"),
    pytest.param('value = 1_200_000, unit = "vehicles"', "1,200,000", id="vehicles-not-scaled"),
    pytest.param('value = 1500, unit = "people"', "1,500 people", id="own-unit"),
    pytest.param('value = 1.27, unit = "USD per GBP"', "1.27 USD per GBP", id="rate-unit"),
    pytest.param('value = 0, unit = "vehicles"', "0", id="zero-vehicles"),
    pytest.param('value = -3, unit = "vehicles"', "-3", id="negative-vehicles"),
    # percent
    pytest.param('value = 2.4, unit = "percent"', "2.4%", id="percent"),
    pytest.param('value = 0, unit = "percent"', "0%", id="zero-percent"),
    pytest.param('value = -9.7, unit = "percent"', "-9.7%", id="negative-percent"),
    pytest.param('value = 1e-15, unit = "percent"', "0.000000000000001%", id="tiny-percent"),
    # currencies: a symbol where there is one, the code otherwise; exact scales
    pytest.param('value = 15e9, unit = "currency", currency = "GBP"', "£15 billion",
                 id="gbp-billion"),
    pytest.param('value = 15_000_000_000, unit = "currency", currency = "GBP"', "£15 billion",
                 id="gbp-billion-integer"),
    pytest.param('value = 18.7e9, unit = "currency", currency = "USD"', "$18.7 billion",
                 id="usd-billion-decimal"),
    pytest.param('value = 2.5e9, unit = "currency", currency = "EUR"', "€2.5 billion",
                 id="eur"),
    pytest.param('value = 10e9, unit = "currency", currency = "CNY"', "RMB 10 billion",
                 id="cny-is-rmb"),
    pytest.param('value = 1_500_000, unit = "currency", currency = "JPY"', "¥1.5 million",
                 id="jpy-million"),
    pytest.param('value = 1_000_000, unit = "currency", currency = "GBP"', "£1 million",
                 id="exactly-a-million"),
    pytest.param('value = 999_999, unit = "currency", currency = "GBP"', "£999,999",
                 id="below-a-million"),
    pytest.param('value = 1_234_500_000, unit = "currency", currency = "GBP"',
                 "£1,234.5 million", id="billion-with-four-decimals-falls-to-million"),
    pytest.param('value = 1_234_567_890, unit = "currency", currency = "GBP"',
                 "£1,234,567,890", id="no-exact-scale-all-digits"),
    pytest.param('value = 1.001e9, unit = "currency", currency = "USD"', "$1.001 billion",
                 id="three-decimals-of-a-billion"),
    pytest.param('value = 1e15, unit = "currency", currency = "USD"', "$1,000,000 billion",
                 id="largest-currency"),
    pytest.param('value = 0.8012, unit = "currency", currency = "GBP"', "£0.8012",
                 id="exchange-rate-digits"),
    pytest.param('value = -15e9, unit = "currency", currency = "GBP"', "£-15 billion",
                 id="negative-sign-after-symbol"),
    pytest.param('value = 5, unit = "currency", currency = "XYZ"', "XYZ 5", id="unknown-code"),
    pytest.param('value = 12e6, unit = "currency", currency = "CHF"', "CHF 12 million",
                 id="unlisted-code-million"),
    # ratios: "one in every three" is 1 per 3
    pytest.param('value = 1, per = 3, unit = "vehicles"', "1 in 3", id="ratio"),
    pytest.param('value = 2.5, per = 10, unit = "percent"', "2.5 in 10",
                 id="ratio-ignores-unit"),
    pytest.param('value = 1, per = 1_000_000, unit = "vehicles"', "1 in 1000000",
                 id="ratio-per-not-grouped"),
    pytest.param('value = 1, per = 3, unit = "currency", currency = "GBP"', "1 in 3",
                 id="ratio-before-currency"),
])
def test_amount(keys: str, shown: str) -> None:
    assert amount(_figure(keys)) == shown


@pytest.mark.parametrize(("qualifier", "shown"), [
    pytest.param("exact", "1,200,000", id="exact"),
    pytest.param("about", "about 1,200,000", id="about"),
    pytest.param("nearly", "nearly 1,200,000", id="nearly"),
    pytest.param("over", "over 1,200,000", id="over"),
    pytest.param("more-than", "more than 1,200,000", id="more-than"),
    pytest.param("less-than", "less than 1,200,000", id="less-than"),
    pytest.param("at-least", "at least 1,200,000", id="at-least"),
    pytest.param("up-to", "up to 1,200,000", id="up-to"),
])
def test_amount_qualifier(qualifier: str, shown: str) -> None:
    figure = _figure(f'value = 1_200_000, unit = "vehicles", qualifier = "{qualifier}"')
    assert amount(figure) == shown


@pytest.mark.parametrize(("keys", "shown"), [
    pytest.param('value = 15e9, unit = "currency", currency = "GBP", qualifier = "nearly"',
                 "nearly £15 billion", id="currency"),
    pytest.param('value = 1, per = 3, unit = "vehicles", qualifier = "about"', "about 1 in 3",
                 id="ratio"),
    pytest.param('value = 2.4, unit = "percent", qualifier = "over"', "over 2.4%", id="percent"),
    pytest.param('value = 80, unit = "countries", qualifier = "more-than"',
                 "more than 80 countries", id="own-unit"),
])
def test_amount_qualifier_comes_first(keys: str, shown: str) -> None:
    assert amount(_figure(keys)) == shown


@pytest.mark.parametrize(("unit", "shown"), [
    pytest.param("[bold]cars[/]", "3 [bold]cars[/]", id="rich-markup-literal"),
    pytest.param("[/]", "3 [/]", id="closing-tag-literal"),
    pytest.param("cars\u001b[31m", "3 cars\u241b[31m", id="escape-made-visible"),
    pytest.param("cars\u0007", "3 cars\u2407", id="bell-made-visible"),
    pytest.param("big\ncars", "3 big cars", id="line-break-folded"),
    pytest.param("big \t  cars", "3 big cars", id="white-space-folded"),
    pytest.param("cars\u202e", "3 cars<U+202E>", id="bidi-override-made-visible"),
    pytest.param("cars\u009b", "3 cars\\x9b", id="c1-control-escaped"),
])
def test_amount_unit_from_the_file_is_made_harmless(unit: str, shown: str) -> None:
    figure = _FIGURE.validate_python({"measure": "m", "stated": "s", "value": 3, "unit": unit})
    assert amount(figure) == shown


# ── growth ────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("keys", "shown"), [
    pytest.param('value = 11.1, unit = "percent", compared_with = "year-over-year"',
                 "+11.1% vs year-over-year", id="rise-percent"),
    pytest.param('value = 0, unit = "percent", compared_with = "previous year"',
                 "0% vs previous year", id="zero-has-no-sign"),
    pytest.param('value = 0.0, unit = "percent", compared_with = "2023"', "0% vs 2023",
                 id="zero-float"),
    pytest.param('value = -9.7, unit = "percent", compared_with = "2023"', "-9.7% vs 2023",
                 id="fall-percent"),
    pytest.param('value = -100, unit = "percent", compared_with = "previous year"',
                 "-100% vs previous year", id="fall-to-nothing"),
    pytest.param('value = 1.5, unit = "percentage-points", compared_with = "2023"',
                 "+1.5 pp vs 2023", id="percentage-points"),
    pytest.param('value = -2, unit = "percentage-points", compared_with = "2023"',
                 "-2 pp vs 2023", id="negative-percentage-points"),
    pytest.param('value = 3, unit = "times", compared_with = "2020"', "+3 times vs 2020",
                 id="times"),
    pytest.param('value = 120000, unit = "units", compared_with = "2023"',
                 "+120,000 vs 2023", id="units-grouped"),
    pytest.param('value = 1e15, unit = "percent", compared_with = "2023"',
                 "+1,000,000,000,000,000% vs 2023", id="largest"),
    pytest.param('value = 1e-15, unit = "percent", compared_with = "2023"',
                 "+0.000000000000001% vs 2023", id="smallest"),
    pytest.param('value = 14.70, unit = "percent", compared_with = "Jan-Nov 2023"',
                 "+14.7% vs Jan-Nov 2023", id="trailing-zero-dropped"),
])
def test_growth(keys: str, shown: str) -> None:
    figure = _figure(f'value = 1, unit = "vehicles", growth = {{ {keys}, stated = "s" }}')
    assert growth(figure) == shown


def test_no_growth_is_empty() -> None:
    assert growth(_figure('value = 1, unit = "vehicles"')) == ""


@pytest.mark.parametrize(("compared_with", "shown"), [
    pytest.param("[bold]2023[/]", "+5% vs [bold]2023[/]", id="rich-markup-literal"),
    pytest.param("2023\u001b]52;c;x\u0007", "+5% vs 2023\u241b]52;c;x\u2407",
                 id="osc-made-visible"),
    pytest.param("the\nprevious   year", "+5% vs the previous year", id="white-space-folded"),
])
def test_growth_compared_with_is_made_harmless(compared_with: str, shown: str) -> None:
    figure = _FIGURE.validate_python({
        "measure": "m", "stated": "s", "value": 1, "unit": "vehicles",
        "growth": {"value": 5, "unit": "percent", "stated": "s",
                   "compared_with": compared_with}})
    assert growth(figure) == shown


def test_growth_keeps_the_sign_of_a_small_fall() -> None:
    """A fall of less than one lost its minus sign: -0.4 pp read as a rise of 0.4 pp."""
    figure = _figure('value = 1, unit = "vehicles", growth = { value = -0.4, '
                     'unit = "percentage-points", compared_with = "2023", stated = "s" }')
    assert growth(figure) == "-0.4 pp vs 2023"


# ── dates: precision as stated, inferred, bounds ──────────────────────────────────────

@pytest.mark.parametrize(("keys", "shown"), [
    pytest.param('date = "2024-04-14"', "2024-04-14", id="day"),
    pytest.param('date = "2024-04"', "2024-04", id="month"),
    pytest.param('date = "2024"', "2024", id="year"),
    pytest.param("date = 2024-04-14", "2024-04-14", id="toml-native-date"),
    pytest.param('date = "2024-04", stated = "last April"', "2024-04",
                 id="stated-words-not-shown"),
    pytest.param('date = "2024-04", basis = "inferred", inference = "last April"', "~2024-04",
                 id="inferred-month"),
    pytest.param('date = "2024", basis = "inferred", inference = "last year"', "~2024",
                 id="inferred-year"),
    pytest.param('basis = "unknown", not_before = "2025-11"', "≥2025-11", id="at-least"),
    pytest.param('basis = "unknown", not_after = "2024"', "≤2024", id="at-most"),
    pytest.param('basis = "unknown", not_before = "2024-07", not_after = "2024-12"',
                 "2024-07…2024-12", id="between"),
    pytest.param('basis = "unknown", not_before = "2024-07", not_after = "2024-07"',
                 "2024-07…2024-07", id="between-the-same"),
    pytest.param('basis = "unknown"', "undated", id="unknown-without-bounds"),
    pytest.param('date = "2024", not_before = "2024-07"', "2024", id="date-wins-over-bound"),
    pytest.param('date = "2024-04", basis = "inferred", inference = "i", '
                 'not_after = "2024-06"', "~2024-04", id="inferred-date-wins-over-bound"),
])
def test_when(keys: str, shown: str) -> None:
    assert when(_when(keys)) == shown


def test_no_date_is_undated() -> None:
    assert when(None) == "undated"


# ── periods: the source's label, with the dates when they say more ────────────────────

@pytest.mark.parametrize(("keys", "shown"), [
    pytest.param('label = "2024", start = "2024", end = "2024"', "2024",
                 id="label-is-the-span"),
    pytest.param('label = "Jan-Nov", start = "2024-01", end = "2024-11"',
                 "Jan-Nov (2024-01…2024-11)", id="label-and-span"),
    pytest.param('label = "2024", start = "2024-01", end = "2024-12"',
                 "2024 (2024-01…2024-12)", id="year-label-month-span"),
    pytest.param('label = "April", start = "2024-04", end = "2024-04"', "April (2024-04)",
                 id="one-month"),
    pytest.param('label = "2010-2017", start = "2010", end = "2017"', "2010-2017 (2010…2017)",
                 id="hyphen-label-is-not-the-span"),
    pytest.param('label = "since launch", start = "2020"', "since launch (from 2020)",
                 id="start-only"),
    pytest.param('label = "by 2030", end = "2030"', "by 2030 (to 2030)", id="end-only"),
    pytest.param('label = "first eleven months"', "first eleven months", id="label-only"),
    pytest.param('label = "Jan-Nov", start = "2024-01", end = "2024-11", basis = "inferred", '
                 'inference = "i"', "Jan-Nov (~2024-01…2024-11)", id="inferred-span"),
    pytest.param('label = "2024", start = "2024", end = "2024", basis = "inferred", '
                 'inference = "i"', "~2024", id="inferred-label-is-the-span"),
    pytest.param('label = "H1", end = "2024-06", basis = "inferred", inference = "i"',
                 "H1 (~to 2024-06)", id="inferred-end-only"),
    pytest.param('label = "last year", basis = "inferred", inference = "i"', "last year",
                 id="inferred-without-dates-has-no-mark"),
])
def test_period(keys: str, shown: str) -> None:
    assert period(_period(keys)) == shown


def test_no_period_is_empty() -> None:
    assert period(None) == ""


@pytest.mark.parametrize(("label", "shown"), [
    pytest.param("[bold]H1[/]", "[bold]H1[/] (2024-01…2024-06)", id="rich-markup-literal"),
    # period() leaves the label as it is: the Detail and the Sales pane fold it (one_line)
    pytest.param("H1\u001b[2J", "H1\u001b[2J (2024-01…2024-06)", id="control-left-to-caller"),
])
def test_period_label_is_passed_through(label: str, shown: str) -> None:
    value = _PERIOD.validate_python({"label": label, "start": "2024-01", "end": "2024-06"})
    assert period(value) == shown


# ── a source's date ───────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("keys", "shown"), [
    pytest.param('date = "2025-01-05"', "2025-01-05", id="day"),
    pytest.param('date = "2025"', "2025", id="year"),
    pytest.param('date = "2024-04", basis = "inferred", inference = "from the text"',
                 "~2024-04", id="inferred"),
    pytest.param('basis = "unknown", not_before = "2025-11"', "≥2025-11", id="lower-bound"),
    pytest.param('basis = "unknown"', "undated", id="unknown"),
])
def test_published(keys: str, shown: str) -> None:
    source = _SOURCE.validate_python({"id": "s", "title": "T", "outlet": "O", "path": "s.txt",
                                      "published": _toml(keys)})
    assert published(source) == shown
