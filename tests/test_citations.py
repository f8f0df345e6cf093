"""Citation text: verbatim passages credited to their source, a speaker only with their words."""

from __future__ import annotations

from dataclasses import replace as copy_with

import pytest

from tui.bundled import bundled_facts_path
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts
from tui.domain.present.citations import (
    STYLES,
    TEXT_STYLES,
    Style,
    claim_citations,
    format_citation,
    parts,
    preview,
    quoted,
    reference_list,
)
from tui.domain.present.safe_text import clean


@pytest.fixture(scope="module")
def facts() -> FactBase:
    result = load_facts(bundled_facts_path())
    assert result.facts is not None
    return result.facts


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_a_reported_quote_credits_the_whole_sentence_to_the_source(
        facts: FactBase, style: Style) -> None:
    text = claim_citations(facts, facts.claims["jin-denial"], style)
    # the reporter's sentence is never attributed to the spokesman
    assert "Jin Yibo (Chery spokesman), in" not in text
    assert "Jin Yibo (Chery spokesman), quoted in" not in text
    assert "CnEVPost, ~2024-04, reporting Jin Yibo (Chery spokesman) via Yicai" in text
    assert "Hours later, another local media outlet, Yicai, quoted" in text  # verbatim


@pytest.mark.parametrize("style", TEXT_STYLES)
def test_a_direct_quote_credits_the_speaker_with_his_words_only(
        facts: FactBase, style: Style) -> None:
    claim = facts.claims["jervis-halewood"]
    assert claim.quote is not None
    text = claim_citations(facts, claim, style)
    words = claim.quote.words
    lead = {"plain": f"“{words}” — Tom Jervis (Auto Express), quoted in “",
            "markdown": f"“{words}”[^jervis-halewood]\n\n[^jervis-halewood]: Tom Jervis "
                        "(Auto Express), quoted in *",
            "quote": f"> {words}\n>\n> — Tom Jervis (Auto Express), quoted in “"}[style]
    assert text.startswith(lead)
    # the source's sentence follows as the source's, verbatim, in single marks: it holds
    # the speaker's words in double ones
    assert "≥2025-11: ‘Tom Jervis of Auto Express articulated the strategic" in text


def test_a_quote_whose_citation_is_only_the_words_does_not_repeat_them(
        facts: FactBase) -> None:
    claim = facts.claims["jervis-halewood"]
    cited = parts(facts, claim.citations[0], claim)
    assert cited.words is not None
    bare = copy_with(cited, passage=cited.words)
    for style in STYLES:
        assert format_citation(bare, style).count(cited.words) == 1


def test_figures_and_basket_lines_credit_the_source(facts: FactBase) -> None:
    claim = facts.claims["chery-exports-2023"]
    text = claim_citations(facts, claim, "plain")
    assert text.startswith("“")
    assert text.endswith("[source: export-surge]")
    listed = reference_list(facts, [facts.claims["jin-denial"], claim])
    first, second = listed.splitlines()
    assert first.startswith("1. “Hours later")
    assert first.endswith("(claim jin-denial)")
    assert "reporting Jin Yibo" in first
    assert second.startswith("2. “")
    assert second.endswith("(claim chery-exports-2023)")


@pytest.mark.parametrize(("text", "most", "shown"), [
    pytest.param("short", 300, "short", id="fits"),
    pytest.param("one two three four", 12, "one two…", id="inside-a-word"),
    pytest.param("one two three four", 9, "one two…", id="before-a-space"),
    pytest.param("one two, three", 10, "one two,…", id="keeps-punctuation"),
    pytest.param("a " + "x" * 40, 20, "a " + "x" * 17 + "…", id="a-word-longer-than-half"),
    pytest.param("line one\nline two", 12, "line one…", id="at-a-line-break"),
])
def test_a_preview_is_cut_after_a_whole_word(text: str, most: int, shown: str) -> None:
    assert preview(text, most) == shown
    assert len(preview(text, most)) <= most


async def test_the_style_chooser_cuts_its_previews_at_a_word_with_an_ellipsis() -> None:
    from tests.ui_helpers import app_for, option_texts, ready
    from tui.domain.facts.location import Location
    from tui.screens.cite_style import CiteStyleScreen

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.facts is not None
        claim = app.facts.claims["jlr-first-luxury-adopter"]
        app.navigate(Location("claim", claim.id))
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, CiteStyleScreen)
        options = option_texts(app.screen.query_one("#cite-style-options"))
        for style, option in zip(STYLES, options, strict=True):
            whole = claim_citations(app.facts, claim, style)
            shown = option.split("\n", 1)[1]
            assert len(whole) > 300
            assert shown.endswith("…"), shown
            kept = shown.removesuffix("…")
            assert whole.startswith(kept)
            assert whole[len(kept)].isspace(), (style, kept[-20:], whole[len(kept):][:20])


def _deepest(text: str, opening: str, closing: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += (char == opening) - (char == closing)
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("style", STYLES)
def test_no_citation_nests_quotation_marks_of_one_kind(facts: FactBase, style: Style) -> None:
    """A passage that quotes someone was wrapped again in “…” (““We are establishing…,”
    Yueqiong emphasized”): it is in single marks now, and its own words and marks stay as
    they are."""
    for claim in facts.claims.values():
        text = claim_citations(facts, claim, style)
        assert _deepest(text, "“", "”") <= 1, text
        for citation in claim.citations:
            assert citation.exact in text or clean(citation.exact) in text


@pytest.mark.parametrize(("text", "shown"), [
    pytest.param("plain words", "“plain words”", id="plain"),
    pytest.param("He said “yes” twice", "‘He said “yes” twice’", id="holds-a-quote"),
    pytest.param("“We are growing,” she said", "‘“We are growing,” she said’", id="opens-one"),
    pytest.param("“All of it, a quote.”", "“All of it, a quote.”", id="is-one-already"),
    pytest.param("“one” and “two”", "‘“one” and “two”’", id="two-quotes-not-one"),
    pytest.param('a "straight" one', '‘a "straight" one’', id="straight-marks"),
])
def test_quoted_uses_the_other_marks_around_a_quote(text: str, shown: str) -> None:
    assert quoted(text) == shown
