"""The lists (`tui.domain.present.listings`): timeline entries and their year rows, quote rows,
table views with the entity filter, and the claims that concern entities.

One small fact base, written as TOML below, holds a claim for every way a claim can be dated
(or not); each table row names a claim and states exactly what the list shows for it. The
lists hand the fact file's text on as it is (the panes fold and sanitise it when they draw it),
so markup and control characters come out unchanged here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.domain.crossref.links import Links
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts
from tui.domain.present.listings import (
    CellView,
    QuoteRow,
    RowView,
    TimelineEntry,
    TimelineRow,
    first_rows,
    quote_rows,
    table_view,
    timeline,
    timeline_rows,
)
from tui.domain.present.prepared import prepare

TEXTS = {
    "daily.txt": """\
Acme launched the Zoom on 14 April 2024.
Talks with Rival began last April.
Acme was founded in 2023.
A plant is due as early as the second half of 2024.
In January 2024 Acme said it would go electric by 2030.
The old plant closed before 2022.
A new model will come in the first half of 2025.
A date for the merger has not been set, but it could come in 2026.
Acme sold 1,234 cars in Jan-Nov 2024, up 5.5%.
Zoom sold 500 cars in 2023.
Acme has sold 9,000 cars since 2020.
Acme had 12 dealers.
Acme had 40 staff as of June 2024.
Acme is a carmaker.
Jane Roe said: “We are growing fast.”
In December 2024 Bob said sales would double.
Rival sold 3,000 cars in 2024, a 2.4% share.
Acme will invest £15 billion.
One in every three cars Acme sold was a Zoom.
[bold]Acme[/] is red.
""",
    "wire.txt": "Acme launched the Zoom in April 2024.\n"
                "Roe told the wire that growth would continue.\n",
    "gate.txt": "Bob of Acme said: “Halewood is an option.”\n",
    "blog.txt": "Jane Roe wrote that costs were high.\n",
}

TOML = r'''
format = 1
title = "Listings"

[[sources]]
id = "daily"
tag = "Daily"
title = "Acme grows"
outlet = "The Daily"
path = "daily.txt"
published = { date = "2025-01-05" }

[[sources]]
id = "wire-service-news"
title = "Wire"
outlet = "Wire"
path = "wire.txt"
published = { date = "2024-04", basis = "inferred", inference = "from the text" }

[[sources]]
id = "gate"
tag = "Gate"
title = "Gate"
outlet = "Gate"
path = "gate.txt"
published = { basis = "unknown", not_before = "2025-11" }

[[sources]]
id = "blog"
tag = "Blog"
title = "Blog"
outlet = "Blog"
path = "blog.txt"
published = { basis = "unknown" }

[[entities]]
id = "acme-group"
name = "Acme Group"
kind = "group"

[[entities]]
id = "zoom"
name = "Zoom"
kind = "brand"
links = [{ type = "brand-of", target = "acme-group" }]

[[entities]]
id = "jane-roe"
name = "Jane Roe"
kind = "person"
role = "Chief executive"

[[entities]]
id = "bob"
name = "Bob"
kind = "person"

[[entities]]
id = "rival"
name = "Rival"
kind = "company"

[[claims]]
id = "launch-day"
kind = "event"
text = "Acme launched the Zoom."
about = ["zoom"]
status = "confirmed"
when = { date = "2024-04-14" }
citations = [
  { source = "daily", exact = "Acme launched the Zoom on 14 April 2024" },
  { source = "wire-service-news", exact = "Acme launched the Zoom in April 2024" },
  { source = "daily", exact = "on 14 April 2024" },
]

[[claims]]
id = "talks-month"
kind = "event"
text = "Talks with Rival began."
about = ["acme-group", "rival"]
status = "reported"
when = { date = "2024-04", basis = "inferred", inference = "last April" }
citations = [{ source = "daily", exact = "Talks with Rival began last April." }]

[[claims]]
id = "founded-year"
kind = "event"
text = "Acme was founded."
about = ["acme-group"]
status = "confirmed"
when = { date = "2023" }
citations = [{ source = "daily", exact = "Acme was founded in 2023." }]

[[claims]]
id = "plant-due"
kind = "plan"
text = "A plant is due."
about = ["acme-group"]
status = "planned"
due = { basis = "unknown", not_before = "2024-07" }
citations = [{ source = "daily", exact = "A plant is due as early as the second half of 2024." }]

[[claims]]
id = "electric-plan"
kind = "plan"
text = "Acme will go electric."
about = ["acme-group"]
status = "planned"
when = { date = "2024-01" }
due = { date = "2030" }
citations = [{ source = "daily", exact = "Acme said it would go electric by 2030" }]

[[claims]]
id = "plant-closed"
kind = "event"
text = "The old plant closed."
about = ["acme-group"]
status = "confirmed"
when = { basis = "unknown", not_after = "2022" }
citations = [{ source = "daily", exact = "The old plant closed before 2022." }]

[[claims]]
id = "new-model"
kind = "statement"
text = "A new model will come."
about = ["zoom"]
status = "expected"
when = { basis = "unknown", not_before = "2025-01", not_after = "2025-06" }
citations = [{ source = "daily", exact = "A new model will come in the first half of 2025." }]

[[claims]]
id = "merger-date"
kind = "plan"
text = "A merger could come."
about = ["acme-group", "rival"]
status = "rumoured"
when = { basis = "unknown" }
due = { date = "2026" }
citations = [{ source = "daily", exact = "it could come in 2026" }]

[[claims]]
id = "acme-jan-nov"
kind = "figure"
text = "Acme sold 1,234 cars in Jan-Nov 2024."
about = ["acme-group"]
status = "reported"
citations = [{ source = "daily", exact = "Acme sold 1,234 cars in Jan-Nov 2024, up 5.5%." }]
[claims.figure]
measure = "sales"
value = 1234
unit = "vehicles"
stated = "1,234 cars"
period = { label = "Jan-Nov", start = "2024-01", end = "2024-11" }
growth = { value = 5.5, unit = "percent", stated = "up 5.5%", compared_with = "Jan-Nov 2023" }

[[claims]]
id = "zoom-2023"
kind = "figure"
text = "Zoom sold 500 cars in 2023."
about = ["zoom"]
status = "reported"
citations = [{ source = "daily", exact = "Zoom sold 500 cars in 2023." }]
[claims.figure]
measure = "sales"
value = 500
unit = "vehicles"
stated = "500 cars"
period = { label = "2023", start = "2023", end = "2023", basis = "inferred", inference = "i" }

[[claims]]
id = "since-2020"
kind = "figure"
text = "Acme has sold 9,000 cars since 2020."
about = ["acme-group"]
status = "reported"
citations = [{ source = "daily", exact = "Acme has sold 9,000 cars since 2020." }]
[claims.figure]
measure = "sales"
value = 9000
unit = "vehicles"
stated = "9,000 cars"
period = { label = "since 2020", start = "2020" }

[[claims]]
id = "dealers"
kind = "figure"
text = "Acme had 12 dealers."
about = ["acme-group"]
status = "reported"
citations = [{ source = "daily", exact = "Acme had 12 dealers." }]
[claims.figure]
measure = "dealers"
value = 12
unit = "dealers"
stated = "12 dealers"

[[claims]]
id = "staff-as-of"
kind = "figure"
text = "Acme had 40 staff."
about = ["acme-group"]
status = "reported"
citations = [{ source = "daily", exact = "Acme had 40 staff as of June 2024." }]
[claims.figure]
measure = "staff"
value = 40
unit = "people"
stated = "40 staff"
as_of = { date = "2024-06" }

[[claims]]
id = "carmaker"
kind = "statement"
text = "Acme is a carmaker."
about = ["acme-group"]
status = "confirmed"
citations = [{ source = "daily", exact = "Acme is a carmaker." }]

[[claims]]
id = "roe-growing"
kind = "quote"
text = "Jane Roe: growing fast."
about = ["acme-group"]
status = "reported"
quote = { speaker = "jane-roe", mode = "direct", words = "We are growing fast." }
citations = [{ source = "daily", exact = "Jane Roe said: “We are growing fast.”" }]

[[claims]]
id = "bob-double"
kind = "quote"
text = "Bob: sales would double."
about = ["acme-group", "bob"]
status = "reported"
when = { date = "2024-12" }
quote = { speaker = "bob", mode = "reported", words = "sales would double" }
citations = [{ source = "daily", exact = "In December 2024 Bob said sales would double." }]

[[claims]]
id = "roe-wire"
kind = "quote"
text = "Roe: growth would continue."
about = ["jane-roe"]
status = "reported"
quote = { speaker = "jane-roe", mode = "reported", words = "growth would continue" }
citations = [
  { source = "wire-service-news", exact = "Roe told the wire that growth would continue." },
  { source = "daily", exact = "We are growing fast." },
]

[[claims]]
id = "bob-halewood"
kind = "quote"
text = "Bob: Halewood is an option."
about = ["bob"]
status = "reported"
quote = { speaker = "bob", mode = "direct", words = "Halewood is an option." }
citations = [{ source = "gate", exact = "Bob of Acme said: “Halewood is an option.”" }]

[[claims]]
id = "roe-blog"
kind = "quote"
text = "Roe: costs were high."
about = ["jane-roe"]
status = "opinion"
quote = { speaker = "jane-roe", mode = "reported", words = "costs were high" }
citations = [{ source = "blog", exact = "Jane Roe wrote that costs were high." }]

[[claims]]
id = "roe-undated"
kind = "quote"
text = "Roe, at an unknown date: growing fast."
about = ["jane-roe"]
status = "reported"
when = { basis = "unknown" }
quote = { speaker = "jane-roe", mode = "direct", words = "We are growing fast." }
citations = [{ source = "daily", exact = "said: “We are growing fast.”" }]

[[claims]]
id = "rival-2024"
kind = "figure"
text = "Rival sold 3,000 cars in 2024."
about = ["rival"]
status = "reported"
citations = [{ source = "daily", exact = "Rival sold 3,000 cars in 2024" }]
[claims.figure]
measure = "sales"
value = 3000
unit = "vehicles"
stated = "3,000 cars"
period = { label = "2024", start = "2024", end = "2024" }

[[claims]]
id = "rival-share"
kind = "figure"
text = "Rival had a 2.4% share."
about = ["rival"]
status = "reported"
citations = [{ source = "daily", exact = "a 2.4% share" }]
[claims.figure]
measure = "market share"
value = 2.4
unit = "percent"
stated = "2.4%"
period = { label = "2024", start = "2024", end = "2024" }

[[claims]]
id = "invest"
kind = "figure"
text = "Acme will invest £15 billion."
about = ["acme-group"]
status = "planned"
citations = [{ source = "daily", exact = "Acme will invest £15 billion." }]
[claims.figure]
measure = "investment"
value = 15e9
unit = "currency"
currency = "GBP"
stated = "£15 billion"

[[claims]]
id = "one-in-three"
kind = "figure"
text = "One in three of Acme's cars was a Zoom."
about = ["zoom"]
status = "reported"
citations = [{ source = "daily", exact = "One in every three cars Acme sold was a Zoom." }]
[claims.figure]
measure = "share of sales"
value = 1
per = 3
unit = "vehicles"
stated = "One in every three"

[[claims]]
id = "markup"
kind = "event"
text = "[bold]Acme[/] is \u001b[31mred\nnow"
about = ["rival"]
status = "reported"
when = { date = "2024-02" }
citations = [{ source = "daily", exact = "[bold]Acme[/] is red." }]

[[tables]]
id = "sales"
title = "[bold]Sales[/]"
note = "Cars, \u001b[1m exactly"
columns = [{ id = "units", title = "Units" }, { id = "share", title = "Share [/]" }]
rows = [
  { label = "Acme Jan-Nov", entity = "acme-group", cells = { units = "acme-jan-nov" } },
  { label = "Zoom 2023", entity = "zoom", cells = { units = "zoom-2023", share = "one-in-three" } },
  { label = "Rival", cells = { units = "rival-2024", share = "rival-share" } },
  { label = "Share only", entity = "rival", cells = { share = "rival-share" } },
  { label = "Nothing yet", entity = "acme-group" },
  { label = "Money [/]", cells = { units = "invest" } },
]

[[tables]]
id = "empty"
title = "Empty"
columns = [{ id = "c", title = "C" }]
'''


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    folder = tmp_path_factory.mktemp("listings")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "facts.toml").write_text(TOML, encoding="utf-8")
    result = load_facts(folder / "facts.toml")
    assert [str(p) for p in result.problems] == []
    assert result.facts is not None
    return result.facts


# ── timeline ──────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("claim_id", "date", "year", "sort_key", "sources"), [
    pytest.param("launch-day", "2024-04-14", "2024", "2024-04-14", ("Daily", "wire-servi"),
                 id="day-two-sources-deduplicated"),
    pytest.param("talks-month", "~2024-04", "2024", "2024-04", ("Daily",), id="inferred-month"),
    pytest.param("founded-year", "2023", "2023", "2023", ("Daily",), id="year"),
    pytest.param("plant-due", "≥2024-07 due", "2024", "2024-07", ("Daily",),
                 id="earliest-due-date"),
    pytest.param("electric-plan", "2024-01", "2024", "2024-01", ("Daily",),
                 id="when-before-due"),
    pytest.param("plant-closed", "≤2022", "2022", "2022", ("Daily",), id="latest-date"),
    pytest.param("new-model", "2025-01…2025-06", "2025", "2025-01", ("Daily",),
                 id="between-sorts-by-earliest"),
    pytest.param("merger-date", "2026 due", "2026", "2026", ("Daily",),
                 id="unknown-when-falls-to-due"),
    pytest.param("acme-jan-nov", "2024-11", "2024", "2024-11", ("Daily",),
                 id="figure-at-its-period-end"),
    pytest.param("zoom-2023", "~2023", "2023", "2023", ("Daily",), id="figure-inferred-period"),
    pytest.param("since-2020", "2020", "2020", "2020", ("Daily",), id="figure-period-start-only"),
    pytest.param("bob-double", "2024-12", "2024", "2024-12", ("Daily",), id="dated-quote"),
    pytest.param("rival-2024", "2024", "2024", "2024", ("Daily",), id="figure-year"),
    pytest.param("rival-share", "2024", "2024", "2024", ("Daily",), id="percent-figure-year"),
    pytest.param("markup", "2024-02", "2024", "2024-02", ("Daily",), id="markup-text"),
])
def test_timeline_entry(facts: FactBase, claim_id: str, date: str, year: str, sort_key: str,
                        sources: tuple[str, ...]) -> None:
    [entry] = [e for e in timeline(facts) if e.claim_id == claim_id]
    assert entry == TimelineEntry(claim_id, date, year, sort_key,
                                  facts.claims[claim_id].text, sources)


@pytest.mark.parametrize("claim_id", [
    pytest.param("dealers", id="figure-without-period"),
    pytest.param("staff-as-of", id="figure-with-only-as-of"),
    pytest.param("carmaker", id="statement-without-date"),
    pytest.param("roe-growing", id="quote-without-date"),
    pytest.param("roe-undated", id="unknown-date-without-bounds"),
    pytest.param("invest", id="plan-figure-without-period"),
])
def test_undated_claims_are_not_on_the_timeline(facts: FactBase, claim_id: str) -> None:
    assert claim_id in facts.claims
    assert claim_id not in {e.claim_id for e in timeline(facts)}


def test_timeline_order_is_by_date_text_then_file_order(facts: FactBase) -> None:
    """A year sorts before its months, and the two 2024 claims keep their file order."""
    assert [(e.sort_key, e.claim_id) for e in timeline(facts)] == [
        ("2020", "since-2020"),
        ("2022", "plant-closed"),
        ("2023", "founded-year"),
        ("2023", "zoom-2023"),
        ("2024", "rival-2024"),
        ("2024", "rival-share"),
        ("2024-01", "electric-plan"),
        ("2024-02", "markup"),
        ("2024-04", "talks-month"),
        ("2024-04-14", "launch-day"),
        ("2024-07", "plant-due"),
        ("2024-11", "acme-jan-nov"),
        ("2024-12", "bob-double"),
        ("2025-01", "new-model"),
        ("2026", "merger-date"),
    ]


def test_timeline_text_is_the_claims_own(facts: FactBase) -> None:
    [entry] = timeline(facts, {"markup"})
    assert entry.text == "[bold]Acme[/] is \u001b[31mred\nnow"


@pytest.mark.parametrize(("only", "ids"), [
    pytest.param(None, 15, id="all-dated"),
    pytest.param(set(), [], id="nothing"),
    pytest.param({"launch-day"}, ["launch-day"], id="one"),
    pytest.param({"dealers", "founded-year", "plant-closed"}, ["plant-closed", "founded-year"],
                 id="undated-one-left-out"),
    pytest.param({"no-such-claim"}, [], id="unknown-id"),
])
def test_timeline_only(facts: FactBase, only: set[str] | None, ids: int | list[str]) -> None:
    found = [e.claim_id for e in timeline(facts, only)]
    assert (len(found) if isinstance(ids, int) else found) == ids


def _entry(claim_id: str, year: str) -> TimelineEntry:
    return TimelineEntry(claim_id, year, year, year, claim_id, ())


_A23, _B24, _C24, _D25 = (_entry("a", "2023"), _entry("b", "2024"), _entry("c", "2024"),
                          _entry("d", "2025"))


@pytest.mark.parametrize(("entries", "rows"), [
    pytest.param([], [], id="empty"),
    pytest.param([_B24], ["2024", _B24], id="one"),
    pytest.param([_B24, _C24], ["2024", _B24, _C24], id="one-year-one-heading"),
    pytest.param([_A23, _B24, _C24, _D25], ["2023", _A23, "2024", _B24, _C24, "2025", _D25],
                 id="a-heading-per-year"),
    pytest.param([_B24, _A23, _C24], ["2024", _B24, "2023", _A23, "2024", _C24],
                 id="unsorted-input-repeats-headings"),
])
def test_timeline_rows(entries: list[TimelineEntry], rows: list[TimelineRow]) -> None:
    assert timeline_rows(entries) == rows


def test_timeline_rows_of_the_fact_base(facts: FactBase) -> None:
    rows = timeline_rows(timeline(facts))
    assert [r if isinstance(r, str) else r.claim_id for r in rows] == [
        "2020", "since-2020", "2022", "plant-closed", "2023", "founded-year", "zoom-2023",
        "2024", "rival-2024", "rival-share", "electric-plan", "markup", "talks-month", "launch-day",
        "plant-due", "acme-jan-nov", "bob-double", "2025", "new-model", "2026", "merger-date"]


def test_first_rows_skips_headings_and_keeps_a_claims_first_row() -> None:
    assert first_rows([None, "a", "b", None, "a", "c"]) == {"a": 1, "b": 2, "c": 5}


def test_the_browser_finds_each_claims_row_where_a_scan_would(facts: FactBase) -> None:
    """The rows the Timeline and Quotes panes look a claim up in, worked out with the lists
    (a scan of a 100,000-row list cost escape from the series view 70 ms)."""
    data = prepare(facts)
    timeline_ids = [None if isinstance(r, str) else r.claim_id for r in data.timeline_rows]
    assert data.timeline_at == {c: timeline_ids.index(c) for c in timeline_ids if c}
    quote_ids = [q.claim_id for q in data.quotes]
    assert data.quotes_at == {c: quote_ids.index(c) for c in quote_ids}


# ── what concerns an entity ───────────────────────────────────────────────────────────

@pytest.mark.parametrize(("entities", "claims"), [
    pytest.param([], set(), id="none"),
    pytest.param(["no-such-entity"], set(), id="unknown"),
    pytest.param(["zoom"], {"launch-day", "new-model", "zoom-2023", "one-in-three"},
                 id="about"),
    pytest.param(["bob"], {"bob-double", "bob-halewood"}, id="about-and-speaker"),
    pytest.param(["jane-roe"], {"roe-growing", "roe-wire", "roe-blog", "roe-undated"},
                 id="speaker-not-in-about"),
    pytest.param(["rival"], {"talks-month", "merger-date", "rival-2024", "rival-share",
                             "markup"}, id="several-about"),
    pytest.param(["zoom", "bob"], {"launch-day", "new-model", "zoom-2023", "one-in-three",
                                   "bob-double", "bob-halewood"}, id="union"),
])
def test_claims_concerning(facts: FactBase, entities: list[str], claims: set[str]) -> None:
    assert Links(facts).claims_concerning(entities) == claims


def test_claims_concerning_a_group_does_not_include_its_brands(facts: FactBase) -> None:
    """The entity tree is the caller's: it passes the group and what sits below it."""
    group = Links(facts).claims_concerning(["acme-group"])
    assert "launch-day" not in group
    assert "zoom-2023" not in group
    assert Links(facts).claims_concerning(iter(["acme-group", "zoom"])) == \
        group | Links(facts).claims_concerning(["zoom"])


