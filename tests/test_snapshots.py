"""SVG snapshots of the main screen (120x40 and 80x24), the source reader and the help."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.ui_helpers import app_for, ready
from tui.domain.facts.location import Location


def test_main_screen_120x40(snap_compare: Any) -> None:
    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=ready)


def test_main_screen_80x24(snap_compare: Any) -> None:
    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=ready)


def test_claim_detail_with_relations(snap_compare: Any) -> None:
    async def open_claim(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        pilot.app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=open_claim)


def test_source_reader(snap_compare: Any) -> None:
    async def open_source(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        app = pilot.app
        facts = app.facts  # type: ignore[attr-defined]
        start = facts.claims["jin-denial"].citations[0].span[0]
        app.navigate(Location("source", "cnevpost-jlr-platform", passage=start))  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=open_source)


def test_help_screen(snap_compare: Any) -> None:
    assert snap_compare(app_for(), terminal_size=(120, 40), press=["question_mark"],
                        run_before=ready)
