"""The app starts on a fact file, shows what it loaded or what is wrong, and quits on `q`."""

from __future__ import annotations

from tests.conftest import VALID_TOML, FactWriter
from tui.app import make_app
from tui.bundled import bundled_facts_path


async def test_app_opens_on_the_bundled_data_and_quits() -> None:
    app = make_app(bundled_facts_path())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = str(app.query_one("#summary").render())
        assert "4 sources" in shown and "claims" in shown
        assert app.sub_title == "Chery's expansion: Liverpool, JLR and the export surge"
        await pilot.press("q")
    assert app.return_code == 0


async def test_app_shows_problems_literally(write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML.replace('kind = "company"', 'kind = "[bold]x[/]"'))
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = str(app.query_one("#summary").render())
        assert "'[bold]x[/]'" in shown