# ── quotes ────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("claim_id", "row"), [
    pytest.param("roe-growing", QuoteRow("roe-growing", "We are growing fast.", "Jane Roe",
                                         "Chief executive", "direct", "Daily", "~2025-01-05"),
                 id="direct-undated-takes-the-source-date-approximately"),
    pytest.param("bob-double", QuoteRow("bob-double", "sales would double", "Bob", "",
                                        "reported", "Daily", "2024-12"),
                 id="reported-dated-no-role"),
    pytest.param("roe-wire", QuoteRow("roe-wire", "growth would continue", "Jane Roe",
                                      "Chief executive", "reported", "wire-servi", "~2024-04"),
                 id="inferred-source-date-not-marked-twice-first-citation-wins"),
    pytest.param("bob-halewood", QuoteRow("bob-halewood", "Halewood is an option.", "Bob", "",
                                          "direct", "Gate", "≥2025-11"),
                 id="source-date-a-bound-stays-a-bound"),
    pytest.param("roe-blog", QuoteRow("roe-blog", "costs were high", "Jane Roe",
                                      "Chief executive", "reported", "Blog", "undated"),
                 id="undated-source"),
    pytest.param("roe-undated", QuoteRow("roe-undated", "We are growing fast.", "Jane Roe",
                                         "Chief executive", "direct", "Daily", "undated"),
                 id="own-unknown-date-wins-over-the-source"),
])
def test_quote_row(facts: FactBase, claim_id: str, row: QuoteRow) -> None:
    [found] = [r for r in quote_rows(facts) if r.claim_id == claim_id]
    assert found == row


