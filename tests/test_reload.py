"""Live reload: a saved change shows up by itself, keeping the user's place; a bad edit keeps
the last good version on screen with the problems listed until it is fixed; ctrl+r reloads."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.conftest import VALID_TOML, FactWriter
from tests.ui_helpers import app_for, option_texts, ready, until
from tui.app import CheryApp
from tui.domain.facts.location import Location
from tui.screens.main import MainScreen
from tui.screens.problems import ProblemsScreen


def _timeline(app: CheryApp) -> list[str]:
    return option_texts(app.screen.query_one("#timeline"))


def _panel_text(app: CheryApp) -> str:
    screen = app.screen
    return str(screen.query_one("#reload-head", Static).render()) + str(
        screen.query_one("#reload-list", Static).render())


async def test_a_saved_change_reloads_and_keeps_the_place(write_facts: FactWriter) -> None:
    path = write_facts()
    app = app_for(path)
    app.watch_every = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "acme-sales-2024"))
        await pilot.press("space")
        old_screen = app.screen
        path.write_text(VALID_TOML.replace("Acme sold 1,234 cars in 2024.",
                                           "Acme sold 1,234 cars in calendar 2024."))
        await until(pilot, lambda: app.screen is not old_screen and isinstance(
            app.screen, MainScreen) and app.screen.ready, "the reload")
        await pilot.pause(0.1)
        assert any("calendar 2024" in row for row in _timeline(app))
        assert app.session.history.current == Location("claim", "acme-sales-2024")
        assert app.session.basket == ["acme-sales-2024"]
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.shown == app.session.history.current


async def test_a_bad_edit_keeps_the_last_good_version_until_fixed(
        write_facts: FactWriter) -> None:
    path = write_facts()
    app = app_for(path)
    app.watch_every = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        good = _timeline(app)
        path.write_text(VALID_TOML.replace('status = "reported"', 'status = "sure"', 1))
        await until(pilot, lambda: app.screen.query_one("#reload-problems").display,
                     "the problems panel")
        text = _panel_text(app)
        assert f"{path}:" in text
        assert "status" in text
        assert "last good version" in text
        assert _timeline(app) == good  # still browsable
        path.write_text(VALID_TOML.replace("Acme sold 1,234 cars in 2024.",
                                           "Acme sold 1,234 cars, fixed."))
        await until(pilot, lambda: any("fixed" in r for r in _timeline(app)), "the fix")
        assert not app.screen.query_one("#reload-problems").display


async def test_a_changed_source_text_is_noticed(write_facts: FactWriter) -> None:
    path = write_facts()
    app = app_for(path)
    app.watch_every = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        (path.parent / "sources" / "daily.txt").write_text("Something else entirely.\n")
        await until(pilot, lambda: app.screen.query_one("#reload-problems").display,
                     "the problems panel")
        assert "daily" in _panel_text(app) or "not found" in _panel_text(app)


async def test_ctrl_r_reloads_by_hand(write_facts: FactWriter) -> None:
    path = write_facts()
    app = app_for(path)
    app.watch_every = 3600  # no watching: only the key
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        path.write_text(VALID_TOML.replace("Acme sold 1,234 cars in 2024.", "By hand."))
        await pilot.press("ctrl+r")
        await until(pilot, lambda: any("By hand." in r for r in _timeline(app)), "ctrl+r")


async def test_a_file_broken_at_start_opens_once_fixed(write_facts: FactWriter,
                                                        tmp_path: Path) -> None:
    path = write_facts(VALID_TOML.replace('status = "reported"', 'status = "sure"', 1))
    app = app_for(path)
    app.watch_every = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ProblemsScreen), "the problems")
        path.write_text(VALID_TOML)
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready,
                     "the browser")


async def test_keys_between_a_reloads_switch_and_its_panes_wait_for_them() -> None:
    """Found by the monkey test: a key in the turn after a reload switched to the new browser,
    before its panes were composed, raised NoMatches (the panes were not there yet)."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-2023"))
        app.navigate(Location("entity", "jetour"))
        await pilot.pause()
        switched = app._open_browser
        ran: list[bool] = []

        def then_keys(*args: object) -> None:
            switched(*args)  # type: ignore[arg-type]
            for action in ("history_back", "history_forward", "filter", "clear_filter",
                           "toggle_basket", "undo_basket", "copy_citation", "basket"):
                if app.check_action(action, ()):  # as a key does (run_action asks it)
                    getattr(app, f"action_{action}")()
            ran.append(True)

        app._open_browser = then_keys  # type: ignore[method-assign,assignment]
        app.action_reload()
        await until(pilot, lambda: ran and isinstance(app.screen, MainScreen)
                     and app.screen.ready, "the reload")
        await pilot.pause()
        assert app.is_running
        assert app.session.history.current == Location("entity", "jetour")


async def test_a_browser_ready_as_the_app_shuts_down_is_ignored(
        write_facts: FactWriter) -> None:
    """Found by CI: the browser's Ready message reached an app that had begun to shut down
    (Textual marks the app stopped before it closes its screens); restoring the state then
    subscribed to the theme signal, which raised SignalError."""
    app = app_for(write_facts(VALID_TOML))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app._saved_state = None  # as on the first open: the state is restored on Ready
        app._running = False  # what App._shutdown does first
        try:
            app.on_main_screen_ready(MainScreen.Ready())
        finally:
            app._running = True
        assert app._saved_state is None


async def test_a_reload_keeps_the_list_beside_the_detail(write_facts: FactWriter) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("4", "down", "enter", "d")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        shown = screen.shown
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, MainScreen)
                     and app.screen is not screen and app.screen.ready, "the reload")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, MainScreen)
        assert (again.active_pane, again.pane_in_use) == ("quotes", "detail")
        assert again.shown == shown
