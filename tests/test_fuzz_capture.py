"""Property-based tests of capture (issue 14): whatever passage of whatever text is selected,
the claim made of it is written, loads with no new problem, and its citation picks out exactly
the selected characters, however often they occur in the text and whatever they hold."""

from __future__ import annotations

import itertools
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.capture_fixtures import FACTS, PRESS_RELEASE, write_release
from tui.domain.capture.new_claim import ClaimDraft, tables
from tui.domain.capture.selection import TextCursor
from tui.domain.loading.loader import load_facts
from tui.storage.fact_edit import append_table, edit

_SETTINGS = settings(max_examples=60, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])
_counter = itertools.count()

_WORDS = st.sampled_from(["Quinn", "said", "“best", "year,”", "48,250", "£120", "million",
                          "in", "2025.", "the", "plant", "\"quoted\"", "x\u202ey", "a\tb",
                          "[bold]", "'", "\\", "Leeds", "—", "…"])
_CITED = "Northwind Motors sold 48,250 vehicles in 2025.\n"
"""What the fixture's one claim cites."""
_TEXTS = st.lists(_WORDS, min_size=3, max_size=40).map(" ".join).flatmap(
    lambda body: st.integers(1, 3).map(lambda n: _CITED + (body + "\n\n") * n + "End."))


def _captured(text: str, start: int, end: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"capture-{next(_counter)}-"))
    path = write_release(folder, FACTS, text)
    loaded = load_facts(path).facts
    assert loaded is not None
    draft = ClaimDraft("release", start, end, kind="statement", text="Said in the text.",
                       about="northwind", ident="captured")
    made = tables(loaded, draft)
    edit(path, lambda old: append_table(old, "claims", made.claim))
    again = load_facts(path)
    assert not again.problems, again.problems
    assert again.facts is not None
    citation = again.facts.claims["captured"].citations[0]
    assert citation.span == (start, end)


@pytest.mark.slow
@_SETTINGS
@given(text=_TEXTS, data=st.data())
def test_any_selection_of_any_text_is_cited_exactly(text: str, data: st.DataObject) -> None:
    cursor = TextCursor(text, data.draw(st.integers(0, len(text) - 1)))
    if data.draw(st.booleans()):
        cursor.select_sentence()
    else:
        cursor.select_word()
    for step in data.draw(st.lists(st.sampled_from(["w", "b", ")", "("]), max_size=6)):
        if step in "wb":
            cursor.by_word(1 if step == "w" else -1)
        else:
            cursor.by_sentence(1 if step == ")" else -1)
    span = cursor.span
    if span is None:
        return
    _captured(text, *span)


@pytest.mark.slow
@_SETTINGS
@given(data=st.data())
def test_any_word_range_of_the_press_release_is_cited_exactly(data: st.DataObject) -> None:
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", PRESS_RELEASE)]
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, min(len(words) - 1, first + 30)))
    _captured(PRESS_RELEASE, words[first][0], words[last][1])
