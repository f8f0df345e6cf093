"""APA and Chicago (author-date) citations, formatted by citeproc-py from the kept CSL styles,
held to what the style guides print for the bundled sources."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import FactWriter, facts_with
from tui.bundled import bundled_facts_path
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts
from tui.domain.present.citations import Style, claim_citations, reference_list, source_reference


@pytest.fixture(scope="module")
def bundled() -> FactBase:
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    return facts


_SURGE = ("The 1.2 Million Car Warning: How Chery Group’s Export Surge and Huawei Tech Are "
          "Restructuring the Global Auto Market")


def test_apa_puts_an_authorless_title_first_and_prints_it_once(bundled: FactBase) -> None:
    # citeproc-py, unmended, printed "Title. (n.d.). Title. Outlet." (its issue #91)
    text = claim_citations(bundled, bundled.claims["chery-exports-2023"], "apa")
    passage, heading, reference = text.split("\n\n")
    assert passage == ("“its full-year 2023 export total of 937,148 units (which itself "
                       "represented a 101.1% jump over 2022)” "
                       f"(“{_SURGE}”, n.d.)")
    assert heading == "References"
    assert reference == f"{_SURGE}. (n.d.). Unnamed Analysis Blog."


def test_apa_keeps_a_byline_and_the_month_of_a_dated_source(bundled: FactBase) -> None:
    assert source_reference(bundled, "liverpool-base", "apa") == (
        "admin477351. (n.d.). Chery Establishes Liverpool as European Strategic Base in "
        "Major Expansion. Unnamed News Website.")
    # an inferred date is marked as approximate, not passed off as printed
    assert "(ca. 2024, April)" in source_reference(bundled, "cnevpost-jlr-platform", "apa")


def test_chicago_author_date_has_no_stray_edition(bundled: FactBase) -> None:
    text = claim_citations(bundled, bundled.claims["chery-exports-2023"], "chicago")
    passage, heading, reference = text.split("\n\n")
    assert passage.endswith("(Unnamed Analysis Blog, n.d.)")
    assert heading == "Bibliography"
    assert reference == f"Unnamed Analysis Blog. n.d. “{_SURGE}”."
    assert "Edition" not in source_reference(bundled, "cnevpost-jlr-platform", "chicago")


def test_a_direct_quote_is_credited_to_its_speaker(bundled: FactBase) -> None:
    quote = next(c for c in bundled.claims.values()
                 if c.quote is not None and c.quote.mode == "direct")
    text = claim_citations(bundled, quote, "apa")
    assert quote.quote is not None
    assert f"“{' '.join(quote.quote.words.split())}”" in text.split("\n\n")[0]
    speaker = bundled.entities[quote.quote.speaker].name
    assert text.startswith(speaker)


def test_the_basket_is_numbered_with_one_reference_per_source(bundled: FactBase) -> None:
    claims = [bundled.claims[c] for c in ("chery-exports-2023", "chery-exports-2022",
                                           "liverpool-european-hq")]
    text = reference_list(bundled, claims, "apa")
    body, references = text.split("\n\nReferences\n\n")
    assert [line[:3] for line in body.splitlines()] == ["1. ", "2. ", "3. "]
    assert "(claim chery-exports-2022)" in body
    entries = references.split("\n\n")
    assert len(entries) == 2  # two claims share a source: it is listed once
    assert entries[0].startswith("The 1.2 Million")  # APA's order (numbers first), not ours


def test_data_is_literal_in_a_csl_style(write_facts: FactWriter) -> None:
    facts = facts_with(write_facts,
                       ('title = "Acme grows"', 'title = "Acme [bold]grows\\u001b[31m"'))
    styles: tuple[Style, ...] = ("apa", "chicago")
    for style in styles:
        text = claim_citations(facts, facts.claims["acme-sales-2024"], style)
        assert "\x1b" not in text
        assert "␛[31m" in text
        assert "[bold]" in text


def test_cite_prints_apa(write_facts: FactWriter) -> None:
    path = write_facts()
    done = subprocess.run([sys.executable, "-m", "tui", "cite", "acme-sales-2024", "--facts",
                           str(path), "--style", "apa"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("“Acme Motors sold 1,234 cars in 2024, up 5.5%” (“Acme Grows”, "
                           "2025)\n\nReferences\n\nAcme grows. (2025, January 5). The Daily.\n")


async def test_c_copies_apa_and_says_so() -> None:
    from tests.ui_helpers import app_for, ready
    from tui.domain.facts.location import Location

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.facts is not None
        app.navigate(Location("claim", "chery-exports-2023"))
        await pilot.pause()
        await pilot.press("C", "home", *["j"] * 3, "enter")  # the fourth style: APA
        await pilot.pause()
        assert app.session.cite_style == "apa"
        await pilot.press("c")
        assert app.clipboard == claim_citations(app.facts,
                                                app.facts.claims["chery-exports-2023"], "apa")
        messages = [n.message for n in app._notifications]
        assert any("(APA 7th edition (in-text citation and reference))" in m for m in messages)
