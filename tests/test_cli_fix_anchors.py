"""`chery-tui check --fix-anchors`: every broken citation listed at its FILE:LINE with the old
and the new passage, only the unambiguous close repairs written, `--dry-run` writing nothing,
the exit status, and nothing from the data driving the terminal; in a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FactWriter
from tests.test_repair import BEFORE, TOML
from tui.domain.loading.loader import load_facts

STRAIGHT = BEFORE.replace("“", '"').replace("”", '"')


def _fix(path: Path, *args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "tui", "check", "--fix-anchors", *args,
                           "--facts", str(path)], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


def _facts(write_facts: FactWriter, source: str) -> Path:
    path = write_facts(TOML, BEFORE)
    (path.parent / "sources" / "daily.txt").write_text(source, encoding="utf-8")
    return path


def _line(text: str) -> int:
    return TOML.splitlines().index(text) + 1


QUOTE_LINE = _line('citations = [{ source = "news", exact = "said: “We will build a second '
                   'plant in 2026.”" }]')


def test_each_repair_is_listed_at_its_line_with_old_and_new_and_written(
        write_facts: FactWriter) -> None:
    path = _facts(write_facts, STRAIGHT)
    done = _fix(path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    head = f"{path}:{QUOTE_LINE}: claim 'lima-second-plant': citation 1: repaired (score 100)"
    at = lines.index(head)
    assert lines[at + 1] == "  old: said: [-“-]We will build a second plant in 2026.[-”-]"
    assert lines[at + 2] == '  new: said: {+"+}We will build a second plant in 2026.{+"+}'
    assert f"{path}:{_line('[[claims.citations]]') + 3}: claim 'union': citation 1: " \
           "repaired (score 100)" in lines
    assert any(line.startswith(f"{path}:") and ": source 'news': quality note 1, passage 1: "
               "repaired" in line for line in lines)
    assert lines[-1] == f"{path}: 3 broken citations: 3 repaired"
    assert load_facts(path).ok
    again = _fix(path)
    assert again.returncode == 0
    assert again.stdout.splitlines() == [f"{path}: no broken citations"]


def test_a_dry_run_shows_the_repairs_and_writes_nothing(write_facts: FactWriter) -> None:
    path = _facts(write_facts, STRAIGHT)
    before = path.read_bytes()
    done = _fix(path, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert f"{path}:{QUOTE_LINE}: claim 'lima-second-plant': citation 1: would be repaired " \
           "(score 100; dry run, not written)" in done.stdout.splitlines()
    assert done.stdout.splitlines()[-1] == (
        f"{path}: 3 broken citations: 3 can be repaired (dry run: nothing written)")
    assert path.read_bytes() == before


def test_what_cannot_be_repaired_is_listed_with_its_closest_and_exits_1(
        write_facts: FactWriter) -> None:
    path = _facts(write_facts, BEFORE.replace("company sold", "company sells").replace(
        "Harbour Motors opened its first plant in Portside in March.\n", "Nothing here.\n"))
    done = _fix(path)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    plant = _line("    # where the article says so") + 1
    at = lines.index(f"{path}:{plant}: claim 'first-plant': citation 1: not repaired: nothing "
                     "in source 'news' is close enough (score 90 or more)")
    assert lines[at + 1] == "  old: opened its first plant in Portside in March"
    assert lines[at + 2] == "  closest:"
    assert lines[at + 3].lstrip()[0].isdigit()
    assert "  old: The company [-sold-] 12,480 cars last year" in lines
    assert "  new: The company {+sells+} 12,480 cars last year" in lines
    assert lines[-1] == f"{path}: 2 broken citations: 1 repaired, 1 not repaired"
    problems = load_facts(path).problems
    assert [p.line for p in problems] == [plant]


def test_an_ambiguous_passage_changes_nothing_and_exits_1(write_facts: FactWriter) -> None:
    path = _facts(write_facts, BEFORE + "Dock workers welcomed the news.\n")
    path.write_text(TOML.replace('kind = "person"', 'kind = "person"\nrole = 3'),
                    encoding="utf-8")
    before = path.read_bytes()
    done = _fix(path)
    assert done.returncode == 1
    assert "occurs 2 times in source 'news': ambiguous" in done.stdout
    assert done.stdout.splitlines()[-1] == (
        f"{path}: 1 broken citation: none can be repaired; 1 other problem (chery-tui check "
        "lists them)")
    assert path.read_bytes() == before


def test_old_and_new_side_by_side_on_a_wide_terminal_and_nothing_drives_it(
        write_facts: FactWriter) -> None:
    path = _facts(write_facts, BEFORE.replace("Dock workers welcomed",
                                              "Dock workers \x1b[31mwelcomed"))
    done = _fix(path, columns=140)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr
    [row] = [line for line in done.stdout.splitlines() if line.startswith("  old: ")]
    assert " | new: Dock workers {+" in row
    assert row.index(" | ") == 2 + (140 - 5) // 2
    assert "\\u001B" in path.read_text(encoding="utf-8")
    assert load_facts(path).ok


def test_an_unusable_file_exits_2_and_the_options_go_together(write_facts: FactWriter,
                                                               tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("format = = 1\n", encoding="utf-8")
    done = _fix(broken)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"{broken}:1: TOML syntax error" in done.stderr
    path = _facts(write_facts, STRAIGHT)
    alone = subprocess.run([sys.executable, "-m", "tui", "check", "--dry-run", "--facts",
                            str(path)], capture_output=True, text=True, timeout=120,
                           check=False)
    assert alone.returncode == 2
    assert "--dry-run goes with check --fix-anchors" in alone.stderr
    assert _fix(path, "--format", "json").returncode == 2
    assert not load_facts(path).ok  # nothing was written by either


def test_the_example_in_the_docs_is_what_it_prints(tmp_path: Path) -> None:
    import re

    docs = Path(__file__).resolve().parents[1] / "docs"
    example = (docs / "fact-file.md").read_text(encoding="utf-8").split(
        "## A complete example", 1)[1].split("\n## ", 1)[0]
    source = re.search(r"```text\n(.*?)```", example, re.S)
    facts = re.search(r"```toml\n(.*?)```", example, re.S)
    assert source
    assert facts
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "harbour.txt").write_text(
        source.group(1).replace("“", '"').replace("”", '"').replace(
            "on Tuesday", "on Wednesday").replace("had been agreed", "has been agreed"),
        encoding="utf-8")
    (tmp_path / "harbour.toml").write_text(facts.group(1), encoding="utf-8")
    shown = re.search(r"```console\n\$ (chery-tui [^\n]*)\n(.*?)```",
                      (docs / "capture.md").read_text(encoding="utf-8"), re.S)
    assert shown
    root = str(docs.parent)  # the checkout's tui, run from the example's folder
    env = {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8",
           "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "tui", *shown.group(1).split()[1:]],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
                          check=False)
    assert done.returncode == 1
    assert done.stdout == shown.group(2)
