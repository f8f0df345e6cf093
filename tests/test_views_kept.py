"""The view the user built is kept: back restores the filter it had; the basket can be seen,
pruned and its clearing undone; the tree opens on enter without folding and a restart
reopens its branches and the pane in use; the keys said to work everywhere do, in the
reader and in Conflicts too; escape and backspace leave what was opened last."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Label

from tests.ui_helpers import (
    app_for,
    copied,
    focused_id,
    last_notice,
    option_texts,
    ready,
    static_text,
)
from tui.domain.facts.location import Location
from tui.screens.basket import BasketList, BasketScreen
from tui.screens.conflicts import ClaimSide, ConflictsScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.reader import SourceReader
from tui.widgets.brands import EntityTree
from tui.widgets.timeline import TimelinePane


def _main(app: object) -> MainScreen:
    main = getattr(app, "main")  # noqa: B009 (the App's, typed in the app module)
    assert isinstance(main, MainScreen)
    return main


async def test_backspace_restores_the_view_with_its_filter() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = _main(app)
        everything = len(option_texts(screen.query_one(TimelinePane)))
        app.navigate(Location("entity", "jaecoo"), "brands")
        await pilot.press("f")  # in the Detail of Jaecoo: filtered to Jaecoo
        await pilot.pause()
        assert screen.filter_entity == "jaecoo"
        filtered = len(option_texts(screen.query_one(TimelinePane)))
        assert filtered < everything
        app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        await pilot.press("x")  # the filter cleared: a step of its own
        await pilot.pause()
        assert screen.filter_entity is None
        assert len(option_texts(screen.query_one(TimelinePane))) == everything
        await pilot.press("backspace")  # the claim again, with the filter it was seen under
        await pilot.pause()
        assert app.session.current == Location("claim", "chery-exports-jan-nov")
        assert screen.filter_entity == "jaecoo"
        assert len(option_texts(screen.query_one(TimelinePane))) == filtered
        assert "Filter: Jaecoo" in static_text(screen.query_one("#filter"))
        await pilot.press("backspace", "backspace")  # Jaecoo filtered, then Jaecoo unfiltered
        await pilot.pause()
        assert app.session.current == Location("entity", "jaecoo")
        assert screen.filter_entity is None
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen.filter_entity == "jaecoo"


async def test_f_on_a_claim_says_what_it_filters_by() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "f")
        await pilot.pause()
        assert _main(app).filter_entity is None
        assert "f filters the panes to an entity" in last_notice(app)


async def test_the_basket_is_counted_reviewed_pruned_and_its_clearing_undone() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        count = _main(app).query_one("#basket-count", Label)
        assert not count.display
        await pilot.press("j", "space", "j", "space", "j", "space")
        await pilot.pause()
        marked = list(app.session.basket)
        assert len(marked) == 3
        assert count.display
        assert "3 in the basket" in str(count.render())
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BasketScreen)
        listing = app.screen.query_one(BasketList)
        rows = option_texts(listing)
        assert len(rows) == 3
        first_text = app.facts.claims[marked[0]].text if app.facts else ""
        assert first_text[:30] in rows[0]
        await pilot.press("d")  # the first removed; the cursor stays on the row that follows
        await pilot.pause()
        assert app.session.basket == marked[1:]
        assert len(option_texts(listing)) == 2
        assert listing.current_location == Location("claim", marked[1])
        await pilot.press("u")
        await pilot.pause()
        assert app.session.basket == marked
        await pilot.press("X")
        await pilot.pause()
        assert app.session.basket == []
        assert "u brings them back" in last_notice(app)
        assert "basket is empty" in option_texts(listing)[0]
        await pilot.press("u")
        await pilot.pause()
        assert app.session.basket == marked
        assert len(option_texts(listing)) == 3
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "3 in the basket" in str(count.render())


async def test_b_copies_the_basket_in_the_chosen_style() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "space", "j", "space")
        app.session.cite_style = "markdown"
        await pilot.press("b")
        await copied(pilot)
        first, second = app.session.basket
        assert app.clipboard.startswith("1. “")
        assert f"[^{first}]: " in app.clipboard
        assert f"[^{second}]: " in app.clipboard
        app.session.cite_style = "quote"
        await pilot.press("b")
        await copied(pilot)
        assert app.clipboard.startswith("> ")


async def test_enter_on_a_branch_opens_it_and_never_folds_it() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2", "g")  # the group at the top of the tree, a branch
        tree = _main(app).query_one(EntityTree)
        await pilot.pause()
        node = tree.cursor_node
        assert node is not None
        assert node.allow_expand
        assert node.is_expanded
        for _ in range(2):
            await pilot.press("2", "enter")
            await pilot.pause()
            assert node.is_expanded
        assert _main(app).shown == Location("entity", node.data or "")
        await pilot.press("2", "left")  # left folds it, right opens it again
        await pilot.pause()
        assert not node.is_expanded
        await pilot.press("right")
        await pilot.pause()
        assert node.is_expanded


async def test_a_restart_reopens_the_branches_and_the_pane_in_use(own_state_dir: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2", "g", "left")  # a branch folded (open by default)
        await pilot.pause()
        tree = _main(app).query_one(EntityTree)
        folded = tree.cursor_node
        assert folded is not None
        assert folded.data is not None
        assert not folded.is_expanded
        assert tree.select_entity("volkswagen")
        await pilot.pause()
        await pilot.press("right")  # and a branch opened (closed by default)
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
    again = app_for()
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert again.session.expanded is not None
        assert folded.data not in again.session.expanded
        tree = _main(again).query_one(EntityTree)
        node = next(n for n in tree._entity_nodes.values() if n.data == folded.data)
        assert not node.is_expanded
        opened = next(n for n in tree._entity_nodes.values() if n.data == "volkswagen")
        assert opened.is_expanded
        assert _main(again).active_pane == "sales"
        assert focused_id(again) == "sales-table"


async def test_the_keys_said_to_work_everywhere_work_in_conflicts_and_the_reader() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        await pilot.press("tab")  # to the first claim of the finding
        await pilot.pause()
        side = app.screen.focused
        assert isinstance(side, ClaimSide)
        claim = side.current_location
        assert claim is not None
        await pilot.press("space")  # marked from Conflicts
        await pilot.pause()
        assert app.session.basket == [claim.ident]
        await pilot.press("c")
        await copied(pilot)
        assert f"citation of {claim.ident}" in last_notice(app)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BasketScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        app.navigate(Location("source", "export-surge"), "detail")
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        await pilot.press("space")  # the passage's claim, marked from the reader
        await pilot.pause()
        assert len(app.session.basket) in (1, 2)


async def test_escape_restores_a_maximised_pane_and_backspace_closes_help_only() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        await pilot.press("z")
        await pilot.pause()
        assert _main(app).maximized is not None
        await pilot.press("escape")
        await pilot.pause()
        assert _main(app).maximized is None
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.current == Location("claim", "chery-exports-jan-nov")


async def test_a_click_opens_the_row_under_the_pointer_and_a_tab_shows_its_pane() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        timeline = _main(app).query_one(TimelinePane)
        await pilot.click(TimelinePane, offset=(20, 4))  # the fifth row drawn
        await pilot.pause()
        row = timeline.current_location
        assert row is not None
        assert row.kind == "claim"
        assert _main(app).shown == row
        assert timeline.highlighted == 4
        assert "JLR sold 146,000 vehicles in China in 2017" in option_texts(timeline)[4]
        await pilot.click("#tab-quotes")
        await pilot.pause()
        assert _main(app).active_pane == "quotes"


async def test_home_and_end_go_to_the_first_and_last_row_of_a_sales_table() -> None:
    from tui.widgets.sales import SalesTable

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3", "end")
        await pilot.pause()
        table = _main(app).query_one(SalesTable)
        assert table.cursor_row == table.row_count - 1
        assert table.scroll_x == 0  # not scrolled sideways past the rows' labels
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0


async def test_moving_down_a_list_repaints_without_laying_the_screen_out(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each new Detail changed its list's virtual size, and Textual laid the whole screen
    out again for that: a quarter of what `j` took, profiled."""
    from textual.screen import Screen

    passes = []
    layout = Screen._refresh_layout

    def counted(self: Screen[object], *args: object, **kwargs: object) -> None:
        passes.append(1)
        layout(self, *args, **kwargs)  # type: ignore[arg-type]

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j")  # the scrollbar of a long Detail comes (or not) here
        await pilot.pause()
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        shown = []
        for _ in range(4):
            await pilot.press("j")
            await pilot.pause()
            shown.append(_main(app).shown)
        assert len(set(shown)) == 4  # the Detail did change each time
        assert passes == []


