"""Each check of the consistency engine on small constructed fact files."""

from __future__ import annotations

from pathlib import Path

from tests.engine_fixtures import Fig, Spec, build
from tui.domain.crossref.consistency import find_all
from tui.domain.crossref.findings import Finding


def findings(tmp_path: Path, spec: Spec, check: str) -> list[Finding]:
    return [f for f in find_all(build(tmp_path, spec)) if f.check == check]


# ── growth implies a prior value ───────────────────────────────────────────────────

def test_growth_agrees_with_the_prior_period(tmp_path: Path) -> None:
    spec = Spec([Fig("now", "1,100 cars", 1100, start="2024", end="2024",
                     growth=(10.0, "10.0%", "year-over-year")),
                 Fig("before", "1,000 cars", 1000, start="2023", end="2023")])
    [f] = findings(tmp_path, spec, "growth")
    assert f.kind == "consistent"
    assert f.claims == ("now", "before")
    assert "1,100 / (1 + 10.0%) = 999.5457 to 1,000 for 2023" in f.arithmetic
    assert "growth 9.95% to 10.05%" in f.tolerance


def test_growth_rounding_is_respected(tmp_path: Path) -> None:
    # 1,100 / 1.104 = 996.4; a stated '10%' (9.5 to 10.5) still allows 1,000, '10.4%' does not
    loose = Spec([Fig("now", "1,100 cars", 1100, start="2024", end="2024",
                      growth=(10.0, "10%", "previous year")),
                  Fig("before", "1,004 cars", 1004, start="2023", end="2023")])
    assert findings(tmp_path, loose, "growth")[0].kind == "consistent"
    tight = Spec([Fig("now", "1,100 cars", 1100, start="2024", end="2024",
                      growth=(10.4, "10.4%", "previous year")),
                  Fig("before", "1,004 cars", 1004, start="2023", end="2023")])
    (tmp_path / "b").mkdir()
    assert findings(tmp_path / "b", tight, "growth")[0].kind == "contradiction"


def test_part_year_cannot_exceed_the_full_year(tmp_path: Path) -> None:
    spec = Spec([Fig("jan-nov", "1,199,590 units", 1199590, start="2024-01", end="2024-11",
                     growth=(14.7, "14.7%", "year-over-year")),
                 Fig("fy", "937,148 units", 937148, start="2023", end="2023")])
    [f] = findings(tmp_path, spec, "growth")
    assert f.kind == "contradiction"
    assert "a part of a period cannot exceed the whole" in f.arithmetic
    assert "2023-01…2023-11" in f.arithmetic


def test_growth_against_a_named_year_and_an_upper_bound(tmp_path: Path) -> None:
    spec = Spec([Fig("y2023", "937,148 units", 937148, start="2023", end="2023",
                     growth=(101.1, "101.1%", "2022")),
                 Fig("y2022", "less than half a million", 500000, qualifier="less-than",
                     start="2022", end="2022")])
    [f] = findings(tmp_path, spec, "growth")
    assert f.kind == "consistent"
    assert "0 to 500,000" in f.arithmetic


def test_growth_without_a_comparable_claim_is_a_gap(tmp_path: Path) -> None:
    spec = Spec([Fig("now", "100 cars", 100, start="2024", end="2024",
                     growth=(25.0, "25%", "year-over-year")),
                 # a different unit is not the same quantity
                 Fig("money", "$80", 80, unit="currency", currency="USD", start="2023",
                     end="2023")])
    [f] = findings(tmp_path, spec, "growth")
    assert f.kind == "gap"
    assert "for 2023" in f.arithmetic


def test_growth_without_a_period_has_no_base(tmp_path: Path) -> None:
    spec = Spec([Fig("now", "100 cars", 100, growth=(25.0, "25%", "year-over-year"))])
    [f] = findings(tmp_path, spec, "growth")
    assert f.kind == "gap"
    assert "no base period" in f.title


# ── parts and wholes ───────────────────────────────────────────────────────────────

