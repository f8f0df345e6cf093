"""Search, palette, citations, basket, help: through the pilot, asserting on app.clipboard."""

from __future__ import annotations

import inspect

from textual.binding import Binding
from textual.theme import BUILTIN_THEMES
from textual.widgets import Input

from tests.ui_helpers import app_for, option_texts, palette_go, ready, searched
from tui.app import CheryApp
from tui.domain.facts.location import Location
from tui.keys import KEYS
from tui.screens.cite_style import CiteStyleScreen
from tui.screens.help import HelpScreen, help_text
from tui.screens.main import MainScreen
from tui.widgets.brands import EntityTree
from tui.widgets.item_list import ItemList
from tui.widgets.palette import palette_of_theme
from tui.widgets.sales import SalesTable
from tui.widgets.search_panel import SearchPanel
from tui.widgets.virtual_list import VirtualList


async def test_search_is_incremental_smart_case_and_steps_with_n() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"halewood")
        await searched(pilot)
        panel = screen.query_one(SearchPanel)
        lower = len(panel.hits)
        assert lower >= 5
        results = option_texts(panel.results)
        assert all("alewood" in r.lower() for r in results)
        # the match is highlighted in each result, in the theme's colours
        prompt = panel.results.row_text(0)
        assert any(span.style == panel.results.palette.match for span in prompt.spans)
        field = panel.query_one(Input)
        field.value = "Halewood"  # a capital letter: case-sensitive
        await searched(pilot)
        assert 0 < len(panel.hits) <= lower
        field.value = "HALEWOOD"
        await searched(pilot)
        assert panel.hits == []
        field.value = "Exeed ET"
        await searched(pilot)
        kinds = {h.kind for h in panel.hits}
        assert "entity" in kinds
        assert "claim" in kinds
        await pilot.press("enter")
        assert app.focused is panel.results
        first = screen.shown
        await pilot.press("n")
        await pilot.pause()
        second = screen.shown
        assert second != first
        await pilot.press("N")
        await pilot.pause()
        assert screen.shown == first
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.display


async def test_search_finds_quotes_entities_and_source_text() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        panel = app.screen.query_one(SearchPanel)
        await pilot.press("slash", *"in uk, for uk")
        await searched(pilot)
        assert {h.kind for h in panel.hits} >= {"quote"}
        panel.query_one(Input).value = "book placeholder"
        await searched(pilot)
        assert [h.kind for h in panel.hits] == ["source"]


async def test_palette_goes_to_claims_entities_and_sources() -> None:
    for query, expected in (("entity: Exeed ET", Location("entity", "exeed-et")),
                            ("Crypto Rover Strategy", Location("source", "gate-liverpool")),
                            ("rename itself JLR", Location("claim", "jlr-rename"))):
        app = app_for()
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            await palette_go(pilot, query)
            assert app.session.history.current == expected, query


async def test_palette_lists_every_command() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for key in KEYS:
            if key.action and key.action not in {"app.quit", "app.help"}:
                assert key.description in titles, key.description


def test_every_key_action_exists() -> None:
    for key in KEYS:
        if not key.action:
            continue
        name = key.action.removeprefix("app.").split("(")[0]
        owner = CheryApp if key.action.startswith("app.") else MainScreen
        assert callable(getattr(owner, f"action_{name}", None)), key.action


def test_help_lists_the_panes_own_keys() -> None:
    described = {k.keys for k in KEYS}
    for widget in (ItemList, EntityTree, SalesTable):
        for binding in widget.BINDINGS:
            key = binding.key if isinstance(binding, Binding) else binding[0]
            shown = {"left_square_bracket": "[ / ]", "right_square_bracket": "[ / ]",
                     "j": "j / k, ↓ / ↑", "k": "j / k, ↓ / ↑", "g": "g / G, home / end",
                     "G": "g / G, home / end", "home,ctrl+home": "g / G, home / end",
                     "end,ctrl+end": "g / G, home / end", "right,l": "space, ← / →",
                     "left,h": "space, ← / →", "s": "s"}[key]
            assert shown in described, (widget.__name__, key)
    palette = palette_of_theme(BUILTIN_THEMES["textual-dark"])
    assert help_text(80, palette).plain.count("\n") > 40


async def test_copy_citation_in_each_style() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("4")
        app.screen.query_one("#quotes", VirtualList).select_location(
            Location("claim", "jervis-halewood"))
        await pilot.pause()
        await pilot.press("c")
        plain = app.clipboard
        # the speaker is credited with his own words only; the sentence around them is Gate's
        assert plain.startswith("“This could unlock the rumored agreement")
        assert ("capacity.” — Tom Jervis (Auto Express), quoted in “Chery's Crypto Rover "
                "Strategy") in plain
        # Gate's sentence holds his words in double marks: it is in single ones
        assert (", Gate, ≥2025-11: ‘Tom Jervis of Auto Express articulated the strategic "
                "implications: “This could") in plain
        assert plain.endswith("”’ [source: gate-liverpool]")
        expected = {
            "markdown": "[^jervis-halewood]: Tom Jervis (Auto Express), quoted in *Chery's",
            "quote": "> This could unlock the rumored agreement",
        }
        for steps, style in ((1, "markdown"), (2, "quote")):
            await pilot.press("C")
            await pilot.pause()
            assert isinstance(app.screen, CiteStyleScreen)
            await pilot.press("home", *["j"] * steps, "enter")
            await pilot.pause()
            assert app.session.cite_style == style
            await pilot.press("c")
            assert expected[style] in app.clipboard, app.clipboard


async def test_copy_from_source_reader_copies_the_current_passage() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("source", "export-surge"))
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard.startswith("“")
        assert app.clipboard.endswith("[source: export-surge]")


async def test_basket_marks_copies_a_numbered_list_and_clears() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("space", "j", "space")
        await pilot.pause()
        assert len(app.session.basket) == 2
        timeline = option_texts(app.screen.query_one("#timeline", VirtualList))
        assert sum(t.startswith("●") for t in timeline) == 2
        await pilot.press("b")
        lines = app.clipboard.splitlines()
        assert lines[0].startswith("1. “")
        assert lines[-1].startswith("2. “")
        assert all("[source: " in line and "(claim " in line for line in lines)
        await pilot.press("space")  # unmark the second
        assert len(app.session.basket) == 1
        await pilot.press("B", "X")  # the basket's view; clear it there
        assert app.session.basket == []
        await pilot.press("b")
        assert app.clipboard.startswith("2. “") is False


async def test_help_screen_opens_and_closes() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


def test_copy_goes_through_one_sanitising_path() -> None:
    source = inspect.getsource(CheryApp.copy)
    assert "clean(text)" in source


def test_readme_lists_every_key() -> None:
    from pathlib import Path

    from tui.keys import markdown_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme
