"""Hostile or broken fact files end with a clear `FILE:LINE: message`, in bounded time and
memory: limits on sizes, strings, counts and nesting, each configurable."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import HANG_SECONDS, VALID_TOML, FactWriter
from tui.domain.loading.limits import Limits, scan
from tui.domain.loading.loader import load_facts

_CLAIM = """
[[claims]]
id = "{ident}"
kind = "event"
text = "{text}"
about = ["acme"]
status = "reported"
when = {{ date = "2024" }}
citations = [{{ source = "daily", exact = "Acme Motors sold 1,234 cars in 2024, up 5.5%" }}]
"""


def _with_claims(*texts: str) -> str:
    return VALID_TOML + "".join(_CLAIM.format(ident=f"extra-{n}", text=text)
                                for n, text in enumerate(texts))


def _messages(path: Path, limits: Limits | None = None) -> list[str]:
    return [str(p) for p in load_facts(path, limits=limits).problems]


def test_a_file_over_the_size_limit_is_not_read(write_facts: FactWriter) -> None:
    path = write_facts()
    result = load_facts(path, limits=Limits(file_bytes=500))
    [problem] = result.problems
    assert result.unreadable
    assert result.facts is None
    assert problem.line == 1
    assert "the file is 0.0 MB; the limit is 0.0 MB (set CHERY_TUI_MAX_FILE_MB" in str(problem)


def test_a_long_string_is_reported_at_its_line_and_the_rest_loads(
        write_facts: FactWriter) -> None:
    path = write_facts(_with_claims("x" * 1_000_001, "A short one."))
    result = load_facts(path)
    [problem] = result.problems
    line = path.read_text().splitlines().index('id = "extra-0"') + 3  # its text line
    assert problem.line == line
    assert "claim 'extra-0'" in problem.message
    assert "a string of 1,000,001 characters; the limit is 100,000" in problem.message
    assert "CHERY_TUI_MAX_STRING" in problem.message
    assert result.facts is not None
    assert "extra-1" in result.facts.claims
    assert "extra-0" not in result.facts.claims


def test_deep_nesting_is_an_error_whatever_the_depth(write_facts: FactWriter) -> None:
    shallow = VALID_TOML.replace('about = ["acme"]', 'about = ["acme"]\nnotes = '
                                 + "[" * 40 + "]" * 40, 1)
    messages = _messages(write_facts(shallow))
    assert len(messages) == 1
    assert "nested too deeply; the limit is 32" in messages[0]
    # far deeper than the parser itself can go: still one clear message, with its line
    started = time.monotonic()
    deep = VALID_TOML + "\nbomb = " + "[" * 10_000 + "]" * 10_000 + "\n"
    path = write_facts(deep)
    [message] = _messages(path)
    assert time.monotonic() - started < HANG_SECONDS
    line = path.read_text().splitlines().index(next(
        x for x in path.read_text().splitlines() if x.startswith("bomb"))) + 1
    assert message.startswith(f"{path}:{line}: arrays and tables nested too deeply")


def test_random_bytes_end_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "noise.toml"
    path.write_bytes(random.Random(6).randbytes(1 << 20))
    [message] = _messages(path)
    assert message.startswith(f"{path}:")
    assert "not valid UTF-8" in message


def test_too_many_items_and_too_many_problems(write_facts: FactWriter) -> None:
    path = write_facts(_with_claims(*[f"Claim {n}." for n in range(5)]))
    messages = _messages(path, Limits(items=4))
    assert len(messages) == 1
    assert "more than 4 claims; the limit is 4" in messages[0]
    broken = _with_claims(*[f"Claim {n}." for n in range(30)]).replace(
        'status = "reported"\nwhen', 'status = "sure"\nwhen')
    messages = _messages(write_facts(broken), Limits(problems=5))
    assert len(messages) == 6
    assert "25 more problems not listed; the limit is 5 (set CHERY_TUI_MAX_PROBLEMS" \
        in messages[-1]


def test_wide_tables_and_long_keys_are_limited() -> None:
    limits = Limits(width=3, string_chars=5)
    found = scan({"a": [1, 2, 3, 4], "b": {"long-key": 1}, "c": "123456"}, limits)
    assert sorted(where for where, _ in found) == [("a",), ("b",), ("c",)]


def test_a_source_text_over_its_limit(write_facts: FactWriter) -> None:
    path = write_facts()
    messages = _messages(path, Limits(source_bytes=10))
    assert any("daily.txt:1: the file is" in m and "CHERY_TUI_MAX_SOURCE_MB" in m
               for m in messages)


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHERY_TUI_MAX_STRING", "1_000")
    monkeypatch.setenv("CHERY_TUI_MAX_FILE_MB", "3")
    monkeypatch.setenv("CHERY_TUI_MAX_DEPTH", "not a number")
    limits = Limits.from_environment()
    assert limits.string_chars == 1_000
    assert limits.file_bytes == 3_000_000
    assert limits.depth == Limits().depth


@pytest.mark.slow
def test_a_50_mb_file_is_explained_without_a_blow_up(tmp_path: Path) -> None:
    """In a process of its own, under a memory ceiling ten times what it needs (~400 MB):
    its time and memory are measured by `make bench`, not here, where a shared worker's
    figures say nothing."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "daily.txt").write_text("Acme Motors sold 1,234 cars in 2024.")
    path = tmp_path / "big.toml"
    with path.open("w") as out:  # a valid start, then one 50 MB string
        out.write(VALID_TOML.split("[[claims]]")[0])
        out.write('[[claims]]\nid = "huge"\ntext = "' + "y" * 50_000_000 + '"\n')
    assert os.path.getsize(path) > 50_000_000

    def ceiling() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (_CEILING, _CEILING))

    done = subprocess.run([sys.executable, "-m", "tui", "check", "--no-cache", "--facts",
                           str(path)], capture_output=True, text=True, timeout=HANG_SECONDS,
                          preexec_fn=ceiling, check=False)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "a string of 50,000,000 characters" in done.stdout


_CEILING = 4 * 1024**3
"""Bytes of address space: about ten times what loading the 50 MB file takes."""


@pytest.mark.parametrize("value", ["99999999999999999999999999", "²", "9" * 5000, "0", "-1"])
def test_a_limit_from_the_environment_that_makes_no_sense_is_the_default(
        value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.domain.loading.limits import Limits

    for variable in ("CHERY_TUI_MAX_FILE_MB", "CHERY_TUI_MAX_SOURCE_MB", "CHERY_TUI_MAX_DEPTH"):
        monkeypatch.setenv(variable, value)
    assert Limits.from_environment() == Limits()  # raised ValueError (²), or overflowed a read
