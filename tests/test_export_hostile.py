"""Exports of files that try to break them (found by attacking the exports): footnotes that
would collide, formulas and markup in the file's text, tables whose file names would clash,
outputs that are links, pipes or folders of other files, a full disk, a broken saved state."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FactWriter, facts_with
from tui.domain.export.scope import extract
from tui.domain.export.writing import ExportError, render, write_export
from tui.domain.present.citations import reference_list

_TWO_CLAIMS = '''
[[claims]]
id = "a"
kind = "statement"
text = "Acme sold cars."
about = ["acme"]
status = "reported"
citations = [{ source = "daily", exact = "Acme Motors sold 1,234 cars" },
             { source = "daily", exact = "Acme Motors sold more cars than ever.", occurrence = 1 }]

[[claims]]
id = "a-2"
kind = "statement"
text = "Acme sold more."
about = ["acme"]
status = "reported"
citations = [{ source = "daily", exact = "up 5.5% on the year before" }]
'''



def test_footnote_labels_never_collide_across_claims(write_facts: FactWriter) -> None:
    facts = facts_with(write_facts, more=_TWO_CLAIMS)
    for text in (render(extract(facts), "markdown").decode(),
                 reference_list(facts, [facts.claims["a"], facts.claims["a-2"]], "markdown")):
        labels = [line.split("]:")[0] for line in text.splitlines() if line.startswith("[^")]
        assert "[^a:2" in labels
        assert "[^a-2" in labels
        assert len(labels) == len(set(labels)), labels


def test_a_column_title_is_no_formula_and_values_are_exact(write_facts: FactWriter) -> None:
    facts = facts_with(write_facts, ('title = "Units"', 'title = "=cmd|\' /C calc\'!A0"'),
                   ('text = "Acme sold 1,234 cars in 2024."',
                    'text = "Acme sold\\t1,234 cars in 2024."'))
    import zipfile

    with zipfile.ZipFile(io.BytesIO(render(extract(facts), "csv"))) as archive:
        header = next(csv.reader(io.StringIO(archive.read("tables/sales.csv").decode())))
        claims = list(csv.DictReader(io.StringIO(archive.read("claims.csv").decode())))
    assert header[2] == "'=cmd|' /C calc'!A0"
    assert claims[0]["text"] == "Acme sold\t1,234 cars in 2024."  # exact: a tab kept


def test_tables_never_share_a_file_name(write_facts: FactWriter, tmp_path: Path) -> None:
    table = ('\n[[tables]]\nid = "table-sales"\ntitle = "Again"\n'
             'columns = [{ id = "units", title = "Units" }]\n')
    facts = facts_with(write_facts, more=table)
    written = write_export(extract(facts), "csv", tmp_path / "out")
    assert {p.name for p in written if p.parent.name == "tables"} == \
        {"sales.csv", "table-sales.csv"}


def test_the_report_shows_markup_in_the_file_as_text(write_facts: FactWriter) -> None:
    facts = facts_with(write_facts,
                   ('title = "Acme test facts"',
                    'title = "Acme test facts"\ndescription = """Intro\n'
                    '[^acme-sales-2024]: FORGED\n# Injected\n<script>alert(1)</script>"""'),
                   ('outlet = "The Daily"', 'outlet = "The <b>Daily</b> [x](http://evil)"'))
    report = render(extract(facts), "markdown").decode()
    assert "\n\\[^acme-sales-2024\\]: FORGED\n\\# Injected\n\\<script\\>alert(1)\\</script\\>\n" \
        in report
    assert "<b>" not in report
    assert "[x](http://evil)" not in report
    assert "The \\<b\\>Daily\\</b\\> \\[x\\](http://evil)" in report


def test_a_url_with_braces_keeps_its_bibtex_entry(write_facts: FactWriter) -> None:
    from bibtexparser.entrypoint import parse_string

    facts = facts_with(write_facts, ('outlet = "The Daily"',
                                 'outlet = "The Daily"\nurl = "https://e.com/{x\\\\y"'))
    library = parse_string(render(extract(facts), "bibtex").decode())
    assert not library.failed_blocks
    assert library.entries[0].fields_dict["url"].value == "https://e.com/%7Bx%5Cy"


def test_a_link_is_written_through_and_a_pipe_refused(write_facts: FactWriter,
                                                     tmp_path: Path) -> None:
    facts = facts_with(write_facts)
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_export(extract(facts), "markdown", link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Acme test facts")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="is not a regular file"):
        write_export(extract(facts), "markdown", fifo)
    assert fifo.exists()
    assert not fifo.is_file()


def test_a_csv_folder_is_replaced_whole_or_not_at_all(write_facts: FactWriter, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    facts = facts_with(write_facts)
    folder = tmp_path / "out"
    write_export(extract(facts), "csv", folder)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    import tui.domain.export.csv_tables as csv_tables

    real_files = csv_tables.files

    def with_a_failure(*args: object) -> dict[str, bytes]:
        made = real_files(*args)  # type: ignore[arg-type]
        made["claims.csv"] = b"new"
        made["claims.csv/cannot.csv"] = b"fails half way, after claims.csv is written"
        return made

    monkeypatch.setattr(csv_tables, "files", with_a_failure)
    with pytest.raises(FileExistsError):
        write_export(extract(facts), "csv", folder)
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_a_folder_of_other_files_is_not_replaced(write_facts: FactWriter,
                                                 tmp_path: Path) -> None:
    facts = facts_with(write_facts)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.tex").write_text("precious")
    with pytest.raises(ExportError, match="holds files that are not a chery-tui export"):
        write_export(extract(facts), "csv", folder)
    assert (folder / "thesis.tex").read_text() == "precious"


def test_sqlite_s_own_errors_are_said_not_raised_raw(write_facts: FactWriter, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.domain.export.writing as writing

    def full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(writing, "_build_sqlite", full)
    with pytest.raises(ExportError, match="SQLite could not write it: database or disk"):
        write_export(extract(facts_with(write_facts)), "sqlite", tmp_path / "x.db")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".x.db")) == []


def _basket_export(path: Path, env_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "export", "--format", "markdown",
                           "--facts", str(path), "--basket"], capture_output=True, text=True,
                          timeout=120, check=False,
                          env={**os.environ, "CHERY_TUI_STATE_DIR": str(env_dir)})


def test_a_broken_saved_state_is_said_and_left_where_it_is(write_facts: FactWriter,
                                                          own_state_dir: Path) -> None:
    from tui.storage import state_file

    path = write_facts()
    saved = state_file.state_path(path)
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text("garbage{")
    done = _basket_export(path, own_state_dir)
    assert done.returncode == 2
    assert "could not be used" in done.stderr
    assert saved.read_text() == "garbage{"  # not moved aside by a command that only reads


def test_a_basket_claim_gone_from_the_file_is_left_out(write_facts: FactWriter,
                                                       own_state_dir: Path) -> None:
    from tui.navigation.saved_state import UserState
    from tui.storage import state_file

    path = write_facts()
    state_file.save(path, UserState(basket=["gone", "roe-growing"]))
    done = _basket_export(path, own_state_dir)
    assert done.returncode == 0, done.stderr
    assert "left out: gone" in done.stderr
    assert "roe-growing" in done.stdout
