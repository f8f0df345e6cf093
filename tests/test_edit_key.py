"""`e`: the fact file in $EDITOR at the selected item's entry, the app suspended meanwhile and
reloaded after; without $EDITOR, how to set it."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FactWriter
from tests.ui_helpers import app_for, ready
from tui.app.editing import editor_command, line_of_id
from tui.domain.facts.location import Location


def test_editor_commands_put_the_line_where_each_editor_takes_it() -> None:
    path = Path("/f/facts.toml")
    assert editor_command("vim", path, 12) == ["vim", "+12", "/f/facts.toml"]
    assert editor_command("emacs -nw", path, 3) == ["emacs", "-nw", "+3", "/f/facts.toml"]
    assert editor_command("/usr/bin/code --new-window", path, 7) == [
        "/usr/bin/code", "--new-window", "--wait", "--goto", "/f/facts.toml:7"]


def test_the_line_of_an_id_is_its_entry_and_never_a_mention() -> None:
    text = 'a = 1\n[[claims]]\nabout = ["x"]\n\n[[claims]]\n  id = "x"\n'
    assert line_of_id(text, "x") == 6
    assert line_of_id(text, "missing") == 1


@pytest.fixture
def editor_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    ran: list[list[str]] = []

    def run(command: list[str], check: bool = False) -> subprocess.CompletedProcess[bytes]:
        ran.append(command)
        return subprocess.CompletedProcess(command, 0)

    @contextlib.contextmanager
    def suspended(_app: object) -> Iterator[None]:
        yield

    monkeypatch.setattr("tui.app.editing.subprocess.run", run)
    monkeypatch.setattr("tui.app.editing.EditingApp.suspend", suspended)
    return ran


async def test_e_opens_the_selected_claim_in_the_editor_and_reloads(
        write_facts: FactWriter, editor_runs: list[list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "nano")
    monkeypatch.delenv("VISUAL", raising=False)
    path = write_facts()
    app = app_for(path, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "acme-sales-2024"))
        await pilot.pause()
        reloads: list[str] = []
        monkeypatch.setattr(app, "action_reload", lambda because="": reloads.append(because))
        await pilot.press("e")
        await pilot.pause()
    line = line_of_id(path.read_text(encoding="utf-8"), "acme-sales-2024")
    assert line > 1
    assert editor_runs == [["nano", f"+{line}", str(path)]]
    assert reloads == ["edited"]


async def test_without_an_editor_e_says_how_to_set_one(
        editor_runs: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert editor_runs == []
    assert any("Set $EDITOR" in m for m in messages)
