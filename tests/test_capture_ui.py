"""Capture in the browser (issue 14): select a passage in the reader, make a claim of it in
the form, and find it written, reloaded, selected and cross-checked; undo it byte for byte."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static

from tests.capture_fixtures import PRESS_RELEASE, write_release
from tests.ui_helpers import app_for, option_texts, ready, until
from tui.app import CheryApp
from tui.domain.facts.location import Location
from tui.screens.capture import CaptureScreen
from tui.screens.main import MainScreen
from tui.screens.reader import SourceReader
from tui.widgets.detail_pane import DetailPane
from tui.widgets.source_view import SourceView


async def _reader(pilot: object, app: CheryApp) -> SourceReader:
    await ready(pilot)
    app.navigate(Location("source", "release"))
    await until(pilot, lambda: isinstance(app.screen, SourceReader), "the reader")
    reader = app.screen
    assert isinstance(reader, SourceReader)
    await until(pilot, lambda: bool(reader.to_capture), "what is left to capture")
    return reader


def _value(screen: CaptureScreen, name: str) -> str:
    widget = screen.query_one(f"#capture-{name}")
    return widget.value if isinstance(widget, Input) else str(
        widget.value if isinstance(widget, Select) else "")


async def test_a_quotation_captured_is_written_reloaded_and_selected(tmp_path: Path) -> None:
    path = write_release(tmp_path)
    before = path.read_bytes()
    app = app_for(path, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await _reader(pilot, app)
        # the first uncited figure or quotation after the cited sales figure: 12.5%
        await pilot.press("t")
        assert PRESS_RELEASE[reader.cursor.at:].startswith("12.5%")
        await pilot.press("t")  # the quotation
        assert PRESS_RELEASE[reader.cursor.at:].startswith("“This is the best year")
        await pilot.press("V")
        start, end = reader.cursor.span or (0, 0)
        assert PRESS_RELEASE[start:end] == ("“This is the best year in our history,” said "
                                            "chief executive Mara Quinn.")
        assert reader.query_one(SourceView).selection == (start, end)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen), "the form")
        form = app.screen
        assert isinstance(form, CaptureScreen)
        # proposed from the passage: a direct quote of Mara Quinn's words
        assert _value(form, "kind") == "quote"
        assert _value(form, "speaker") == "mara-quinn"
        assert _value(form, "words") == "This is the best year in our history"
        assert _value(form, "mode") == "direct"
        assert "mara-quinn" in _value(form, "about")
        form.query_one("#capture-ident", Input).value = "quinn-best-year"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.ready
                     and app.facts is not None and "quinn-best-year" in app.facts.claims,
                     "the reload with the new claim")
        await until(pilot, lambda: app.session.current == Location("claim",
                                                                    "quinn-best-year"),
                     "the new claim selected")
        assert app.facts is not None
        claim = app.facts.claims["quinn-best-year"]
        assert claim.quote is not None
        assert claim.quote.speaker == "mara-quinn"
        # the quotation occurs twice: the citation picks the first out
        assert claim.citations[0].span == (start, end)
        written = path.read_text(encoding="utf-8")
        assert written.startswith(before.decode())  # nothing else changed, comments kept
        assert 'id = "quinn-best-year"' in written
        await pilot.press("ctrl+z")
        await until(pilot, lambda: app.facts is not None
                     and "quinn-best-year" not in app.facts.claims, "the undo's reload")
        assert path.read_bytes() == before


async def test_escape_cancels_the_selection_before_it_leaves_the_reader(tmp_path: Path
                                                                        ) -> None:
    app = app_for(write_release(tmp_path), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await _reader(pilot, app)
        await pilot.press("v", "right", "right")
        assert reader.cursor.span is not None
        await pilot.press("escape")
        assert reader.cursor.span is None
        assert app.screen is reader
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the browser")


async def test_a_draft_with_problems_stays_open_and_says_what_is_wrong(tmp_path: Path
                                                                       ) -> None:
    path = write_release(tmp_path)
    before = path.read_bytes()
    app = app_for(path, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await _reader(pilot, app)
        await pilot.press("t", "v")  # 12.5%, a figure
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen), "the form")
        form = app.screen
        assert isinstance(form, CaptureScreen)
        assert _value(form, "kind") == "figure"
        assert _value(form, "value") == "12.5"
        assert _value(form, "unit") == "percent"
        await pilot.press("ctrl+s")  # no measure, and about no one
        await pilot.pause()
        assert app.screen is form
        shown = str(form.query_one("#capture-problems", Static).render())
        assert "Measure" in shown
        assert form.query_one("#capture-measure").has_class("-invalid")
        assert path.read_bytes() == before
        await pilot.press("escape")
        assert isinstance(app.screen, SourceReader)
        assert reader.cursor.span is not None  # the selection is kept, to try again


async def test_the_engine_s_findings_about_a_captured_figure_show_at_once(tmp_path: Path
                                                                          ) -> None:
    app = app_for(write_release(tmp_path), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await _reader(pilot, app)
        await pilot.press(*"tttttt")  # the last uncited figure: 49,000 vehicles
        assert PRESS_RELEASE[reader.cursor.at:].startswith("49,000 vehicles")
        await pilot.press("V", "a")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen), "the form")
        form = app.screen
        assert isinstance(form, CaptureScreen)
        assert _value(form, "stated") == "49,000 vehicles"
        assert _value(form, "about") == "northwind"
        for name, value in (("ident", "quinn-sales-2025"), ("measure", "vehicle sales"),
                            ("unit", "vehicles"), ("period", "2025"),
                            ("text", "Northwind sold 49,000 vehicles in 2025.")):
            form.query_one(f"#capture-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.session.current == Location("claim",
                                                                    "quinn-sales-2025")
                     and app.xref is not None, "the new claim, cross-checked")
        await pilot.pause()
        shown = "\n".join(option_texts(app.main.query_one(DetailPane)))
        assert "✗ contradiction" in shown
        assert "Northwind Motors sold 48,250 vehicles in 2025." in shown
        written = app.facts_path.read_text(encoding="utf-8")
        new = written[written.index('id = "quinn-sales-2025"'):]
        # written as the file's own figures are: its figure in a sub-table of its own
        assert "\n[claims.figure]\nmeasure = \"vehicle sales\"\nvalue = 49000\n" in new


async def test_a_capture_the_file_refuses_shows_why_and_changes_nothing(tmp_path: Path
                                                                        ) -> None:
    """The file gained a claim of the same id since it was loaded (saved in an editor, not
    reloaded yet): the loader's check refuses the change, the form says so and stays."""
    path = write_release(tmp_path)
    app = app_for(path, use_state=False)
    app.watch_every = 3600  # not noticed: the form is filled against the old version
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await _reader(pilot, app)
        meanwhile = path.read_text(encoding="utf-8")
        path.write_text(meanwhile + FACTS_TAIL, encoding="utf-8")
        await pilot.press("t", "t", "V", "a")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen), "the form")
        form = app.screen
        assert isinstance(form, CaptureScreen)
        form.query_one("#capture-ident", Input).value = "quinn-best"
        await pilot.press("ctrl+s")
        problems = form.query_one("#capture-problems", Static)
        await until(pilot, lambda: "refused" in str(problems.render()), "the refusal")
        shown = str(problems.render())
        assert "duplicate id 'quinn-best'" in shown
        assert app.screen is form
        assert path.read_text(encoding="utf-8") == meanwhile + FACTS_TAIL
        assert reader.cursor.span is not None