def test_quote_rows_in_file_order(facts: FactBase) -> None:
    assert [r.claim_id for r in quote_rows(facts)] == [
        "roe-growing", "bob-double", "roe-wire", "bob-halewood", "roe-blog", "roe-undated"]


@pytest.mark.parametrize(("only", "ids"), [
    pytest.param(set(), [], id="nothing"),
    pytest.param({"bob-halewood", "roe-growing"}, ["roe-growing", "bob-halewood"],
                 id="file-order-kept"),
    pytest.param({"launch-day", "bob-double"}, ["bob-double"], id="not-a-quote-left-out"),
])
def test_quote_rows_only(facts: FactBase, only: set[str], ids: list[str]) -> None:
    assert [r.claim_id for r in quote_rows(facts, only)] == ids


# ── tables ────────────────────────────────────────────────────────────────────────────

_EMPTY = CellView(None, "", None, "")
_ROWS = {
    "acme": RowView("Acme Jan-Nov", "acme-group",
                    (CellView("acme-jan-nov", "1,234", 1234.0, "vehicles"), _EMPTY),
                    "Jan-Nov (2024-01…2024-11)", "+5.5% vs Jan-Nov 2023", "Daily"),
    "zoom": RowView("Zoom 2023", "zoom",
                    (CellView("zoom-2023", "500", 500.0, "vehicles"),
                     CellView("one-in-three", "1 in 3", 1 / 3, "vehicles")),
                    "~2023", "", "Daily"),
    "rival": RowView("Rival", None,
                     (CellView("rival-2024", "3,000", 3000.0, "vehicles"),
                      CellView("rival-share", "2.4%", 2.4, "percent")),
                     "2024", "", "Daily"),
    "share-only": RowView("Share only", "rival",
                          (_EMPTY, CellView("rival-share", "2.4%", 2.4, "percent")),
                          "2024", "", "Daily"),
    "nothing": RowView("Nothing yet", "acme-group", (_EMPTY, _EMPTY), "", "", ""),
    "money": RowView("Money [/]", None,
                     (CellView("invest", "£15 billion", 15e9, "GBP"), _EMPTY), "", "", "Daily"),
}