def test_parts_leave_a_remainder(tmp_path: Path) -> None:
    spec = Spec([Fig("total", "1,000 cars", 1000), Fig("a", "600 cars", 600),
                 Fig("b", "300 cars", 300)],
                [("a", "part-of", "total"), ("b", "part-of", "total")])
    [f] = findings(tmp_path, spec, "parts")
    assert f.kind == "gap"
    assert "leave 100 unexplained (10.0%)" in f.title
    assert "1,000 − (600 + 300 = 900) = 100" in f.arithmetic


def test_parts_exceeding_the_whole(tmp_path: Path) -> None:
    spec = Spec([Fig("total", "1,000 cars", 1000), Fig("a", "600 cars", 600),
                 Fig("b", "500 cars", 500)],
                [("a", "part-of", "total"), ("b", "part-of", "total")])
    [f] = findings(tmp_path, spec, "parts")
    assert f.kind == "contradiction"
    assert "1,100 > 1,000" in f.arithmetic


def test_parts_in_different_currencies_are_not_added(tmp_path: Path) -> None:
    spec = Spec([Fig("total", "$1,000", 1000, unit="currency", currency="USD"),
                 Fig("a", "€600", 600, unit="currency", currency="EUR")],
                [("a", "part-of", "total")])
    [f] = findings(tmp_path, spec, "parts")
    assert f.kind == "gap"
    assert "different units" in f.title


def test_subset_within_and_beyond(tmp_path: Path) -> None:
    spec = Spec([Fig("total", "1,000 cars", 1000), Fig("exports", "400 cars", 400),
                 Fig("nev", "1,200 cars", 1200)],
                [("exports", "subset-of", "total"), ("nev", "subset-of", "total")])
    kinds = {f.claims[0]: f.kind for f in findings(tmp_path, spec, "subset")}
    assert kinds == {"exports": "consistent", "nev": "contradiction"}


# ── share, volume and market size ──────────────────────────────────────────────────

def test_share_and_volume_imply_a_market(tmp_path: Path) -> None:
    spec = Spec([Fig("share", "2.4%", 2.4, measure="market share", unit="percent",
                     start="2025", end="2025"),
                 Fig("volume", "48,000 units", 48000, start="2025", end="2025")])
    [f] = findings(tmp_path, spec, "share")
    assert f.kind == "consistent"
    assert "imply a market of 2,000,000" in f.title
    assert "1,959,184 to 2,042,553" in f.arithmetic  # 2.4% is 2.35% to 2.45%


def test_two_implied_market_sizes_for_the_same_period_must_agree(tmp_path: Path) -> None:
    spec = Spec([Fig("share1", "2.4%", 2.4, measure="market share", unit="percent",
                     start="2025", end="2025"),
                 Fig("volume1", "48,000 units", 48000, start="2025", end="2025"),
                 Fig("share2", "1.0%", 1.0, measure="market share", unit="percent",
                     about=("rival",), start="2025", end="2025"),
                 Fig("volume2", "40,000 units", 40000, about=("rival",), start="2025",
                     end="2025")])
    market = [f for f in findings(tmp_path, spec, "share") if "imply a market" in f.title]
    assert len(market) == 2  # different entities: no cross-comparison, no false alarm


def test_share_pairs_only_within_the_same_period(tmp_path: Path) -> None:
    spec = Spec([Fig("share", "2.4%", 2.4, measure="market share", unit="percent",
                     start="2025", end="2025"),
                 Fig("volume", "3,800 units", 3800, start="2024", end="2024")])
    assert findings(tmp_path, spec, "share") == []


