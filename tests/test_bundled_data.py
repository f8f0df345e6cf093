"""The bundled fact file: clean, complete against its four sources, and faithful to them."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from tui.bundled import bundled_facts_path
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@cache
def bundled() -> FactBase:
    result = load_facts(bundled_facts_path())
    assert result.problems == []
    assert result.facts is not None
    return result.facts


def test_bundled_file_loads_clean() -> None:
    counts = bundled().counts()
    assert counts.sources == 4
    assert counts.claims >= 130
    assert counts.relations >= 30


def test_source_texts_are_the_seed_articles_unchanged() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds is not beside this checkout")
    data_dir = bundled_facts_path().parent / "sources"
    seeds = sorted(p.name for p in SEEDS.iterdir())
    assert sorted(p.name for p in data_dir.iterdir()) == seeds
    for name in seeds:
        assert (data_dir / name).read_bytes() == (SEEDS / name).read_bytes(), name


def _covered(facts: FactBase, source_id: str) -> list[tuple[int, int]]:
    spans = [c.span for claim in facts.claims.values() for c in claim.citations
             if c.source == source_id]
    spans += [c.span for rel in facts.relations for c in rel.citations if c.source == source_id]
    text = facts.texts[source_id]
    for note in facts.sources[source_id].quality:
        for passage in note.passages:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(passage), text)]
    return spans


def test_every_number_in_the_sources_is_cited() -> None:
    """Completeness: no figure, date or count in an article is left without a claim."""
    facts = bundled()
    missing = []
    for source_id, text in facts.texts.items():
        body = text
        if source_id == "gate-liverpool":  # the body is printed twice; the first copy counts
            body = text[: text.index("This page may contain")]
        spans = _covered(facts, source_id)
        for match in re.finditer(r"\d[\d,.]*", body):
            if re.match(r"\d\. ", body[match.start():match.start() + 3]) and (
                    match.start() == 0 or body[match.start() - 1] == "\n"):
                continue  # list numbering ("1. The Velocity...")
            if not any(a <= match.start() < b for a, b in spans):
                context = body[max(0, match.start() - 40) : match.end() + 20]
                missing.append(f"{source_id}: {context!r}")
    assert missing == []


def test_every_entity_is_the_subject_of_a_claim() -> None:
    facts = bundled()
    used = {e for claim in facts.claims.values() for e in claim.about}
    used |= {c.quote.speaker for c in facts.claims.values() if c.quote}
    assert sorted(set(facts.entities) - used) == []


def test_duplicated_source_is_cited_in_its_first_copy() -> None:
    facts = bundled()
    second_copy = facts.texts["gate-liverpool"].index("This page may contain")
    starts = [c.span[0] for claim in facts.claims.values() for c in claim.citations
              if c.source == "gate-liverpool"]
    assert starts
    assert max(starts) <= second_copy


@pytest.mark.parametrize(
    ("claim_id", "value", "stated"),
    [
        ("chery-group-sales-jan-nov", 2561465, "2,561,465 units"),
        ("chery-exports-jan-nov", 1199590, "1,199,590 units"),
        ("chery-nev-sales-jan-nov", 814685, "814,685 units"),
        ("chery-exports-2023", 937148, "937,148 units"),
        ("omoda-jaecoo-uk-share-2025", 2.4, "2.4%"),
        ("omoda-jaecoo-uk-sales-start", 3800, "3,800 vehicles"),
        ("jlr-china-sales-2023", 106400, "106,400 units"),
        ("jlr-invest-15bn", 15_000_000_000, "£15 billion"),
        ("stellantis-leapmotor-stake", 20, "20 percent"),
    ],
)
def test_key_figures_are_as_the_sources_state(claim_id: str, value: float, stated: str) -> None:
    figure = bundled().claims[claim_id].figure
    assert figure is not None
    assert (figure.value, figure.stated) == (value, stated)


def test_relative_dates_are_resolved_with_their_inference() -> None:
    claims = bundled().claims
    expected = {
        "jlr-rename": "2023-04",
        "yin-two-european-brands": "2024-04-14",
        "vw-hefei-investment": "2024-04-11",
        "stellantis-leapmotor-investment": "2023-10-26",
    }
    for claim_id, date in expected.items():
        when = claims[claim_id].when
        assert when is not None
        assert (when.date, when.basis) == (date, "inferred")
        assert when.stated
        assert when.inference


def test_known_source_problems_are_recorded() -> None:
    facts = bundled()
    kinds = {sid: {q.kind for q in s.quality} for sid, s in facts.sources.items()}
    assert {"duplicated-text", "spam-phrase"} <= kinds["gate-liverpool"]
    assert {"internal-inconsistency", "unclear-period", "placeholder"} <= kinds["export-surge"]
    assert "anonymous-sourcing" in kinds["cnevpost-jlr-platform"]
    denials = [r for r in facts.relations if r.type == "contradicts"
               and r.target_claim == "jlr-adopt-chery-platform"]
    assert {r.source_claim for r in denials} == {"jin-denial", "jlr-china-denial"}
    assert facts.claims["jlr-adopt-chery-platform"].status == "denied"


def test_every_bundled_finding_is_explained_in_docs_findings() -> None:
    from tui.domain.crossref.consistency import find_all

    doc = (Path(__file__).resolve().parents[1] / "docs" / "findings.md").read_text("utf-8")
    documented = set(re.findall(r"^### `([^`]+)`$", doc, re.M))
    found = {f.key for f in find_all(bundled())}
    assert documented == found
    headings = {"contradiction": "Contradictions", "tension": "Tensions", "gap": "Gaps",
                "consistent": "Consistent"}
    for finding in find_all(bundled()):
        before = doc[: doc.index(f"### `{finding.key}`")]
        nearest = re.findall(r"^## (.+)$", before, re.M)[-1]
        assert nearest == headings[finding.kind], finding.key