def test_table_view(facts: FactBase) -> None:
    view = table_view(facts, "sales")
    assert (view.table_id, view.title, view.note, view.columns) == (
        "sales", "[bold]Sales[/]", "Cars, \u001b[1m exactly", ("Units", "Share [/]"))
    assert view.rows == tuple(_ROWS.values())


@pytest.mark.parametrize(("only", "rows"), [
    pytest.param(None, ["acme", "zoom", "rival", "share-only", "nothing", "money"], id="all"),
    pytest.param(set(), [], id="none"),
    pytest.param({"acme-group"}, ["acme", "nothing", "money"],
                 id="row-entity-or-cell-claim-about-it"),
    pytest.param({"zoom"}, ["zoom"], id="brand-only-not-its-group"),
    pytest.param({"rival"}, ["rival", "share-only"], id="rowless-entity-by-its-cells"),
    pytest.param({"jane-roe"}, [], id="no-row-concerns-it"),
    pytest.param({"zoom", "rival"}, ["zoom", "rival", "share-only"], id="union-in-table-order"),
])
def test_table_view_only_entities(facts: FactBase, only: set[str] | None,
                                  rows: list[str]) -> None:
    labels = {key: row.label for key, row in _ROWS.items()}
    assert [r.label for r in table_view(facts, "sales", only).rows] == \
        [labels[key] for key in rows]


