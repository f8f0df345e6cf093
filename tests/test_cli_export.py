"""`chery-tui export` as a user runs it, in a real subprocess: what it writes, what it
refuses (exit 2, with a message naming the trouble), and that a refused or failed export
writes nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FactWriter


def _export(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "export", *args], capture_output=True,
                          text=True, timeout=120, check=False, encoding="utf-8",
                          env={**os.environ, **(env or {})})


def test_markdown_goes_to_standard_output_literally(write_facts: FactWriter) -> None:
    path = write_facts()
    path.write_text(path.read_text(encoding="utf-8").replace(
        'text = "Acme sold 1,234 cars in 2024."',
        'text = "Acme sold [bold]1,234[/] cars\\u001b[2J in 2024."'), encoding="utf-8")
    done = _export("--format", "markdown", "--facts", str(path))
    assert done.returncode == 0, done.stderr
    # shown as it is by Markdown too: its brackets escaped
    assert "### Acme sold \\[bold\\]1,234\\[/\\] cars␛\\[2J in 2024." in done.stdout
    assert "\x1b" not in done.stdout
    assert "[^acme-sales-2024]: *Acme grows*, The Daily, 2025-01-05." in done.stdout


def test_a_file_is_written_and_said_where(write_facts: FactWriter, tmp_path: Path) -> None:
    path = write_facts()
    out = tmp_path / "out" / "facts.db"
    done = _export("--format", "sqlite", "--facts", str(path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"chery-tui export: sqlite of 2 claims and 1 source written to {out}\n"
    claims = sqlite3.connect(out).execute("SELECT id FROM claims ORDER BY id").fetchall()
    assert claims == [("acme-sales-2024",), ("roe-growing",)]


def test_csv_to_a_folder_writes_one_file_per_table(write_facts: FactWriter,
                                                   tmp_path: Path) -> None:
    path = write_facts()
    done = _export("--format", "csv", "--facts", str(path), "--out", str(tmp_path / "csv"))
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "csv"
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*.csv")) == [
        "citations.csv", "claims.csv", "entities.csv", "findings.csv", "relations.csv",
        "sources.csv", "tables/sales.csv"]


def test_some_claims_bring_only_what_they_cite(write_facts: FactWriter) -> None:
    path = write_facts()
    done = _export("--format", "web-annotation", "--facts", str(path), "--claims",
                   "roe-growing")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["first"]["items"]
    assert [i["id"] for i in items] == ["urn:chery-tui:claim:roe-growing:citation:1"]


def test_the_basket_saved_by_the_browser(write_facts: FactWriter) -> None:
    from tui.navigation.saved_state import UserState
    from tui.storage import state_file

    path = write_facts()
    empty = _export("--format", "csl-json", "--facts", str(path), "--basket")
    assert empty.returncode == 2
    assert "the basket saved for this fact file is empty" in empty.stderr
    state_file.save(path, UserState(basket=["roe-growing"]))
    done = _export("--format", "markdown", "--facts", str(path), "--basket")
    assert done.returncode == 0, done.stderr
    assert "roe-growing" in done.stdout
    assert "acme-sales-2024" not in done.stdout.split("## Sources")[0]


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["--format", "bibtx"],
                 "unknown format 'bibtx' (did you mean bibtex?); give one of markdown, csv, "
                 "csl-json, bibtex, web-annotation, sqlite",
                 id="unknown-format"),
    pytest.param(["--format", "sqlite"], "sqlite is written to a file: give --out PATH",
                 id="binary-to-a-terminal"),
    pytest.param(["--format", "markdown", "--claims", "acme-sales-204,nope"],
                 "no such claim: acme-sales-204, nope (did you mean acme-sales-2024?)",
                 id="unknown-claim"),
    pytest.param(["--format", "markdown", "--table", "sale"],
                 "no such table: sale (did you mean sales?)", id="unknown-table"),
    pytest.param(["--format", "markdown", "--claims", " , "], "--claims names no claim",
                 id="no-claim-named"),
])
def test_bad_arguments_exit_2_with_a_clear_message(write_facts: FactWriter, tmp_path: Path,
                                                   args: list[str], message: str) -> None:
    path = write_facts()
    done = _export(*args, "--facts", str(path))
    assert done.returncode == 2
    assert done.stderr == f"chery-tui export: {message}\n"
    assert done.stdout == ""


def test_an_unwritable_output_exits_2_and_leaves_nothing(write_facts: FactWriter,
                                                         tmp_path: Path) -> None:
    path = write_facts()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = _export("--format", "bibtex", "--facts", str(path), "--out",
                   str(blocker / "facts.bib"))
    assert done.returncode == 2
    assert done.stderr == (f"chery-tui export: cannot write {blocker / 'facts.bib'} "
                           f"({blocker}): File exists\n")
    folder = _export("--format", "bibtex", "--facts", str(path), "--out", str(tmp_path))
    assert folder.returncode == 2
    assert folder.stderr == f"chery-tui export: cannot write there: {tmp_path} is a folder: " \
        "give a file name\n"
    assert blocker.read_text() == "not a folder"


def test_claims_and_basket_together_are_refused_by_the_parser(write_facts: FactWriter) -> None:
    done = _export("--format", "csv", "--claims", "a", "--basket")
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


def test_a_file_with_problems_is_not_exported(write_facts: FactWriter, tmp_path: Path) -> None:
    path = write_facts()
    path.write_text(path.read_text(encoding="utf-8").replace(
        'exact = "Acme Motors sold 1,234 cars in 2024, up 5.5%"',
        'exact = "Acme Motors sold 9,999 cars"'), encoding="utf-8")
    out = tmp_path / "facts.md"
    done = _export("--format", "markdown", "--facts", str(path), "--out", str(out))
    assert done.returncode == 1
    assert f"{path}:" in done.stderr
    assert done.stderr.endswith("the fact file has problems; nothing was written\n")
    assert not out.exists()


def test_the_report_in_apa_cites_in_the_text_and_lists_references(
        write_facts: FactWriter) -> None:
    path = write_facts()
    done = _export("--format", "markdown", "--style", "apa", "--facts", str(path))
    assert done.returncode == 0, done.stderr
    assert "> “Acme Motors sold 1,234 cars in 2024, up 5.5%” (“Acme Grows”, 2025)" in done.stdout
    assert "## References\n\n- Acme grows. (2025, January 5). The Daily.\n" in done.stdout
    assert "[^" not in done.stdout
    other = _export("--format", "bibtex", "--style", "apa", "--facts", str(path))
    assert other.returncode == 2
    assert other.stderr == "chery-tui export: --style is for --format markdown, not bibtex\n"


@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_an_interrupted_export_leaves_the_old_file_and_no_other(
        tmp_path: Path, signal_name: str) -> None:
    import signal
    import time

    from tui.bench.generate import generate

    path = generate(10_000, tmp_path / "big")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "facts.db"
    target.write_bytes(b"the old export")
    for delay in (0.5, 1.5, 3.0):  # wherever the signal lands, the same must hold
        child = subprocess.Popen(
            [sys.executable, "-m", "tui", "--no-cache", "export", "--format", "sqlite",
             "--facts", str(path), "--out", str(target)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        child.send_signal(getattr(signal, signal_name))
        _, err = child.communicate(timeout=300)
        assert "Traceback" not in err, err
        assert sorted(p.name for p in out.iterdir()) == ["facts.db"]  # no temporary left
        if child.returncode == 0:  # it had finished: the new database, whole
            count = sqlite3.connect(target).execute("SELECT count(*) FROM claims").fetchone()
            assert count == (10_000,)
            return
        # 130/143: stopped by the handlers; -N: the signal came before Python installed them
        sig = getattr(signal, signal_name)
        assert child.returncode in (130, 128 + signal.SIGTERM, -sig), (child.returncode, err)
        if target.read_bytes() != b"the old export":
            # the signal came between the new file's swap and the exit (seen on a busy
            # machine): then the new database is there whole, never a part of it
            count = sqlite3.connect(target).execute("SELECT count(*) FROM claims").fetchone()
            assert count == (10_000,)
