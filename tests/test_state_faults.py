"""The user's state survives what goes wrong around it: a write that fails is tried again and,
if it still fails on leaving, what would be lost is said; two instances on one fact file
merge their baskets; a `kill` or a closed terminal saves the last change; an edit that keeps
a file's size and modification time is still seen."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import HANG_SECONDS
from tests.ui_helpers import app_for, ready
from tui.app.watch import FileWatcher, stamps
from tui.bundled import bundled_facts_path
from tui.domain.facts.location import Location
from tui.navigation.history import History, Place
from tui.navigation.saved_state import UserState
from tui.storage import state_file

FACTS = Path("/somewhere/facts.toml")


async def _settled(pilot: object) -> None:
    """Wait for the state writer's thread and its report back."""
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(2000):
        await pilot.pause(0.005)  # type: ignore[attr-defined]
        if not app._state_writing:
            break
    await pilot.pause()  # type: ignore[attr-defined]


def _notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


@pytest.fixture
def blocker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the state folder's parent should be: a file written there makes every save
    fail (ENOTDIR), as a full disk would, and removing it lets saves through again."""
    blocker = tmp_path / "state"
    monkeypatch.setenv("CHERY_TUI_STATE_DIR", str(blocker / "chery-tui"))
    return blocker


async def _marked_while_failing(pilot: object, blocker: Path) -> list[str]:
    app = pilot.app  # type: ignore[attr-defined]
    await ready(pilot)
    blocker.write_text("a file where the state folder should be")
    await pilot.press("down", "space")  # type: ignore[attr-defined]
    assert app.session.basket
    return list(app.session.basket)


async def test_a_failed_save_is_tried_again_once_the_disk_is_back(blocker: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        marked = await _marked_while_failing(pilot, blocker)
        app._save_state()
        await _settled(pilot)
        assert any("Could not save the state" in n for n in _notices(app))
        app._save_state()  # still failing: said once, not every round
        await _settled(pilot)
        assert sum("Could not save the state" in n for n in _notices(app)) == 1
        blocker.unlink()  # the space is back
        app._save_state()  # was never tried again: the basket was lost on quitting
        await _settled(pilot)
        assert state_file.load(bundled_facts_path()).state.basket == marked
        assert any("Saved the basket" in n for n in _notices(app))


async def test_a_save_that_fails_on_leaving_says_what_is_lost(blocker: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        marked = await _marked_while_failing(pilot, blocker)
    assert app.unsaved is not None
    assert "Could not save" in app.unsaved
    assert ", ".join(marked) in app.unsaved


def _history(*idents: str) -> History:
    history = History()
    for ident in idents:
        history.visit(Location("claim", ident))
    return history


def test_two_instances_merge_their_baskets(own_state_dir: Path) -> None:
    base = UserState(basket=["a", "b"])
    assert state_file.save(FACTS, base) is None
    # the other instance, started from the same file, adds c and drops a, and picks a style
    other = state_file.save_merging(FACTS, UserState(basket=["b", "c"], cite_style="quote"),
                                    base)
    assert other.problem is None
    assert not other.merged
    # this one, which knew only `base`, adds d and moves on
    ours = UserState.of(["a", "b", "d"], _history("x", "y"), None, "plain")
    saved = state_file.save_merging(FACTS, ours, base)
    assert saved.problem is None
    assert saved.merged
    on_disk = state_file.load(FACTS).state
    assert on_disk.basket == ["b", "d", "c"]  # was ["a", "b", "d"]: the other's changes lost
    assert on_disk.cite_style == "quote"  # this one left the style alone
    assert on_disk.current == Place(Location("claim", "y"))  # each window keeps its own place
    assert saved.state == on_disk
    # and with nobody else writing, nothing is merged
    again = state_file.save_merging(FACTS, UserState.of(["b"], _history("y"), None, "quote"),
                                    saved.state)
    assert not again.merged
    assert state_file.load(FACTS).state.basket == ["b"]


async def test_the_app_takes_in_another_instances_basket(own_state_dir: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        base = app._saved_state
        assert base is not None
        ident = next(iter(app.facts.claims)) if app.facts else ""
        elsewhere = state_file.save_merging(bundled_facts_path(),
                                            UserState(basket=[ident]), base)
        assert elsewhere.problem is None
        await pilot.press("down", "space")
        mine = [i for i in app.session.basket if i != ident]
        app._save_state()
        await _settled(pilot)
        assert set(app.session.basket) == {ident, *mine}
        assert set(state_file.load(bundled_facts_path()).state.basket) == {ident, *mine}
        assert any("Another chery-tui" in n for n in _notices(app))


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
async def test_a_signal_ends_the_app_as_quitting_does(how: signal.Signals,
                                                      own_state_dir: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("down", "space")
        marked = list(app.session.basket)
        os.kill(os.getpid(), how)  # before the next periodic save
        for _ in range(1000):
            await pilot.pause(0.01)
            if app._exit_renderables is not None or app.return_code is not None:
                break
    assert app.return_code == 128 + how
    assert state_file.load(bundled_facts_path()).state.basket == marked
    assert signal.getsignal(how) == signal.SIG_DFL  # handed back when the app ended


def test_an_edit_keeping_size_and_mtime_is_seen(tmp_path: Path) -> None:
    watched = tmp_path / "facts.toml"
    watched.write_text("title = 'one'\n")
    before = watched.stat()
    known = stamps([watched])
    seen: list[bool] = []
    watcher = FileWatcher(known, lambda: seen.append(True), every=0.01).start()
    watched.write_text("title = 'two'\n")  # the same size
    os.utime(watched, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    deadline = time.monotonic() + HANG_SECONDS
    while not seen and time.monotonic() < deadline:
        time.sleep(0.01)
    watcher.stop()
    assert seen  # missed before: only size, mtime and inode were compared
