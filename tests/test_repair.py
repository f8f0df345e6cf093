"""Repairing the citations a changed source text broke (`tui.domain.capture.repair`): what
is repaired (typography, a word changed, a passage picked out again by its old prefix), what
is not (a passage now in the text twice, one removed, a repair that would take a quote's words
out of its passage), and that writing a repair changes those values and not one other byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FactWriter
from tui.domain.capture.anchor import CLOSE_ENOUGH
from tui.domain.capture.repair import (
    Cited,
    Repair,
    Repairs,
    StaleRepairs,
    apply_repairs,
    changes,
    context_changes,
    find_repairs,
    repaired_text,
)
from tui.domain.loading.loader import load_facts
from tui.storage.fact_edit import EditRefused

BEFORE = (
    "Harbour Motors opened its first plant in Portside in March.\n"
    "Its chief, Ana Lima, said: “We will build a second plant in 2026.”\n"
    "The company sold 12,480 cars last year, up 8% on the year before.\n"
    "Dock workers welcomed the news.\n"
    "Later, “the union agreed.” Earlier, “the union agreed.”\n"
)

TOML = """\
# Facts about Harbour Motors: a test of repairing citations
format = 1
title = "Harbour facts"

[[sources]]
id = "news"
title = "Harbour grows"
outlet = "The Portside News"
path = "sources/daily.txt"
published = { date = "2025-03-04" }
quality = [{ kind = "other", note = "Curly quotes.", passages = ["“We will build"] }]

[[entities]]
id = "harbour"
name = "Harbour Motors"
kind = "company"

[[entities]]
id = "ana-lima"
name = "Ana Lima"
kind = "person"

[[claims]]  # the plant
id = "first-plant"
kind = "statement"
text = "Harbour opened its first plant in Portside."
about = ["harbour"]
status = "reported"
citations = [
    # where the article says so
    { source = "news", exact = "opened its first plant in Portside in March", note = "kept" },
]

[[claims]]
id = "lima-second-plant"
kind = "quote"
text = "Ana Lima: a second plant in 2026."
about = ["harbour", "ana-lima"]
status = "reported"
quote = { speaker = "ana-lima", mode = "direct", words = "We will build a second plant in 2026." }
citations = [{ source = "news", exact = "said: “We will build a second plant in 2026.”" }]

[[claims]]
id = "sales"
kind = "statement"
text = "Harbour sold 12,480 cars last year."
about = ["harbour"]
status = "reported"
citations = [{ source = "news", exact = "The company sold 12,480 cars last year" }]

[[relations]]
from = "first-plant"
type = "related"
to = "sales"

# claims added later, after the relations
[[claims]]
id = "welcome"
kind = "statement"
text = "Dock workers welcomed the news."
about = ["harbour"]
status = "reported"
citations = [{ source = "news", exact = "Dock workers welcomed the news." }]  # as printed

[[claims]]
id = "union"
kind = "statement"
text = "The union agreed, later."
about = ["harbour"]
status = "reported"

