"""The browser through Textual's pilot: panes, linked selection, links, history, reader."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.ui_helpers import (
    app_for,
    focused_id,
    option_texts,
    ready,
    static_text,
    styled_text,
    table_texts,
    tree_labels,
)
from tui.domain.facts.location import Location
from tui.screens.main import MainScreen
from tui.screens.reader import SourceReader
from tui.widgets.brands import EntityTree
from tui.widgets.detail_pane import DetailPane
from tui.widgets.quotes import QuotesPane
from tui.widgets.sales import SalesPane, SalesTable
from tui.widgets.source_view import SourceView
from tui.widgets.timeline import TimelinePane


def main_of(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


def detail_texts(screen: MainScreen) -> list[str]:
    return option_texts(screen.query_one(DetailPane))


async def test_four_titled_panes_one_shown_with_the_detail_at_120x40() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        titles = {w.id: w.border_title for w in screen.query(".pane")}
        assert titles == {"timeline": "Timeline", "brands": "Brands", "sales": "Sales",
                          "quotes": "Quotes"}
        # the pane in use has the whole width, the Detail under it; the bar names them all
        assert [w.id for w in screen.query(".pane") if w.display] == ["timeline"]
        assert screen.query_one("#timeline").region.width == 120
        assert screen.query_one(DetailPane).region.area
        assert screen.has_class("stacked")
        assert static_text(screen.query_one("#tab-timeline")) == "1 Timeline"
        assert screen.query_one("#tab-timeline").has_class("-active")
        assert focused_id(app) == "timeline"
        assert screen.query_one("#timeline").display
        await pilot.press("2")
        assert focused_id(app) == "brands"
        assert screen.query_one("#brands").display
        assert not screen.query_one("#timeline").display
        await pilot.press("3")
        assert focused_id(app) == "sales-table"
        await pilot.press("4")
        assert focused_id(app) == "quotes"
        await pilot.press("tab")
        assert focused_id(app) == "detail"
        await pilot.press("tab")
        assert focused_id(app) == "timeline"
        await pilot.press("shift+tab")
        assert focused_id(app) == "detail"


async def test_timeline_is_ordered_grouped_by_year_with_date_precision() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        texts = option_texts(main_of(app).query_one(TimelinePane))
        years = [t for t in texts if t.isdigit()]
        assert years == sorted(years)
        assert "2024" in years
        assert "2017" in years
        assert any("2023-07-26 " in t and "Volkswagen" in t for t in texts)  # stated day
        assert any("~2024-04-14" in t and "Yin Tongyue" in t for t in texts)  # inferred day
        assert any("~2023-04 " in t and "rename" in t for t in texts)  # inferred month
        assert any(t.strip().startswith("2030 ") for t in texts)  # year precision
        assert any("  CnEVPost  " in t for t in texts)  # source tag, after the date


async def test_brands_tree_has_groups_partners_people_places() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        labels = tree_labels(main_of(app).query_one(EntityTree))
        for expected in ("Chery Group", "Jaecoo", "Jaecoo 7", "Luxeed", "Partners and rivals",
                         "JLR", "Range Rover", "BYD", "Leapmotor", "Stellantis", "Volkswagen",
                         "Xpeng", "Nio", "Huawei", "People", "Places", "Liverpool"):
            assert expected in labels, expected
        assert "Gong Yueqiong — General manager of Chery Commercial Vehicle" in labels
        assert labels.index("Jaecoo") < labels.index("Jaecoo 7") < labels.index("People")


async def test_f_filters_the_panes_to_the_entity_until_cleared() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        everything = len(option_texts(screen.query_one(TimelinePane)))
        app.navigate(Location("entity", "jaecoo"), "brands")
        await pilot.pause()
        assert screen.filter_entity is None  # opening an entity shows it; it filters nothing
        await pilot.press("f")
        await pilot.pause()
        assert screen.filter_entity == "jaecoo"
        filtered = option_texts(screen.query_one(TimelinePane))
        assert 0 < len(filtered) < everything
        assert any("Jaecoo 7 was the best-selling" in t for t in filtered)
        assert not any("Volkswagen" in t for t in filtered)
        bar = static_text(screen.query_one("#filter"))
        assert "Filter: Jaecoo" in bar
        assert "1 below it" in bar
        table = table_texts(screen.query_one(SalesTable))
        assert [row[0] for row in table] == ["Market share", "Sales"]
        await pilot.press("x")
        await pilot.pause()
        assert screen.filter_entity is None
        assert len(option_texts(screen.query_one(TimelinePane))) == everything
        assert not screen.query_one("#filter").display


async def test_enter_in_the_tree_opens_the_entity_and_f_filters_to_it() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2", "G", "enter")
        await pilot.pause()
        screen = main_of(app)
        tree = screen.query_one(EntityTree)
        assert tree.cursor_node is not None
        entity = tree.cursor_node.data
        assert entity is not None
        assert screen.shown == Location("entity", entity)
        assert screen.filter_entity is None
        await pilot.press("2", "f")
        await pilot.pause()
        assert screen.filter_entity == entity


async def test_sales_tables_sort_switch_and_open_the_claim_behind_a_cell() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        table = screen.query_one(SalesTable)
        rows = table_texts(table)
        assert rows[0][:2] == ["Group total", "2,561,465"]
        assert "+11.1% vs year-over-year" in rows[0]
        await pilot.press("3", "l", "right", "s")  # sort by the Units column, ascending
        await pilot.pause()
        units = [row[1] for row in table_texts(table)]
        values = [int(u.replace(",", "")) for u in units]
        assert values == sorted(values)
        await pilot.press("s")
        await pilot.pause()
        values = [int(r[1].replace(",", "")) for r in table_texts(table)]
        assert values == sorted(values, reverse=True)
        await pilot.press("g", "enter")
        await pilot.pause()
        assert app.session.history.current == Location("claim", "chery-group-sales-jan-nov")
        assert detail_texts(screen)[1].startswith("Chery Group's total vehicle sales")
        await pilot.press("3", "right_square_bracket")
        await pilot.pause()
        assert "exports by period" in static_text(screen.query_one("#sales-title"))
        assert screen.query_one(SalesPane).index == 1


async def test_quotes_lead_with_the_speaker_then_role_mode_source_and_date() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        texts = option_texts(main_of(app).query_one(QuotesPane))
        jervis = next(t for t in texts if "This could unlock" in t)
        assert jervis.startswith("   Tom Jervis: “This could unlock")
        assert "— Auto Express · direct · Gate" in jervis
        jin = next(t for t in texts if "was untrue" in t)
        assert jin.startswith(" ✗ Jin Yibo: ")  # disputed: the denial contradicts a report
        assert "— Chery spokesman · reported · CnEVPost · ~2024-04" in jin


async def test_detail_shows_relations_both_ways_and_links_can_be_followed() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "jlr-adopt-chery-platform"), "timeline")
        await pilot.pause()
        screen = main_of(app)
        texts = detail_texts(screen)
        assert texts[0] == "plan · denied · jlr-adopt-chery-platform"
        assert any(t.startswith("▸ contradicted by ← Chery spokesman Jin Yibo") for t in texts)
        assert any("Source quality" in t for t in texts)
        assert any("anonymous-sourcing" in t for t in texts)
        detail = screen.query_one(DetailPane)
        assert app.focused is detail
        target = next(i for i, t in enumerate(texts) if "contradicted by ← Chery spokesman" in t)
        detail.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.history.current == Location("claim", "jin-denial")
        assert any("Relayed by: Yicai" in t for t in detail_texts(screen))


async def test_history_back_and_forward_across_claims_entities_and_sources() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "jin-denial"))
        app.navigate(Location("entity", "yicai"))
        await pilot.pause()
        source = Location("source", "cnevpost-jlr-platform")
        app.navigate(source)
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.history.current == Location("entity", "yicai")
        assert main_of(app).filter_entity is None
        await pilot.press("backspace")
        await pilot.pause()
        assert app.session.history.current == Location("claim", "jin-denial")
        crumbs = static_text(main_of(app).query_one("#crumbs"))
        assert "Chery spokesman Jin Yibo" in crumbs
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.session.history.current == Location("entity", "yicai")
        await pilot.press("alt+right")
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        await pilot.press("alt+left")
        await pilot.pause()
        assert app.session.history.current == Location("entity", "yicai")


async def test_source_reader_highlights_steps_and_opens_claims() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        facts = app.facts
        assert facts is not None
        start = facts.claims["jin-denial"].citations[0].span[0]
        app.navigate(Location("source", "cnevpost-jlr-platform", passage=start))
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceReader)
        current = reader.passages[reader.current]
        assert current.start == start
        assert current.claim_id == "jin-denial"
        title = static_text(reader.query_one("#reader-title"))
        assert "Chery spokesman Jin Yibo" in title
        # the current passage is lit, other cited passages are marked
        view = reader.query_one(SourceView)
        passage = " ".join(reader.text[current.start:current.end].split())
        assert styled_text(view, "source-view--current") == passage
        assert styled_text(view, "source-view--cited")
        await pilot.press("n")
        assert reader.passages[reader.current].start >= start
        await pilot.press("p", "p")
        assert reader.passages[reader.current].start < start
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        now = app.session.current
        assert now is not None
        assert now.kind == "claim"


async def test_quit_from_anywhere() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2", "q")
        await pilot.pause()
    assert app.return_code == 0


async def test_small_terminal_one_pane_plus_detail_and_zoom() -> None:
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        assert screen.has_class("stacked")
        visible = [w.id for w in screen.query(".pane") if w.display]
        assert visible == ["timeline"]
        assert screen.query_one(DetailPane).region.area
        await pilot.press("tab")
        visible = [w.id for w in screen.query(".pane") if w.display]
        assert visible == ["brands"]
        assert focused_id(app) == "brands"
        await pilot.press("3")
        assert [w.id for w in screen.query(".pane") if w.display] == ["sales"]
        await pilot.press("z")
        assert screen.maximized is screen.query_one(SalesTable)
        await pilot.press("z")
        assert screen.maximized is None
        await pilot.press("4", "enter")
        await pilot.pause()
        assert app.session.history.current is not None
        assert isinstance(screen.query_one(DetailPane), OptionList)


async def test_sales_cells_fit_their_columns_after_a_filter_change() -> None:
    """Regression: after a filter re-rendered the table, cells were clipped to the widths of
    the column titles ('2010' showed as '201')."""
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("3")  # the Sales pane shown (one pane at a time)
        table = main_of(app).query_one(SalesTable)
        app.session.filter_to("jlr")
        app.redraw_session()
        table.render_line(1)  # a terminal paints before the table's idle-time width update
        await pilot.pause()
        assert table_texts(table)[0][:2] == ["2010", "26,100"]
        rendered = table.render_line(1).text  # the first row as drawn on screen
        assert " 2010 " in rendered, rendered
        assert " 26,100 " in rendered, rendered


async def test_companies_are_not_filed_under_places() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        tree = main_of(app).query_one(EntityTree)
        places = next(n for n in tree.root.children if str(n.label) == "Places")
        below: list[str] = []
        stack = list(places.children)
        while stack:
            node = stack.pop()
            below.append(str(node.data))
            stack.extend(node.children)
        facts = app.facts
        assert facts is not None
        assert {facts.entities[e].kind for e in below} == {"place"}


async def test_detail_follows_the_pane_that_takes_focus() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        await pilot.press("3")
        await pilot.pause()
        assert screen.shown == Location("claim", "chery-group-sales-jan-nov")
        await pilot.press("4")
        await pilot.pause()
        assert screen.shown == screen.query_one(QuotesPane).current_location


async def test_a_large_entity_tree_is_built_lazily_and_selection_still_finds_any_entity(
        tmp_path: Path) -> None:
    from tui.bench.generate import generate

    path = generate(20_000, tmp_path)  # about 740 entities
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        tree = main_of(app).query_one(EntityTree)
        built = len(tree_labels(tree))
        assert built < 300  # only the top level and what was opened
        app.navigate(Location("entity", "brand-150"), "palette")
        await pilot.pause()
        assert main_of(app).shown == Location("entity", "brand-150")
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == "brand-150"
        assert len(tree_labels(tree)) > built


async def test_an_item_shown_again_in_the_detail_reuses_its_measured_options() -> None:
    """Switching panes shows the same few items again and again: their options are kept,
    so Textual does not wrap and measure them again (a third of what `2` took)."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        detail = screen.query_one(DetailPane)
        await pilot.press("2")
        await pilot.pause()
        first = detail.options[0]
        texts = detail_texts(screen)
        await pilot.press("1", "2")
        await pilot.pause()
        assert detail.options[0] is first
        assert detail_texts(screen) == texts
        app.theme = "textual-light"  # new colours: made again
        await pilot.pause()
        await pilot.press("1", "2")
        await pilot.pause()
        assert detail.options[0] is not first
        assert detail_texts(screen) == texts
