"""The series of a measure (`tui.domain.crossref.series`), held to the consistency engine:
what a series view draws is what the findings say."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import FactWriter
from tui.bundled import bundled_facts_path
from tui.domain.crossref.consistency import find_all
from tui.domain.crossref.findings import Finding
from tui.domain.crossref.series import series_keys, series_of
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts


@pytest.fixture(scope="module")
def bundled() -> tuple[FactBase, list[Finding]]:
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    return facts, find_all(facts)


def test_chery_exports_every_stated_figure_in_time_order(
        bundled: tuple[FactBase, list[Finding]]) -> None:
    facts, findings = bundled
    series = series_of(facts, "chery-exports-2023", findings)
    assert series.label == "exports: Chery Group"
    assert [s.claim_id for s in series.stated] == [
        "chery-exports-2022", "chery-exports-2023", "chery-exports-jan-nov",
        "chery-exports-nearly-1-2m"]
    by_id = {s.claim_id: s for s in series.stated}
    # "less than half a million" allows anything up to it; "nearly 1.2 million" 5% below
    assert (by_id["chery-exports-2022"].allowed.lo, by_id["chery-exports-2022"].allowed.hi) \
        == (0.0, 500_000.0)
    assert by_id["chery-exports-nearly-1-2m"].allowed.hi == 1_200_000.0
    assert by_id["chery-exports-nearly-1-2m"].allowed.lo < 1_200_000.0
    # Jan-Nov is drawn as what it is, not as a point on the yearly line
    assert [s.part_year for s in series.stated] == [False, False, True, True]
    assert by_id["chery-exports-2023"].sources == ("Surge",)


def test_implied_values_are_the_engine_s(bundled: tuple[FactBase, list[Finding]]) -> None:
    facts, findings = bundled
    series = series_of(facts, "chery-exports-2023", findings)
    implied = {i.from_claim: i for i in series.implied}
    of_2023 = implied["chery-exports-2023"]
    assert of_2023.period.start == dt.date(2022, 1, 1)
    assert of_2023.period.end == dt.date(2022, 12, 31)
    growth = next(f for f in findings if f.check == "growth"
                  and f.claims == ("chery-exports-2023", "chery-exports-2022"))
    # the finding's arithmetic prints the same interval the series holds
    assert f"= {of_2023.allowed} for 2022" in growth.arithmetic
    of_jan_nov = implied["chery-exports-jan-nov"]
    assert (of_jan_nov.period.start, of_jan_nov.period.end) == \
        (dt.date(2023, 1, 1), dt.date(2023, 11, 30))


def test_the_contradiction_is_marked(bundled: tuple[FactBase, list[Finding]]) -> None:
    facts, findings = bundled
    series = series_of(facts, "chery-exports-jan-nov", findings)
    engine = {tuple(dict.fromkeys(f.claims)) for f in findings if f.kind == "contradiction"
              and set(f.claims) <= {s.claim_id for s in series.stated}}
    assert set(series.contradictions) == engine
    assert ("chery-exports-jan-nov", "chery-exports-2023") in series.contradictions
    assert len(series.contradictions) == len(set(series.contradictions))
    assert series.contradicted("chery-exports-2023")
    assert not series.contradicted("chery-exports-2022")


def test_a_figure_with_no_neighbours_says_so(write_facts: FactWriter) -> None:
    from tests.conftest import VALID_TOML

    toml = VALID_TOML.replace('growth = { value = 5.5, unit = "percent", stated = "up 5.5%", '
                              'compared_with = "previous year" }\n', "")
    facts = load_facts(write_facts(toml)).facts
    assert facts is not None
    assert series_of(facts, "acme-sales-2024").lonely
    with_growth = load_facts(write_facts()).facts
    assert with_growth is not None
    assert not series_of(with_growth, "acme-sales-2024").lonely  # 2023 is implied


def test_every_figure_belongs_to_one_series(bundled: tuple[FactBase, list[Finding]]) -> None:
    facts, _ = bundled
    keys = series_keys(facts)
    members = [c for ids in keys.values() for c in ids]
    assert sorted(members) == sorted(c.id for c in facts.claims.values() if c.figure)
    with pytest.raises(ValueError, match="states no figure"):
        series_of(facts, "liverpool-european-hq")


def test_the_index_builds_each_series_as_series_of_does(
        bundled: tuple[FactBase, list[Finding]]) -> None:
    """The browser's series come from the cross-references' `SeriesIndex` (built ahead for the
    largest); each one the same as worked out alone, contradictions included."""
    from tui.domain.crossref.series import SeriesIndex

    facts, findings = bundled
    for ahead in (1, 10_000):  # every series built ahead, none
        index = SeriesIndex(facts, findings, ahead=ahead)
        assert index.keys == series_keys(facts)
        for ids in index.keys.values():
            assert index.of(ids[-1]) == series_of(facts, ids[-1], findings)
    assert index.of("chery-exports-2023").contradictions
    with pytest.raises(KeyError):
        index.of("liverpool-european-hq")  # no figure


def test_a_single_day_is_named_once() -> None:
    from tui.domain.crossref.quantities import date_range, describe_range

    assert describe_range(date_range("2000-01-02", "2000-01-02")) == "2000-01-02"
    assert describe_range(date_range("2000-01-02", "2000-01-05")) == "2000-01-02…2000-01-05"