[[claims.citations]]
source = "news"
prefix = "Later, "
exact = "“the union agreed.”"
"""


def _write(write_facts: FactWriter, source: str) -> Path:
    path = write_facts(TOML, BEFORE)
    assert load_facts(path).ok, load_facts(path).problems
    (path.parent / "sources" / "daily.txt").write_text(source, encoding="utf-8")
    return path


def _by_claim(found: Repairs) -> dict[str, Repair]:
    return {r.subject.split("'")[1]: r for r in found.repairs}


def test_a_file_that_loads_has_nothing_to_repair(write_facts: FactWriter) -> None:
    found = find_repairs(write_facts(TOML, BEFORE))
    assert not found.unusable
    assert found.repairs == []


def test_straight_quotes_for_curly_ones_are_repaired_and_the_file_then_loads(
        write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace("“", '"').replace("”", '"'))
    found = find_repairs(path)
    repairs = _by_claim(found)
    assert set(repairs) == {"lima-second-plant", "news", "union"}
    quote = repairs["lima-second-plant"]
    assert quote.what == "citation 1"
    assert quote.new == Cited("news", 'said: "We will build a second plant in 2026."')
    assert quote.score == 100.0
    assert quote.line == TOML.splitlines().index(
        'citations = [{ source = "news", exact = "said: “We will build a second plant in '
        '2026.”" }]') + 1
    assert repairs["news"].what == "quality note 1, passage 1"
    assert repairs["news"].new == Cited("news", '"We will build')
    # twice in the text now, but the old prefix still picks out the first
    union = repairs["union"]
    assert union.new is not None
    assert union.new.exact == '"the union agreed."'
    assert found.left == []
    apply_repairs(found)
    result = load_facts(path)
    assert result.ok, result.problems
    assert result.facts is not None
    cited = result.facts.claims["union"].citations[0]
    assert cited.span[0] == result.facts.texts["news"].index('"the union agreed." Earlier')


def test_only_the_repaired_values_change_and_every_other_byte_stays(
        write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace("“", '"').replace("”", '"'))
    apply_repairs(find_repairs(path))
    expected = TOML.replace(
        'passages = ["“We will build"]', 'passages = ["\\"We will build"]').replace(
        'exact = "said: “We will build a second plant in 2026.”" }',
        'exact = "said: \\"We will build a second plant in 2026.\\"" }').replace(
        'prefix = "Later, "\nexact = "“the union agreed.”"',
        'prefix = "Later, "\nexact = "\\"the union agreed.\\""')
    assert expected != TOML
    assert path.read_text(encoding="utf-8") == expected


def test_a_word_changed_is_repaired_with_its_score(write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace("company sold", "company sells"))
    [sales] = find_repairs(path).repairs
    assert sales.new == Cited("news", "The company sells 12,480 cars last year")
    assert CLOSE_ENOUGH <= sales.score < 100
    old, new = changes(sales.old.exact, sales.new.exact)
    assert [p.text for p in old if p.changed] == ["sold"]
    assert [p.text for p in new if p.changed] == ["sells"]


def test_a_passage_now_in_the_text_twice_is_ambiguous_and_not_repaired(
        write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace("Dock workers welcomed the news.",
                                              "Dock workers  welcomed the news. " * 2))
    found = find_repairs(path)
    [welcome] = found.repairs
    assert welcome.new is None
    assert "occurs 2 times" in welcome.reason
    assert "ambiguous" in welcome.reason
    assert [(n.line, n.score) for n in welcome.nearby] == [(4, 100.0), (4, 100.0)]
    assert found.repairable == []


def test_two_near_passages_about_as_close_are_ambiguous(write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace(
        "Dock workers welcomed the news.",
        "Dock workers welcomed the new.\nDock workers welcomed the new."))
    [welcome] = find_repairs(path).repairs
    assert welcome.new is None
    assert "about as close" in welcome.reason
    assert [n.line for n in welcome.nearby[:2]] == [4, 5]


def test_a_removed_passage_is_not_repaired_and_its_closest_are_listed(
        write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace(
        "Harbour Motors opened its first plant in Portside in March.\n", "A new text.\n"))
    [plant] = find_repairs(path).repairs
    assert plant.subject == "claim 'first-plant'"
    assert plant.new is None
    assert "close enough" in plant.reason
    assert plant.nearby
    assert all(n.score < CLOSE_ENOUGH for n in plant.nearby)
    assert plant.nearby == tuple(sorted(plant.nearby, key=lambda n: -n.score))


def test_a_repair_that_takes_the_quoted_words_out_of_the_passage_is_held_back(
        write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace("a second plant", "a 2nd plant"))
    found = find_repairs(path)
    [quote] = [r for r in found.repairs if r.subject == "claim 'lima-second-plant'"]
    assert quote.new is None
    assert "quoted words" in quote.reason


def test_prefix_suffix_and_occurrence_are_written_as_the_new_citation_needs(
        write_facts: FactWriter) -> None:
    toml = TOML.replace('exact = "Dock workers welcomed the news." }',
                        'exact = "Dock workers welcomed the news.", suffix = "\\nLater" }')
    path = write_facts(toml, BEFORE)
    assert load_facts(path).ok
    source = path.parent / "sources" / "daily.txt"
    source.write_text(BEFORE.replace("Dock workers welcomed the news.\n",
                                     "Dock workers welcomed the news!\n"), encoding="utf-8")
    found = find_repairs(path)
    [welcome] = found.repairs
    assert welcome.new == Cited("news", "Dock workers welcomed the news!")
    assert context_changes(welcome.old, welcome.new) == ["suffix '\\nLater' removed"]
    apply_repairs(found)
    assert 'exact = "Dock workers welcomed the news!" }]  # as printed' in path.read_text(
        encoding="utf-8")
    assert load_facts(path).ok


def test_a_citation_changed_since_is_not_overwritten(write_facts: FactWriter) -> None:
    path = _write(write_facts, BEFORE.replace("company sold", "company sells"))
    found = find_repairs(path)
    assert found.text is not None
    changed = found.text.replace("The company sold 12,480", "The company sold 12,480 ")
    with pytest.raises(StaleRepairs):
        repaired_text(changed, found.repairs)
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(EditRefused, match="changed since"):
        apply_repairs(found)
    assert path.read_text(encoding="utf-8") == changed


def test_an_unreadable_file_is_unusable(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("format = = 1\n", encoding="utf-8")
    found = find_repairs(path)
    assert found.unusable
    assert [p.line for p in found.problems] == [1]


def test_windows_line_endings_a_byte_order_mark_and_escapes_are_kept(
        write_facts: FactWriter) -> None:
    path = write_facts(TOML, BEFORE)
    original = ("\ufeff" + TOML).replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    assert load_facts(path).ok
    (path.parent / "sources" / "daily.txt").write_text(
        BEFORE.replace("Dock workers welcomed", "Dock workers welcomed\u200f"), encoding="utf-8")
    found = find_repairs(path)
    [welcome] = found.repairs
    assert welcome.new is not None
    assert "\u200f" in welcome.new.exact
    apply_repairs(found)
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    changed = [(a, b) for a, b in zip(original.split(b"\r\n"), after.split(b"\r\n"),
                                      strict=True) if a != b]
    assert changed == [(
        b'citations = [{ source = "news", exact = "Dock workers welcomed the news." }]  '
        b"# as printed",
        b'citations = [{ source = "news", exact = "Dock workers welcomed\\u200F the news." }]  '
        b"# as printed")]
    assert load_facts(path).ok


def test_claims_in_a_static_array_are_repaired_in_place(write_facts: FactWriter) -> None:
    claim = ('{ id = "welcome", kind = "statement", text = "Welcomed.", about = ["harbour"], '
             'status = "reported", citations = [{ source = "news", exact = "Dock workers '
             'welcomed the news." }] }')
    toml = f"""\
