"""Where navigation leaves the user: the item opened is the one the Detail shows, whatever
pane is in use; a reload gives back the pane in use and an open reader; a place that has gone
falls back to the one before it; the palette works over every screen."""

from __future__ import annotations

from typing import Any

from tests.conftest import VALID_TOML, FactWriter
from tests.ui_helpers import app_for, focused_id, option_texts, palette_go, ready
from tui.app import CheryApp
from tui.domain.facts.location import Location
from tui.navigation.history import History, Place
from tui.navigation.saved_state import UserState
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.reader import SourceReader
from tui.storage import state_file
from tui.widgets.detail_pane import DetailPane
from tui.widgets.sales import SalesTable


def _main(app: CheryApp) -> MainScreen:
    return app.main


def _detail_head(app: CheryApp) -> str:
    return option_texts(_main(app).query_one(DetailPane))[0]


async def _settle(pilot: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        await pilot.pause()


async def test_an_entity_opened_while_the_timeline_is_in_use_is_what_the_detail_shows() -> None:
    # the refilled Timeline previewed its first claim after the entity was drawn
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("1")
        for origin in ("palette", "detail", ""):
            for entity in ("jaecoo", "china"):
                app.navigate(Location("entity", entity), origin)
                await _settle(pilot)
                assert _main(app).shown == Location("entity", entity), origin
                assert _detail_head(app).startswith("entity · "), (origin, entity)


async def test_the_palette_finds_items_over_the_help_screen() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await palette_go(pilot, "entity: Exeed ET")
        assert app.session.current == Location("entity", "exeed-et")


async def test_marking_a_claim_keeps_the_sales_cursor_and_sort() -> None:
    # every refresh of the lists rebuilt the table: the cursor went back to its first row
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3", "j", "j", "j")
        table = _main(app).query_one(SalesTable)
        where = table.cursor_coordinate
        assert where.row == 3
        await pilot.press("space")
        await _settle(pilot)
        assert app.session.basket
        assert table.cursor_coordinate == where


async def _reloaded(pilot: Any, app: CheryApp) -> None:
    old = app.main
    app.action_reload()
    for _ in range(400):
        await pilot.pause(0.05)
        try:
            if app.main is not old and app.main.ready and app.load_done.is_set():
                break
        except LookupError:
            pass
    await _settle(pilot)


async def test_a_reload_gives_back_the_pane_in_use(write_facts: FactWriter) -> None:
    app = app_for(write_facts(), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "acme-sales-2024"), "timeline")
        await _settle(pilot)
        assert focused_id(app) == "detail"
        await _reloaded(pilot, app)
        assert focused_id(app) == "detail"
        assert _main(app).shown == Location("claim", "acme-sales-2024")
        await pilot.press("4")
        await _reloaded(pilot, app)
        assert focused_id(app) == "quotes"


async def test_a_reload_keeps_an_open_reader_open(write_facts: FactWriter) -> None:
    app = app_for(write_facts(), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("source", "daily"), "detail")
        await _settle(pilot)
        assert isinstance(app.screen, SourceReader)
        await _reloaded(pilot, app)
        assert isinstance(app.screen, SourceReader)
        assert app.screen.source_id == "daily"


async def test_a_start_on_a_source_shows_it_in_the_detail(write_facts: FactWriter) -> None:
    path = write_facts()
    history = History()
    history.visit(Location("claim", "roe-growing"))
    history.visit(Location("source", "daily"))
    assert state_file.save(path, UserState.of([], history, None, "plain")) is None
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await _settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert _main(app).shown == Location("source", "daily")
        assert _detail_head(app).startswith("source · ")


def test_a_place_that_has_gone_falls_back_to_the_one_before() -> None:
    history = History()
    for ident in ("a", "b", "gone"):
        history.visit(Location("claim", ident))
    state = UserState.of([], history, None, "plain")
    kept = state.keeping(lambda location: location.ident != "gone")
    assert kept.current == Place(Location("claim", "b"))
    assert kept.back == [Place(Location("claim", "a"))]
    nothing = UserState.of([], History(), None, "plain").keeping(lambda location: False)
    assert nothing.current is None


async def test_a_reload_that_removes_the_current_claim_goes_back_one(
        write_facts: FactWriter) -> None:
    path = write_facts()
    app = app_for(path, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("entity", "acme"), "brands")
        app.navigate(Location("claim", "roe-growing"), "timeline")
        await _settle(pilot)
        # the claim and the relation that names it
        start = VALID_TOML.index('[[claims]]\nid = "roe-growing"')
        path.write_text(VALID_TOML[:start] + VALID_TOML[VALID_TOML.index("[[tables]]"):])
        await _reloaded(pilot, app)
        assert app.session.current == Location("entity", "acme")
        assert _main(app).shown == Location("entity", "acme")
