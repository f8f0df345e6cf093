"""Every screen's top line: the app's title and the screen's sub-title, centred, literal, kept
up to date; its icon opens the command palette, as Textual's Header's does."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.command import CommandPalette

from tests.conftest import VALID_TOML, FactWriter
from tests.ui_helpers import app_for, ready, until
from tui.screens.main import MainScreen
from tui.widgets.screen_header import ScreenHeader


def _shown(app: App[Any]) -> str:
    return app.screen.query_one(ScreenHeader).render().plain


async def test_the_title_and_the_fact_files_title_as_the_sub_title() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        shown = _shown(app)
        assert shown.startswith(" ⭘ ")
        assert "chery-tui — " in shown
        assert len(shown) == 100
        title = shown.strip(" ⭘")
        left = shown.index(title) - 8
        right = len(shown) - 10 - shown.index(title) - len(title)
        assert abs(left - right) <= 1  # centred between the icon and the clock's place


async def test_a_title_with_markup_shows_its_characters_and_follows_a_change(
        write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML.replace('title = "Acme test facts"',
                                          'title = "Acme [bold]facts[/]"'))
    app = app_for(path, use_state=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert "Acme [bold]facts[/]" in _shown(app)
        app.screen.sub_title = "elsewhere"
        await pilot.pause()
        assert "chery-tui — elsewhere" in _shown(app)


async def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(40, 20)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, MainScreen)
        app.screen.sub_title = "a sub-title far longer than the forty columns there are"
        await pilot.pause()
        shown = _shown(app)
        assert len(shown) == 40
        assert "…" in shown


async def test_a_click_on_the_icon_opens_the_command_palette() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.click(ScreenHeader, offset=(1, 0))
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
