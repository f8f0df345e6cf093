"""The breadcrumb is elided from the left: the newest crumb always shows whole."""

from __future__ import annotations

import pytest

from tests.ui_helpers import app_for, ready, static_text
from tui.domain.facts.location import Location
from tui.domain.present.crumbs import (
    ELIDED,
    FILTERED,
    OLDER_WIDTH,
    SEPARATOR,
    crumb_label,
    fit_crumbs,
)


@pytest.mark.parametrize(("labels", "width", "shown"), [
    pytest.param([], 80, [], id="nothing"),
    pytest.param(["a", "b", "c"], 80, ["a", "b", "c"], id="all-fit"),
    pytest.param(["a" * 30, "b" * 30, "c" * 30], 80, [ELIDED, "b" * 30, "c" * 30],
                 id="oldest-left-out"),
    pytest.param(["a" * 30, "b" * 30, "c" * 30], 40, [ELIDED, "c" * 30], id="only-newest"),
    pytest.param(["a" * 30, "n" * 100], 40, ["n" * 39 + ELIDED], id="newest-wider-than-all"),
    pytest.param(["old", "new"], 0, [], id="no-room"),
])
def test_fit_crumbs(labels: list[str], width: int, shown: list[str]) -> None:
    assert fit_crumbs(labels, width) == shown


@pytest.mark.parametrize("width", range(1, 200, 7))
def test_what_is_shown_fits_and_ends_with_the_newest(width: int) -> None:
    labels = [f"place number {n} " * (n % 4 + 1) for n in range(8)]
    shown = fit_crumbs(labels, width)
    assert len(SEPARATOR.join(shown)) <= width
    assert shown[-1] == labels[-1] or shown[-1].endswith(ELIDED)


def test_a_filter_step_is_labelled_and_later_places_carry_the_filter_mark() -> None:
    assert crumb_label("Jetour", "Jetour", filter_changed=True, moved=False) == \
        f"{FILTERED} Jetour"
    assert crumb_label("Jetour", None, filter_changed=True, moved=False) == \
        f"{FILTERED} cleared"
    assert crumb_label("A claim", "Jetour", filter_changed=True, moved=True) == \
        f"A claim {FILTERED} Jetour"
    assert crumb_label("A claim", "Jetour", filter_changed=False, moved=True) == \
        f"A claim {FILTERED}"
    assert crumb_label("A claim", None, filter_changed=False, moved=True) == "A claim"


def test_older_crumbs_are_shortened_and_the_newest_keeps_its_whole_text() -> None:
    labels = ["o" * 60, "n" * 70]
    shown = fit_crumbs(labels, 116)
    assert shown[-1] == "n" * 70
    assert shown[0] == "o" * (OLDER_WIDTH - 1) + ELIDED
    assert fit_crumbs(["n" * 70], 116) == ["n" * 70]


async def test_the_breadcrumb_names_the_filter_and_shows_the_newest_place_whole() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("entity", "jetour"))
        await pilot.pause()
        await pilot.press("2", "f")
        await pilot.pause()
        crumbs = static_text(app.screen.query_one("#crumbs"))
        assert crumbs.endswith(f"Jetour{SEPARATOR}{FILTERED} Jetour")
        claim = app.facts.claims["jetour-positioning"] if app.facts else None
        assert claim is not None
        assert len(claim.text) > 38
        app.navigate(Location("claim", claim.id))
        await pilot.pause()
        crumbs = static_text(app.screen.query_one("#crumbs"))
        assert crumbs.endswith(f"{SEPARATOR}{claim.text} {FILTERED}")
        await pilot.press("x")  # clearing the filter is a step too
        await pilot.pause()
        crumbs = static_text(app.screen.query_one("#crumbs"))
        assert crumbs.endswith(f"{SEPARATOR}{FILTERED} cleared")
