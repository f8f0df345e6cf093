"""What a key does is what a user expects: one escape leaves the reader however far it
stepped; enter on a search result closes the drawer and n/N go on stepping after it; smart
case says when a capital is why nothing matched; the basket says what it holds; the palette
finds a source by its outlet or tag; `cite` suggests the nearest ids; help lists every key."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import Input, Static

from tests.ui_helpers import app_for, last_notice, palette_go, ready, searched, static_text
from tui.domain.facts.location import Location
from tui.keys import help_rows
from tui.screens.main import MainScreen
from tui.screens.reader import SourceReader
from tui.widgets.search_panel import SearchPanel
from tui.widgets.virtual_list import VirtualList


async def test_one_escape_leaves_the_reader_however_far_it_stepped() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        app.navigate(Location("source", "export-surge"), "detail")
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        await pilot.press("n", "n", "n", "p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.current == Location("claim", "chery-exports-jan-nov")


async def test_enter_on_a_result_closes_search_and_n_goes_on_stepping() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"Halewood")
        await searched(pilot)
        panel = app.screen.query_one(SearchPanel)
        assert len(panel.hits) >= 3
        await pilot.press("enter", "enter")  # to the results, then open the first
        await pilot.pause()
        assert not panel.display
        first = app.main.shown
        await pilot.press("n")
        await pilot.pause()
        assert app.main.shown not in (None, first)
        await pilot.press("N")
        await pilot.pause()
        assert app.main.shown == first


async def test_smart_case_says_when_a_capital_is_why_nothing_matched() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        app.screen.query_one(Input).value = "hALEWOOD"
        await searched(pilot)
        said = static_text(app.screen.query_one("#search-count", Static))
        assert "no match with this case" in said
        assert "'halewood' finds some" in said


async def test_the_basket_message_says_what_it_holds() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "space")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert said[-1] == "Added to the basket: 1 claim in it now; B shows it"
        await pilot.press("space")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications][-1] == \
            "Removed from the basket: it is empty now; u undoes"


async def test_the_palette_finds_a_source_by_its_tag() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await palette_go(pilot, "source CnEVPost")
        assert app.session.current == Location("source", "cnevpost-jlr-platform")


def test_cite_suggests_the_nearest_ids() -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "cite", "chery-export-2023"],
                          capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "did you mean chery-exports-2023" in done.stderr


def test_help_lists_the_conflicts_tab_key() -> None:
    rows = {(k.scope, k.keys) for k in help_rows()}
    assert ("Conflicts", "tab") in rows
    assert ("Everywhere", "tab / shift+tab") in rows
    assert ("Everywhere", "tab") not in rows


async def test_n_without_a_search_says_how_to_search_and_stepping_says_which_match() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert last_notice(app) == "No search yet: / searches"
        await pilot.press("slash", *"Halewood")
        await searched(pilot)
        count = len(app.screen.query_one(SearchPanel).hits)
        assert count >= 3
        await pilot.press("enter", "enter", "n")
        await pilot.pause()
        assert last_notice(app) == f"Match 2 of {count} for 'Halewood'"
        await pilot.press("N", "N")
        await pilot.pause()
        assert last_notice(app) == f"Match {count} of {count} for 'Halewood'"
        # found by a tester: each n stacked one more notice; the last replaces the one before
        assert [str(n.message) for n in app._notifications].count(
            f"Match {count} of {count} for 'Halewood'") == 1
        assert not any(str(n.message).startswith("Match 2 of") for n in app._notifications)


async def test_escape_then_a_key_typed_fast_is_both_keys() -> None:
    """A terminal sends escape as the first character of alt+key: escape then `j` typed
    within the escape delay reaches Textual as alt+j. Both keys must act."""
    from textual._xterm_parser import XTermParser

    from tui.screens.help import HelpScreen

    [typed] = list(XTermParser()._sequence_to_key_events("j", alt=True))
    assert typed.key == "alt+j"  # what the terminal's bytes "\x1bj" become
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        rows = app.focused
        assert isinstance(rows, VirtualList)
        before = rows.highlighted
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        app.post_message(typed)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # the escape closed help
        assert (rows.highlighted or 0) > (before or 0)  # and j went down
