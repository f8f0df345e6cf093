"""What a valid figure is, and the engine and formatters on every valid one (issue 11, "Numbers
crash it"): a 0% share beside a volume, `inf`/`nan` values and integers hundreds or thousands
of digits long each ended `check` and the app with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter

from tests.number_fixtures import F, Facts, check, line_of, write
from tui.cli.main import EXIT_OK, EXIT_PROBLEMS
from tui.domain.crossref.consistency import find_all
from tui.domain.facts.figure import Figure
from tui.domain.loading.loader import load_facts
from tui.domain.present.figures import amount, growth, number
from tui.domain.present.listings import table_view

_BOUND = "a figure's numbers are at most 10^15 (1,000,000,000,000,000) either side of 0"


def _findings(path: Path, check_name: str) -> list[tuple[str, str, str, str]]:
    result = load_facts(path)
    assert result.facts is not None
    return [(f.kind, *f.worded()) for f in find_all(result.facts) if f.check == check_name]


def _share_facts(share: str = "0%", value: str = "0") -> Facts:
    return Facts([F("share", value, stated=share, unit="percent", measure="market share"),
                  F("vol", "1234", stated="1,234 cars")])


# ── the reported crashes ──────────────────────────────────────────────────────────────

def test_a_zero_share_beside_a_volume_is_checked_in_text_and_json(tmp_path: Path) -> None:
    """The report: ZeroDivisionError in the engine. "0%" is a share under half a percent: the
    volume bounds the market from below, with no central figure."""
    path = write(tmp_path, _share_facts())
    status, text, payload = check(path)
    assert status == EXIT_OK
    title = "share and vol imply a market of at least 246,800"
    assert f"consistent    share          {title}" in text
    assert "1,234 / 0% = ≥ 246,800" in text
    [finding] = [f for f in payload["findings"] if f["check"] == "share"]
    assert finding["title"] == title
    assert finding["kind"] == "consistent"


def test_a_zero_share_through_the_engine(tmp_path: Path) -> None:
    [(kind, title, arithmetic, _)] = _findings(write(tmp_path, _share_facts()), "share")
    assert kind == "consistent"
    assert title.endswith("at least 246,800")
    assert arithmetic == "1,234 / 0% = ≥ 246,800"


def test_a_share_of_exactly_zero_says_it_cannot_imply_the_whole(tmp_path: Path) -> None:
    """Words without digits ("no share") make 0 exact: nothing bounds the market."""
    path = write(tmp_path, _share_facts(share="no share of the market"))
    [(kind, title, arithmetic, _)] = _findings(path, "share")
    assert kind == "gap"
    assert title == "share and vol imply no market size: a share of 0 cannot imply the whole"
    assert arithmetic == "1,234 / 0%: a division by 0"
    assert check(path)[0] == EXIT_OK


_NON_FINITE = ["inf", "-inf", "+inf", "nan", "-nan", "+nan"]


@pytest.mark.parametrize("literal", _NON_FINITE)
@pytest.mark.parametrize("where", ["value", "growth"])
def test_a_non_finite_number_is_a_problem_at_its_line(tmp_path: Path, literal: str,
                                                      where: str) -> None:
    """TOML reads these as floats, and stated words without digits agreed with them."""
    bad = F("bad", literal, stated="countless cars") if where == "value" else \
        F("bad", "5", stated="5 cars", growth=(literal, "percent", "a huge rise", "2023"))
    path = write(tmp_path, Facts([bad, F("good", "1234", stated="1,234 cars")]))
    status, text, payload = check(path)
    assert status == EXIT_PROBLEMS
    shown = literal.lstrip("+") if "inf" in literal else "nan"
    what = "is not a number; a figure's numbers are finite" if shown == "nan" else \
        f"is not a finite number; {_BOUND}"
    inner = "figure" if where == "value" else "figure.growth"
    line = line_of(path, "bad", where)
    expected = f"{path}:{line}: claim 'bad' {inner}: value {shown} {what}"
    assert text.splitlines()[0] == expected
    assert [f"{p['file']}:{p['line']}: {p['message']}" for p in payload["problems"]] == \
        [expected]
    facts = load_facts(path).facts
    assert facts is not None
    assert set(facts.claims) == {"good"}  # the rest still loads


@pytest.mark.parametrize("digits", [500, 5000])
@pytest.mark.parametrize("sign", ["", "-"])
def test_an_integer_hundreds_of_digits_long_is_a_problem_at_its_line(
        tmp_path: Path, digits: int, sign: str) -> None:
    """500 digits: OverflowError converting it to a float; 5,000: Python refuses to read
    more than 4,300, and the parse ended in a ValueError."""
    literal = sign + "1" + "0" * (digits - 1)
    path = write(tmp_path, Facts([F("big", literal), F("good", "1234", stated="1,234 cars")]))
    status, text, _ = check(path)
    assert status == EXIT_PROBLEMS
    shown = f"{sign}1000…000 ({digits:,} digits)" if digits < 4300 else \
        f"is an integer of {digits:,} digits,"
    message = f"value {shown} is too large; {_BOUND}" if digits < 4300 else \
        f"value {shown} too large; {_BOUND}"
    assert text.splitlines()[0] == f"{path}:{line_of(path, 'big', 'value')}: claim 'big' " \
        f"figure: {message}"
    facts = load_facts(path).facts
    assert facts is not None
    assert set(facts.claims) == {"good"}


@pytest.mark.parametrize("key", ["per", "growth", "occurrence"])
@pytest.mark.parametrize("digits", [500, 5000])
def test_a_long_integer_anywhere_a_number_goes_is_a_problem(tmp_path: Path, key: str,
                                                            digits: int) -> None:
    literal = "9" * digits
    figure = F("big", "1", stated="one car")
    if key == "per":
        figure.per = literal
    elif key == "growth":
        figure.growth = (literal, "units", "many more", "2023")
    spec = Facts([figure, F("good", "1234", stated="1,234 cars")],
                 occurrence=literal if key == "occurrence" else None)
    path = write(tmp_path, spec)
    status, text, _ = check(path)
    assert status == EXIT_PROBLEMS
    first = text.splitlines()[0]
    assert first.startswith(f"{path}:{line_of(path, 'big', key)}:")
    assert f"{digits:,} digits" in first
    assert len(first) < 300


def test_a_hexadecimal_integer_of_thousands_of_digits_is_described_not_printed(
        tmp_path: Path) -> None:
    """A hex literal is read whatever its length (Python's limit is for decimal text), and
    printing it in 'should be a string, not the integer …' raised ValueError."""
    path = write(tmp_path, Facts([F("good", "1234", stated="1,234 cars")],
                                 title="0x" + "f" * 5000))
    status, text, _ = check(path)
    assert status == EXIT_PROBLEMS
    assert text.splitlines()[0] == \
        f"{path}:2: 'title' should be a string, not an integer of about 6,021 digits"


# ── the bounds ────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("literal", "ok"), [
    ("1_000_000_000_000_000", True), ("-1_000_000_000_000_000", True), ("1e15", True),
    ("1_000_000_000_000_001", False), ("1.0000000000000002e15", False), ("1e16", False),
    ("1e-15", True), ("-1e-15", True), ("9e-16", False), ("5e-324", False), ("1e-320", False),
    ("0", True), ("0.0", True), ("-0.0", True), ("1.7976931348623157e308", False),
])
def test_the_magnitude_of_a_figure(tmp_path: Path, literal: str, ok: bool) -> None:
    path = write(tmp_path, Facts([F("x", literal, stated="a number of cars")]))
    result = load_facts(path)
    assert result.facts is not None
    assert ("x" in result.facts.claims) is ok, [str(p) for p in result.problems]
    if not ok:
        [problem] = result.problems
        assert problem.line == line_of(path, "x", "value")
        assert "too large" in problem.message or "too small" in problem.message


@pytest.mark.parametrize(("literal", "ok"), [("1", True), ("1_000_000_000_000_000", True),
                                             ("0", False), ("-3", False),
                                             ("1_000_000_000_000_001", False)])
def test_per_is_a_whole_number_from_1_to_10_to_the_15(tmp_path: Path, literal: str,
                                                       ok: bool) -> None:
    path = write(tmp_path, Facts([F("x", "1", stated="one in every few cars", per=literal)]))
    result = load_facts(path)
    assert result.facts is not None
    assert ("x" in result.facts.claims) is ok
    if not ok:
        assert [p.message for p in result.problems] == [
            f"claim 'x' figure: per {literal.replace('_', '')} is not a whole number from 1 "
            "to 10^15"]


# ── the engine on the edges of what is valid ──────────────────────────────────────────

def test_a_fall_of_100_percent_cannot_imply_the_earlier_value(tmp_path: Path) -> None:
    spec = Facts([F("now", "0", stated="no cars", growth=("-100", "percent", "down 100%",
                                                          "previous year")),
                  F("before", "500", stated="500 cars", year="2023")])
    [(kind, title, arithmetic, _)] = _findings(write(tmp_path, spec), "growth")
    assert kind == "gap"
    assert title == ("Growth of now cannot imply its earlier value: a fall of 100% leaves "
                     "nothing to divide by")
    assert arithmetic == "0 / (1 − 100%) = 0 / (-0.005 to 0.005): a division by 0"


def test_a_fall_states_its_sign_in_the_arithmetic(tmp_path: Path) -> None:
    """The words say 'fell'; the arithmetic used -9.7 but read '(1 + 9.7%)'."""
    spec = Facts([F("now", "903", stated="903 cars", growth=("-9.7", "percent", "fell 9.7%",
                                                             "previous year")),
                  F("before", "1000", stated="1,000 cars", year="2023")])
    [(kind, _, arithmetic, _)] = _findings(write(tmp_path, spec), "growth")
    assert kind == "consistent"
    assert arithmetic.startswith("903 / (1 − 9.7%) = ")


def test_a_growth_stated_without_digits_before_its_percent_sign(tmp_path: Path) -> None:
    """'% rise' has no digits, so it agrees with any value: the arithmetic took the word
    before '%' and raised IndexError."""
    spec = Facts([F("now", "1100", stated="1,100 cars", growth=("10", "percent", "% rise",
                                                               "previous year"))])
    [(kind, _, arithmetic, _)] = _findings(write(tmp_path, spec), "growth")
    assert kind == "gap"
    assert arithmetic.startswith("1,100 / (1 + 10%) = ")


def test_a_ratio_of_zero_cannot_imply_the_whole(tmp_path: Path) -> None:
    spec = Facts([F("ratio", "0", stated="none in every three cars", per="3"),
                  F("part", "1234", stated="1,234 cars")], [("ratio", "ratio-of", "part")])
    [(kind, title, arithmetic, _)] = _findings(write(tmp_path, spec), "ratio")
    assert kind == "gap"
    assert title == "ratio implies no total: a ratio of 0 cannot imply the whole"
    assert arithmetic == "1,234 / “none in every three cars”: a division by 0"


def test_a_conversion_to_zero_or_at_a_zero_rate(tmp_path: Path) -> None:
    amounts = [F("gbp", "0", stated="nothing", unit="currency", currency="GBP"),
               F("usd", "15", stated="$15", unit="currency", currency="USD")]
    at_no_rate = Facts(amounts, [("gbp", "derived-from", "usd")], table=False)
    [(kind, title, _, _)] = _findings(write(tmp_path / "a", at_no_rate), "conversion")
    assert kind == "gap"
    assert title.endswith("at a rate that cannot be worked out: it is 0")
    rate = F("rate", "0", stated="no rate", measure="exchange rate", unit="USD per GBP")
    at_zero = Facts([*amounts, rate], [("gbp", "derived-from", "usd"),
                                       ("gbp", "derived-from", "rate")], table=False)
    [(kind, title, _, _)] = _findings(write(tmp_path / "b", at_zero), "conversion")
    assert kind == "gap"
    assert title == "gbp cannot be checked against usd: the stated rate is 0"


def test_the_engine_and_the_views_on_the_largest_and_smallest_figures(tmp_path: Path) -> None:
    big, small = "1_000_000_000_000_000", "1e-15"
    spec = Facts([F("whole", big, stated="a great many", unit="currency", currency="GBP"),
                  F("part", "-" + big, stated="a great loss", unit="currency", currency="GBP"),
                  F("tiny", small, stated="a tiny share", unit="percent",
                    measure="market share"),
                  F("vol", big, stated="a great many cars"),
                  F("ratio", "1", stated="one in a great many", per=big),
                  F("grown", big, stated="a great many cars", growth=(big, "percent",
                                                                       "a vast rise", "2023"))],
                 [("part", "part-of", "whole"), ("part", "subset-of", "whole"),
                  ("whole", "exceeds", "part"), ("ratio", "ratio-of", "vol"),
                  ("tiny", "ratio-of", "vol")])
    path = write(tmp_path, spec)
    status, text, _ = check(path)
    assert status == EXIT_OK, text
    facts = load_facts(path).facts
    assert facts is not None
    for finding in find_all(facts):
        assert all(finding.worded()), finding
    view = table_view(facts, "numbers")
    assert [c.text for r in view.rows for c in r.cells] == [
        "£1,000,000 billion", "£-1,000,000 billion", "0.000000000000001%",
        "1,000,000,000,000,000", "1 in 1000000000000000", "1,000,000,000,000,000"]


_FIGURE = TypeAdapter(Figure)


@pytest.mark.parametrize("value", [0, -0.0, 1e15, -1e15, 10**15, -(10**15), 1e-15, -1e-15,
                                   0.1 + 0.2, 999_999_999_999_999.9, 123_456_789.123456789])
def test_every_formatter_on_valid_numbers(value: float) -> None:
    assert number(value)
    for unit, currency in (("currency", "GBP"), ("currency", "XYZ"), ("percent", None),
                           ("vehicles", None)):
        for per in (None, 1, 10**15):
            figure = _FIGURE.validate_python({
                "measure": "m", "value": value, "unit": unit, "currency": currency,
                "stated": "s", "per": per, "growth": {"value": value, "unit": "percent",
                                                      "stated": "s", "compared_with": "2023"}})
            assert amount(figure)
            assert growth(figure)


# ── years at the calendar's edge ──────────────────────────────────────────────────────

def test_there_is_no_year_0(tmp_path: Path) -> None:
    """'0000' passed as a date, and the engine's date arithmetic raised ValueError on it."""
    path = write(tmp_path, Facts([F("a", "5", stated="5 cars", year="0000"),
                                  F("b", "6", stated="6 cars")]))
    status, text, _ = check(path)
    assert status == EXIT_PROBLEMS
    assert f"{path}:{line_of(path, 'a', 'period')}: claim 'a' figure.period: 'start': there " \
        "is no year 0: '0000'" in text.splitlines()


def test_a_growth_in_year_1_has_no_year_before_it(tmp_path: Path) -> None:
    spec = Facts([F("a", "5", stated="5 cars", year="0001",
                    growth=("5", "percent", "up 5%", "previous year"))])
    [(kind, title, _, _)] = _findings(write(tmp_path, spec), "growth")
    assert kind == "gap"
    assert title == "Growth of a has no base period to check"


def test_the_detail_of_a_claim_dated_in_year_1(tmp_path: Path) -> None:
    """Its cross-references looked for overlapping dates before 0001-01-01: OverflowError."""
    from tui.domain.crossref.cross_index import CrossIndex
    from tui.domain.facts.location import Location
    from tui.domain.present.detail import detail_for

    facts = load_facts(write(tmp_path, Facts([F("a", "5", stated="5 cars", year="0001"),
                                              F("b", "6", stated="6 cars", year="0001")]))).facts
    assert facts is not None
    xref = CrossIndex(facts)
    lines = detail_for(facts, Location("claim", "a"), xref.links, xref)
    assert any("overlapping dates" in line.text for line in lines)


def test_a_long_integer_in_a_file_read_in_pieces(tmp_path: Path) -> None:
    """A file over 2 MB is parsed piece by piece; the piece's ValueError is not a TOML syntax
    error, and escaped the fallback to the whole-text read."""
    path = write(tmp_path, Facts([F("big", "1" + "0" * 4999), F("good", "1", stated="1 car")],
                                 table=False))
    padding = "".join(f'\n[[entities]]\nid = "padding-{n}"\nname = "Padding entity {n}"\n'
                      'kind = "company"\n' for n in range(32_000))
    path.write_text(path.read_text(encoding="utf-8") + padding, encoding="utf-8")
    assert path.stat().st_size > 2_000_000
    result = load_facts(path)
    assert [(p.line, p.message) for p in result.problems] == [
        (line_of(path, "big", "value"),
         f"claim 'big' figure: value is an integer of 5,000 digits, too large; {_BOUND}")]
    assert result.facts is not None
    assert set(result.facts.claims) == {"good"}
