"""The basket, history and position survive between runs, written atomically; a damaged or
foreign state file is moved aside with a notice; `--no-state` touches nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FactWriter
from tests.ui_helpers import app_for, ready
from tui.bundled import bundled_facts_path
from tui.domain.facts.location import Location
from tui.navigation import saved_state
from tui.navigation.history import History, Place
from tui.navigation.saved_state import UserState
from tui.screens.main import MainScreen
from tui.storage import state_file

FACTS = Path("/somewhere/facts.toml")


def _state() -> UserState:
    history = History()
    for ident in ("a", "b", "c"):
        history.visit(Location("claim", ident), "acme")
    history.back()
    history.visit(Location("source", "s", passage=2), "acme")
    return UserState.of(["a", "c"], history, "acme", "markdown")


def test_state_round_trips(own_state_dir: Path) -> None:
    state = _state()
    assert state_file.save(FACTS, state) is None
    loaded = state_file.load(FACTS)
    assert loaded.notice is None
    assert loaded.state == state
    history = loaded.state.history()
    assert history.current == Location("source", "s", passage=2)
    assert history.back() == Place(Location("claim", "b"), "acme")
    assert [p.name for p in own_state_dir.iterdir()] == [state_file.state_path(FACTS).name]


def test_a_cited_passage_keeps_its_claim_and_an_older_file_still_reads(
        own_state_dir: Path) -> None:
    history = History()
    history.visit(Location("source", "s", passage=7, claim="c1", citation=1))
    state = UserState.of([], history, None, "plain")
    assert state_file.save(FACTS, state) is None
    current = state_file.load(FACTS).state.current
    assert current is not None
    assert (current.location.claim, current.location.citation) == ("c1", 1)
    # a passage saved by an earlier version, without its claim: still read
    data = json.loads(state_file.state_path(FACTS).read_text(encoding="utf-8"))
    data["version"] = 1  # whose third item was the pane opened from, not a filter
    data["history"]["current"] = ["source", "s", "reader", 7]
    state_file.state_path(FACTS).write_text(json.dumps(data), encoding="utf-8")
    loaded = state_file.load(FACTS)
    assert loaded.notice is None
    assert loaded.state.current == Place(Location("source", "s", passage=7))


def test_items_that_no_longer_exist_are_dropped() -> None:
    kept = _state().keeping(lambda loc: loc.ident in {"a", "s"})
    assert kept.basket == ["a"]
    assert kept.filter_entity is None
    assert kept.back == [Place(Location("claim", "a"))]
    assert kept.current == Place(Location("source", "s", passage=2))


def test_the_tree_cursor_is_kept_dropped_when_gone_and_absent_from_older_files(
        own_state_dir: Path) -> None:
    state = UserState.of([], History(), None, "plain", pane="brands", expanded=["jlr"],
                         tree_cursor="land-rover")
    assert state_file.save(FACTS, state) is None
    assert state_file.load(FACTS).state.tree_cursor == "land-rover"
    assert state.keeping(lambda loc: loc.ident != "land-rover").tree_cursor is None
    data = json.loads(state_file.state_path(FACTS).read_text(encoding="utf-8"))
    del data["view"]["tree_cursor"]  # as the versions before it wrote the view
    state_file.state_path(FACTS).write_text(json.dumps(data), encoding="utf-8")
    loaded = state_file.load(FACTS)
    assert loaded.notice is None
    assert loaded.state.tree_cursor is None
    assert loaded.state.expanded == ["jlr"]


@pytest.mark.parametrize("content", [
    b"", b"{not json", b"\xff\xfe garbage", b"[1, 2, 3]", b'{"format": "something else"}',
    json.dumps({"format": saved_state.FORMAT, "version": 99}).encode(),
    json.dumps({"format": saved_state.FORMAT, "version": 1, "basket": "a"}).encode(),
    json.dumps({"format": saved_state.FORMAT, "version": 1,
                "history": {"back": [["planet", "x", "", None]]}}).encode(),
    b"[" * 100_000,
])
def test_a_damaged_or_foreign_file_is_moved_aside(content: bytes, own_state_dir: Path) -> None:
    path = state_file.state_path(FACTS)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    loaded = state_file.load(FACTS)
    assert loaded.state == UserState()
    assert loaded.notice is not None
    assert "moved aside to" in loaded.notice
    assert not path.exists()
    [aside] = [p for p in own_state_dir.iterdir() if ".unreadable-" in p.name]
    assert aside.read_bytes() == content  # nothing is lost
    assert state_file.save(FACTS, _state()) is None  # and the next save starts afresh
    assert state_file.load(FACTS).state == _state()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_debris(
        own_state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert state_file.save(FACTS, UserState(basket=["old"])) is None

    def broken_replace(*_: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", broken_replace)
        problem = state_file.save(FACTS, UserState(basket=["new"]))
    assert problem is not None
    assert "No space left on device" in problem
    assert state_file.load(FACTS).state.basket == ["old"]
    assert [p.name for p in own_state_dir.iterdir()] == [state_file.state_path(FACTS).name]


_WRITER = """
import sys
from pathlib import Path
from tui.storage import state_file
for n in range(300):
    state_file.save(Path(sys.argv[1]), state_file.UserState(basket=[sys.argv[2]] * (n % 50)))
