"""The cross-reference index and the health report."""

from __future__ import annotations

from pathlib import Path

from tests.engine_fixtures import Fig, Spec, build
from tui.bundled import bundled_facts_path
from tui.domain.crossref.cross_index import CrossIndex
from tui.domain.loading.loader import load_facts


def bundled() -> CrossIndex:
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    return CrossIndex(facts)


def test_claim_cross_references_on_the_bundled_data() -> None:
    index = bundled()
    linked = {(link.relation.type, link.other, link.outgoing)
              for link in index.links.linked("jlr-adopt-chery-platform")}
    assert ("contradicts", "jin-denial", False) in linked
    assert ("contradicts", "jlr-china-denial", False) in linked
    assert index.links.sources_of("omoda-jaecoo-brands-of-chery") == [
        "gate-liverpool", "liverpool-base", "export-surge"]
    assert index.disputed("chery-exports-jan-nov") == "contradiction"
    assert index.disputed("jlr-china-sales-2010") is None
    notes = {q.kind for _, q in index.links.quality_notes("chery-exports-jan-nov")}
    assert "internal-inconsistency" in notes


def test_overlapping_claims_share_an_entity_and_a_period() -> None:
    index = bundled()
    overlap = index.overlapping("chery-exports-jan-nov")
    assert "chery-group-sales-jan-nov" in overlap  # same entity, same eleven months
    assert "chery-exports-2022" not in overlap  # same entity, another year
    assert "jlr-china-sales-2023" not in overlap  # another entity


def test_entity_claims_grouped_by_kind_and_links_both_ways() -> None:
    index = bundled()
    claims = index.links.entity_claims("jlr")
    assert "jlr-china-sales-2010" in claims["figure"]
    assert "jlr-rename" in claims["event"]
    links = {(link.type, other, out) for link, other, out in index.links.entity_links("jlr")}
    assert ("owned-by", "tata-motors", True) in links
    assert ("brand-of", "jaguar", False) in links


def test_unconfirmed_claims_of_a_source() -> None:
    index = bundled()
    unconfirmed = index.links.unconfirmed("gate-liverpool")
    assert "omoda-jaecoo-uk-share-2025" in unconfirmed  # only Gate states it
    assert "liverpool-european-hq" not in unconfirmed  # corroborated by liverpool-base
    assert "omoda-jaecoo-brands-of-chery" not in unconfirmed  # three sources


def test_health_report(tmp_path: Path) -> None:
    extra = '''
[[entities]]
id = "nobody"
name = "Nobody"
kind = "person"

[[sources]]
id = "unused"
title = "U"
outlet = "O"
path = "s.txt"
published = { date = "2025-01" }
'''
    facts = build(tmp_path, Spec([Fig("a", "1 car", 1), Fig("b", "2 cars", 2)],
                                 [("a", "contradicts", "b")], extra=extra))
    health = CrossIndex(facts).health()
    assert health.unclaimed_entities == ("nobody",)
    assert health.uncited_sources == ("unused",)
    assert set(health.single_source) == {"a", "b"}
    assert [(r.source_claim, r.target_claim) for r in health.unresolved] == [("a", "b")]


def test_bundled_health() -> None:
    health = bundled().health()
    assert health.unclaimed_entities == ()
    assert health.uncited_sources == ()
    assert [(r.source_claim, r.target_claim) for r in health.unresolved] == [
        ("chery-exports-jan-nov", "chery-exports-2023")]
    # headings are never cited; boilerplate recorded as quality passages is accounted for
    texts = {text for _, _, text in health.uncited_passages}
    assert "Conclusion: An Analyst’s View" in texts
    assert "You may also like" not in texts
    assert "by admin477351" not in texts


def test_search_index_smart_case_spans_and_limits(tmp_path: Path) -> None:
    from tui.domain.present.search import SearchIndex

    facts = build(tmp_path, Spec([Fig("a", "1 car", 1), Fig("b", "2 cars", 2)]))
    index = SearchIndex(facts)
    hits = index.search("car")
    assert [h.ident for h in hits] == ["a", "b", "s"]  # file order, one hit per item
    hit = hits[1]
    assert hit.snippet[hit.spans[0][0]:hit.spans[0][1]].lower() == "car"
    assert index.search("CAR") == []  # a capital letter: case-sensitive
    assert len(index.search("car", limit=1)) == 1
    assert [h.kind for h in index.search("s.txt")] == []  # paths are not searched
    assert {h.kind for h in index.search("Figure a")} == {"claim", "source"}


def test_exact_case_search_skips_folded_matches_with_other_letters(tmp_path: Path) -> None:
    from tui.domain.present.search import SearchIndex

    facts = build(tmp_path, Spec([Fig("a", "1 car", 1)]))
    claim = facts.claims["a"]
    object.__setattr__(claim, "text", "halewood and Halewood")  # same field, two cases
    index = SearchIndex(facts)
    [hit] = [h for h in index.search("Halewood") if h.ident == "a"]
    assert hit.snippet[hit.spans[0][0]:hit.spans[0][1]] == "Halewood"
    assert len(hit.spans) == 1  # the lower-case one is not highlighted


def test_search_offsets_hold_after_non_ascii_text(tmp_path: Path) -> None:
    from tui.domain.present.search import SearchIndex

    facts = build(tmp_path, Spec([Fig("a", "1 car", 1)]))
    object.__setattr__(facts.claims["a"], "text", "“Déjà vu” — the Jaecoo 7 again")
    [hit] = [h for h in SearchIndex(facts).search("jaecoo") if h.ident == "a"]
    start, end = hit.spans[0]
    assert hit.snippet[start:end] == "Jaecoo"


def test_a_cancelled_search_stops_early(tmp_path: Path) -> None:
    from tui.bench.generate import generate
    from tui.domain.loading.loader import load_facts
    from tui.domain.present.search import SearchIndex

    facts = load_facts(generate(600, tmp_path / "gen")).facts
    assert facts is not None
    index = SearchIndex(facts)
    everything = index.search("e", limit=100_000)
    assert len(everything) > 600
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    stopped = index.search("e", limit=100_000, cancelled=cancelled)
    assert asked
    assert len(stopped) < len(everything)
    assert stopped == everything[: len(stopped)]  # what it found before stopping stands


def test_the_date_index_left_for_later_is_built_when_first_asked() -> None:
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    eager, lazy = CrossIndex(facts), CrossIndex(facts, dates=False)  # `check` needs no dates
    assert [lazy.overlapping(c) for c in facts.claims] == \
        [eager.overlapping(c) for c in facts.claims]
    assert any(eager.overlapping(c) for c in facts.claims)
