"""S in the browser: the series of the selected figure, its chart and its figures; moving
along it moves the chart's cursor and the line under the list, c cites the figure."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import OptionList

from tests.ui_helpers import (
    app_for,
    browser_on,
    option_texts,
    palette_go,
    ready,
    static_text,
    until,
)
from tui.domain.crossref.series import Series
from tui.domain.facts.location import Location
from tui.domain.present.citations import claim_citations
from tui.domain.present.series_chart import Drawing, draw, implied_key
from tui.screens.series import SeriesDetail, SeriesFigures, SeriesScreen
from tui.widgets import series_chart
from tui.widgets.palette import current_palette
from tui.widgets.series_chart import SeriesChart, role_styles
from tui.widgets.timeline import TimelinePane


def _cursor_rows(chart: SeriesChart) -> list[int]:
    """The rows the chart draws with the cursor's colour."""
    cursor = role_styles(current_palette(chart.app))["cursor"]
    return [y for y in range(chart.size.height)
            if any(s.style is not None and s.style.color == cursor.color and s.style.bold
                   for s in chart.render_line(y))]


async def test_s_on_a_figure_shows_its_series_and_c_cites_the_figure_under_the_cursor(
        ) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _series_view(pilot, "chery-exports-2023")
        assert app.facts is not None
        chart = screen.query_one(SeriesChart)
        assert chart.cursor == "chery-exports-2023"  # it opens on the figure it came from
        rows = option_texts(screen.query_one("#series-figures"))
        assert len(rows) == len(screen.series.stated) + len(screen.series.implied)
        assert rows[1].startswith(" ✗ 2023 ")  # not in the basket; contradicted
        assert sum(r.startswith(" ◇") for r in rows) == 2
        drawn = "\n".join("".join(segment.text for segment in chart.render_line(y))
                          for y in range(chart.size.height))
        assert "✗" in drawn
        assert "◇" in drawn
        assert _cursor_rows(chart) == [chart.drawing().cursor_row("chery-exports-2023")]
        await pilot.press("k")  # along the series: to 2022
        await pilot.pause()
        assert chart.cursor == "chery-exports-2022"
        # the row it left drawn again without it, the row it went to with it
        assert _cursor_rows(chart) == [chart.drawing().cursor_row("chery-exports-2022")]
        await pilot.press("c")
        assert app.clipboard == claim_citations(app.facts, app.facts.claims["chery-exports-2022"],
                                                app.session.cite_style)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SeriesScreen)
        # the browser's Detail moved along with the series
        assert app.session.current == Location("claim", "chery-exports-2022")


async def test_s_on_what_is_no_figure_says_what_to_select() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await browser_on(pilot, "liverpool-european-hq")
        await pilot.press("d", "S")  # from the Detail of a claim that states no number
        await pilot.pause()
        assert not isinstance(app.screen, SeriesScreen)
        assert any("Select a figure" in n.message for n in app._notifications)


async def test_the_palette_finds_a_series_by_its_measure() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"series: exports: Chery")

        def first_hit() -> str:  # the palette searches in a worker
            hits = app.screen.query_one(OptionList)
            return str(getattr(hits.get_option_at_index(0).prompt, "plain", "")) \
                if hits.option_count else ""

        await until(pilot, lambda: "series: exports: Chery Group" in first_hit(),
                    "the series among the palette's hits")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SeriesScreen)
        assert app.screen.series.label == "exports: Chery Group"


async def _series_view(pilot: Any, claim_id: str) -> SeriesScreen:
    """The browser, loaded, on `claim_id`, and S pressed."""
    await browser_on(pilot, claim_id)
    await pilot.press("S")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SeriesScreen)
    return screen