"""


def test_two_instances_writing_at_once_never_corrupt_it(own_state_dir: Path) -> None:
    env = {**os.environ, "CHERY_TUI_STATE_DIR": str(own_state_dir)}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(FACTS), name], env=env)
               for name in ("one", "two")]
    seen = 0
    while any(w.poll() is None for w in writers):
        loaded = state_file.load(FACTS)
        assert loaded.notice is None  # always a whole file, from one writer or the other
        assert set(loaded.state.basket) <= {"one", "two"}
        seen += 1
    assert all(w.wait() == 0 for w in writers)
    assert seen
    assert [p.name for p in own_state_dir.iterdir()] == [state_file.state_path(FACTS).name]


async def test_the_next_run_restores_basket_history_and_position(own_state_dir: Path) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("down", "down", "space", "enter")  # mark a claim, then open it
        opened = app.session.history.current
        assert opened is not None
        assert app.session.basket == [opened.ident]
    assert state_file.state_path(bundled_facts_path()).exists()

    again = app_for()
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert again.session.basket == [opened.ident]
        assert again.session.history.current == opened
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert screen.shown == opened


async def test_no_state_neither_reads_nor_writes(own_state_dir: Path) -> None:
    state_file.save(bundled_facts_path(), UserState(basket=["chery-exports-2023"]))
    before = state_file.state_path(bundled_facts_path()).read_bytes()
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.session.basket == []
        await pilot.press("down", "space")
        assert app.session.basket
    assert state_file.state_path(bundled_facts_path()).read_bytes() == before


async def test_a_damaged_state_file_is_a_notice_not_a_crash(own_state_dir: Path) -> None:
    path = state_file.state_path(bundled_facts_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{ this is not state")
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("could not be used" in n and "moved aside" in n for n in notes)


async def test_the_theme_is_kept_with_the_users_state(write_facts: FactWriter) -> None:
    path = write_facts()
    first = app_for(path)
    async with first.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        first.theme = "textual-light"
        await pilot.pause()
    assert state_file.load(path).state.theme == "textual-light"
    again = app_for(path)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_the_next_run_shows_the_list_beside_the_detail_it_had(own_state_dir: Path
                                                                    ) -> None:
    """Found by a tester: quit with the Detail focused beside the Quotes, and the next run
    showed the Timeline beside it."""
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("4", "down", "enter", "d")  # a quote opened, the Detail focused
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.active_pane == "quotes"
        assert screen.pane_in_use == "detail"
        opened = screen.shown

    again = app_for()
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert screen.active_pane == "quotes"
        assert screen.pane_in_use == "detail"
        assert screen.shown == opened
