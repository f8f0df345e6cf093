"""The plain Python of capture (issue 14): moving a cursor and a selection by word and by
sentence, spotting the figures, dates and quotations of a text, proposing a claim from a
passage, and the tables a draft becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.capture_fixtures import PRESS_RELEASE, write_release
from tui.domain.capture.new_claim import ClaimDraft, DraftProblems, draft_of, tables
from tui.domain.capture.proposal import completion, mentioned, propose, slug
from tui.domain.capture.selection import TextCursor, sentence_at, word_at
from tui.domain.capture.spotting import dates_in, figures_in, quotations_in, uncited
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts

TEXT = ("Chery said on Monday. Mr. Gong said “We are here.” It sold 2.4% more.\n\n"
        "New paragraph here! And more")


def _selected(cursor: TextCursor) -> str:
    assert cursor.span is not None
    return cursor.text[cursor.span[0]:cursor.span[1]]


def test_a_selection_grows_and_shrinks_by_word_and_by_sentence() -> None:
    cursor = TextCursor(TEXT, TEXT.index("said"))
    cursor.select_word()
    assert _selected(cursor) == "said"
    cursor.by_word(1)
    assert _selected(cursor) == "said on"
    cursor.by_sentence(1)
    assert _selected(cursor) == "said on Monday."
    cursor.by_sentence(1)  # "Mr." does not end a sentence; the closing quote goes with it
    assert _selected(cursor) == "said on Monday. Mr. Gong said “We are here.”"
    cursor.by_sentence(-1)
    assert _selected(cursor) == "said on Monday."
    cursor.by_word(-1)
    assert _selected(cursor) == "said on"
    for _ in range(5):  # never shrinks past its first word
        cursor.by_word(-1)
    assert _selected(cursor) == "said"


def test_a_cursor_steps_from_sentence_to_sentence_and_paragraph() -> None:
    cursor = TextCursor(TEXT)
    starts = []
    for _ in range(5):
        cursor.by_sentence(1)
        starts.append(TEXT[cursor.at:cursor.at + 8])
    assert starts == ["Mr. Gong", "It sold ", "New para", "And more", ""]
    back = []
    for _ in range(5):
        cursor.by_sentence(-1)
        back.append(TEXT[cursor.at:cursor.at + 8])
    assert back == ["And more", "New para", "It sold ", "Mr. Gong", "Chery sa"]


def test_the_sentence_and_the_word_at_an_offset() -> None:
    assert sentence_at(TEXT, TEXT.index("Gong")) == (TEXT.index("Mr."),
                                                      TEXT.index(" It sold"))
    assert TEXT[slice(*sentence_at(TEXT, TEXT.index("sold")))] == "It sold 2.4% more."
    assert TEXT[slice(*word_at(TEXT, TEXT.index("on Monday") + 1))] == "on"
    # a sentence in a hard-wrapped text runs on over its line break
    wrapped = "The plant will\nopen in 2028. Then more."
    assert wrapped[slice(*sentence_at(wrapped, 3))] == "The plant will\nopen in 2028."


def test_cancelling_leaves_the_cursor_where_the_selection_began() -> None:
    cursor = TextCursor(TEXT, TEXT.index("Gong"))
    cursor.select_sentence()
    cursor.cancel()
    assert cursor.span is None
    assert cursor.at == TEXT.index("Mr.")


def test_figures_are_read_with_their_units_and_hedges() -> None:
    text = ("It sold nearly 1.2 million cars, up 11.1%, invested £15 billion ($18.7 billion) "
            "and 2.5 billion euros, with about 5,000 staff; the Jaecoo 7 and 36kr are names, "
            "as is 1st, and 2025 is a year, as in July 26, 2023.")
    found = [(f.stated, f.value, f.unit, f.currency, f.qualifier) for f in figures_in(text)]
    assert found == [
        ("1.2 million cars", 1200000, "cars", None, "nearly"),
        ("11.1%", 11.1, "percent", None, "exact"),
        ("£15 billion", 15000000000, "currency", "GBP", "exact"),
        ("$18.7 billion", 18700000000, "currency", "USD", "exact"),
        ("2.5 billion euros", 2500000000, "currency", "EUR", "exact"),
        ("5,000", 5000, "", None, "about"),
    ]
    assert [d.date for d in dates_in(text)] == ["2025", "2023-07-26"]


def test_quotations_and_what_is_left_to_capture() -> None:
    quotes = list(quotations_in(PRESS_RELEASE))
    assert [PRESS_RELEASE[a:b] for a, b in quotes] == ["“This is the best year in our "
                                                       "history,”"] * 2
    sentence = (PRESS_RELEASE.index("Northwind Motors sold"),
                PRESS_RELEASE.index(", the company said"))
    # a figure claim on the sentence stating 48,250: that figure is captured, not 12.5%
    left = [PRESS_RELEASE[a:b] for a, b in uncited(PRESS_RELEASE,
                                                    [(*sentence, frozenset({"48,250"}))], [])]
    assert left == ["12.5%", "“This is the best year in our history,”", "£120 million",
                    "9,800 units", "“This is the best year in our history,”",
                    "49,000 vehicles"]
    # with its growth stated too, both are; a quote claim captures the quotation it cites
    first = next(iter(quotations_in(PRESS_RELEASE)))
    left = [PRESS_RELEASE[a:b] for a, b in uncited(
        PRESS_RELEASE, [(*sentence, frozenset({"48,250", "12.5"}))], [first])]
    assert left == ["£120 million", "9,800 units", "“This is the best year in our history,”",
                    "49,000 vehicles"]
    # a statement citing a sentence of figures captures none of them: not passed here


@pytest.fixture
def facts(tmp_path: Path) -> FactBase:
    loaded = load_facts(write_release(tmp_path))
    assert not loaded.problems
    assert loaded.facts is not None
    return loaded.facts


def _span(passage: str, occurrence: int = 1) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = PRESS_RELEASE.index(passage, at + 1)
    return at, at + len(passage)


def test_a_figure_is_proposed_from_the_passage(facts: FactBase) -> None:
    start, end = _span("the firm would invest £120 million in a new plant in Leeds by 2028")
    proposal = propose(facts, "release", start, end)
    assert proposal.kind == "figure"
    assert proposal.figure is not None
    assert (proposal.figure.stated, proposal.figure.value, proposal.figure.currency) == (
        "£120 million", 120000000, "GBP")
    assert proposal.period == "2028"
    draft = draft_of(proposal, "release", start, end)
    assert (draft.value, draft.unit, draft.stated) == ("120000000", "currency",
                                                        "£120 million")


def test_a_quote_is_proposed_with_its_speaker(facts: FactBase) -> None:
    start, end = _span("“This is the best year in our history,” said chief executive Mara "
                       "Quinn.")
    proposal = propose(facts, "release", start, end)
    assert (proposal.kind, proposal.speaker, proposal.mode) == ("quote", "mara-quinn",
                                                               "direct")
    assert proposal.words == "This is the best year in our history"
    assert proposal.text == "Mara Quinn: “This is the best year in our history”."
    assert mentioned(facts, "Quinn told Northwind Motors") == ["mara-quinn", "northwind"]


def test_completion_and_ids() -> None:
    assert slug("The £120 million plant in Leeds, by 2028") == "120-million-plant-leeds-2028"
    assert slug("Chery's plan") == "chery-plan"  # not "chery-s-plan"


def test_a_claim_is_named_as_the_files_own_ids_are() -> None:
    """Whom it is about (a quote: its speaker), a few words of what it measures, says or
    states, its year: the first five words of the text had made "chery-s-exports-grew-14"."""
    from tui.bundled import bundled_facts_path
    from tui.domain.capture.new_claim import claim_id

    bundled = load_facts(bundled_facts_path()).facts
    assert bundled is not None

    def named(**fields: str) -> str:
        return claim_id(bundled, ClaimDraft("export-surge", 0, 1, **fields))

    assert named(kind="figure", text="Chery's exports grew 14.7% to 1,199,590 units.",
                 about="Chery", measure="exports", period="2024-01..2024-11") == \
        "chery-exports-2024"
    assert named(kind="quote", text="Gong: “We are establishing a British business”.",
                 about="Chery, Gong Yueqiong", speaker="gong-yueqiong",
                 words="We are establishing a British business") == \
        "gong-yueqiong-establishing-british-business"
    assert named(kind="event", text="Chery opened its Liverpool office in March 2025.",
                 about="chery", when="2025-03") == "chery-opened-liverpool-office-2025"
    assert named(kind="statement", text="A new maker said hello.",
                 about="New Maker (organisation)") == "new-maker-said-hello"
    # taken already: numbered, as before
    assert named(kind="figure", text="x", about="chery", measure="exports",
                 period="2023") == "chery-exports-2023-2"


def test_completion_from_names_aliases_and_ids(facts: FactBase) -> None:
    assert completion(facts, "nor") == "Northwind"
    assert completion(facts, "Mara") == "Mara Quinn"
    assert completion(facts, "zz") is None
    assert completion(facts, "") is None


def test_the_second_occurrence_of_a_quotation_is_cited_with_context(facts: FactBase
                                                                    ) -> None:
    start, end = _span("“This is the best year in our history,”", occurrence=2)
    draft = ClaimDraft("release", start, end, kind="quote", text="Quinn repeated it.",
                       about="Northwind", speaker="Quinn", words="This is the best year "
                       "in our history")
    made = tables(facts, draft)
    citation = made.claim["citations"][0]
    assert citation["exact"] == PRESS_RELEASE[start:end]
    assert "prefix" in citation or "suffix" in citation or "occurrence" in citation
    assert made.claim["quote"] == {"speaker": "mara-quinn", "mode": "direct",
                                   "words": "This is the best year in our history"}
    assert made.claim["about"] == ["northwind"]
    assert made.entities == []


def test_a_name_the_file_does_not_have_becomes_a_new_entity(facts: FactBase) -> None:
    start, end = _span("a new plant in Leeds")
    draft = ClaimDraft("release", start, end, kind="plan", text="A new plant in Leeds.",
                       about="Northwind, Leeds City", new_entity_kind="place",
                       status="planned", when="2028")
    made = tables(facts, draft)
    assert made.claim["about"] == ["northwind", "leeds-city"]
    assert made.entities == [{"id": "leeds-city", "name": "Leeds City", "kind": "place"}]
    assert made.claim["when"] == {"date": "2028"}


def test_every_problem_of_a_draft_is_said_at_once(facts: FactBase) -> None:
    start, end = _span("9,800 units")
    draft = ClaimDraft("release", start, end, kind="figure", text="", value="9800x",
                       stated="9,900 units", ident="Bad Id")
    with pytest.raises(DraftProblems) as raised:
        tables(facts, draft)
    names = [name for name, _ in raised.value.problems]
    assert names == ["text", "ident", "about", "measure", "value", "unit", "stated"]


def test_a_value_that_disagrees_with_its_stated_figure_is_refused(facts: FactBase) -> None:
    start, end = _span("Exports reached 9,800 units.")
    draft = ClaimDraft("release", start, end, kind="figure", text="Exports: 9,800.",
                       about="northwind", measure="exports", value="98000", unit="vehicles",
                       stated="9,800 units", period="2025")
    with pytest.raises(DraftProblems) as raised:
        tables(facts, draft)
    assert raised.value.problems == [("value", "the value does not agree with '9,800 units'")]
    draft.value = "9,800"
    figure = tables(facts, draft).claim["figure"]
    assert figure == {"measure": "exports", "value": 9800, "unit": "vehicles",
                      "stated": "9,800 units",
                      "period": {"label": "2025", "start": "2025", "end": "2025"}}


def test_an_event_needs_its_date(facts: FactBase) -> None:
    start, end = _span("the company said on Tuesday")
    draft = ClaimDraft("release", start, end, kind="event", text="It said so.",
                       about="northwind")
    with pytest.raises(DraftProblems) as raised:
        tables(facts, draft)
    assert [name for name, _ in raised.value.problems] == ["when"]
    draft.when = "2026-02-30"  # checked as the loader checks a date: no such day
    with pytest.raises(DraftProblems) as raised:
        tables(facts, draft)
    assert raised.value.problems[0] == ("when", "no such day: '2026-02-30'")
    draft.when, draft.inference = "2026-01-13", "The Tuesday before the 14 January release."
    assert tables(facts, draft).claim["when"] == {
        "date": "2026-01-13", "basis": "inferred",
        "inference": "The Tuesday before the 14 January release."}


def test_in_a_text_a_paragraph_a_line_a_heading_is_a_sentence_of_its_own() -> None:
    page = ("Northwind opens Leeds plant\nNorthwind Motors opened its plant on Monday. It "
            "cost £120 million.\n“We delivered,” said Quinn")
    cursor = TextCursor(page, page.index("Motors"))
    cursor.select_sentence()
    assert _selected(cursor) == "Northwind Motors opened its plant on Monday."
    cursor.cancel()
    cursor.place(3)
    cursor.select_sentence()
    assert _selected(cursor) == "Northwind opens Leeds plant"
    cursor.cancel()
    cursor.place(page.index("“We"))
    cursor.select_sentence()
    assert _selected(cursor) == "“We delivered,” said Quinn"


def test_each_new_entity_can_have_its_own_kind(facts: FactBase) -> None:
    start, end = _span("a new plant in Leeds")
    draft = ClaimDraft("release", start, end, kind="plan", text="A new plant.",
                       about="Leeds (place), Acme Parts, acme parts, Quinn (person)",
                       new_entity_kind="company", status="planned")
    made = tables(facts, draft)
    assert made.claim["about"] == ["leeds", "acme-parts", "mara-quinn"]
    assert made.entities == [{"id": "leeds", "name": "Leeds", "kind": "place"},
                             {"id": "acme-parts", "name": "Acme Parts", "kind": "company"}]


def test_a_paraphrase_cannot_be_saved_as_direct_speech(facts: FactBase) -> None:
    """Found by a tester: words the passage does not print in quotation marks were saved as
    a direct quote, and `cite` then printed them in quotation marks."""
    start, end = _span("She added that the firm would invest £120 million in a new plant in "
                       "Leeds by 2028.")
    proposal = propose(facts, "release", start, end)
    assert proposal.mode == "reported"  # no quotation marks in the passage
    draft = ClaimDraft("release", start, end, kind="quote", text="Quinn on the plant.",
                       about="Northwind", speaker="Quinn", mode="direct",
                       words="the firm would invest £120 million")
    with pytest.raises(DraftProblems) as raised:
        tables(facts, draft)
    assert [name for name, _ in raised.value.problems] == ["mode"]
    draft.mode = "reported"
    assert tables(facts, draft).claim["quote"]["mode"] == "reported"


def test_words_in_single_curly_marks_are_direct_speech(tmp_path: Path) -> None:
    text = "Quinn said the plan was ‘the best in our history’ on Monday.\n"
    loaded = load_facts(write_release(tmp_path, text=text.replace("Quinn said", "Northwind "
                                                                  "Motors sold 48,250 "
                                                                  "vehicles in 2025. Quinn "
                                                                  "said"))).facts
    assert loaded is not None
    source = loaded.texts["release"]
    start = source.index("Quinn said")
    draft = ClaimDraft("release", start, len(source) - 1, kind="quote", text="Quinn: best.",
                       about="Quinn", speaker="Quinn", mode="direct",
                       words="the best in our history")
    assert tables(loaded, draft).claim["quote"]["mode"] == "direct"


def test_a_citation_s_prefix_or_suffix_is_never_white_space_alone() -> None:
    """Found by a tester: the first of two copies was cited with `prefix = "\\n"`, which a
    source saved again with other line breaks loses, and fix-anchors could not repair."""
    from tui.domain.capture.anchor import citation

    text = "Intro.\n\n“Same words.” Middle. “Same words.” End."
    first = citation(text, text.index("“Same"), text.index(" Middle"))
    assert (first.prefix or "").strip() or (first.suffix or "").strip() or first.occurrence
    assert first.prefix != "\n"


def test_what_a_cleaned_field_shows_is_given_back_as_the_source_has_it() -> None:
    from tui.domain.present.safe_text import clean, verbatim_in

    passage = "red \x1b[31mtext\x1b[0m and a \u202eturn\nover a line"
    shown = clean("\x1b[31mtext\x1b[0m and a \u202eturn\nover", multiline=False)
    assert "\x1b" not in shown
    assert verbatim_in(passage, shown) == "\x1b[31mtext\x1b[0m and a \u202eturn\nover"
    assert verbatim_in(passage, "not there") is None
    assert verbatim_in(passage, "red") == "red"


def test_the_figure_the_cursor_went_to_is_the_one_proposed(facts: FactBase) -> None:
    """Found by a tester: `t` to a figure, V, a, and the form proposed the sentence's first
    figure instead; and the dateline's date was taken for the figure's period."""
    start, end = _span("Leeds, 14 January 2026 — Northwind Motors sold 48,250 vehicles in 2025, "
                       "up 12.5% on the previous year, the company said on Tuesday.")
    focus = PRESS_RELEASE.index("12.5%")
    proposal = propose(facts, "release", start, end, focus)
    assert proposal.figure is not None
    assert proposal.figure.stated == "12.5%"
    assert proposal.period == "2025"  # the year beside the figure, not the dateline's
    assert propose(facts, "release", start, end).figure.stated == "48,250 vehicles"  # type: ignore[union-attr]


def test_numbers_that_are_no_figures_of_their_own_are_left_out() -> None:
    text = "It sold 3\u00a0000 tickets; \x1b[31mred\x1b[0m says 4 units; route 1 carried 1000 cars"
    assert [f.stated for f in figures_in(text)] == ["4 units", "1000 cars"]


def test_the_date_s_words_must_be_the_passage_s(facts: FactBase) -> None:
    start, end = _span("dealer conference in March 2026")
    draft = ClaimDraft("release", start, end, kind="event", text="A conference.",
                       about="northwind", when="2026-03", when_stated="spring 2026")
    with pytest.raises(DraftProblems) as raised:
        tables(facts, draft)
    assert [name for name, _ in raised.value.problems] == ["when_stated"]
    draft.when_stated = "March 2026"
    assert tables(facts, draft).claim["when"] == {"date": "2026-03", "stated": "March 2026"}