format = 1
title = "Static"
claims = [
    # one claim a line
    {claim},
]
entities = [{{ id = "harbour", name = "Harbour Motors", kind = "company" }}]

[[sources]]
id = "news"
title = "Harbour grows"
outlet = "The Portside News"
path = "sources/daily.txt"
published = {{ date = "2025-03-04" }}
"""
    path = write_facts(toml, BEFORE)
    assert load_facts(path).ok, load_facts(path).problems
    (path.parent / "sources" / "daily.txt").write_text(
        BEFORE.replace("welcomed the news", "Welcomed The News"), encoding="utf-8")
    found = find_repairs(path)
    [welcome] = found.repairs
    assert welcome.line == 5
    apply_repairs(found)
    assert path.read_text(encoding="utf-8") == toml.replace(
        "Dock workers welcomed the news.", "Dock workers Welcomed The News.")


def test_a_copy_chosen_by_occurrence_is_chosen_again_among_copies_of_the_same_words(
        write_facts: FactWriter) -> None:
    """A page that prints its body twice (the bundled Gate article does): its citations say
    `occurrence = 1`. Quotes straightened, both copies match; the same copy is taken again."""
    twice = BEFORE + BEFORE
    toml = TOML.replace('{ source = "news", exact', '{ source = "news", occurrence = 1, exact')
    toml = toml.replace('occurrence = 1, exact = "Dock workers welcomed the news." }',
                        'occurrence = 2, exact = "Dock workers welcomed the news." }')
    toml = toml.replace('prefix = "Later, "\n', 'prefix = "Later, "\noccurrence = 1\n')
    path = write_facts(toml, twice)
    assert load_facts(path).ok, load_facts(path).problems
    changed = twice.replace("“", '"').replace("”", '"').replace("welcomed the news.",
                                                                "welcomed the news!")
    (path.parent / "sources" / "daily.txt").write_text(changed, encoding="utf-8")
    found = find_repairs(path)
    repairs = _by_claim(found)
    assert repairs["union"].new is not None  # the first copy, as before
    assert repairs["welcome"].new is not None  # a near match, in the second copy
    assert found.left == [r for r in found.repairs if r.new is None]
    apply_repairs(found)
    result = load_facts(path)
    assert result.ok, result.problems
    assert result.facts is not None
    second = len(BEFORE)
    assert result.facts.claims["union"].citations[0].span[0] < second
    assert result.facts.claims["welcome"].citations[0].span[0] >= second