def test_a_share_pairs_only_with_a_volume_of_the_same_market(tmp_path: Path) -> None:
    spec = Spec([Fig("uk-share", "2.4%", 2.4, measure="UK market share", unit="percent",
                     start="2025", end="2025"),
                 Fig("uk-sales", "48,000 units", 48000, measure="UK sales", start="2025",
                     end="2025"),
                 Fig("eu-share", "1.0%", 1.0, measure="European market share",
                     unit="percent", start="2025", end="2025"),
                 Fig("eu-sales", "120,000 units", 120000, measure="European sales",
                     start="2025", end="2025")])
    found = findings(tmp_path, spec, "share")
    # each share with its own market's volume; the UK's 2 million and Europe's 12 million are
    # two markets, not a contradiction
    assert sorted(f.claims for f in found) == [("eu-share", "eu-sales"),
                                               ("uk-share", "uk-sales")]
    assert all(f.kind == "consistent" for f in found)


def test_what_a_measure_counts_is_not_its_market() -> None:
    from tui.domain.crossref.ratio_checks import market_scope

    assert market_scope("UK market share, Omoda and Jaecoo combined") == market_scope(
        "UK sales, Omoda and Jaecoo combined")
    assert market_scope("market share") == market_scope("deliveries") == frozenset()
    assert market_scope("UK market share") != market_scope("European sales")


# ── stated comparisons and ratios ──────────────────────────────────────────────────

def test_exceeds_is_checked_at_the_sources_precision(tmp_path: Path) -> None:
    spec = Spec([Fig("big", "1,200 cars", 1200), Fig("small", "1,000 cars", 1000),
                 Fig("fuzzy", "about 1,000 cars", 1000, qualifier="about"),
                 Fig("wrong", "900 cars", 900)],
                [("big", "exceeds", "small"), ("small", "exceeds", "fuzzy"),
                 ("wrong", "exceeds", "small")])
    kinds = {f.claims: f.kind for f in findings(tmp_path, spec, "comparison")}
    assert kinds == {("big", "small"): "consistent", ("small", "fuzzy"): "tension",
                     ("wrong", "small"): "contradiction"}


def test_one_in_three_implies_a_total_within_its_bound(tmp_path: Path) -> None:
    spec = Spec([Fig("ratio", "one in every three", 1, measure="share", unit="share", per=3),
                 Fig("part", "937,148 units", 937148),
                 Fig("bound", "4.91 million vehicles", 4910000, about=("china",)),
                 # '2 million' would allow up to 2.5 million; '1.9 million' at most 1.95
                 Fig("low", "1.9 million vehicles", 1900000, about=("world",))],
                [("ratio", "ratio-of", "part"), ("ratio", "subset-of", "bound"),
                 ("ratio", "subset-of", "low")])
    kinds = {f.claims[-1]: f.kind for f in findings(tmp_path, spec, "ratio")}
    assert kinds == {"bound": "consistent", "low": "contradiction"}
    # the ratio's own subset link is not mistaken for a plain subset of counts
    assert findings(tmp_path, spec, "subset") == []


# ── the same quantity twice ────────────────────────────────────────────────────────

def test_same_quantity_same_period(tmp_path: Path) -> None:
    spec = Spec([Fig("exact", "1,199,590 units", 1199590, start="2024-01", end="2024-11"),
                 Fig("rounded", "nearly 1.2 million", 1200000, qualifier="nearly",
                     start="2024-01", end="2024-11"),
                 Fig("other", "1.5 million", 1500000, start="2024-01", end="2024-11"),
                 Fig("later", "2 million", 2000000, start="2025-01", end="2025-11")])
    kinds = {f.claims: f.kind for f in findings(tmp_path, spec, "same-quantity")}
    assert kinds == {("exact", "rounded"): "consistent", ("exact", "other"): "contradiction"}



def test_a_signed_figure_is_as_precise_as_an_unsigned_one(tmp_path: Path) -> None:
    """A stated "-1.2 million" allows 1.15 to 1.25 million below zero, as "1.2 million"
    does above; its half unit came out negative, an empty interval that matched nothing."""
    spec = Spec([Fig("signed", "-1.2 million", -1200000, start="2024", end="2024"),
                 Fig("exact", "-1,230,000", -1230000, start="2024", end="2024")])
    kinds = {f.claims: f.kind for f in findings(tmp_path, spec, "same-quantity")}
    assert kinds == {("signed", "exact"): "consistent"}

