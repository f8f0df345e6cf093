"""SVG snapshots of the main screen (80x24, 120x40, 200x60, a light theme), the Detail
zoomed, a claim's detail, the source reader and the help, capture's selection and form, the
export screen, the series of Chery's exports and sales."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.ui_helpers import app_for, ready
from tui.app import CheryApp
from tui.domain.facts.location import Location


def _chery(pilot: Pilot[Any]) -> CheryApp:
    assert isinstance(pilot.app, CheryApp)
    return pilot.app


def test_main_screen_120x40(snap_compare: Any) -> None:
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=ready)


def test_main_screen_80x24(snap_compare: Any) -> None:
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=ready)


def test_main_screen_200x60(snap_compare: Any) -> None:
    assert snap_compare(app_for(), terminal_size=(200, 60), run_before=ready)


def test_main_screen_in_a_light_theme(snap_compare: Any) -> None:
    async def light(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=light)


def test_the_detail_zoomed(snap_compare: Any) -> None:
    async def zoom(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        _chery(pilot).navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=zoom)


def test_claim_detail_with_relations(snap_compare: Any) -> None:
    async def open_claim(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        _chery(pilot).navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=open_claim)


def test_source_reader(snap_compare: Any) -> None:
    async def open_source(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        app = _chery(pilot)
        assert app.facts is not None
        start = app.facts.claims["jin-denial"].citations[0].span[0]
        app.navigate(Location("source", "cnevpost-jlr-platform", passage=start))
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=open_source)


def test_help_screen(snap_compare: Any) -> None:
    assert snap_compare(app_for(), terminal_size=(120, 40), press=["question_mark"],
                        run_before=ready)


async def _selecting(pilot: Pilot[Any]) -> None:
    await ready(pilot)
    _chery(pilot).navigate(Location("source", "gate-liverpool"))
    await pilot.pause()
    await pilot.press("t", "t", "V")  # the second figure no claim cites, its sentence
    await pilot.pause()


def test_the_reader_marks_what_is_left_to_capture_and_a_selection(snap_compare: Any) -> None:
    assert snap_compare(app_for(use_state=False), terminal_size=(100, 30),
                        run_before=_selecting)


def test_the_capture_form_at_80x24(snap_compare: Any) -> None:
    async def form(pilot: Pilot[Any]) -> None:
        await _selecting(pilot)
        await pilot.press("a")
        await pilot.pause()

    assert snap_compare(app_for(use_state=False), terminal_size=(80, 24), run_before=form)


async def _exporting(pilot: Pilot[Any]) -> None:
    await ready(pilot)
    app = _chery(pilot)
    app.navigate(Location("claim", "chery-exports-2023"))
    await pilot.pause()
    await pilot.press("space", "E", "tab", "j", "j", "j")  # the basket, as BibTeX
    await pilot.pause()


def test_the_export_screen_at_80x24(snap_compare: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir("/")  # the proposed path starts at the working folder
    assert snap_compare(app_for(use_state=False), terminal_size=(80, 24),
                        run_before=_exporting)


def test_the_export_screen_at_120x40(snap_compare: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir("/")
    assert snap_compare(app_for(use_state=False), terminal_size=(120, 40),
                        run_before=_exporting)


async def _exports_series(pilot: Pilot[Any]) -> None:
    await ready(pilot)
    app = _chery(pilot)
    app.navigate(Location("claim", "chery-exports-2023"))
    await pilot.pause()
    await pilot.press("S")
    await pilot.pause()


def test_the_series_of_chery_s_exports_at_80x24(snap_compare: Any) -> None:
    assert snap_compare(app_for(use_state=False), terminal_size=(80, 24),
                        run_before=_exports_series)


def test_the_series_of_chery_s_exports_at_120x40(snap_compare: Any) -> None:
    assert snap_compare(app_for(use_state=False), terminal_size=(120, 40),
                        run_before=_exports_series)


def test_the_series_in_a_light_theme(snap_compare: Any) -> None:
    async def light(pilot: Pilot[Any]) -> None:
        await _exports_series(pilot)
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app_for(use_state=False), terminal_size=(100, 30), run_before=light)


async def _sales_series(pilot: Pilot[Any]) -> None:
    await ready(pilot)
    app = _chery(pilot)
    app.navigate(Location("claim", "chery-group-sales-jan-nov"))
    await pilot.pause()
    await pilot.press("S")
    await pilot.pause()


def test_the_series_of_chery_s_sales_at_80x24(snap_compare: Any) -> None:
    assert snap_compare(app_for(use_state=False), terminal_size=(80, 24),
                        run_before=_sales_series)


def test_the_series_of_chery_s_sales_at_120x40(snap_compare: Any) -> None:
    assert snap_compare(app_for(use_state=False), terminal_size=(120, 40),
                        run_before=_sales_series)
