"""`check` reuses its result only while the fact file, its sources and the code are unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import VALID_TOML, FactWriter
from tui.storage import check_cache


def check(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "check", "--facts", str(path), *extra],
                          capture_output=True, text=True, check=False)


def test_a_second_check_is_answered_from_the_cache(write_facts: FactWriter) -> None:
    path = write_facts()
    first = check(path)
    assert check_cache.lookup(path, "text") == (first.returncode, first.stdout)
    second = check(path)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)


def test_a_changed_source_text_or_fact_file_is_checked_again(write_facts: FactWriter) -> None:
    path = write_facts()
    assert check(path).returncode == 0
    source = path.parent / "sources" / "daily.txt"
    source.write_text(source.read_text().replace("1,234", "1,243"))
    changed = check(path)
    assert changed.returncode == 1
    assert "passage not found verbatim" in changed.stdout
    path.write_text(VALID_TOML.replace("1,234", "1,243"))
    assert check_cache.lookup(path, "text") is None


def test_a_corrupt_entry_is_ignored_and_no_cache_bypasses(write_facts: FactWriter) -> None:
    path = write_facts()
    check(path)
    for entry in check_cache.cache_dir().glob("*.json"):
        entry.write_text("{ not json")
    assert check_cache.lookup(path, "text") is None
    check(path)
    for entry in check_cache.cache_dir().glob("*.out"):
        entry.write_text("truncated")  # an output that does not match its record
    assert check_cache.lookup(path, "text") is None
    fresh = check(path, "--no-cache")
    assert fresh.returncode == 0
    assert "no problems" in fresh.stdout


def test_text_and_json_are_cached_apart(write_facts: FactWriter) -> None:
    path = write_facts()
    text, data = check(path), check(path, "--format", "json")
    assert text.stdout != data.stdout
    assert check(path, "--format", "json").stdout == data.stdout


def test_no_cache_before_the_command_bypasses_too(write_facts: FactWriter) -> None:
    path = write_facts()
    done = subprocess.run([sys.executable, "-m", "tui", "--no-cache", "check", "--facts",
                           str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "no problems" in done.stdout
    assert check_cache.lookup(path, "text") is None  # nothing was written