async def test_at_80x24_the_chart_keeps_room_to_draw_beside_a_long_list() -> None:
    """The exports' six figures and the quote under them left the chart five rows at 24
    lines; a short screen lists fewer at once (the list scrolls) and the chart gets them."""
    app = app_for(use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _series_view(pilot, "chery-exports-2023")
        assert screen.has_class("-short")
        chart = screen.query_one(SeriesChart)
        assert chart.size.height >= 9  # seven rows to plot in, over the axis and its dates
        figures = screen.query_one("#series-figures")
        assert figures.size.height < len(screen.series.stated) + len(screen.series.implied)
        await pilot.press("end")  # the last row, scrolled to: the value Jan-Nov implies
        await pilot.pause()
        assert chart.cursor == implied_key(1)  # its own place, not its claim's bar
        assert screen.query_one(SeriesDetail).render().plain.startswith(
            "Implied, not stated: 1,045,394 to 1,046,306 for 2023-01…2023-11, worked out from "
            "Chery Group's exports in the first eleven months")
        await pilot.press("escape")  # the browser goes to the claim that implies it
        await pilot.pause()
        assert app.session.current == Location("claim", "chery-exports-jan-nov")


async def test_s_again_shows_the_kept_view_and_draws_a_series_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []

    def counted(series: Series, width: int, height: int) -> Drawing:
        drawn.append(series.label)
        return draw(series, width, height)

    monkeypatch.setattr(series_chart, "draw", counted)
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        first = await _series_view(pilot, "chery-exports-2023")
        assert drawn == ["exports: Chery Group"]
        await pilot.press("k", "escape")  # the browser follows to 2022
        await pilot.pause()
        assert app.session.current == Location("claim", "chery-exports-2022")
        await pilot.press("S")
        await pilot.pause()
        assert app.screen is first  # shown again, on the figure S was pressed on
        assert first.query_one(SeriesChart).cursor == "chery-exports-2022"
        assert drawn == ["exports: Chery Group"]  # its drawing kept
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.current == Location("claim", "chery-exports-2022")  # not moved
        app.navigate(Location("claim", "chery-group-sales-jan-nov"))
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert app.screen is first
        assert first.query_one(SeriesChart).cursor == "chery-group-sales-jan-nov"
        assert drawn == ["exports: Chery Group", first.series.label]
        assert first.series.label.startswith("total vehicle sales")
        rows = option_texts(first.query_one("#series-figures"))
        assert len(rows) == len(first.series.stated) + len(first.series.implied)
        assert rows[0].startswith("   ~2024-01…2024-11  2,561,465")  # the year inferred
        assert "exports" not in static_text(first.query_one("#series-title"))


async def test_s_inside_the_view_keeps_the_figure_looked_at() -> None:
    """S in the view showed the series again from the browser's figure: the cursor went
    back there, and escape left the browser where it was."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _series_view(pilot, "chery-exports-2023")
        await pilot.press("k", "S")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(SeriesChart).cursor == "chery-exports-2022"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.current == Location("claim", "chery-exports-2022")


async def test_the_palette_s_series_opens_on_the_browser_s_figure() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await browser_on(pilot, "chery-exports-2022")
        await palette_go(pilot, "series: exports: Chery")
        await until(pilot, lambda: isinstance(app.screen, SeriesScreen), "the series view")
        assert app.screen.query_one(SeriesChart).cursor == "chery-exports-2022"


async def test_a_figure_marked_in_the_view_shows_the_basket_s_mark() -> None:
    """space added the figure to the basket and its row did not change: every other list
    marks a claim in the basket with a ● before it."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _series_view(pilot, "chery-exports-2023")
        figures = screen.query_one("#series-figures")
        await pilot.press("space")
        await pilot.pause()
        assert "chery-exports-2023" in app.session.basket
        rows = option_texts(figures)
        assert rows[1].startswith("●✗ 2023 ")
        assert rows[0].startswith("   2022 ")
        await pilot.press("space")  # out again
        await pilot.pause()
        assert option_texts(figures)[1].startswith(" ✗ 2023 ")


async def test_on_a_small_terminal_everything_fits_and_a_cut_passage_says_so() -> None:
    """At 70x20 the screen scrolled its title away, and the passage under the list ended
    mid-sentence with nothing to say it went on; fitted after the screen's layout, it was
    fitted to two columns fewer than it has."""
    app = app_for(use_state=False)
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await _series_view(pilot, "chery-exports-2023")
        assert screen.has_class("-tiny")
        assert screen.max_scroll_y == 0  # nothing scrolled out of sight
        title = screen.query_one("#series-title")
        assert title.region.y == 1
        assert static_text(title).startswith("exports: Chery Group")
        # its one line cut with … (it wrapped, its second line out of sight, and read
        # "4 stated (2")
        line = "".join(segment.text for segment in title.render_line(0)).rstrip()
        assert line.startswith("exports: Chery Group")
        assert line.endswith("…")
        detail = screen.query_one(SeriesDetail)
        # two lines: no room for the claim's text too, so the passage, which is what is cited,
        # whole in the 58 columns it has (it was cut to 56, and said less than there was room for)
        assert detail.render().plain == ("[Surge] “its full-year 2023 export total of 937,148 "
                                         "units (which itself represented a 101.1% jump over "
                                         "2022)”")
        await pilot.press("j")  # Jan-Nov: its passage needs a third line
        await pilot.pause()
        shown = detail.render()
        assert shown.plain.startswith("[Surge] “the group’s cumulative automotive exports")
        assert shown.plain.endswith("…”")
        assert len(shown.wrap(app.console, detail.content_size.width)) == 2


async def test_the_figure_under_the_cursor_stays_in_sight_as_the_terminal_shrinks() -> None:
    """Found trying it: shrunk to 60x16 on the last figures, the list showed its first two
    rows and no cursor (and so did the browser's Timeline after escape)."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _series_view(pilot, "chery-exports-2023")
        figures = screen.query_one(SeriesFigures)
        await pilot.press("end")
        await pilot.pause()
        await pilot.resize_terminal(60, 16)
        await pilot.pause()
        assert screen.has_class("-tiny")
        top, shown = int(figures.scroll_y), figures.scrollable_content_region.height
        assert shown < figures.row_count
        assert top <= figures.cursor < top + shown
        await pilot.press("escape")  # the browser on that figure, its row in sight
        await pilot.pause()
        assert app.session.current == Location("claim", "chery-exports-jan-nov")
        timeline = app.main.query_one(TimelinePane)
        top, shown = int(timeline.scroll_y), timeline.scrollable_content_region.height
        assert top <= timeline.cursor < top + shown
        assert timeline.current_location == app.session.current
