"""The hint bar shows the keys of the view in use: Conflicts and Health their own (not only
"esc Back"), the search drawer what enter and escape do there (not the browser's letters,
which type into the query)."""

from __future__ import annotations

from tests.ui_helpers import app_for, ready, static_text
from tui.screens.conflicts import ConflictsScreen
from tui.screens.health import HealthScreen
from tui.widgets.hint_bar import HintBar


async def test_conflicts_shows_its_keys() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        shown = static_text(app.screen.query_one(HintBar))
        for hint in ("⏎ Claims", "tab Switch list", "c Cite", "space Mark", "? Help",
                     "esc Back"):
            assert hint in shown, shown
        await pilot.press("tab")  # into the claims: enter opens what the row links to
        await pilot.pause()
        shown = static_text(app.screen.query_one(HintBar))
        assert "⏎ Open" in shown, shown


async def test_health_has_the_hint_bar_with_its_keys() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("H")
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        shown = static_text(app.screen.query_one(HintBar))
        for hint in ("⏎ Open", "c Cite", "space Mark", "? Help", "esc Back"):
            assert hint in shown, shown


async def test_the_search_drawer_shows_what_enter_and_escape_do() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        shown = static_text(app.screen.query_one(HintBar))
        assert "⏎ results" in shown, shown
        assert "esc leave" in shown, shown
        # the browser's letter keys type into the query here: not offered
        for hint in ("/ search", "c cite", "back"):
            assert hint not in shown, shown
        await pilot.press("j", "e", "t", "o", "u", "r", "enter")  # into the results
        await pilot.pause()
        shown = static_text(app.screen.query_one(HintBar))
        assert "⏎ open" in shown, shown
        assert "esc leave" in shown, shown


async def test_the_palettes_hint_keeps_to_the_right_as_the_terminal_widens() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        for width in (100, 140, 100):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            shown = static_text(app.screen.query_one(HintBar))
            assert len(shown) == width, shown
            assert shown.rstrip().endswith("palette"), shown
