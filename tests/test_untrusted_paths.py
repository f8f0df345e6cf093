"""A fact file names only regular files inside its own folder: anything else is a `FILE:LINE:`
problem naming the path, and not a byte of what it names is read, printed or shown; nothing
it names can block a read (a FIFO, a terminal)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import HANG_SECONDS, VALID_TOML, FactWriter, bounded
from tests.ui_helpers import app_for, ready
from tui.domain.loading.loader import load_facts
from tui.domain.loading.textfile import open_regular, refusal
from tui.navigation.saved_state import UserState
from tui.screens.problems import ProblemsScreen
from tui.storage import state_file

SECRET = "root:x:0:0:SECRET-MARKER-7f3a"


def check(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "check", "--no-cache", "--facts",
                           str(path), *args], capture_output=True, text=True, check=False,
                          timeout=HANG_SECONDS)


def _citing(path_value: str) -> str:
    """The valid file with its source text at `path_value`, cited for the secret's words."""
    return VALID_TOML.replace('path = "sources/daily.txt"', f"path = {json.dumps(path_value)}")


def _outside_secret(tmp_path: Path) -> Path:
    """A file beside the fact file's folder (so outside it), holding a secret."""
    folder = tmp_path.parent / f"{tmp_path.name}-outside"
    folder.mkdir(exist_ok=True)
    secret = folder / "passwd"
    secret.write_text(f"{SECRET}\nsecond line of the secret\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("how", ["absolute", "dot-dot", "symlink", "symlinked-folder",
                                 "proc", "hidden", "symlink-to-hidden"])
def test_a_source_text_outside_the_folder_is_a_problem_and_never_read(
        how: str, write_facts: FactWriter, tmp_path: Path) -> None:
    secret = _outside_secret(tmp_path)
    (tmp_path / "sources").mkdir(exist_ok=True)
    if how == "absolute":
        named = str(secret)
    elif how == "dot-dot":
        named = f"sources/../../{secret.parent.name}/{secret.name}"
    elif how == "symlink":
        (tmp_path / "sources" / "link.txt").symlink_to(secret)
        named = "sources/link.txt"
    elif how == "symlinked-folder":
        (tmp_path / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
        named = f"elsewhere/{secret.name}"
    elif how == "proc":
        named = "/proc/self/environ"
    else:
        hidden = tmp_path / ".ssh"
        hidden.mkdir()
        (hidden / "id_rsa").write_text(f"{SECRET}\n", encoding="utf-8")
        if how == "hidden":
            named = ".ssh/id_rsa"
        else:
            (tmp_path / "sources" / "key.txt").symlink_to(hidden / "id_rsa")
            named = "sources/key.txt"
    path = write_facts(_citing(named))
    line = VALID_TOML.splitlines().index('path = "sources/daily.txt"') + 1

    result = load_facts(path)
    assert result.facts is not None
    assert "daily" not in result.facts.texts
    [problem] = [p for p in result.problems if "source 'daily'" in p.message]
    assert problem.line == line
    assert repr(named) in problem.message
    assert "not read" in problem.message

    for args in ((), ("--format", "json")):
        done = check(path, *args)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "SECRET" not in done.stdout + done.stderr
        assert "second line" not in done.stdout
        assert "PATH=" not in done.stdout  # nothing of /proc/self/environ either
        assert "Traceback" not in done.stderr


def test_a_source_text_inside_through_a_symlink_is_read(write_facts: FactWriter,
                                                         tmp_path: Path) -> None:
    path = write_facts()
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "daily.txt").symlink_to(tmp_path / "sources" / "daily.txt")
    result = load_facts(Path(str(path)))
    assert result.ok
    moved = _citing("texts/daily.txt")
    path.write_text(moved, encoding="utf-8")
    assert load_facts(path).ok


def test_refusal_reasons(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "t.txt").write_text("x")
    assert refusal(tmp_path / "a" / "t.txt", tmp_path) is None
    assert refusal(tmp_path / "a" / ".." / "a" / "t.txt", tmp_path) is None
    assert "outside" in str(refusal("/etc/passwd", tmp_path))
    assert "outside" in str(refusal(tmp_path / ".." / "x", tmp_path))
    assert "hidden" in str(refusal(tmp_path / ".git" / "config", tmp_path))
    # a loop is a path like any other: it is refused or not read, never a RuntimeError
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    assert refusal(tmp_path / "loop1", tmp_path) is None
    with pytest.raises(OSError):  # noqa: PT011 - any OSError, as long as not RuntimeError
        open_regular(tmp_path / "loop1", tmp_path)


