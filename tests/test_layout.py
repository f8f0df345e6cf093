"""The layout: one pane at a time with the whole width, the bar naming them all, the Detail
beside or under it, zoom to the whole screen, a footer of short labels, the crumbs elided."""

from __future__ import annotations

import pytest

from tests.ui_helpers import app_for, focused_id, option_texts, ready, static_text
from tui.domain.facts.location import Location
from tui.screens.main import MainScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.timeline import TimelinePane


def _main(app: object) -> MainScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, MainScreen)
    return screen


@pytest.mark.parametrize(("size", "side_by_side"), [((80, 24), False), ((120, 40), False),
                                                    ((200, 60), True)])
async def test_the_pane_in_use_has_the_width_and_the_bar_names_every_pane(
        size: tuple[int, int], side_by_side: bool) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = _main(app)
        tabs = [static_text(w) for w in screen.query(".pane-tab")]
        assert tabs == ["1 Timeline", "2 Brands", "3 Sales", "4 Quotes"]
        assert [w.id for w in screen.query(".pane-tab.-active")] == ["tab-timeline"]
        timeline = screen.query_one(TimelinePane)
        detail = screen.query_one(DetailPane)
        if side_by_side:
            assert detail.region.x >= timeline.region.right
            assert timeline.region.width >= size[0] // 2
        else:
            assert detail.region.y >= timeline.region.bottom
            assert timeline.region.width == size[0]
        await pilot.press("4")
        assert [w.id for w in screen.query(".pane-tab.-active")] == ["tab-quotes"]
        assert [w.id for w in screen.query(".pane") if w.display] == ["quotes"]


async def test_a_timeline_row_shows_date_source_and_sixty_characters_at_120() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        timeline = _main(app).query_one(TimelinePane)
        drawn = [timeline.render_line(y).text for y in range(timeline.size.height)]
        row = next(r for r in drawn if "JLR said it would invest" in r)
        assert "~2023" in row
        assert "CnEVPost" in row
        text = row[row.index("JLR said"):].rstrip(" ▁▂▃▄▅▆▇█")
        assert len(text) >= 60, text


async def test_a_click_on_the_bar_shows_that_pane() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.click("#tab-brands")
        await pilot.pause()
        assert focused_id(app) == "brands"


async def test_z_gives_the_detail_the_whole_screen() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        await pilot.pause()
        assert focused_id(app) == "detail"
        await pilot.press("z")
        await pilot.pause()
        detail = _main(app).query_one(DetailPane)
        assert _main(app).maximized is detail
        assert detail.region.width == 120
        assert detail.region.height >= 36
        assert option_texts(detail)[0].startswith("figure · ")


async def test_the_footer_fits_the_most_used_keys_at_80_columns() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        shown = [b.description for _, b, _, _ in _main(app).active_bindings.values()
                 if b.show]
        for label in ("back", "search", "cite", "help"):
            assert label in shown
        assert sum(len(label) + 4 for label in shown) <= 80
