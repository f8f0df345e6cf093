"""Finding citations' passages is bounded by the limits, in time and memory, and finds exactly
what a plain search would."""

from __future__ import annotations

import random
from pathlib import Path

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.facts.model import Citation
from tui.domain.loading import passages
from tui.domain.loading.loader import load_facts
from tui.domain.loading.passages import COUNTED, PassageFinder, kept
from tui.domain.loading.resolve import needle, resolve


def _citation(**fields: object) -> Citation:
    return Citation(**fields)


def _plain(text: str, citation: Citation) -> tuple[tuple[int, int] | None, str | None]:
    """What resolving meant before it was bounded: every occurrence listed, then filtered."""
    exact = citation.exact
    starts = _starts(text, exact)
    if not starts:
        return None, "not found"
    if citation.prefix is not None:
        starts = [s for s in starts if text[max(0, s - len(citation.prefix)):s] == citation.prefix]
    if citation.suffix is not None:
        end = len(exact)
        starts = [s for s in starts if text[s + end:s + end + len(citation.suffix)]
                  == citation.suffix]
    if not starts:
        return None, "never with"
    if citation.occurrence is not None:
        if citation.occurrence > len(starts):
            return None, "occurrence"
        start = starts[citation.occurrence - 1]
    elif len(starts) > 1:
        return None, "ambiguous"
    else:
        start = starts[0]
    return (start, start + len(exact)), None


def _finder(text: str, cited: list[Citation], together: bool) -> PassageFinder:
    wanted: dict[str, int] = {}
    for citation in cited:
        whole, _ = needle(citation)
        wanted[whole] = max(wanted.get(whole, 0), kept(citation.occurrence))
        wanted.setdefault(citation.exact, kept(None))
    if together:
        finder = PassageFinder(text, {})
        finder._wanted = wanted
        finder._found = passages._together(text, wanted)
        return finder
    return PassageFinder(text, wanted)


_SHORT = st.text(alphabet="ab ", min_size=0, max_size=4)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab c", max_size=300), data=st.data())
def test_found_together_or_one_by_one_as_a_plain_search_would(
        text: str, data: st.DataObject) -> None:
    cited = []
    for _ in range(data.draw(st.integers(1, 6))):
        exact = data.draw(st.text(alphabet="ab c", min_size=1, max_size=5))
        cited.append(_citation(source="s", exact=exact,
                              prefix=data.draw(st.none() | _SHORT),
                              suffix=data.draw(st.none() | _SHORT),
                              occurrence=data.draw(st.none() | st.integers(1, 8))))
    for together in (False, True):
        finder = _finder(text, cited, together)
        for citation in cited:
            span, why = _plain(text, citation)
            result = resolve(finder, citation, "source 's'")
            assert result.span == span, (together, citation)
            if why == "never with":
                assert result.error is not None
                assert "never with" in result.error


def test_a_passage_everywhere_is_counted_only_as_far_as_a_message_needs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a" * 200_000
    one = PassageFinder(text, {"a": kept(None)}).occurrences("a")
    assert one.more
    assert one.count == COUNTED + 1
    assert len(one.starts) == 5  # was 200,000
    result = resolve(PassageFinder(text, {"a": kept(None)}), _citation(source="s", exact="a"),
                     "source 's'")
    assert result.error is not None
    assert f"more than {COUNTED:,} times" in result.error
    # together, with the automaton rebuilt every few matches once a passage is counted out
    monkeypatch.setattr(passages, "_FLOOD", 10)
    found = passages._together(text[:5000], {"a": 5, "aa": 7, "b": 5, "ab": 5})
    assert found["a"].more
    assert list(found["a"].starts) == [0, 1, 2, 3, 4]
    assert found["aa"].more
    assert list(found["aa"].starts) == list(range(7))
    assert found["b"].count == 0
    assert found["ab"].count == 0


