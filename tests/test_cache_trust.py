"""The caches replay only what this user's chery-tui wrote, under the limits in force now, and
a damaged or forged entry is a miss, never a crash or a replayed escape sequence."""

from __future__ import annotations

import hmac
import json
import marshal
import os
import shutil
import stat
import subprocess
import sys
from hashlib import sha256
from pathlib import Path

import pytest

from tests.conftest import HANG_SECONDS, FactWriter
from tui.bundled import bundled_facts_path
from tui.domain.loading.loader import load_facts
from tui.storage import check_cache, load_cache
from tui.storage.cache_key import cache_key, key_path


def check(path: Path, *extra: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "check", "--facts", str(path), *extra],
                          capture_output=True, text=True, check=False, timeout=HANG_SECONDS,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHERY_TUI_CACHE_DIR", str(folder))
    return folder


def test_a_check_under_other_limits_is_not_replayed(write_facts: FactWriter,
                                                    own_cache: Path) -> None:
    path = write_facts()
    tight = check(path, env={"CHERY_TUI_MAX_STRING": "10"})
    assert tight.returncode == 1
    assert "CHERY_TUI_MAX_STRING" in tight.stdout
    relaxed = check(path)  # was the tight run's answer, replayed
    assert relaxed.returncode == 0
    assert "no problems" in relaxed.stdout
    assert check(path, env={"CHERY_TUI_MAX_STRING": "10"}).stdout == tight.stdout


def _bundled_copy(tmp_path: Path) -> Path:
    shutil.copytree(bundled_facts_path().parent, tmp_path / "data")
    return tmp_path / "data" / bundled_facts_path().name


def _stored_snapshot(tmp_path: Path) -> Path:
    path = _bundled_copy(tmp_path)
    result = load_facts(path)
    assert result.ok
    assert result.facts is not None
    load_cache.store(result.facts, worth_above=0)
    assert load_cache.reopen(path) is not None
    return path


def test_a_snapshot_made_under_other_limits_is_a_miss(
        tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _stored_snapshot(tmp_path)
    monkeypatch.setenv("CHERY_TUI_MAX_STRING", "10")
    assert load_cache.reopen(path) is None


def _forge(target: Path, title: object) -> None:
    """What a forger with write access to the cache folder can do: change the header of a
    snapshot and recompute every digest it holds (SHA-256 of the header in front)."""
    data = target.read_bytes()
    magic_end = data.index(b"\n") + 1
    size = int.from_bytes(data[magic_end + 32:magic_end + 40], "little")
    header = marshal.loads(data[-size:])
    header["title"] = title
    forged = marshal.dumps(header)
    body = data[magic_end + 40:len(data) - size]
    target.write_bytes(data[:magic_end] + sha256(forged).digest()
                       + len(forged).to_bytes(8, "little") + body + forged)


def test_a_forged_snapshot_is_a_miss(tmp_path: Path, own_cache: Path) -> None:
    path = _stored_snapshot(tmp_path)
    _forge(load_cache.snapshot_path(path), 12345)  # a title that is not a string
    assert load_cache.reopen(path) is None  # was accepted, and crashed the app's header


def test_another_users_entries_are_misses(write_facts: FactWriter, own_cache: Path) -> None:
    path = write_facts()
    first = check(path)
    assert check_cache.lookup(path, "text") == (first.returncode, first.stdout)
    forged = "\x1b[2Jforged\n"
    for record in (own_cache / "check").glob("*.json"):  # an output of someone else's choosing,
        record.with_suffix(".out").write_text(forged)  # and a record that says it is right
        mac, _, body = record.read_bytes().partition(b"\n")
        if not body:  # the format before signatures: a length was all it checked
            entry = json.loads(mac)
            entry["length"] = len(forged)
            record.write_text(json.dumps(entry))
            continue
        entry = json.loads(body)
        entry.update(output=sha256(forged.encode()).hexdigest(), bytes=len(forged))
        signed = json.dumps(entry).encode()
        record.write_bytes(hmac.new(b"another user's key".ljust(32), signed, "sha256")
                           .hexdigest().encode() + b"\n" + signed)
    again = check(path)
    assert again.returncode == 0
    assert "forged" not in again.stdout
    assert "no problems" in again.stdout


def test_a_damaged_entry_nested_deep_is_a_miss(write_facts: FactWriter,
                                               own_cache: Path) -> None:
    path = write_facts()
    check(path)
    for entry in (own_cache / "check").glob("*.json"):
        entry.write_text("[" * 100_000)  # RecursionError, and a traceback, before
    assert check_cache.lookup(path, "text") is None
    done = check(path)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr


def test_the_key_is_the_users_alone_and_kept(own_state_dir: Path) -> None:
    key = cache_key()
    assert key is not None
    assert len(key) == 32
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600
    assert cache_key() == key
    key_path().write_bytes(b"short")  # damaged: replaced, never trusted
    from tui.storage import cache_key as module

    module._known.clear()
    replaced = cache_key()
    assert replaced is not None
    assert replaced != key
    assert len(replaced) == 32


def test_a_text_swapped_for_a_symlink_out_is_checked_again(write_facts: FactWriter,
                                                           own_cache: Path,
                                                           tmp_path: Path) -> None:
    path = write_facts()
    assert check(path).returncode == 0
    text = path.parent / "sources" / "daily.txt"
    outside = tmp_path.parent / f"{tmp_path.name}-same-bytes.txt"
    outside.write_bytes(text.read_bytes())  # the same bytes, now outside the folder
    text.unlink()
    text.symlink_to(outside)
    again = check(path)  # was the clean answer of before, replayed
    assert again.returncode == 1
    assert "outside the fact file's folder" in again.stdout


def test_a_refused_text_made_a_regular_file_again_is_checked_again(
        write_facts: FactWriter, own_cache: Path, tmp_path: Path) -> None:
    path = write_facts()
    text = path.parent / "sources" / "daily.txt"
    outside = tmp_path.parent / f"{tmp_path.name}-refused.txt"
    outside.write_bytes(text.read_bytes())
    text.unlink()
    text.symlink_to(outside)
    refused = check(path)
    assert refused.returncode == 1
    assert "outside the fact file's folder" in refused.stdout
    text.unlink()
    text.write_bytes(outside.read_bytes())  # fixed: a regular file with the same bytes
    fixed = check(path)  # replayed the refusal before: the record held the target's digest
    assert fixed.returncode == 0
    assert "no problems" in fixed.stdout
