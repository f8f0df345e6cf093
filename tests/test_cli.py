"""`chery-tui check`, `--version`, `--help`: output and exit status, in a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import VALID_TOML, FactWriter


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          cwd=cwd, check=False)


def test_check_bundled_data_is_clean_and_prints_counts() -> None:
    done = run("check")
    assert done.returncode == 0, done.stdout
    assert done.stderr == ""
    summary = done.stdout.strip().splitlines()[-1]
    assert "no problems; 4 sources," in summary
    assert "entities" in summary
    assert "claims" in summary
    assert "citations" in summary
    assert "relations" in summary


def test_check_json(write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML.replace("value = 1234", "value = 1"))
    done = run("check", "--facts", str(path), "--format", "json")
    assert done.returncode == 1
    payload = json.loads(done.stdout)
    assert payload["ok"] is False
    [problem] = payload["problems"]
    assert problem["file"] == str(path)
    assert "does not match the stated" in problem["message"]
    assert payload["counts"] == {"sources": 1, "entities": 2, "claims": 2, "citations": 2,
                                 "relations": 1}


def test_check_problems_exit_1_without_traceback(write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML.replace('kind = "company"', 'kind = 3'))
    done = run("check", "--facts", str(path))
    assert done.returncode == 1
    assert done.stderr == ""
    lines = done.stdout.strip().splitlines()
    first, summary = lines[0], lines[-1]
    assert first.startswith(f"{path}:")
    # the claims about the entity left out go with it, and so does the relation between them
    counts = "1 sources, 1 entities, 0 claims, 0 citations, 0 relations"
    assert summary == f"{path}: 1 problem; {counts}"


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    for target in (tmp_path / "missing.toml", tmp_path):
        done = run("check", "--facts", str(target))
        assert done.returncode == 2
        assert done.stdout.startswith(f"{target}:1: ")
        assert "Traceback" not in done.stdout + done.stderr


def test_facts_option_before_the_command(write_facts: FactWriter) -> None:
    done = run("--facts", str(write_facts()), "check")
    assert done.returncode == 0
    assert "1 sources, 2 entities, 2 claims" in done.stdout


def test_bad_invocation_exits_2() -> None:
    done = run("check", "--format", "xml")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


def test_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("chery-tui ")
    helped = run("--help")
    assert helped.returncode == 0
    assert "check" in helped.stdout
    assert "--facts" in helped.stdout
    check_help = run("check", "--help")
    assert "--format" in check_help.stdout


def test_check_with_an_unfound_passage_reports_it_and_still_prints_findings(
        write_facts: FactWriter) -> None:
    """Regression: the health report read the unresolved citation and raised a traceback."""
    path = write_facts(source="Something else entirely.\n")
    done = run("check", "--facts", str(path), "--no-cache")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "passage not found verbatim" in done.stdout
    assert "Health" in done.stdout
