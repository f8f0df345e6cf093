"""Starting, quitting, and a fact file with problems."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import VALID_TOML, FactWriter
from tests.ui_helpers import app_for, ready, static_text
from tui.screens.main import MainScreen
from tui.screens.problems import ProblemsScreen


async def test_app_opens_the_browser_on_the_bundled_data_and_q_quits() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.sub_title == "Chery's expansion: Liverpool, JLR and the export surge"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_problems_are_shown_literally_and_quit_exits_1(write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML.replace('kind = "company"', 'kind = "[bold]x[/]"'))
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        shown = static_text(app.screen.query_one("#problem-list"))
        assert "'[bold]x[/]'" in shown
        assert f"{path}:" in shown
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1


async def test_a_progress_screen_comes_first_and_the_browser_follows(tmp_path: Path) -> None:
    from tui.bench.generate import generate
    from tui.screens.loading import LoadingScreen

    path = generate(5_000, tmp_path)
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, LoadingScreen)  # before any data is read
        await ready(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.facts is not None
        assert len(app.facts.claims) == 5_000
        assert app.xref is not None
