"""Monkey test: random keys and terminal resizes through the pilot, on the bundled data and on
a synthetic file. No exception may escape (run_test re-raises any), and the app must still
quit on `q` afterwards.

`make test` presses about 1,300 keys (each one is drawn, ~60 ms here); `make monkey` sets
CHERY_TUI_MONKEY=10 for ten times as many, with other seeds.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.ui_helpers import app_for, ready
from tui.bench.generate import generate
from tui.keys import KEYS

_QUIT = {"q", "ctrl+q", "ctrl+c"}
_BOUND = sorted({k.strip() for key in KEYS if key.binding for k in key.binding.split(",")}
                - _QUIT)
_TYPING = [*"abcdefghijklmnoprstuvwxyz0123456789", "space", "full_stop", "minus"]
_MOVING = ["up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab",
           "shift+tab", "enter", "escape", "backspace", "ctrl+p", "slash", "question_mark"]
_SIZES = [(120, 40), (80, 24), (60, 20), (200, 60), (100, 30), (40, 12)]


_SCALE = int(os.environ.get("CHERY_TUI_MONKEY", "1") or 1)


@pytest.fixture(autouse=True)
def _in_a_folder_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """E then enter writes an export into the working folder: not the checkout's."""
    monkeypatch.chdir(tmp_path)


async def _monkey(path: Path | None, presses: int, seed: int) -> None:
    rng = random.Random(seed * _SCALE)
    app = app_for(path, use_state=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        for n in range(presses * _SCALE):
            roll = rng.random()
            if roll < 0.03:
                await pilot.resize_terminal(*rng.choice(_SIZES))
            elif roll < 0.45:
                await pilot.press(rng.choice(_BOUND))
            elif roll < 0.75:
                await pilot.press(rng.choice(_MOVING))
            else:
                await pilot.press(rng.choice(_TYPING))
            if n % 50 == 0:
                await pilot.pause()
        # whatever is open (palette, modal, search), the app still answers
        for _ in range(6):
            await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running, f"q did not quit (seed {seed}); screen {app.screen!r}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
async def test_random_keys_on_the_bundled_data(seed: int) -> None:
    await _monkey(None, 450, seed)


@pytest.mark.slow
async def test_random_keys_on_a_synthetic_file(tmp_path: Path) -> None:
    await _monkey(generate(2000, tmp_path / "gen"), 400, 3)


async def test_page_keys_in_a_pane_squeezed_to_nothing() -> None:
    """Found by the monkey: OptionList's page up/down raised KeyError with no room to lay out
    its lines (a terminal a few rows high)."""
    from tui.domain.facts.location import Location

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-2023"))
        await pilot.pause()
        app.screen.query_one("#detail").focus()
        for size in ((40, 12), (30, 6), (20, 4)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("pagedown", "pageup", "pagedown")
        await pilot.resize_terminal(120, 40)
        await pilot.press("pagedown")
