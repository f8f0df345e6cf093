"""What the Detail shows (`tui.domain.present.detail`) for a claim, an entity and a source.

Everything goes through `_detail` below, the one place that calls the Detail's builders: the
rows state a location, a section of its Detail (the lines under one heading) and exactly the
lines shown there, as (style, text); links and marks have tables of their own. Text from the
file is folded to one line (`one_line`) except a title (`clean`, which keeps line breaks);
either way markup stays literal and control characters come out as visible symbols.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.domain.crossref.cross_index import CrossIndex
from tui.domain.crossref.links import Links
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.loading.loader import load_facts
from tui.domain.present.detail import DetailLine, detail_for, sentence_around

# ── the only calls into detail.py: adapt them here when its signatures change ─────────

def _detail(facts: FactBase, location: Location, *, indexed: bool = True) -> list[DetailLine]:
    """The Detail of `location`: as the app shows it once the cross-index is built, or (not
    `indexed`) before it is."""
    xref = CrossIndex(facts) if indexed else None
    return detail_for(facts, location, Links(facts), xref)


def _sentence(text: str, passage: str, limit: int) -> tuple[str, int, int]:
    """The sentence around the first occurrence of `passage` in `text`, and its span."""
    start = text.index(passage)
    return sentence_around(text, start, start + len(passage), limit)

# ──────────────────────────────────────────────────────────────────────────────────────


ESC = "\u241b"  # how ESC shows

TEXTS = {
    "daily.txt": "Acme Group said it sold 1,234 cars in Jan-Nov 2024, up 5.5% on a year earlier. "
                 "Profits rose.\n"
                 "Its chief executive, Jane Roe, said: “We are growing fast.” to reporters.\n"
                 "Did Zoom launch? It launched on 14 April 2024.\n"
                 "Acme will build a plant by 2027.\n"
                 "Zoom is \u202eodd\u202c: Zoom sold 77 cars.\n"
                 "A second plant may follow next year.\n",
    "wire.txt": "Acme sold 1,234 cars in the first eleven months.\n"
                "Hours later, Yicai quoted Jane Roe as saying that growth would continue.\n"
                "Rival sold 900 cars.\n",
}

TOML = r'''
format = 1
title = "Detail"

[[sources]]
id = "daily"
tag = "Daily"
title = "Acme grows"
outlet = "The Daily"
author = "A. Writer"
path = "daily.txt"
published = { date = "2025-01-05" }
note = "A local\npaper."
quality = [{ kind = "duplicated-text", note = "The body is printed twice." },
           { kind = "spam-phrase", note = "Says [bold]buy[/] a lot." }]

[[sources]]
id = "wire"
tag = "Wire"
title = "Wire [bold]story[/]"
outlet = "Wire"
path = "wire.txt"
published = { date = "2024-04", basis = "inferred", inference = "Dated from “last April”." }

[[sources]]
id = "gone"
tag = "Gone"
title = "Gone"
outlet = "Nowhere"
path = "missing.txt"
published = { basis = "unknown", not_before = "2024-07" }

[[entities]]
id = "acme-group"
name = "Acme Group"
kind = "group"
aliases = ["Acme", "AG"]
note = "The parent\ncompany."

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
links = [{ type = "works-for", target = "acme-group" }]

[[entities]]
id = "yicai"
name = "Yicai"
kind = "media-outlet"

[[entities]]
id = "rival"
name = "Rival [bold]Co[/]\u001b[0m"
kind = "company"
links = [{ type = "rival-of", target = "acme-group" }]

[[entities]]
id = "site"
name = "Site"
kind = "facility"

[[claims]]
id = "sales"
kind = "figure"
text = "Acme sold 1,234 cars in Jan-Nov 2024."
about = ["acme-group"]
status = "reported"
notes = ["Check the\nyear."]
citations = [
  { source = "daily", exact = "sold 1,234 cars in Jan-Nov 2024, up 5.5%" },
  { source = "wire", exact = "Acme sold 1,234 cars in the first eleven months" },
  { source = "gone", exact = "1,234 cars" },
]
[claims.figure]
measure = "sales"
value = 1234
unit = "vehicles"
stated = "1,234 cars"
as_of = { date = "2024-11" }
growth = { value = 5.5, unit = "percent", stated = "up 5.5%", compared_with = "Jan-Nov 2023" }
[claims.figure.period]
label = "Jan-Nov"
start = "2024-01"
end = "2024-11"
basis = "inferred"
inference = "The year is stated once."

[[claims]]
id = "wire-sales"
kind = "figure"
text = "Acme sold 1,234 cars in eleven months."
about = ["acme-group"]
status = "reported"
citations = [{ source = "wire", exact = "Acme sold 1,234 cars in the first eleven months" }]
[claims.figure]
measure = "sales"
value = 1234
unit = "vehicles"
stated = "1,234 cars"
period = { label = "first eleven months", start = "2024-01", end = "2024-11" }

[[claims]]
id = "roe-direct"
kind = "quote"
text = "Jane Roe: “We are growing fast.”"
about = ["acme-group", "jane-roe"]
status = "reported"
quote = { speaker = "jane-roe", mode = "direct", words = "We are growing fast." }
citations = [{ source = "daily", exact = "Jane Roe, said: “We are growing fast.”" }]
[claims.when]
date = "2024-04"
basis = "inferred"
stated = "last April"
inference = "“last April” in an article of 2025"

[[claims]]
id = "roe-via"
kind = "quote"
text = "Jane Roe via Yicai: growth would continue."
about = ["acme-group"]
status = "reported"
quote = { speaker = "jane-roe", mode = "reported", words = "growth would continue", via = "yicai" }
[[claims.citations]]
source = "wire"
exact = "Hours later, Yicai quoted Jane Roe as saying that growth would continue"

[[claims]]
id = "launch"
kind = "event"
text = "Zoom launched."
about = ["zoom"]
status = "confirmed"
when = { date = "2024-04-14" }
citations = [{ source = "daily", exact = "It launched on 14 April 2024" }]

[[claims]]
id = "plant"
kind = "plan"
text = "Acme will build a plant."
about = ["acme-group"]
status = "planned"
due = { date = "2027", stated = "by 2027" }
citations = [{ source = "daily", exact = "Acme will build a plant by 2027" }]

[[claims]]
id = "second-plant"
kind = "plan"
text = "A second plant may follow."
about = ["site"]
status = "expected"
citations = [{ source = "daily", exact = "A second plant may follow next year" }]
[claims.due]
date = "2026"
basis = "inferred"
stated = "next year"
inference = "the year after the article's"

[[claims]]
id = "markup"
kind = "statement"
text = "Rival [bold]wins[/]\u001b[31m\nagain"
about = ["rival"]
status = "opinion"
citations = [{ source = "wire", exact = "Rival sold 900 cars" }]

[[claims]]
id = "unresolved"
kind = "statement"
text = "Not found."
about = ["acme-group"]
status = "reported"
citations = [{ source = "daily", exact = "Not in the text" }]

[[claims]]
id = "bidi"
kind = "statement"
text = "Zoom sold 77 cars."
about = ["zoom"]
status = "reported"
citations = [{ source = "daily", exact = "Zoom sold 77 cars" }]

[[relations]]
from = "wire-sales"
type = "corroborates"
to = "sales"

[[relations]]
from = "markup"
type = "contradicts"
to = "sales"
note = "Other\u001b[0m numbers."

[[relations]]
from = "roe-via"
type = "qualifies"
to = "roe-direct"
note = "Later\nwords."

[[relations]]
from = "sales"
type = "related"
to = "plant"
'''

PROBLEMS = [
    "source 'gone': source text not found: '{folder}/missing.txt'",
    "claim 'unresolved' citations[0]: passage not found verbatim in source 'daily': "
    "'Not in the text'",
]


def _load(folder: Path, toml: str, texts: dict[str, str]) -> tuple[FactBase, list[str]]:
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "facts.toml").write_text(toml, encoding="utf-8")
    result = load_facts(folder / "facts.toml")
    assert result.facts is not None
    return result.facts, [p.message for p in result.problems]


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    folder = tmp_path_factory.mktemp("detail")
    loaded, problems = _load(folder, TOML, TEXTS)
    assert problems == [p.format(folder=folder) for p in PROBLEMS]
    return loaded


Lines = list[tuple[str, str]]


def _section(lines: list[DetailLine], heading: str | None) -> Lines:
    """(style, text) of the lines under `heading` (up to the next heading); with None, the
    lines above the first heading."""
    start = 0
    if heading is not None:
        [start] = [n + 1 for n, line in enumerate(lines)
                   if line.style == "heading" and line.text == heading]
    section: Lines = []
    for line in lines[start:]:
        if line.style == "heading":
            break
        section.append((line.style, line.text))
    return section


def _headings(lines: list[DetailLine]) -> list[str]:
    return [line.text for line in lines if line.style == "heading"]


def _claim(ident: str) -> Location:
    return Location("claim", ident)


def _entity(ident: str) -> Location:
    return Location("entity", ident)


def _source(ident: str) -> Location:
    return Location("source", ident)


# ── which sections, in which order ───────────────────────────────────────────────────

@pytest.mark.parametrize(("location", "headings"), [
    pytest.param(_claim("sales"), [
        "Citations (3)", "Relations (3)",
        "Cross-references · backed by 3 sources (Daily, Wire, Gone)", "Entities (1)",
        "Source quality (2)"], id="claim-with-everything"),
    pytest.param(_claim("wire-sales"), [
        "Citations (1)", "Relations (1)",
        "Cross-references · backed by 3 sources (Wire, Daily, Gone)", "Entities (1)"],
        id="corroborating-claim-counts-the-other-sources-no-quality-notes"),
    pytest.param(_claim("launch"), [
        "Citations (1)", "Cross-references · backed by 1 source (Daily)", "Entities (1)",
        "Source quality (2)"], id="no-relations-one-source-singular"),
    pytest.param(_claim("unresolved"), [
        "Citations (1)", "Cross-references · backed by 1 source (Daily)", "Entities (1)",
        "Source quality (2)"], id="unresolved"),
    pytest.param(_entity("acme-group"), ["Links (3)", "Claims (6)"], id="entity"),
    pytest.param(_entity("yicai"), ["Claims (0)"], id="entity-without-links-or-claims"),
    pytest.param(_source("daily"), [
        "Quality notes (2)", "Claims no other source confirms (6 of 7)",
        "Claims another source confirms (1)"], id="source"),
    pytest.param(_source("gone"), [
        "Claims no other source confirms (0 of 1)", "Claims another source confirms (1)"],
        id="source-without-text"),
])
def test_headings(facts: FactBase, location: Location, headings: list[str]) -> None:
    assert _headings(_detail(facts, location)) == headings


# ── a claim ───────────────────────────────────────────────────────────────────────────

_DAILY_QUALITY: Lines = [("warning", "[Daily] duplicated-text: The body is printed twice."),
                         ("warning", "[Daily] spam-phrase: Says [bold]buy[/] a lot.")]

CLAIM_SECTIONS = [
    # the head: kind, status and id; the text; the figure, dates, speaker, notes
    ("sales", None, [
        ("kind", "figure · reported · sales"),
        ("title", "Acme sold 1,234 cars in Jan-Nov 2024."),
        ("body", "Value: 1,234 — sales"),
        ("body", "Growth: +5.5% vs Jan-Nov 2023"),
        ("body", "Period: Jan-Nov (~2024-01…2024-11)"),
        ("muted", "  inferred: The year is stated once."),
        ("body", "As of: 2024-11"),
        ("warning", "Note: Check the year.")]),
    ("wire-sales", None, [
        ("kind", "figure · reported · wire-sales"),
        ("title", "Acme sold 1,234 cars in eleven months."),
        ("body", "Value: 1,234 — sales"),
        ("body", "Period: first eleven months (2024-01…2024-11)")]),
    ("roe-direct", None, [
        ("kind", "quote · reported · roe-direct"),
        ("title", "Jane Roe: “We are growing fast.”"),
        ("body", "When: ~2024-04 (“last April”)"),
        ("muted", "  inferred: “last April” in an article of 2025"),
        ("link", "Speaker: Jane Roe — Chief executive · direct speech")]),
    ("roe-via", None, [
        ("kind", "quote · reported · roe-via"),
        ("title", "Jane Roe via Yicai: growth would continue."),
        ("link", "Speaker: Jane Roe — Chief executive · reported speech"),
        ("link", "Relayed by: Yicai")]),
    ("launch", None, [
        ("kind", "event · confirmed · launch"), ("title", "Zoom launched."),
        ("body", "When: 2024-04-14")]),
    ("plant", None, [
        ("kind", "plan · planned · plant"), ("title", "Acme will build a plant."),
        ("body", "Due: 2027 (“by 2027”)")]),
    # a title keeps its line break (clean), markup literal, the escape made visible
    ("markup", None, [
        ("kind", "statement · opinion · markup"),
        ("title", f"Rival [bold]wins[/]{ESC}[31m\nagain")]),
    # citations: a link to the passage in its source, then its sentence
    ("sales", "Citations (3)", [
        ("link", "[Daily] Acme grows — The Daily, 2025-01-05"),
        ("passage", "Acme Group said it sold 1,234 cars in Jan-Nov 2024, up 5.5% on a year "
                    "earlier."),
        ("link", "[Wire] Wire [bold]story[/] — Wire, ~2024-04"),
        ("passage", "Acme sold 1,234 cars in the first eleven months."),
        ("warning", "[Gone] passage not found: 1,234 cars")]),
    ("roe-direct", "Citations (1)", [
        ("link", "[Daily] Acme grows — The Daily, 2025-01-05"),
        ("passage", "Its chief executive, Jane Roe, said: “We are growing fast.” to reporters.")]),
    ("roe-via", "Citations (1)", [
        ("link", "[Wire] Wire [bold]story[/] — Wire, ~2024-04"),
        ("passage", "Hours later, Yicai quoted Jane Roe as saying that growth would continue.")]),
    ("launch", "Citations (1)", [
        ("link", "[Daily] Acme grows — The Daily, 2025-01-05"),
        ("passage", "It launched on 14 April 2024.")]),
    ("bidi", "Citations (1)", [
        ("link", "[Daily] Acme grows — The Daily, 2025-01-05"),
        ("passage", "Zoom is <U+202E>odd<U+202C>: Zoom sold 77 cars.")]),
    ("unresolved", "Citations (1)", [("warning", "[Daily] passage not found: Not in the text")]),
    # relations in both directions, each with its note
    ("sales", "Relations (3)", [
        ("link", "related → Acme will build a plant."),
        ("link", "corroborated by ← Acme sold 1,234 cars in eleven months."),
        ("link", f"contradicted by ← Rival [bold]wins[/]{ESC}[31m again"),
        ("muted", f"  Other{ESC}[0m numbers.")]),
    ("wire-sales", "Relations (1)", [
        ("link", "corroborates → Acme sold 1,234 cars in Jan-Nov 2024.")]),
    ("roe-direct", "Relations (1)", [
        ("link", "qualified by ← Jane Roe via Yicai: growth would continue."),
        ("muted", "  Later words.")]),
    ("roe-via", "Relations (1)", [
        ("link", "qualifies → Jane Roe: “We are growing fast.”"), ("muted", "  Later words.")]),
    ("plant", "Relations (1)", [("link", "related to ← Acme sold 1,234 cars in Jan-Nov 2024.")]),
    ("markup", "Relations (1)", [
        ("link", "contradicts → Acme sold 1,234 cars in Jan-Nov 2024."),
        ("muted", f"  Other{ESC}[0m numbers.")]),
    # the entities it is about, and its sources' quality notes
    ("sales", "Entities (1)", [("link", "Acme Group (group)")]),
    ("roe-direct", "Entities (2)", [("link", "Acme Group (group)"),
                                    ("link", "Jane Roe (person)")]),
    ("markup", "Entities (1)", [("link", f"Rival [bold]Co[/]{ESC}[0m (company)")]),
    ("sales", "Source quality (2)", _DAILY_QUALITY),
    ("unresolved", "Source quality (2)", _DAILY_QUALITY),
    # what the cross-index adds: the consistency engine's findings, the overlapping claims
    ("sales", "Cross-references · backed by 3 sources (Daily, Wire, Gone)", [
        ("link", "✗ contradiction · stated: markup contradicts sales"),
        ("muted", f"  Other{ESC}[0m numbers."),
        ("link", "? gap · growth: sales implies a value no claim states"),
        ("muted", "  1,234 / (1 + 5.5%) = 1,169 to 1,170 for 2023"),
        ("link", "✓ consistent · same-quantity: sales and wire-sales (two sources) agree for "
                 "2024-01…2024-11"),
        ("muted", "  1,234 (1,234) vs 1,234 (1,234)"),
        ("muted", "Same entities, overlapping dates (2)"),
        ("link", "  Acme sold 1,234 cars in eleven months."),
        ("link", "  Jane Roe: “We are growing fast.”")]),
    ("launch", "Cross-references · backed by 1 source (Daily)", []),
]


@pytest.mark.parametrize(("claim_id", "heading", "lines"), [
    pytest.param(c, h, ls, id=f"{c}-{(h or 'head').split(' (')[0].split(' ·')[0]}")
    for c, h, ls in CLAIM_SECTIONS])
def test_claim_section(facts: FactBase, claim_id: str, heading: str | None,
                       lines: Lines) -> None:
    assert _section(_detail(facts, _claim(claim_id)), heading) == lines


@pytest.mark.parametrize(("location", "text", "link"), [
    pytest.param(_claim("sales"), "[Daily] Acme grows — The Daily, 2025-01-05",
                 Location("source", "daily", passage=19, claim="sales", citation=0),
                 id="citation-opens-the-reader-at-its-passage"),
    pytest.param(_claim("sales"), "[Wire] Wire [bold]story[/] — Wire, ~2024-04",
                 Location("source", "wire", passage=0, claim="sales", citation=1),
                 id="second-citation-its-index"),
    pytest.param(_claim("sales"), "related → Acme will build a plant.", _claim("plant"),
                 id="outgoing-relation"),
    pytest.param(_claim("sales"), "corroborated by ← Acme sold 1,234 cars in eleven months.",
                 _claim("wire-sales"), id="incoming-relation"),
    pytest.param(_claim("sales"), "✗ contradiction · stated: markup contradicts sales",
                 _claim("markup"), id="finding-goes-to-the-other-claim"),
    pytest.param(_claim("sales"), "? gap · growth: sales implies a value no claim states",
                 _claim("sales"), id="finding-of-the-claim-alone-stays"),
    pytest.param(_claim("sales"), "  Jane Roe: “We are growing fast.”", _claim("roe-direct"),
                 id="overlapping-claim"),
    pytest.param(_claim("sales"), "Acme Group (group)", _entity("acme-group"), id="entity"),
    pytest.param(_claim("roe-via"), "Speaker: Jane Roe — Chief executive · reported speech",
                 _entity("jane-roe"), id="speaker"),
    pytest.param(_claim("roe-via"), "Relayed by: Yicai", _entity("yicai"), id="relay"),
    pytest.param(_entity("acme-group"), "Zoom (brand-of) ←", _entity("zoom"),
                 id="entity-incoming-link"),
    pytest.param(_entity("zoom"), "brand-of → Acme Group", _entity("acme-group"),
                 id="entity-outgoing-link"),
    pytest.param(_entity("zoom"), "  Zoom launched.", _claim("launch"), id="entity-claim"),
    pytest.param(_source("daily"), "Read the source text", _source("daily"),
                 id="source-reader-from-the-top"),
    pytest.param(_source("gone"), "Read the source text", _source("gone"),
                 id="reader-link-even-without-text"),
    pytest.param(_source("wire"), "Acme sold 1,234 cars in Jan-Nov 2024.", _claim("sales"),
                 id="source-claim"),
])
def test_link(facts: FactBase, location: Location, text: str, link: Location) -> None:
    [line] = [line for line in _detail(facts, location) if line.text == text]
    # a Location's identity holds the passage, claim and citation of a cited passage
    assert (line.style, line.link) == ("link", link)


def test_only_links_have_a_target(facts: FactBase) -> None:
    for location in [*map(_claim, facts.claims), *map(_entity, facts.entities),
                     *map(_source, facts.sources)]:
        for line in _detail(facts, location):
            assert (line.link is not None) == (line.style == "link"), (location, line)


@pytest.mark.parametrize(("claim_id", "index", "passage", "marked"), [
    pytest.param("sales", 0,
                 "Acme Group said it sold 1,234 cars in Jan-Nov 2024, up 5.5% on a year earlier.",
                 "sold 1,234 cars in Jan-Nov 2024, up 5.5%", id="inside-its-sentence"),
    pytest.param("sales", 1, "Acme sold 1,234 cars in the first eleven months.",
                 "Acme sold 1,234 cars in the first eleven months", id="start-of-a-line"),
    pytest.param("roe-direct", 0,
                 "Its chief executive, Jane Roe, said: “We are growing fast.” to reporters.",
                 "Jane Roe, said: “We are growing fast.”", id="quotation"),
    pytest.param("launch", 0, "It launched on 14 April 2024.", "It launched on 14 April 2024",
                 id="after-a-question"),
])
def test_passage_marks(facts: FactBase, claim_id: str, index: int, passage: str,
                       marked: str) -> None:
    passages = [line for line in _detail(facts, _claim(claim_id)) if line.style == "passage"]
    line = passages[index]
    [(start, end)] = line.marks
    assert (line.text, line.text[start:end]) == (passage, marked)


def test_passage_marks_after_a_control_made_visible(facts: FactBase) -> None:
    """The marks were offsets into the raw sentence, the text its cleaned form: a bidi
    control before the passage (shown as 8 characters) moved the highlight off it."""
    [line] = [line for line in _detail(facts, _claim("bidi")) if line.style == "passage"]
    [(start, end)] = line.marks
    assert line.text[start:end] == "Zoom sold 77 cars"


def test_an_inferred_due_date_is_marked(facts: FactBase) -> None:
    lines = _section(_detail(facts, _claim("second-plant")), None)
    assert lines[:3] == [("kind", "plan · expected · second-plant"),
                         ("title", "A second plant may follow."),
                         ("body", "Due: ~2026 (“next year”)")]


def test_an_inferred_due_date_says_how_it_was_inferred(facts: FactBase) -> None:
    """An inferred due date showed no 'inferred:' line, though an inferred `when` does."""
    lines = _section(_detail(facts, _claim("second-plant")), None)
    assert ("muted", "  inferred: the year after the article's") in lines


# ── an entity ─────────────────────────────────────────────────────────────────────────

ENTITY_SECTIONS = [
    ("acme-group", None, [
        ("kind", "entity · group · acme-group"), ("title", "Acme Group"),
        ("body", "Also: Acme, AG"), ("muted", "The parent company.")]),
    ("acme-group", "Links (3)", [
        ("link", "Zoom (brand-of) ←"), ("link", "Jane Roe (works-for) ←"),
        ("link", f"Rival [bold]Co[/]{ESC}[0m (rival-of) ←")]),
    # grouped by kind in a fixed order, whatever the file order
    ("acme-group", "Claims (6)", [
        ("muted", "figure (2)"),
        ("link", "  Acme sold 1,234 cars in Jan-Nov 2024."),
        ("link", "  Acme sold 1,234 cars in eleven months."),
        ("muted", "quote (2)"),
        ("link", "  Jane Roe: “We are growing fast.”"),
        ("link", "  Jane Roe via Yicai: growth would continue."),
        ("muted", "plan (1)"),
        ("link", "  Acme will build a plant."),
        ("muted", "statement (1)"),
        ("link", "  Not found.")]),
    ("jane-roe", None, [
        ("kind", "entity · person · jane-roe"), ("title", "Jane Roe"),
        ("body", "Role: Chief executive")]),
    ("jane-roe", "Links (1)", [("link", "works-for → Acme Group")]),
    # a speaker's quotes are hers even where she is not in `about`
    ("jane-roe", "Claims (2)", [
        ("muted", "quote (2)"), ("link", "  Jane Roe: “We are growing fast.”"),
        ("link", "  Jane Roe via Yicai: growth would continue.")]),
    ("zoom", "Claims (2)", [
        ("muted", "event (1)"), ("link", "  Zoom launched."),
        ("muted", "statement (1)"), ("link", "  Zoom sold 77 cars.")]),
    ("rival", None, [
        ("kind", "entity · company · rival"), ("title", f"Rival [bold]Co[/]{ESC}[0m")]),
    ("rival", "Claims (1)", [
        ("muted", "statement (1)"), ("link", f"  Rival [bold]wins[/]{ESC}[31m again")]),
    # the outlet that relayed a quote is not credited with it
    ("yicai", "Claims (0)", []),
]


@pytest.mark.parametrize(("entity_id", "heading", "lines"), [
    pytest.param(e, h, ls, id=f"{e}-{(h or 'head').split(' (')[0]}")
    for e, h, ls in ENTITY_SECTIONS])
def test_entity_section(facts: FactBase, entity_id: str, heading: str | None,
                        lines: Lines) -> None:
    assert _section(_detail(facts, _entity(entity_id)), heading) == lines


# ── a source ──────────────────────────────────────────────────────────────────────────

SOURCE_SECTIONS = [
    ("daily", None, [
        ("kind", "source · Daily · daily"), ("title", "Acme grows"),
        ("body", "Outlet: The Daily · author: A. Writer"),
        ("body", "Published: 2025-01-05"),
        ("muted", "A local paper."),
        ("link", "Read the source text")]),
    ("daily", "Quality notes (2)", [
        ("warning", "duplicated-text: The body is printed twice."),
        ("warning", "spam-phrase: Says [bold]buy[/] a lot.")]),
    ("daily", "Claims no other source confirms (6 of 7)", [
        ("link", "Jane Roe: “We are growing fast.”"), ("link", "Zoom launched."),
        ("link", "Acme will build a plant."), ("link", "A second plant may follow."),
        ("link", "Not found."), ("link", "Zoom sold 77 cars.")]),
    ("daily", "Claims another source confirms (1)", [
        ("link", "Acme sold 1,234 cars in Jan-Nov 2024.")]),
    ("wire", None, [
        ("kind", "source · Wire · wire"), ("title", "Wire [bold]story[/]"),
        ("body", "Outlet: Wire"), ("body", "Published: ~2024-04"),
        ("muted", "  Dated from “last April”."), ("link", "Read the source text")]),
    ("wire", "Claims no other source confirms (2 of 4)", [
        ("link", "Jane Roe via Yicai: growth would continue."),
        ("link", f"Rival [bold]wins[/]{ESC}[31m again")]),
    # a claim confirmed by a corroborating claim from another source
    ("wire", "Claims another source confirms (2)", [
        ("link", "Acme sold 1,234 cars in Jan-Nov 2024."),
        ("link", "Acme sold 1,234 cars in eleven months.")]),
    ("gone", None, [
        ("kind", "source · Gone · gone"), ("title", "Gone"), ("body", "Outlet: Nowhere"),
        ("body", "Published: ≥2024-07"), ("link", "Read the source text")]),
]


@pytest.mark.parametrize(("source_id", "heading", "lines"), [
    pytest.param(s, h, ls, id=f"{s}-{(h or 'head').split(' (')[0]}")
    for s, h, ls in SOURCE_SECTIONS])
def test_source_section(facts: FactBase, source_id: str, heading: str | None,
                        lines: Lines) -> None:
    assert _section(_detail(facts, _source(source_id)), heading) == lines


# ── before the cross-index is built ───────────────────────────────────────────────────

def test_a_claim_before_the_index_is_the_same_less_its_cross_references(
        facts: FactBase) -> None:
    for claim_id in facts.claims:
        indexed = _detail(facts, _claim(claim_id))
        [start] = [n for n, line in enumerate(indexed)
                   if line.text.startswith("Cross-references · ")]
        end = next(n for n in range(start + 1, len(indexed)) if indexed[n].style == "heading")
        assert _detail(facts, _claim(claim_id), indexed=False) == \
            indexed[:start] + indexed[end:], claim_id


def test_an_entity_before_the_index_is_the_same(facts: FactBase) -> None:
    for entity_id in facts.entities:
        assert _detail(facts, _entity(entity_id), indexed=False) == \
            _detail(facts, _entity(entity_id)), entity_id


def test_a_source_before_the_index_is_the_same(facts: FactBase) -> None:
    """Which claims another source confirms is a lookup in the links the browser prepares:
    it shows at once, not once the cross-index is built."""
    for source_id in facts.sources:
        assert _detail(facts, _source(source_id), indexed=False) == \
            _detail(facts, _source(source_id)), source_id


# ── nothing to show ───────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("location", [
    pytest.param(_claim("no-such-claim"), id="unknown-claim"),
    pytest.param(_entity("sales"), id="a-claim-id-as-an-entity"),
    pytest.param(_source("acme-group"), id="an-entity-id-as-a-source"),
    pytest.param(Location("table", "sales"), id="a-table"),
])
@pytest.mark.parametrize("indexed", [True, False], ids=["indexed", "before-index"])
def test_nothing_selected(facts: FactBase, location: Location, indexed: bool) -> None:
    assert _detail(facts, location, indexed=indexed) == [DetailLine("Nothing selected", "muted")]


# ── long lists are cut ────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> FactBase:
    """201 claims about one entity, all citing one source."""
    count = 201
    text = "".join(f"Fact number {n} is true.\n" for n in range(count))
    claims = "".join(f'\n[[claims]]\nid = "c{n}"\nkind = "statement"\ntext = "Fact {n}."\n'
                     f'about = ["e"]\nstatus = "reported"\n'
                     f'citations = [{{ source = "s", exact = "Fact number {n} is" }}]\n'
                     for n in range(count))
    toml = ('format = 1\ntitle = "t"\n\n[[sources]]\nid = "s"\ntitle = "S"\noutlet = "O"\n'
            'path = "s.txt"\npublished = { date = "2025" }\n\n'
            '[[entities]]\nid = "e"\nname = "E"\nkind = "company"\n' + claims)
    loaded, problems = _load(tmp_path_factory.mktemp("crowded"), toml, {"s.txt": text})
    assert problems == []
    return loaded


@pytest.mark.parametrize("indexed", [True, False], ids=["indexed", "before-index"])
def test_an_entity_lists_200_claims_of_a_kind_and_says_how_many_more(
        crowded: FactBase, indexed: bool) -> None:
    lines = _section(_detail(crowded, _entity("e"), indexed=indexed), "Claims (201)")
    assert len(lines) == 1 + 200 + 1
    assert lines[:2] == [("muted", "statement (201)"), ("link", "  Fact 0.")]
    assert lines[-2:] == [
        ("link", "  Fact 199."),
        ("muted", "  … and 1 more (f on the entity filters the panes to it)")]


@pytest.mark.parametrize("indexed", [True, False], ids=["indexed", "before-index"])
def test_a_source_lists_200_claims_and_says_how_many_more(
        crowded: FactBase, indexed: bool) -> None:
    heading = "Claims no other source confirms (201 of 201)"
    lines = _section(_detail(crowded, _source("s"), indexed=indexed), heading)
    assert len(lines) == 200 + 1
    assert lines[-2] == ("link", "Fact 199.")
    assert lines[-1][0] == "muted"
    assert lines[-1][1].startswith("  … and 1 more ")


# ── the sentence around a passage ─────────────────────────────────────────────────────

_LONG_BEFORE = "x" * 300 + " passage here."
_LONG_AFTER = "passage " + "y" * 300

# a passage ending with its own full stop ran on to the next sentence's end, and one
# ending at a line's end took the line break with it (a blank line in the Detail)


@pytest.mark.parametrize(("text", "passage", "limit", "expected"), [
    pytest.param("One. Two three. Four.", "Two", 240, ("Two three.", 0, 3), id="middle"),
    pytest.param("Alpha beta. Gamma.", "Alpha", 240, ("Alpha beta.", 0, 5), id="first"),
    pytest.param("One. Two three", "three", 240, ("Two three", 4, 9),
                 id="last-without-full-stop"),
    pytest.param("Why? Because! Yes.", "Because", 240, ("Because!", 0, 7),
                 id="question-and-exclamation"),
    pytest.param("Title\nBody text here.\nNext", "text", 240, ("Body text here.", 5, 9),
                 id="line-breaks"),
    pytest.param("Share rose 2.4% in 2024. Next.", "2024", 240,
                 ("Share rose 2.4% in 2024.", 19, 23), id="decimal-point-is-not-an-end"),
    pytest.param("Mr. Roe said yes. Next.", "Roe", 240, ("Roe said yes.", 0, 3),
                 id="abbreviation-is-an-end"),
    pytest.param("A b. C d. E f.", "b. C", 240, ("A b. C d.", 2, 6),
                 id="passage-across-an-end"),
    pytest.param("Whole.", "Whole.", 240, ("Whole.", 0, 6), id="the-whole-text"),
    pytest.param(_LONG_BEFORE, "passage", 240, (_LONG_BEFORE[61:], 240, 247),
                 id="cut-at-limit-before"),
    pytest.param(_LONG_AFTER, "passage", 240, (_LONG_AFTER[:247], 0, 7),
                 id="cut-at-limit-after"),
    pytest.param("Hello world. Foo bar baz.", "bar", 5, (" Foo bar baz.", 5, 8),
                 id="small-limit"),
    pytest.param("One two. Three four.", "One two.", 240, ("One two.", 0, 8),
                 id="passage-with-its-full-stop"),
    pytest.param("Line one.\nLine two.", "Line one.", 240, ("Line one.", 0, 9),
                 id="passage-at-the-end-of-a-line"),
    pytest.param("Headline\nBody.", "Headline", 240, ("Headline", 0, 8),
                 id="line-without-full-stop"),
])
def test_sentence_around(text: str, passage: str, limit: int,
                         expected: tuple[str, int, int]) -> None:
    assert _sentence(text, passage, limit) == expected

