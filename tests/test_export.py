"""Exports (`tui.domain.export`), each read back by its own format's reader: every claim,
citation and source of the bundled fact file is found again, figures as numbers."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FactWriter, facts_with
from tui.bundled import bundled_facts_path
from tui.domain.crossref.consistency import find_all
from tui.domain.export import FORMATS, SUFFIXES
from tui.domain.export.scope import Extract, UnknownIds, extract
from tui.domain.export.writing import render, write_export
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts


@pytest.fixture(scope="module")
def bundled() -> FactBase:
    result = load_facts(bundled_facts_path())
    assert result.facts is not None
    assert not result.problems
    return result.facts


@pytest.fixture(scope="module")
def whole(bundled: FactBase) -> Extract:
    return extract(bundled, findings=find_all(bundled))


def _citations(facts: FactBase) -> list[tuple[str, int, str]]:
    return [(claim.id, n, c.exact) for claim in facts.claims.values()
            for n, c in enumerate(claim.citations, 1)]


def _csv_files(data: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
                for name in archive.namelist()}


def test_csv_holds_every_claim_citation_and_source_with_figures_as_numbers(
        whole: Extract, bundled: FactBase) -> None:
    files = _csv_files(render(whole, "csv"))
    claims = {row["id"]: row for row in files["claims.csv"]}
    assert set(claims) == set(bundled.claims)
    assert [(r["claim"], int(r["number"]), r["exact"]) for r in files["citations.csv"]] \
        == _citations(bundled)
    assert {r["id"] for r in files["sources.csv"]} == set(bundled.sources)
    exports = claims["chery-exports-2023"]
    assert exports["value"] == "937148"  # the number as stated, not "937,148 units"
    assert float(exports["growth"]) == 101.1
    assert exports["stated"] == bundled.claims["chery-exports-2023"].figure.stated  # type: ignore[union-attr]
    table = files["tables/table-chery-exports.csv"]
    assert table
    assert all(set(row) >= {"row", "entity"} for row in table)
    assert any(row[k] == "937148" for row in table for k in row)
    assert len(files["relations.csv"]) == len(bundled.relations)
    assert len(files["findings.csv"]) == len(whole.findings)


def test_csv_offers_no_formula_to_a_spreadsheet(write_facts: FactWriter) -> None:
    facts = facts_with(write_facts, ('text = "Acme sold 1,234 cars in 2024."',
                                     'text = "=HYPERLINK(\\"http://x\\")"'))
    [claim, *_] = _csv_files(render(extract(facts), "csv"))["claims.csv"]
    assert claim["text"] == "'=HYPERLINK(\"http://x\")"
    assert claim["value"] == "1234"


def test_csl_json_is_read_by_a_csl_processor_with_every_source(
        whole: Extract, bundled: FactBase) -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    from tui.domain.present.csl_styles import _style

    items = json.loads(render(whole, "csl-json"))
    assert {i["id"] for i in items} == set(bundled.sources)
    dated = next(i for i in items if i["id"] == "cnevpost-jlr-platform")
    assert dated["issued"] == {"date-parts": [[2024, 4]], "circa": True}  # month precision
    undated = next(i for i in items if i["id"] == "gate-liverpool")
    assert "issued" not in undated
    assert "not before 2025-11" in undated["note"]
    bib = CitationStylesBibliography(_style("apa"), CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    references = " ".join(str(entry) for entry in bib.bibliography())
    for source in bundled.sources.values():
        assert source.outlet.split()[0].lower() in references.lower()


def test_bibtex_is_read_back_by_bibtexparser_with_every_source(
        whole: Extract, bundled: FactBase) -> None:
    from bibtexparser.entrypoint import parse_string

    library = parse_string(render(whole, "bibtex").decode("utf-8"))
    assert not library.failed_blocks
    entries = {e.key: e.fields_dict for e in library.entries}
    assert set(entries) == set(bundled.sources)
    for source in bundled.sources.values():
        fields = entries[source.id]
        assert fields["title"].value == "{" + source.title + "}"
        assert fields["howpublished"].value == source.outlet
    platform = entries["cnevpost-jlr-platform"]
    assert (platform["year"].value, platform["month"].value, platform["date"].value) \
        == ("2024", "apr", "2024-04")
    assert entries["liverpool-base"]["author"].value == "{admin477351}"  # never split


def test_bibtex_escapes_what_latex_would_read_as_commands(write_facts: FactWriter) -> None:
    from bibtexparser.entrypoint import parse_string

    facts = facts_with(write_facts,
                       ('title = "Acme grows"', 'title = "Acme grows 5% & more_{x}"'))
    library = parse_string(render(extract(facts), "bibtex").decode("utf-8"))
    assert library.entries[0].fields_dict["title"].value == r"{Acme grows 5\% \& more\_\{x\}}"


def test_web_annotations_pick_out_each_passage_in_its_source(
        whole: Extract, bundled: FactBase) -> None:
    document = json.loads(render(whole, "web-annotation"))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = document["first"]["items"]
    assert document["total"] == len(items) == len(_citations(bundled))
    for item, (claim_id, _, exact) in zip(items, _citations(bundled), strict=True):
        assert item["type"] == "Annotation"
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert quote["exact"] == exact
        source_id = item["target"]["source"].rsplit(":", 1)[-1]
        text = bundled.texts[source_id]
        start, end = position["start"], position["end"]
        assert text[start:end] == exact
        assert text[:start].endswith(quote["prefix"])
        assert text[end:].startswith(quote["suffix"])
        assert claim_id in [b["value"] for b in item["body"]]


def test_sqlite_has_related_tables_and_full_text_search(
        tmp_path: Path, whole: Extract, bundled: FactBase) -> None:
    target = tmp_path / "facts.db"
    write_export(whole, "sqlite", target)
    db = sqlite3.connect(target)
    db.execute("PRAGMA foreign_keys = ON")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert {r[0] for r in db.execute("SELECT id FROM claims")} == set(bundled.claims)
    assert db.execute("SELECT claim, number, exact FROM citations ORDER BY rowid").fetchall() \
        == _citations(bundled)
    assert {r[0] for r in db.execute("SELECT id FROM sources")} == set(bundled.sources)
    value, = db.execute("SELECT value FROM claims WHERE id = 'chery-exports-2023'").fetchone()
    assert value == 937148
    assert isinstance(value, int)
    found = db.execute("SELECT claim FROM citations WHERE rowid IN (SELECT rowid FROM "
                       "citations_fts WHERE citations_fts MATCH 'Halewood')").fetchall()
    assert found
    assert all("Halewood" in bundled.claims[c].citations[0].exact
                         or any("Halewood" in x.exact for x in bundled.claims[c].citations)
                         for c, in found)
    fks = {(r[2], r[3]) for r in db.execute("PRAGMA foreign_key_list(citations)")}
    assert fks == {("claims", "claim"), ("sources", "source")}


def test_markdown_report_quotes_every_passage_with_a_footnote(
        whole: Extract, bundled: FactBase) -> None:
    report = render(whole, "markdown").decode("utf-8")
    for claim_id, n, _exact in _citations(bundled):
        label = claim_id if n == 1 else f"{claim_id}:{n}"
        assert f"[^{label}]:" in report
    assert report.count("\n| ") >= sum(len(t.rows) + 1 for t in bundled.tables.values())
    assert "## Findings" in report
    assert "Tolerance:" in report
    for r in bundled.relations:  # each under both its claims
        assert report.count(f"`{r.source_claim}` → {r.type} → `{r.target_claim}`") >= 2


def test_a_part_holds_only_its_claims_and_what_they_cite(bundled: FactBase) -> None:
    part = extract(bundled, ["chery-exports-2023", "chery-exports-2022"])
    assert [c.id for c in part.claims] == ["chery-exports-2023", "chery-exports-2022"]
    assert [s.id for s in part.sources] == ["export-surge"]
    assert all(r.source_claim in {"chery-exports-2023", "chery-exports-2022"}
               for r in part.relations)
    table = extract(bundled, table_ids=["table-chery-exports"])
    cells = {c for row in bundled.tables["table-chery-exports"].rows
             for c in row.cells.values()}
    assert {c.id for c in table.claims} == cells


def test_unknown_ids_are_all_named(bundled: FactBase) -> None:
    with pytest.raises(UnknownIds, match="no such claim: nope, also-not"):
        extract(bundled, ["nope", "chery-exports-2023", "also-not"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_the_old_file(tmp_path: Path, whole: Extract, fmt: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / f"out{SUFFIXES[fmt]}"  # type: ignore[index]
    target.write_bytes(b"the old export")

    def broken(*_args: object) -> bytes:
        raise OSError(28, "No space left on device")

    def half_written(*_args: object) -> Iterator[bytes]:
        yield b"the first half of the new export"
        raise OSError(28, "No space left on device")

    import tui.domain.export.writing as writing

    monkeypatch.setattr(writing, "_build_sqlite", broken)
    monkeypatch.setattr(writing, "render", broken)
    monkeypatch.setattr(writing, "text_chunks", half_written)
    with pytest.raises(OSError, match="No space left"):
        write_export(whole, fmt, target)  # type: ignore[arg-type]
    assert target.read_bytes() == b"the old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary left
