"""The one path a change to a fact file takes: comments and formatting kept, checked before it
replaces the file, refused when it would make the file invalid, atomic when interrupted,
undone byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import VALID_TOML, FactWriter
from tui.domain.loading.loader import load_facts
from tui.storage.fact_edit import EditRefused, append_table, edit, undo

NEW_SOURCE = {"id": "weekly", "title": "Acme again", "outlet": "The Weekly",
              "published": {"date": "2025-02-01"}, "path": "sources/weekly.txt"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp"))


def test_a_source_goes_after_the_last_source_and_the_rest_is_untouched(
        write_facts: FactWriter) -> None:
    text = VALID_TOML.replace("[[entities]]", "# ── who is who ──\n\n[[entities]]", 1)
    path = write_facts(text)
    edited = edit(path, lambda old: append_table(old, "sources", NEW_SOURCE),
                  {Path("sources/weekly.txt"): b"Acme sold more.\n"})
    after = path.read_text(encoding="utf-8")
    head, _, tail = text.partition("# ── who is who ──")
    assert after.startswith(head.rstrip("\n") + "\n\n[[sources]]\nid = \"weekly\"")
    assert after.endswith("# ── who is who ──" + tail)  # the comment stays with what it opens
    assert not load_facts(path).problems
    assert edited.created == [path.parent / "sources" / "weekly.txt"]
    assert _leftovers(path.parent) == []


def test_windows_line_endings_are_kept(write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML.replace("\n", "\r\n"))
    edit(path, lambda old: append_table(old, "sources", NEW_SOURCE),
         {Path("sources/weekly.txt"): b"Acme sold more.\n"})
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert not load_facts(path).problems


def test_an_invalid_change_is_refused_with_its_problems_and_changes_nothing(
        write_facts: FactWriter) -> None:
    path = write_facts()
    before = path.read_bytes()
    broken = {**NEW_SOURCE, "id": "Not An Id"}
    with pytest.raises(EditRefused) as refused:
        edit(path, lambda old: append_table(old, "sources", broken),
             {Path("sources/weekly.txt"): b"Acme sold more.\n"})
    assert refused.value.problems
    assert all(line.startswith(f"{path}:") for line in refused.value.problems)
    assert path.read_bytes() == before
    assert not (path.parent / "sources" / "weekly.txt").exists()
    assert _leftovers(path.parent) == []


def test_an_existing_file_is_never_overwritten(write_facts: FactWriter) -> None:
    path = write_facts()
    before = path.read_bytes()
    text_before = (path.parent / "sources" / "daily.txt").read_bytes()
    with pytest.raises(EditRefused, match="already exists"):
        edit(path, lambda old: append_table(old, "sources", NEW_SOURCE),
             {Path("sources/daily.txt"): b"something else\n"})
    assert path.read_bytes() == before
    assert (path.parent / "sources" / "daily.txt").read_bytes() == text_before


def test_a_file_outside_the_folder_is_refused(write_facts: FactWriter) -> None:
    path = write_facts()
    with pytest.raises(EditRefused, match="outside"):
        edit(path, lambda old: old, {Path("../escaped.txt"): b"x"})
    assert not (path.parent.parent / "escaped.txt").exists()


def test_an_interrupted_write_leaves_the_file_intact(write_facts: FactWriter,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_facts()
    before = path.read_bytes()

    def power_cut(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", power_cut)  # the rename that would replace the file
    with pytest.raises(OSError, match="No space left"):
        edit(path, lambda old: append_table(old, "sources", NEW_SOURCE),
             {Path("sources/weekly.txt"): b"Acme sold more.\n"})
    assert path.read_bytes() == before
    assert not (path.parent / "sources" / "weekly.txt").exists()
    assert _leftovers(path.parent) == []


def test_a_file_changed_meanwhile_is_not_replaced(write_facts: FactWriter) -> None:
    path = write_facts()

    def change(old: str) -> str:
        path.write_text(old + "\n# edited in another window\n", encoding="utf-8")
        return append_table(old, "sources", NEW_SOURCE)

    with pytest.raises(EditRefused, match="changed on disk"):
        edit(path, change, {Path("sources/weekly.txt"): b"Acme sold more.\n"})
    assert path.read_text(encoding="utf-8").endswith("# edited in another window\n")


def test_undo_gives_the_bytes_back(write_facts: FactWriter) -> None:
    path = write_facts(VALID_TOML + "# trailing comment, no newline")
    before = path.read_bytes()
    edited = edit(path, lambda old: append_table(old, "sources", NEW_SOURCE),
                  {Path("sources/weekly.txt"): b"Acme sold more.\n"})
    assert path.read_bytes() != before
    undo(edited)
    assert path.read_bytes() == before
    assert not (path.parent / "sources" / "weekly.txt").exists()
    with pytest.raises(EditRefused, match="changed since"):
        undo(edited)


def test_a_first_source_and_a_static_array_of_sources() -> None:
    assert append_table('format = 1\ntitle = "t"\n', "sources", {"id": "a"}) == \
        'format = 1\ntitle = "t"\n\n[[sources]]\nid = "a"\n'
    static = 'format = 1\nsources = [{ id = "a" }]\n'
    assert append_table(static, "sources", {"id": "b"}) == \
        'format = 1\nsources = [{ id = "a" }, {id = "b"}]\n'


def test_a_table_is_written_as_the_bundled_file_writes_them() -> None:
    """Inline tables spaced, array items two in, a figure in a sub-table; braces and
    quotation marks inside strings left as they are; controls and bidi marks escaped."""
    from tui.storage.fact_edit import append_table

    written = append_table("format = 1\n", "claims", {
        "id": "x", "text": 'a {b} "c" } d \u202e', "when": {"date": "2025"},
        "citations": [{"source": "s", "exact": "e}{\x1b"}],
        "figure": {"measure": "m", "value": 1, "period": {"label": "2025"}}},
        sub_tables=("figure",))
    assert written == (
        'format = 1\n\n[[claims]]\nid = "x"\ntext = "a {b} \\"c\\" } d \\u202E"\n'
        'when = { date = "2025" }\ncitations = [\n  { source = "s", exact = "e}{\\u001b" },\n'
        ']\n\n[claims.figure]\nmeasure = "m"\nvalue = 1\nperiod = { label = "2025" }\n')
