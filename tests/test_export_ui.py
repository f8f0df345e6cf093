"""E in the browser: what it offers to export from where the user is, and the file it writes
where the user says, read back by its format's reader."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.ui_helpers import app_for, browser_on, option_texts, ready, until
from tui.domain.facts.location import Location
from tui.screens.export import ExportScreen


async def _exported(pilot: Any, app: Any, target: Path) -> None:
    """Wait until the export's thread is done and `target` is there."""
    await until(pilot, lambda: target.exists() and not any(
        w.group == "export" and w.is_running for w in app.workers), f"{target} exported",
        seconds=120)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where the screen proposes to write


async def test_the_basket_is_offered_first_and_exported_as_markdown(tmp_path: Path) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await browser_on(pilot, "chery-exports-2023")
        assert app.facts is not None
        await pilot.press("space")
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        offered = option_texts(app.screen.query_one("#export-what"))
        assert offered[0] == "The basket (1 claim)"
        assert offered[-1] == "The whole file (138 claims, 4 sources)"
        assert any(o.startswith("The table in Sales: ") for o in offered)
        path = app.screen.query_one("#export-path")
        assert path.value == str(tmp_path / "chery-basket.md")  # type: ignore[attr-defined]
        await pilot.press("enter", "enter", "enter")  # what, format, the proposed path
        await _exported(pilot, app, tmp_path / "chery-basket.md")
        report = (tmp_path / "chery-basket.md").read_text(encoding="utf-8")
        assert "`chery-exports-2023`" in report
        assert "[^chery-exports-2023]:" in report
        assert "1 claim from 1 source" in report
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Exported markdown of 1 claim to ") for m in messages)


async def test_the_whole_file_as_sqlite_to_a_typed_path(tmp_path: Path) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        # no basket: the whole file is offered first
        assert app.screen.choice.slug == ""
        await pilot.press("tab", *["j"] * 5)  # to the formats, down to sqlite
        await pilot.pause()
        assert app.screen.fmt == "sqlite"
        field = app.screen.query_one("#export-path")
        assert field.value == str(tmp_path / "chery.db")  # type: ignore[attr-defined]
        await pilot.press("tab", "ctrl+u", *"team/facts.db", "enter")
        await _exported(pilot, app, tmp_path / "team" / "facts.db")
        db = sqlite3.connect(tmp_path / "team" / "facts.db")
        assert db.execute("SELECT count(*) FROM claims").fetchone() == (138,)


async def test_an_existing_file_is_replaced_only_when_asked_twice(tmp_path: Path) -> None:
    target = tmp_path / "chery.json"
    target.write_text("old")
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("E", "tab", "j", "j", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        status = app.screen.query_one("#export-status")
        assert "exists: enter again replaces it" in str(status.render())
        assert target.read_text() == "old"
        await pilot.press("enter")
        await _exported(pilot, app, target)
        # the old file exists all along: wait for the new one
        await until(pilot, lambda: target.read_text() != "old", "the new export", seconds=120)
        items = json.loads(target.read_text(encoding="utf-8"))
        assert {i["id"] for i in items} == set(app.facts.sources)  # type: ignore[union-attr]


async def test_escape_writes_nothing(tmp_path: Path) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert list(tmp_path.iterdir()) == []


async def test_the_filtered_view_is_offered(tmp_path: Path) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.facts is not None
        app.navigate(Location("entity", "jlr"))
        await pilot.pause()
        await pilot.press("d", "f")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        view = next(c for c in app.screen.choices if c.slug == "view")
        assert view.label.startswith("The current view: ")
        assert view.claim_ids
        assert set(view.claim_ids) < set(app.facts.claims)


async def test_a_failed_export_is_said_and_the_browser_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("E", "tab", "tab", "ctrl+u", *"a-file/x.md", "enter")
        await until(pilot, lambda: any(n.message.startswith("Could not export")
                                       for n in app._notifications), "the failure said",
                    seconds=120)
        [said] = [n for n in app._notifications if n.message.startswith("Could not export")]
        assert said.severity == "error"
        assert str(tmp_path / "a-file" / "x.md") in said.message
        assert app.is_running
        assert (tmp_path / "a-file").read_text() == "not a folder"


async def test_the_report_cites_in_the_style_c_uses(tmp_path: Path) -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.session.cite_style = "apa"
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        formats = option_texts(app.screen.query_one("#export-format"))
        assert formats[0].endswith("a report, APA citations and references")
        await pilot.press("enter", "enter", "enter")
        await _exported(pilot, app, tmp_path / "chery.md")
        report = (tmp_path / "chery.md").read_text(encoding="utf-8")
        assert "\n## References\n" in report
        assert "[^" not in report


async def test_in_the_series_view_its_chart_is_offered_first_as_svg(tmp_path: Path) -> None:
    from tui.domain.export.series_svg import render
    from tui.screens.series import SeriesScreen

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await browser_on(pilot, "chery-exports-2023")
        await pilot.press("space", "S")  # a basket too: the chart still comes first
        await pilot.pause()
        view = app.screen
        assert isinstance(view, SeriesScreen)
        await pilot.press("E")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        offered = option_texts(screen.query_one("#export-what"))
        assert offered[:2] == ["The chart of this series: exports: Chery Group",
                               "The basket (1 claim)"]
        assert [t.split()[0] for t in option_texts(screen.query_one("#export-format"))] == \
            ["svg"]
        target = tmp_path / "chery-series-exports-chery-group.svg"
        assert screen.query_one("#export-path").value == str(target)  # type: ignore[attr-defined]
        await pilot.press("j")  # the basket: its formats are the claims'
        await pilot.pause()
        assert screen.fmt == "markdown"
        assert option_texts(screen.query_one("#export-format"))[0].startswith("markdown")
        await pilot.press("k")  # back to the chart
        await pilot.pause()
        assert screen.choice.formats == ("svg",)
        assert str(screen.fmt) == "svg"
        await pilot.press("ctrl+s")
        await _exported(pilot, app, target)
        assert target.read_bytes() == render(view.facts, view.series)
        assert app.screen is view  # back in the series view
        messages = [n.message for n in app._notifications]
        assert f"Exported the chart of exports: Chery Group to {target}" in messages


async def test_a_chart_that_fails_to_draw_is_said_and_the_view_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only an OSError was caught for the chart: anything else raised in the export's
    thread ended the app."""
    from tui.domain.export import series_svg
    from tui.screens.series import SeriesScreen

    def broken(*_: object) -> bytes:
        raise ValueError("no room to draw")

    monkeypatch.setattr(series_svg, "render", broken)
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await browser_on(pilot, "chery-exports-2023")
        await pilot.press("S", "E")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any(n.message.startswith("Could not export")
                                       for n in app._notifications), "the failure said",
                    seconds=120)
        [said] = [n for n in app._notifications if n.message.startswith("Could not export")]
        assert said.message.endswith("ValueError: no room to draw")
        assert app.is_running
        assert isinstance(app.screen, SeriesScreen)
        assert not list(tmp_path.glob("*.svg"))
