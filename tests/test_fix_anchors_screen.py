"""`f` on the problems screen: the repairs of the citations a changed source text broke, each
old and new, written on `y` (then the file reloads into the browser), not on escape; the data
shown literally, never as markup."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import Static

from tests.conftest import FactWriter
from tests.test_repair import BEFORE, TOML
from tests.ui_helpers import app_for, ready, static_text, until
from tui.app import CheryApp
from tui.domain.loading.loader import load_facts
from tui.keys import help_rows
from tui.screens.fix_anchors import FixAnchorsScreen
from tui.screens.main import MainScreen
from tui.screens.problems import ProblemsScreen


def _broken(write_facts: FactWriter, source: str) -> Path:
    path = write_facts(TOML, BEFORE)
    (path.parent / "sources" / "daily.txt").write_text(source, encoding="utf-8")
    return path


def _shown(app: CheryApp) -> str:
    screen = app.screen
    return static_text(screen.query_one("#fix-anchors-head", Static)) + "\n" + static_text(
        screen.query_one("#fix-anchors-body", Static))


async def test_f_shows_the_repairs_and_y_writes_them_and_the_file_loads(
        write_facts: FactWriter) -> None:
    path = _broken(write_facts, BEFORE.replace("“", '"').replace("”", '"').replace(
        "Dock workers welcomed the news.", "Dock workers [b]welcomed the news."))
    app = app_for(path, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FixAnchorsScreen), "the repairs")
        await pilot.pause()
        shown = _shown(app)
        assert "4 broken citations: 4 can be repaired" in shown
        assert "claim 'lima-second-plant': citation 1" in shown
        assert "  old: said: “We will build a second plant in 2026.”" in shown
        assert '  new: said: "We will build a second plant in 2026."' in shown
        assert "  new: Dock workers [b]welcomed the news." in shown  # not markup
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready,
                     "the browser on the repaired file")
    result = load_facts(path)
    assert result.ok, result.problems


async def test_escape_writes_nothing_and_what_cannot_be_repaired_is_said(
        write_facts: FactWriter) -> None:
    path = _broken(write_facts, BEFORE + "Dock workers welcomed the news.\n")
    before = path.read_bytes()
    app = app_for(path, use_state=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FixAnchorsScreen), "the repairs")
        await pilot.pause()
        shown = _shown(app)
        assert "none can be repaired here" in shown
        assert "not repaired: the passage occurs 2 times in source 'news'" in shown
        assert app.screen.check_action("confirm", ()) is None  # y: nothing to write
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, FixAnchorsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
    assert path.read_bytes() == before


async def test_a_new_version_of_the_file_closes_the_repairs_unwritten(
        write_facts: FactWriter) -> None:
    path = _broken(write_facts, BEFORE.replace("company sold", "company sells"))
    app = app_for(path, use_state=False)
    app.watch_every = 0.05
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, FixAnchorsScreen), "the repairs")
        (path.parent / "sources" / "daily.txt").write_text(BEFORE, encoding="utf-8")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready,
                     "the browser on the fixed file")
        assert not any(isinstance(s, (FixAnchorsScreen, ProblemsScreen))
                       for s in app.screen_stack)
    assert path.read_text(encoding="utf-8") == TOML


def test_the_keys_of_the_problems_screen_and_the_dialog_are_in_help() -> None:
    rows = {(k.scope, k.keys) for k in help_rows()}
    assert ("Problems", "f") in rows
    assert ("Fix anchors", "y / enter") in rows
    assert ("Fix anchors", "escape") in rows
    bound = {b.key for b in ProblemsScreen.BINDINGS if isinstance(b, Binding)}
    assert "f" in bound
    keys = {b.key for b in FixAnchorsScreen.BINDINGS if isinstance(b, Binding)}
    assert {"y,enter", "escape,n"} <= keys


async def test_a_source_changed_under_an_open_browser_is_repaired_with_shift_f(
        write_facts: FactWriter) -> None:
    """A reload that finds broken citations keeps the last good version on screen; its
    panel says F repairs them (found by the helper who built `f`: only the problems screen,
    shown when a file does not open at all, offered it)."""
    path = write_facts(TOML, BEFORE)
    app = app_for(path, use_state=False)
    app.watch_every = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, MainScreen)
        (path.parent / "sources" / "daily.txt").write_text(
            BEFORE.replace("company sold", "company sells"), encoding="utf-8")
        await until(pilot, lambda: app.main.query_one("#reload-problems").display,
                     "the reload's problems")
        assert "F repairs citations" in static_text(app.main.query_one("#reload-head"))
        await pilot.press("F")
        await until(pilot, lambda: isinstance(app.screen, FixAnchorsScreen), "the repairs")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, MainScreen)
                     and not app.main.query_one("#reload-problems").display,
                     "the reload of the repaired file")
    assert load_facts(path).ok