async def test_conflicts_and_help_open_again_as_they_were_left() -> None:
    """Made once and kept (each was composed again at every opening), Conflicts reopens on
    the finding the user left it on, and help at its top."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark", "j")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, ConflictsScreen)
        left_on = first.query_one("#finding-list").highlighted  # type: ignore[attr-defined]
        assert left_on == 1
        await pilot.press("escape", "exclamation_mark")
        await pilot.pause()
        assert app.screen is first
        assert first.query_one("#finding-list").highlighted == left_on  # type: ignore[attr-defined]
        await pilot.press("escape", "question_mark", "j", "j", "escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#help").scroll_y == 0


async def test_the_hint_bar_fits_help_at_80_columns_and_a_click_presses_a_key() -> None:
    from tui.widgets.hint_bar import HintBar
    from tui.widgets.search_panel import SearchPanel

    app = app_for(use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        bar = _main(app).query_one(HintBar)
        shown = static_text(bar)
        for hint in ("⌫ back", "/ search", "c cite", "space mark", "f filter", "? help"):
            assert hint in shown, shown
        assert len(shown) <= 80
        await pilot.click(HintBar, offset=(shown.index("/ search") + 2, 0))
        await pilot.pause()
        assert _main(app).query_one(SearchPanel).display


async def test_a_palette_opened_while_loading_stays_open_over_the_browser(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """It vanished when the browser arrived (which replaced the top screen: the palette),
    and the loading screen stayed under the browser."""
    from textual.command import CommandInput, CommandPalette

    from tui.app.loading import LoadingApp
    from tui.screens.loading import LoadingScreen

    held: list[tuple[object, ...]] = []
    open_browser = LoadingApp._open_browser
    monkeypatch.setattr(LoadingApp, "_open_browser", lambda self, *args: held.append(args))
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1000):
            await pilot.pause(0.01)
            if held:
                break
        assert isinstance(app.screen, LoadingScreen)
        await pilot.press("ctrl+p", *"Halewood")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        open_browser(app, *held[0])  # type: ignore[arg-type]
        for _ in range(1000):  # the browser drawn (its cross-references were let go)
            await pilot.pause(0.01)
            if any(isinstance(s, MainScreen) and s.ready for s in app.screen_stack):
                break
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).value == "Halewood"
        assert not any(isinstance(s, LoadingScreen) for s in app.screen_stack)
        assert isinstance(app.screen_stack[-2], MainScreen)


async def test_after_a_sort_the_detail_shows_the_cell_under_the_cursor() -> None:
    from tui.widgets.sales import SalesTable

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3", "right", "s")
        await pilot.pause()
        table = _main(app).query_one(SalesTable)
        assert _main(app).shown == table.current_location  # what `c` copies


async def test_keys_typed_in_one_burst_with_slash_go_into_the_search() -> None:
    from textual.widgets import Input

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", "q", "x", "z")  # no pause: `q` quit the app
        await pilot.pause()
        assert app.is_running
        assert _main(app).query_one(Input).value == "qxz"


async def test_space_in_the_reader_marks_the_passage_s_claim() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        app.navigate(Location("source", "export-surge"), "detail")
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        await pilot.press("space")
        await pilot.pause()
        claim = app.screen.location.claim
        assert claim is not None
        assert app.session.basket == [claim]


async def test_another_pane_while_one_is_maximised_restores_the_layout() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("1", "z")
        await pilot.pause()
        assert _main(app).maximized is not None
        await pilot.press("2")
        await pilot.pause()
        assert _main(app).maximized is None
        assert _main(app).active_pane == "brands"


async def test_a_link_followed_from_a_previewed_claim_comes_back_to_it() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j")  # previewed, never opened
        await pilot.pause()
        previewed = _main(app).shown
        assert previewed is not None
        assert app.session.current is None
        await pilot.press("d", "enter")  # a link of its Detail followed
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        assert app.session.current == previewed
