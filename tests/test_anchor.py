"""Anchoring a pasted passage: typography and white space differences, a character or two
off, a passage that occurs twice, and nothing close enough. Every citation produced is
checked the way the loader resolves it (prefix + exact + suffix, then occurrence)."""

from __future__ import annotations

from tui.domain.capture.anchor import Anchor, anchor, citation, normalise

RELEASE = (
    "Chery Automobile said on Tuesday that its exports rose to 1.14 million vehicles\n"
    "in 2024. \u201cWe will build our European base in Liverpool,\u201d said the\n"
    "company\u2019s vice-president \u2014 adding that the plan \u201cis on track\u201d.\n"
    "Exports rose to 1.14 million vehicles, the company said again.\n"
)


def _resolves(text: str, found: Anchor) -> int:
    """Where the loader would put the citation (it refuses an ambiguous one)."""
    whole = (found.prefix or "") + found.exact + (found.suffix or "")
    starts = []
    at = text.find(whole)
    while at >= 0:
        starts.append(at)
        at = text.find(whole, at + 1)
    if found.occurrence is None:
        assert len(starts) == 1, f"ambiguous: {found}"
        return starts[0] + len(found.prefix or "")
    return starts[found.occurrence - 1] + len(found.prefix or "")


def test_normalising_keeps_a_map_back_to_the_source() -> None:
    n = normalise("  \u201cA\u2014b\u201d\n\n  c\u2026 ")
    assert n.text == '"a-b" c...'
    assert [n.back[i] for i in (0, 1, 2, 5, 6, 7, 9)] == [2, 3, 4, 7, 11, 12, 12]


def test_straight_quotes_and_spaces_find_the_curly_line_broken_passage() -> None:
    pasted = '"We will build our European base in Liverpool," said the company\'s'
    found = anchor(RELEASE, pasted)
    [one] = found.anchors
    assert one.exact == ("\u201cWe will build our European base in Liverpool,\u201d said the\n"
                         "company\u2019s")
    assert one.score == 100.0
    assert _resolves(RELEASE, one) == one.start == RELEASE.index("\u201cWe")


def test_a_character_off_still_finds_the_passage_with_its_score() -> None:
    found = anchor(RELEASE, "adding that the plann is on trak")
    [one] = found.anchors
    assert "adding that the plan" in one.exact
    assert 90 <= one.score < 100
    assert _resolves(RELEASE, one) == one.start


def test_a_passage_that_occurs_twice_gets_a_citation_for_each() -> None:
    found = anchor(RELEASE, "rose to 1.14 million vehicles")
    assert len(found.anchors) == 2
    starts = [_resolves(RELEASE, a) for a in found.anchors]
    assert starts == [a.start for a in found.anchors]
    assert starts[0] < starts[1]
    assert all(a.exact == "rose to 1.14 million vehicles" for a in found.anchors)
    assert all(a.prefix or a.suffix or a.occurrence for a in found.anchors)


def test_a_text_printed_twice_needs_an_occurrence() -> None:
    body = "a" * 40 + " the key phrase " + "b" * 40
    text = body + body
    found = anchor(text, "The key phrase")
    assert [a.occurrence for a in found.anchors] == [1, 2]
    assert [_resolves(text, a) for a in found.anchors] == [41, 41 + len(body)]


def test_nothing_close_enough_gives_the_closest_with_scores() -> None:
    found = anchor(RELEASE, "Geely opened a factory in Barcelona last spring")
    assert found.anchors == []
    assert 1 <= len(found.candidates) <= 3
    scores = [c.score for c in found.candidates]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] < 90


def test_an_empty_paste_finds_nothing() -> None:
    assert anchor(RELEASE, " \n ").anchors == []


def test_a_unique_stretch_needs_no_context() -> None:
    start = RELEASE.index("Liverpool")
    assert citation(RELEASE, start, start + 9) == Anchor("Liverpool", start)
