"""What the commands print is as literal as the screen, and an output that fails (a full disk,
a closed or broken pipe, a terminal without UTF-8, ctrl+c, a `kill`) ends with a message and
the right status, never a traceback or a leftover file."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import HANG_SECONDS, VALID_TOML, FactWriter
from tui.bench.generate import generate

# what a terminal acts on: C0 but newline, DEL, C1, and the bidi controls
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
HOSTILE = "\x1b[2J\x1b]52;c;cHduZWQ=\x07\u009b31m\u202eevil"


def run(*args: str, env: dict[str, str] | None = None, **kwargs: object
        ) -> subprocess.CompletedProcess[str]:
    streams: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    done: subprocess.CompletedProcess[str] = subprocess.run(
        [sys.executable, "-m", "tui", *args], text=True, check=False, timeout=HANG_SECONDS,
        env={**os.environ, **(env or {})}, **streams)
    return done


def _hostile_file(write_facts: FactWriter) -> Path:
    """A fact file whose source path, title and a problem carry terminal payloads, named with
    an escape sequence itself."""
    toml = VALID_TOML.replace('path = "sources/daily.txt"',
                              f"path = {json.dumps('sources/' + HOSTILE + '.txt')}")
    toml = toml.replace('title = "Acme test facts"', f"title = {json.dumps(HOSTILE)}")
    return write_facts(toml, name=f"facts{HOSTILE[:4]}.toml")


def test_check_and_cite_print_no_control_or_bidi_character(write_facts: FactWriter) -> None:
    path = _hostile_file(write_facts)
    text = run("check", "--no-cache", "--facts", str(path))
    assert text.returncode == 1
    assert "source 'daily'" in text.stdout
    assert "source text not found" in text.stdout
    assert not _UNSAFE.search(text.stdout), repr(text.stdout[:300])
    assert "␛[2J" in text.stdout  # shown, harmlessly
    cite = run("cite", "nothing", "--facts", str(path))
    assert not _UNSAFE.search(cite.stdout + cite.stderr)


def test_check_json_escapes_them_and_keeps_the_data_exact(write_facts: FactWriter) -> None:
    path = _hostile_file(write_facts)
    done = run("check", "--no-cache", "--facts", str(path), "--format", "json")
    assert not _UNSAFE.search(done.stdout), repr(done.stdout[:300])
    payload = json.loads(done.stdout)
    assert payload["file"] == str(path)
    # the path as Python writes it (escaped, and one line: a newline in a path forged a
    # summary line in the text output), its characters exact through JSON
    assert any(repr(str(path.parent / "sources" / (HOSTILE + ".txt"))) in p["message"]
               for p in payload["problems"])


def test_a_terminal_without_utf8_gets_escapes_not_an_error(write_facts: FactWriter) -> None:
    path = write_facts()
    for encoding in ("ascii", "latin-1"):
        text = run("check", "--no-cache", "--facts", str(path), env={
            "PYTHONIOENCODING": encoding})
        assert text.returncode == 0, text.stderr
        assert "Traceback" not in text.stderr, text.stderr
        data = run("check", "--no-cache", "--facts", str(path), "--format", "json",
                   env={"PYTHONIOENCODING": encoding})
        assert data.returncode == 0, data.stderr
        json.loads(data.stdout)
        cite = run("cite", "roe-growing", "--facts", str(path),
                   env={"PYTHONIOENCODING": encoding})
        assert cite.returncode == 0, cite.stderr
        assert "growing fast" in cite.stdout, cite.stderr


def test_a_full_disk_or_a_closed_stdout_is_a_message_and_status_2(
        write_facts: FactWriter) -> None:
    path = write_facts()
    with open("/dev/full", "w") as full:
        done = run("check", "--no-cache", "--facts", str(path), stdout=full)
    assert done.returncode == 2
    assert done.stderr.strip() == "chery-tui: cannot write the output: No space left on device"
    closed = subprocess.run(
        f"exec {sys.executable} -m tui check --no-cache --facts {path} >&-", shell=True,
        capture_output=False, stderr=subprocess.PIPE, text=True, timeout=HANG_SECONDS,
        check=False)
    assert closed.returncode == 2
    assert "cannot write the output" in closed.stderr
    assert "Traceback" not in closed.stderr


@pytest.mark.parametrize("broken", [False, True])
def test_a_closed_pipe_keeps_the_status_of_what_was_found(broken: bool,
                                                          write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML.replace("value = 1234", "value = 1") if broken else VALID_TOML)
    reader = subprocess.Popen([sys.executable, "-m", "tui", "check", "--no-cache", "--facts",
                               str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.close()  # the reader goes away before a line is written (`| head -0`)
    status = reader.wait(HANG_SECONDS)
    assert status == (1 if broken else 0)  # was 0 either way
    assert b"Traceback" not in reader.stderr.read()


def _cache_leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / "check").glob("*")) if (cache / "check").exists() \
        else []


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=lambda s: s.name)
def test_an_interrupted_check_ends_quietly_and_leaves_nothing(
        how: signal.Signals, tmp_path: Path) -> None:
    path = generate(8000, tmp_path / "big")
    cache = tmp_path / "cache"
    checking = subprocess.Popen(
        [sys.executable, "-m", "tui", "check", "--facts", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "CHERY_TUI_CACHE_DIR": str(cache)},
        # a shell's background job ignores ctrl+c; a terminal's foreground one does not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert checking.stderr is not None
    deadline = time.monotonic() + HANG_SECONDS
    while not _cache_leftovers(cache):  # recording has begun: its temporary file is there
        assert checking.poll() is None
        assert time.monotonic() < deadline
        time.sleep(0.01)
    checking.send_signal(how)
    status = checking.wait(HANG_SECONDS)
    errors = checking.stderr.read().decode()
    assert status == 128 + how, errors
    assert "Traceback" not in errors
    assert _cache_leftovers(cache) == []  # a tmp*.tmp stayed behind


def test_what_a_killed_check_left_is_swept(write_facts: FactWriter, tmp_path: Path) -> None:
    path = write_facts()
    cache = tmp_path / "cache"
    (cache / "check").mkdir(parents=True)
    stale, fresh = cache / "check" / "tmpold.tmp", cache / "check" / "tmpnew.tmp"
    stale.write_text("half an output")
    fresh.write_text("another check's, still running")
    os.utime(stale, (time.time() - 3 * 24 * 3600,) * 2)
    done = run("check", "--facts", str(path), env={"CHERY_TUI_CACHE_DIR": str(cache)})
    assert done.returncode == 0
    assert not stale.exists()
    assert fresh.exists()


def test_utf16_output_never_carries_an_esc_byte(write_facts: FactWriter) -> None:
    """U+1B00 is written by UTF-16-LE as the bytes 00 1B: an ESC to a terminal."""
    path = write_facts(VALID_TOML.replace('text = "Acme sold 1,234 cars in 2024."',
                                          'text = "\\u1b00]0;PWNED\\u0700\\u1b00[2J"'))
    for args in ((), ("--format", "json")):
        done = subprocess.run([sys.executable, "-m", "tui", "check", "--no-cache", "--facts",
                               str(path), *args], capture_output=True, check=False,
                              timeout=HANG_SECONDS, env={**os.environ,
                                                         "PYTHONIOENCODING": "utf-16-le"})
        assert b"\x1b" not in done.stdout
        assert b"\x07" not in done.stdout