# ── conversions ────────────────────────────────────────────────────────────────────

def test_currency_conversion_at_a_stated_rate(tmp_path: Path) -> None:
    spec = Spec([Fig("gbp", "£15 billion", 15e9, measure="investment", unit="currency",
                     currency="GBP"),
                 Fig("usd", "$18.7 billion", 18.7e9, measure="investment", unit="currency",
                     currency="USD"),
                 Fig("rate", "£0.8012", 0.8012, measure="exchange rate", unit="currency",
                     currency="GBP"),
                 Fig("bad", "$25 billion", 25e9, measure="investment", unit="currency",
                     currency="USD", about=("other",))],
                [("usd", "derived-from", "gbp"), ("usd", "derived-from", "rate"),
                 ("bad", "derived-from", "gbp"), ("bad", "derived-from", "rate")])
    kinds = {f.claims[0]: f.kind for f in findings(tmp_path, spec, "conversion")}
    assert kinds == {"usd": "consistent", "bad": "contradiction"}


def test_conversion_without_a_rate_reports_the_implied_rate(tmp_path: Path) -> None:
    spec = Spec([Fig("cny", "RMB 10 billion", 10e9, measure="r&d", unit="currency",
                     currency="CNY", qualifier="over"),
                 Fig("usd", "$1.4 billion", 1.4e9, measure="r&d", unit="currency",
                     currency="USD", qualifier="about")],
                [("usd", "derived-from", "cny")])
    [f] = findings(tmp_path, spec, "conversion")
    assert f.kind == "gap"
    assert "≥ 6.8027 CNY per USD" in f.arithmetic


# ── dates and stated relations ─────────────────────────────────────────────────────

def test_relative_dates_against_the_article_and_passed_plans(tmp_path: Path) -> None:
    extra = '''
[[claims]]
id = "rename"
kind = "event"
text = "rename"
about = ["acme"]
status = "announced"
when = { date = "2023-04", basis = "inferred", stated = "Last April", inference = "x" }
citations = [{ source = "s", exact = "Figure x: 1 car." }]

[[claims]]
id = "future"
kind = "event"
text = "future"
about = ["acme"]
status = "reported"
when = { date = "2026-03", basis = "inferred", stated = "next March", inference = "x" }
citations = [{ source = "s", exact = "Figure x: 1 car." }]

[[claims]]
id = "launch"
kind = "plan"
text = "launch"
about = ["acme"]
status = "planned"
due = { date = "2024", not_after = "2024-12" }
citations = [{ source = "s", exact = "Figure x: 1 car." }]
'''
    facts = build(tmp_path, Spec([Fig("x", "1 car", 1)], extra=extra))
    found = find_all(facts)
    dates = {f.claims[0]: f.kind for f in found if f.check == "relative-date"}
    assert dates == {"rename": "consistent", "future": "contradiction"}
    [passed] = [f for f in found if f.check == "plan-date"]
    assert passed.claims == ("launch",)
    assert passed.kind == "gap"


def test_contradicts_relations_are_findings(tmp_path: Path) -> None:
    spec = Spec([Fig("a", "1 car", 1), Fig("b", "2 cars", 2)], [("a", "contradicts", "b")])
    [f] = findings(tmp_path, spec, "stated")
    assert f.kind == "contradiction"
    assert f.claims == ("a", "b")


def test_findings_are_ordered_most_serious_first(tmp_path: Path) -> None:
    spec = Spec([Fig("total", "1,000 cars", 1000), Fig("a", "1,200 cars", 1200),
                 Fig("c", "2 cars", 2)],
                [("a", "subset-of", "total"), ("c", "contradicts", "total"),
                 ("total", "exceeds", "c")])
    kinds = [f.kind for f in find_all(build(tmp_path, spec))]
    assert kinds == sorted(kinds, key=["contradiction", "tension", "gap", "consistent"].index)
