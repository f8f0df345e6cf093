"""The breadcrumb is elided from the left: the newest crumb always shows whole."""

from __future__ import annotations

import pytest

from tui.domain.present.crumbs import ELIDED, SEPARATOR, fit_crumbs


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