def _many_unmatched(tmp_path: Path, count: int, text: str) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "big.txt").write_text(text, encoding="utf-8")
    claims = "".join(f"""
[[claims]]
id = "c{n}"
kind = "statement"
text = "x"
about = ["e"]
status = "reported"
citations = [{{ source = "big", exact = "{n} is cited nowhere in the text at all, word for word" }}]
""" for n in range(count))
    path = tmp_path / "facts.toml"
    path.write_text(f"""format = 1
title = "T"

[[sources]]
id = "big"
title = "B"
outlet = "O"
path = "sources/big.txt"
published = {{ date = "2025-01-05" }}

[[entities]]
id = "e"
name = "E"
kind = "company"
{claims}""", encoding="utf-8")
    return path


def test_many_passages_against_a_long_text_take_one_pass(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    real = ahocorasick.Automaton

    def counted() -> object:
        built.append(real())
        return built[-1]

    monkeypatch.setattr(ahocorasick, "Automaton", counted)
    words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur"]
    rng = random.Random(5)
    text = " ".join(rng.choice(words) for _ in range(400_000))  # ~2.6 MB
    result = load_facts(_many_unmatched(tmp_path, 10_000, text))
    assert len(result.problems) == 10_000
    assert all("passage not found verbatim" in p.message for p in result.problems)
    assert len(built) == 1  # 10,000 scans of the whole text before, one after
    # the closest-passage hint reads its whole text too: a few, then no more
    hinted = [p for p in result.problems if "closest passage" in p.message]
    assert len(hinted) <= 50_000_000 // len(text)


@pytest.mark.parametrize("budget", [50, 20_000_000])
def test_passages_whose_start_is_everywhere_are_found_on_their_own(
        budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Passages sharing a start the text repeats everywhere, which match nowhere or only at
    the end: compared at every place, they cost passages x text; past a few misses each (or
    the pass's budget) they are found with one `str.find` each, with the same answers."""
    monkeypatch.setattr(passages, "_WORK", budget)
    text = "a" * 3000 + "a" * 48 + "7"
    wanted = {"a" * 48 + str(n): 5 for n in range(10)} | {"aab": 5, "a" * 10: 5}
    found = passages._together(text, wanted)
    for passage in wanted:
        every = _starts(text, passage)
        assert found[passage].count == min(len(every), COUNTED + 1), passage
        assert list(found[passage].starts) == every[:5], passage


def _starts(text: str, passage: str) -> list[int]:
    found, at = [], text.find(passage)
    while at >= 0:
        found.append(at)
        at = text.find(passage, at + 1)
    return found


def test_the_closest_passage_hint_is_a_few_scans_whatever_the_text() -> None:
    """difflib's longest block compared every character of the text with every equal one of
    the passage: a 100,000-character passage of one letter against 1.9 million of that letter
    took hours. The hint now halves its way to the longest part that occurs."""
    from tests.conftest import bounded
    from tui.domain.loading.resolve import closest_hint

    hint = bounded(lambda: closest_hint("a" * 1_900_000, "a" * 99_999 + "b"))
    assert "first difference at character 100000: the source has 'a' where the citation " \
        "has 'b'" in hint
    # a straight quote where the source has a curly one: found from just past the mark
    text = "Its chief executive said: “We are growing fast.”\n"
    hint = closest_hint(text, 'said: "We are growing fast."')
    assert "closest passage (line 1): 'said: “We are growing fast.”'" in hint



def test_the_closest_passage_of_a_long_citation_starts_where_it_does() -> None:
    """A word left out of a long citation: the hint showed the passage from a word later
    (where the citation's end lined up) and named a false first difference."""
    from tui.domain.loading.resolve import closest_hint

    sentence = ("As planned at the moment, the Jaguar brand will use Exeed's latest "
                "pure-electric technology platform, 36kr cited a person familiar with the "
                "matter as saying, and the first model could arrive as early as next year.")
    text = f"Intro line.\n\n{sentence}\n\nAnother paragraph about something else.\n"
    hint = closest_hint(text, sentence.replace("planned at the", "planned the"))
    assert "closest passage (line 3): \"As planned at the moment," in hint
    assert "first difference at character 12: the source has 'a' where the citation has " \
        "'t'" in hint
    # a word added near the start, with too little before it to anchor on
    hint = closest_hint(text, sentence.replace("As planned", "As now planned"))
    assert "closest passage (line 3): \"As planned at the moment," in hint
    assert "first difference at character 4: the source has 'p' where the citation has " \
        "'n'" in hint
