"""Property-based: whatever numbers a fact file's figures hold (integers of any length, hex,
inf, nan, subnormals, -0.0, any per and growth, related by part-of, subset-of, exceeds,
ratio-of and derived-from), loading, `check` (text and strict JSON), the consistency engine,
every formatter and the browser's views end in `FILE:LINE: message` problems or complete:
never an exception. And the app on figures at the edges of what is valid."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.number_fixtures import F, Facts, check, write
from tests.test_partial_facts import assert_closed, browse
from tui.cli.main import EXIT_OK, EXIT_PROBLEMS
from tui.domain.crossref.consistency import find_all
from tui.domain.crossref.quantities import interval, tolerance_words
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts
from tui.domain.present.figures import amount, growth, number, period
from tui.domain.present.listings import table_view
from tui.widgets.sales import bar

_LARGEST, _SMALLEST = 10**15, 1e-15
"""The documented rule (docs/fact-file.md, Figures), written out rather than imported."""
_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>[1-9]\d*): \S")


def _float_literal(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)  # '5e-324', '-0.0', '1e+16': all TOML floats


_INTEGERS = st.one_of(
    st.integers(-(10**18), 10**18).map(str),
    st.integers(-(10**600), 10**600).map(str),
    st.integers(-(10**18), 10**18).map(lambda v: f"{v:_}"),
    # longer than the 4,300 digits Python reads
    st.tuples(st.sampled_from(["", "-", "+"]), st.integers(4250, 5200)).map(
        lambda t: t[0] + "1" + "7" * (t[1] - 1)),
    st.integers(1, 5000).map(lambda n: "0x" + "f" * n),
    st.sampled_from(["0", "1", "3", "-1", "1_000_000_000_000_000", "1_000_000_000_000_001"]),
)
_FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True).map(_float_literal),
    st.sampled_from(["inf", "-inf", "+inf", "nan", "-nan", "+nan", "-0.0", "0.0", "1e15",
                     "-1e15", "1e-15", "9e-16", "5e-324", "1e16", "100.0", "-100.0", "-99.95"]),
)
_VALID = st.one_of(
    st.integers(-(10**15), 10**15).map(str),
    st.floats(-1e15, 1e15).filter(lambda v: v == 0 or abs(v) >= 1e-15).map(_float_literal),
    st.sampled_from(["0", "-0.0", "1_000_000_000_000_000", "-1e15", "1e-15", "-100", "-100.0",
                     "-99.95", "-150", "100", "5.5", "0.5", "1234", "10"]),
)
_ANY = st.one_of(_INTEGERS, _FLOATS)
_NUMBERS = st.one_of(_VALID, _VALID, _VALID, _VALID, _ANY)
"""Mostly valid, so that most figures load and the engine has figures to relate."""
_PER = st.one_of(*[st.none()] * 6, st.sampled_from(["1", "3", "1_000_000_000_000_000"]),
                 _INTEGERS)
_STATED = st.sampled_from([
    "a number of cars", "countless", "no share", "none", "0%", "0", "0.5%", "1,234 cars",
    "2.4%", "£15 billion", "one in three", "100%", "-100%", "fell 9.7%", "1 million",
    "999,999,999,999,999", "1,000,000,000,000,000", "0.000000000000001",
])
_GROWTH_STATED = st.sampled_from(["% rise", "up 5.5%", "down 100%", "fell 9.7%", "a rise",
                                  "-100%", "0%", "doubled", "100.0%", "up 1,000,000%"])


@st.composite
def _figure(draw: st.DrawFn, ident: str) -> F:
    unit = draw(st.sampled_from(["percent", "percent", "currency", "vehicles", "vehicles",
                                 "USD per GBP"]))
    value = draw(_NUMBERS)
    stated = draw(st.one_of(_STATED, st.just(value)))  # a number agrees with its own digits
    figure = F(ident, value, stated=stated, unit=unit,
               measure=draw(st.sampled_from(["sales", "market share", "market share",
                                             "exchange rate"])),
               currency=draw(st.sampled_from(["GBP", "USD"])) if unit == "currency"
               else None,
               per=draw(_PER),
               qualifier=draw(st.sampled_from(["exact", "about", "nearly", "over", "more-than",
                                               "less-than", "at-least", "up-to"])),
               year=draw(st.sampled_from([None, "0001", "2023", "2024", "2024"])),
               about=draw(st.sampled_from(["acme", "acme", "acme", "beta"])))
    if draw(st.booleans()):
        figure.growth = (draw(_NUMBERS),
                         draw(st.sampled_from(["percent", "percent", "percentage-points", "times",
                                               "units"])),
                         draw(_GROWTH_STATED),
                         draw(st.sampled_from(["previous year", "previous year", "2023",
                                               "the past"])))
    return figure


@st.composite
def _facts(draw: st.DrawFn) -> Facts:
    count = draw(st.integers(2, 6))
    figures = [draw(_figure(f"f{n}")) for n in range(count)]
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(
        lambda p: p[0] != p[1])
    relations = []
    for a, b in draw(st.lists(pairs, max_size=8)):
        kind = draw(st.sampled_from(["part-of", "subset-of", "exceeds", "ratio-of",
                                     "derived-from"]))
        relations.append((f"f{a}", kind, f"f{b}"))
    return Facts(figures, relations)


@st.composite
def _every_check(draw: st.DrawFn) -> Facts:
    """A figure for every check of the engine (share and volume, growth and the year before,
    parts of a whole, a subset, a comparison, a ratio, a conversion at a rate), each holding
    any number."""

    def n() -> str:
        literal: str = draw(_NUMBERS)
        return literal

    def stated(value: str) -> str:
        words: str = draw(st.one_of(_STATED, st.just(value)))
        return words

    values = {name: n() for name in ("share", "vol", "prior", "whole", "part", "ratio", "gbp",
                                     "usd", "rate")}
    figures = [
        F("share", values["share"], stated=stated(values["share"]), unit="percent",
          measure="market share", qualifier=draw(st.sampled_from(["exact", "less-than",
                                                                  "about"]))),
        F("vol", values["vol"], stated=stated(values["vol"]),
          growth=(n(), "percent", draw(_GROWTH_STATED), "previous year")),
        F("prior", values["prior"], stated=stated(values["prior"]), year="2023"),
        F("whole", values["whole"], stated=stated(values["whole"])),
        F("part", values["part"], stated=stated(values["part"]),
          qualifier=draw(st.sampled_from(["exact", "over", "nearly"]))),
        F("ratio", values["ratio"], stated=stated(values["ratio"]), per=draw(_PER)),
        F("gbp", values["gbp"], stated=stated(values["gbp"]), unit="currency", currency="GBP"),
        F("usd", values["usd"], stated=stated(values["usd"]), unit="currency", currency="USD"),
        F("rate", values["rate"], stated=stated(values["rate"]), measure="exchange rate",
          unit="USD per GBP"),
    ]
    relations = [("part", "part-of", "whole"), ("vol", "part-of", "whole"),
                 ("part", "subset-of", "whole"), ("whole", "exceeds", "part"),
                 ("ratio", "ratio-of", "part"), ("share", "ratio-of", "vol"),
                 ("ratio", "subset-of", "whole"), ("gbp", "derived-from", "usd")]
    if draw(st.booleans()):
        relations.append(("gbp", "derived-from", "rate"))
    return Facts(figures, relations)


def _assert_valid_numbers(facts: FactBase) -> None:
    """What loads holds only numbers the rule allows."""
    for claim in facts.claims.values():
        f = claim.figure
        assert f is not None
        numbers = [f.value] + ([f.growth.value] if f.growth else [])
        for value in numbers:
            assert math.isfinite(value), (claim.id, value)
            assert abs(value) <= _LARGEST, (claim.id, value)
            assert value == 0 or abs(value) >= _SMALLEST, (claim.id, value)
        assert f.per is None or 1 <= f.per <= _LARGEST


def _format_everything(facts: FactBase) -> None:
    for claim in facts.claims.values():
        f = claim.figure
        assert f is not None
        assert amount(f)
        assert number(f.value)
        growth(f)
        period(f.period)
        str(interval(f))
        tolerance_words(f)
    for finding in find_all(facts):
        title, arithmetic, tolerance = finding.worded()
        assert title
        assert arithmetic
        assert tolerance
        for text in (title, arithmetic, tolerance):
            assert "nan" not in text.lower().split(), text
    for table_id in facts.tables:
        view = table_view(facts, table_id)
        values = [c.value for r in view.rows for c in r.cells if c.value is not None]
        largest = max(values, default=0.0)
        for value in values:
            assert math.isfinite(value)
            assert len(bar(value, largest).plain) <= 10


@pytest.mark.slow
@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(spec=_facts() | _every_check())
def test_any_numbers_in_figures_are_explained_or_checked(tmp_path: Path, spec: Facts) -> None:
    path = write(tmp_path / "fuzz", spec)
    result = load_facts(path)  # never raises
    assert result.facts is not None  # the document itself is always readable here
    for problem in result.problems:
        assert _PROBLEM.match(str(problem)), str(problem)
        assert len(problem.message) < 600, problem.message
    assert_closed(result.facts)
    _assert_valid_numbers(result.facts)
    _format_everything(result.facts)
    browse(result.facts)
    status, text, payload = check(path)
    assert status == (EXIT_PROBLEMS if result.problems else EXIT_OK)
    assert text.splitlines()[: len(result.problems)] == [str(p) for p in result.problems]
    assert len(payload["problems"]) == len(result.problems)


# ── the app on figures at the edges of what is valid ──────────────────────────────────

_EDGES = Facts([
    F("share", "0", stated="0%", unit="percent", measure="market share"),
    F("no-share", "0", stated="no share", unit="percent", measure="market share",
      about="beta"),
    F("vol", "1234", stated="1,234 cars"),
    F("beta-vol", "0", stated="no cars", about="beta"),
    F("huge", "1_000_000_000_000_000", stated="a great many cars",
      growth=("-100", "percent", "down 100%", "previous year")),
    F("loss", "-1_000_000_000_000_000", stated="a great loss", unit="currency",
      currency="GBP"),
    F("tiny", "1e-15", stated="a tiny amount", unit="currency", currency="USD"),
    F("ratio", "0", stated="none in every three", per="3"),
    F("prior", "5", stated="5 cars", year="2023"),
], [("ratio", "ratio-of", "vol"), ("vol", "part-of", "huge"), ("prior", "part-of", "huge"),
    ("vol", "subset-of", "huge"), ("huge", "exceeds", "vol"), ("tiny", "derived-from", "loss"),
    ("share", "ratio-of", "vol")])


def test_the_edge_figures_check_cleanly(tmp_path: Path) -> None:
    status, text, _ = check(write(tmp_path, _EDGES))
    assert status == EXIT_OK, text
    assert "cannot imply" in text


async def test_the_app_browses_figures_at_the_edges(tmp_path: Path) -> None:
    """The sales table (its bars over 0, a negative and 10^15), the findings, health and
    every claim's detail, with the app as a user drives it."""
    from tests.ui_helpers import option_texts, ready, table_texts
    from tui.app import make_app
    from tui.domain.facts.location import Location
    from tui.screens.conflicts import ConflictsScreen
    from tui.screens.health import HealthScreen
    from tui.screens.main import MainScreen
    from tui.widgets.detail_pane import DetailPane
    from tui.widgets.sales import SalesTable

    path = write(tmp_path, _EDGES)
    app = make_app(path, use_cache=False, use_state=False)
    async with app.run_test(size=(140, 44)) as pilot:
        await ready(pilot)
        for _ in range(300):
            if isinstance(app.screen, MainScreen) and app.screen.ready and app.xref:
                break
            await pilot.pause(0.1)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.ready
        for claim_id in (f.id for f in _EDGES.figures):
            app.navigate(Location("claim", claim_id))
            await pilot.pause()
            assert option_texts(main.query_one(DetailPane))
        await pilot.press("3")
        await pilot.pause()
        table = main.query_one(SalesTable)
        rows = table_texts(table)
        assert len(rows) == len(_EDGES.figures)
        assert "1,000,000,000,000,000" in [r[1] for r in rows]
        for _ in range(3):  # sort by value, by the bar, back and forth
            await pilot.press("s")
            await pilot.press("right")
        app.action_conflicts()
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("escape")
        app.action_health()
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        await pilot.press("escape")
        await pilot.pause()


async def test_the_app_lists_rejected_numbers(tmp_path: Path) -> None:
    from tests.ui_helpers import ready
    from tui.app import make_app
    from tui.screens.problems import ProblemsScreen

    spec = Facts([F("nan", "nan", stated="countless cars"),
                  F("big", "1" + "0" * 4999, stated="a great many cars"),
                  F("ok", "1234", stated="1,234 cars")])
    path = write(tmp_path, spec)
    expected = [str(p) for p in load_facts(path).problems]
    assert len(expected) == 2
    app = make_app(path, use_cache=False, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert [str(p) for p in app.screen.problems] == expected
