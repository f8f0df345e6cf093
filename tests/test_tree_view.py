"""The Brands tree after a restart and after navigating: the cursor where the user left it,
and the branch navigation opened in view."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui_helpers import app_for, ready
from tui.domain.facts.location import Location
from tui.screens.main import MainScreen
from tui.widgets.brands import EntityTree, branch_scroll


def _tree(app: object) -> EntityTree:
    main = getattr(app, "main")  # noqa: B009 (the App's, typed in the app module)
    assert isinstance(main, MainScreen)
    return main.query_one(EntityTree)


async def test_a_restart_puts_the_tree_cursor_where_it_was(own_state_dir: Path) -> None:
    """Only moved to (previewed), not opened: the history's place is elsewhere, and the
    cursor came back on the first line."""
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        await pilot.press("2", *["j"] * 24)
        await pilot.pause()
        tree = _tree(app)
        assert tree.cursor_node is not None
        left_on = tree.cursor_node.data
        assert left_on is not None
        assert left_on != "chery"
    again = app_for()
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        tree = _tree(again)
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == left_on
        assert again.session.current == Location("claim", "chery-exports-jan-nov")
        top = round(tree.scroll_offset.y)
        assert top <= tree.cursor_line < top + tree.scrollable_content_region.height


async def test_navigating_into_a_closed_branch_shows_the_branch() -> None:
    """Range Rover sits in Land Rover's branch under JLR, both closed: the cursor landed on
    the view's last line, the rest of the branch it opened out of view."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await pilot.pause()
        tree = _tree(app)
        app.navigate(Location("entity", "range-rover"), "detail")
        await pilot.pause()
        await pilot.pause()
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == "range-rover"
        branch = tree.cursor_node.parent
        assert branch is not None
        assert branch.is_expanded
        top = round(tree.scroll_offset.y)
        height = tree.scrollable_content_region.height
        assert top <= tree.cursor_line < top + height
        assert top <= branch.children[-1].line < top + height  # the branch's last entity


@pytest.mark.parametrize(("top", "height", "cursor", "first", "last", "expected"), [
    pytest.param(0, 18, 23, 18, 25, 8, id="down-to-the-branch-end"),
    pytest.param(20, 18, 23, 18, 25, 18, id="up-to-the-branch-head"),
    pytest.param(10, 18, 23, 18, 25, 10, id="already-in-view"),
    pytest.param(0, 5, 23, 18, 40, 23, id="too-long-cursor-first"),
    pytest.param(0, 5, 39, 18, 40, 36, id="too-long-near-its-end"),
    pytest.param(7, 0, 23, 18, 25, 7, id="not-shown"),
])
def test_branch_scroll(top: int, height: int, cursor: int, first: int, last: int,
                       expected: int) -> None:
    shown = branch_scroll(top, height, cursor, first, last)
    assert shown == expected
    if height:
        assert shown <= cursor < shown + height