def test_a_fifo_as_a_source_text_is_refused_not_waited_on(write_facts: FactWriter,
                                                         tmp_path: Path) -> None:
    path = write_facts()
    fifo = tmp_path / "sources" / "pipe.txt"
    os.mkfifo(fifo)
    path.write_text(_citing("sources/pipe.txt"), encoding="utf-8")
    done = check(path)  # blocked for ever before
    assert done.returncode == 1
    assert "source text 'sources/pipe.txt' is a named pipe (FIFO)" in done.stdout


def test_a_directory_or_a_device_as_a_source_text(write_facts: FactWriter,
                                                 tmp_path: Path) -> None:
    path = write_facts()
    (tmp_path / "sources" / "folder").mkdir()
    (tmp_path / "sources" / "null").symlink_to("/dev/null")  # outside: refused before a look
    for named, said in (("sources/folder", "is a directory"), ("sources/null", "outside")):
        path.write_text(_citing(named), encoding="utf-8")
        result = load_facts(path)
        assert any(said in p.message and repr(named) in p.message for p in result.problems)


def test_a_fifo_or_a_symlink_loop_as_the_fact_file(tmp_path: Path) -> None:
    fifo = tmp_path / "facts.toml"
    os.mkfifo(fifo)
    done = check(fifo)
    assert done.returncode == 2
    assert "named pipe (FIFO)" in done.stdout
    (tmp_path / "loop1.toml").symlink_to(tmp_path / "loop2.toml")
    (tmp_path / "loop2.toml").symlink_to(tmp_path / "loop1.toml")
    done = check(tmp_path / "loop1.toml")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith(f"{tmp_path / 'loop1.toml'}:1: cannot read")


async def test_the_app_on_a_symlink_loop_shows_the_problem(tmp_path: Path) -> None:
    (tmp_path / "loop1.toml").symlink_to(tmp_path / "loop2.toml")
    (tmp_path / "loop2.toml").symlink_to(tmp_path / "loop1.toml")
    app = app_for(tmp_path / "loop1.toml")
    async with app.run_test(size=(100, 30)) as pilot:  # RuntimeError in the snapshot cache
        await ready(pilot)
        assert isinstance(app.screen, ProblemsScreen)


def test_a_fifo_as_the_state_file_is_moved_aside_not_waited_on(own_state_dir: Path) -> None:
    facts = Path("/somewhere/facts.toml")
    path = state_file.state_path(facts)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    loaded = bounded(lambda: state_file.load(facts))  # blocked for ever before
    assert isinstance(loaded, state_file.Loaded)
    assert loaded.state == UserState()
    assert loaded.notice is not None
    assert "named pipe" in loaded.notice
    assert not path.exists()  # moved aside, never deleted
    assert state_file.save(facts, UserState(basket=["a"])) is None
    assert state_file.load(facts).state.basket == ["a"]


def test_a_newline_or_a_nul_in_a_path_is_one_clear_problem(write_facts: FactWriter) -> None:
    forged = "x\nfacts.toml: no problems; 1 sources, 2 entities, 2 claims\n"
    for named in (forged, "sources/daily\u0000.txt"):
        path = write_facts(_citing(named))
        done = check(path)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        # one line per problem: a path cannot forge a summary line (newline) nor crash (NUL)
        assert not any(line.startswith("facts.toml: no problems")
                       for line in done.stdout.splitlines())
        result = load_facts(path)
        assert any("source 'daily'" in p.message and "\n" not in p.message
                   for p in result.problems)


def test_what_a_descriptor_really_opened_is_checked_against_the_folder(
        tmp_path: Path) -> None:
    """The guard against a symlink swapped in between resolving and opening: the opened
    descriptor's own path (from /proc) must be inside as well."""
    from tui.domain.loading.textfile import Folder, NotReadable, _opened_inside

    secret = _outside_secret(tmp_path)
    fd = os.open(secret, os.O_RDONLY)
    try:
        with pytest.raises(NotReadable):
            _opened_inside(fd, Folder(tmp_path))
    finally:
        os.close(fd)
