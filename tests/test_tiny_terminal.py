"""Every screen opens in a terminal far too small for it, without crashing: a dialog or a
list drawn 0 cells wide raised ValueError in Rich's text wrapping."""

from __future__ import annotations

import pytest

from tests.ui_helpers import app_for, ready

KEYS = [["C"], ["C", "j", "enter"], ["ctrl+p", "a"], ["ctrl+p", "c", "h", "down"],
        ["question_mark"], ["exclamation_mark", "down", "enter"], ["H", "down", "enter"],
        ["slash", "a", "enter"], ["z"], ["2", "enter"], ["3", "enter", "c"]]


@pytest.mark.parametrize("size", [(10, 10), (4, 4), (1, 1), (10, 40), (200, 3)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_opens_in_a_tiny_terminal(size: tuple[int, int]) -> None:
    for keys in KEYS:
        app = app_for(use_state=False)
        async with app.run_test(size=size) as pilot:  # raises what the app raised
            await ready(pilot)
            await pilot.press(*keys)
            await pilot.pause()
        assert app.return_code in (None, 0), keys