FACTS_TAIL = """
[[claims]]
id = "quinn-best"
kind = "statement"
text = "Added in an editor."
about = ["northwind"]
status = "reported"
citations = [{ source = "release", exact = "the company said on Tuesday" }]
"""


async def test_a_form_cancelled_opens_again_with_what_was_typed(tmp_path: Path) -> None:
    """Found by a tester: escape, and what had been typed in the form was gone."""
    app = app_for(write_release(tmp_path), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await _reader(pilot, app)
        await pilot.press("t", "v", "a")  # 12.5%
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen), "the form")
        form = app.screen
        assert isinstance(form, CaptureScreen)
        measure = form.query_one("#capture-measure", Input)
        measure.focus()
        await pilot.press(*"veh")
        # the measures the file's figures use are offered: the same words compare
        await until(pilot, lambda: measure._suggestion == "vehicle sales", "the completion")
        await pilot.press("right")
        assert measure.value == "vehicle sales"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SourceReader), "the reader")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen), "the form again")
        assert _value(app.screen, "measure") == "vehicle sales"  # type: ignore[arg-type]


async def test_j_and_k_move_the_cursor_once_it_is_shown(tmp_path: Path) -> None:
    app = app_for(write_release(tmp_path), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        reader = await _reader(pilot, app)
        view = reader.query_one(SourceView)
        layout = view.layout_of_text
        await pilot.press("j")  # reading: j scrolls, no cursor appears
        assert view.cursor is None
        await pilot.press("t")
        at = reader.cursor.at
        row = layout.row_of_offset(at)
        await pilot.press("j")
        assert view.cursor == reader.cursor.at
        assert layout.row_of_offset(reader.cursor.at) > row  # a row down, not left behind
        await pilot.press("k")
        assert reader.cursor.at == at
        # while selecting, j extends the selection by a row
        await pilot.press("v", "j")
        span = reader.cursor.span
        assert span is not None
        assert layout.row_of_offset(span[1] - 1) > layout.row_of_offset(span[0])
