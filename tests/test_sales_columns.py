"""The Sales table fits its pane: long text cells give way with an ellipsis, every column
(Source too) stays on screen, and the sorted column's header carries the direction."""

from __future__ import annotations

from tests.ui_helpers import app_for, ready, view_rows
from tui.screens.main import MainScreen
from tui.widgets.column_fit import fit_widths
from tui.widgets.sales import SalesTable


def _lines(table: SalesTable) -> list[str]:
    return ["".join(s.text for s in strip).rstrip() for strip in view_rows(table)]


async def test_columns_fit_at_120_columns_and_cut_cells_end_in_an_ellipsis() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one(SalesTable)
        lines = _lines(table)
        header = lines[0]
        assert header.split()[-1] == "Source"
        assert table.virtual_size.width <= table.scrollable_content_region.width
        group = next(line for line in lines if line.startswith(" Group total"))
        assert group.endswith("Surge")
        assert "…" in group  # the period or the growth is cut, and says so
        assert "+11.1%" in group


async def test_every_bundled_table_keeps_its_source_column_in_view() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one(SalesTable)
        for _ in range(6):
            assert _lines(table)[0].split()[-1] == "Source"
            await pilot.press("right_square_bracket")
            await pilot.pause()


async def test_the_sorted_column_header_shows_the_direction() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3", "l", "right", "s")  # the Units column, ascending
        await pilot.pause()
        table = app.screen.query_one(SalesTable)
        assert "Units ▲" in _lines(table)[0]
        await pilot.press("s")
        await pilot.pause()
        assert "Units ▼" in _lines(table)[0]
        await pilot.press("right", "right", "s")  # another column: Units loses its mark
        await pilot.pause()
        header = _lines(table)[0]
        assert "▲" in header
        assert "Units ▲" not in header
        assert "▼" not in header
        assert isinstance(app.screen, MainScreen)


async def test_the_columns_fit_again_when_the_terminal_is_resized() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(200, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")
        await pilot.pause()
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one(SalesTable)
        assert _lines(table)[0].split()[-1] == "Source"
        assert table.virtual_size.width <= table.scrollable_content_region.width


def test_fit_widths_shrinks_the_first_tier_widest_first_then_the_next() -> None:
    natural, minimum = [20, 9, 40, 30, 8], [10, 6, 10, 10, 8]
    tiers = [[2, 3], [0], [4], [1]]
    assert fit_widths(natural, minimum, tiers, 200, padding=1) == natural
    assert fit_widths(natural, minimum, tiers, 107, padding=1) == [20, 9, 30, 30, 8]
    assert fit_widths(natural, minimum, tiers, 105, padding=1) == [20, 9, 29, 29, 8]
    # the first tier at its minimum, the label gives way next; the figures last
    assert fit_widths(natural, minimum, tiers, 47 + 10, padding=1) == [10, 9, 10, 10, 8]
    assert fit_widths(natural, minimum, tiers, 40, padding=1) == [10, 6, 10, 10, 8]


def test_fit_widths_cuts_a_huge_column_in_one_step() -> None:
    assert fit_widths([10_000_000, 5], [10, 5], [[0]], 30) == [25, 5]