def test_a_table_without_rows(facts: FactBase) -> None:
    view = table_view(facts, "empty")
    assert (view.title, view.note, view.columns, view.rows) == ("Empty", None, ("C",), ())


def test_a_row_takes_period_and_growth_from_its_first_filled_cell(facts: FactBase) -> None:
    """'Share only' has no Units cell: its period is the Share cell's."""
    [row] = [r for r in table_view(facts, "sales").rows if r.label == "Share only"]
    assert (row.period, row.growth) == ("2024", "")


def test_a_row_lists_every_source_of_its_cells_once(tmp_path: Path) -> None:
    toml = TOML.replace('cells = { units = "acme-jan-nov" }',
                        'cells = { units = "acme-jan-nov", share = "launch-day-figure" }')
    toml += '''
[[claims]]
id = "launch-day-figure"
kind = "figure"
text = "Acme launched one Zoom."
about = ["zoom"]
status = "confirmed"
citations = [
  { source = "wire-service-news", exact = "Acme launched the Zoom in April 2024" },
  { source = "daily", exact = "Acme launched the Zoom on 14 April 2024" },
  { source = "gate", exact = "Bob of Acme" },
]
[claims.figure]
measure = "launches"
value = 1
unit = "launches"
stated = "the Zoom"
'''
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "facts.toml").write_text(toml, encoding="utf-8")
    result = load_facts(tmp_path / "facts.toml")
    assert result.facts is not None
    [row] = [r for r in table_view(result.facts, "sales").rows if r.label == "Acme Jan-Nov"]
    assert row.sources == "Daily, wire-servi, Gate"
    assert row.cells[1] == CellView("launch-day-figure", "1 launches", 1.0, "launches")
