"""CSV: claims, citations, sources, entities, relations, findings and each table, one file
each. Figures are numbers as the file states them (1200000, 2.4), never formatted text.

A text cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`,
a tab or a carriage return) gets a leading `'`, as OWASP advises: a fact file may come from
anyone, and its CSV is opened in spreadsheets. Numbers are never changed; every other text is
exact, as the file has it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from tui.domain.export.rows import (
    CITATION_COLUMNS,
    CLAIM_COLUMNS,
    Cell,
    citation_rows,
    claim_row,
    date_of,
)
from tui.domain.export.scope import Extract


def _text(value: str | None) -> str:
    """A text as the file has it (a CSV is data, exact: it never goes to the terminal), but
    never a formula."""
    if value is None:
        return ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str):
        return _text(value)
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow([_text(h) for h in header])  # a column's title is the file's text too
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8")


def files(extract: Extract) -> dict[str, bytes]:
    """File name -> its CSV bytes."""
    out = {
        "claims.csv": _csv(CLAIM_COLUMNS, (claim_row(c) for c in extract.claims)),
        "citations.csv": _csv(CITATION_COLUMNS, citation_rows(extract)),
        "sources.csv": _csv(
            ("id", "title", "outlet", "tag", "author", "url", "published", "basis", "path"),
            ([s.id, s.title, s.outlet, s.tag, s.author, s.url, date_of(s.published),
              s.published.basis, s.path] for s in extract.sources)),
        "entities.csv": _csv(
            ("id", "name", "kind", "aliases", "role"),
            ([e.id, e.name, e.kind, ";".join(e.aliases), e.role] for e in extract.entities)),
        "relations.csv": _csv(
            ("from", "type", "to", "note"),
            ([r.source_claim, r.type, r.target_claim, r.note] for r in extract.relations)),
        "findings.csv": _csv(
            ("kind", "check", "title", "arithmetic", "tolerance", "claims"),
            ([f.kind, f.check, *f.worded(), ";".join(f.claims)] for f in extract.findings)),
    }
    for table in extract.tables:
        # in a folder of their own: a table's id is unique among tables, not among file names
        out[f"tables/{table.id}.csv"] = _table(extract, table.id)
    return out


def _table(extract: Extract, table_id: str) -> bytes:
    """One row per table row: each column's value as a number, and the claim it comes from."""
    facts = extract.facts
    table = facts.tables[table_id]
    header = ["row", "entity"]
    for column in table.columns:
        header += [column.title, f"{column.title} (unit)", f"{column.title} (claim)"]
    rows: list[list[Cell]] = []
    for row in table.rows:
        cells: list[Cell] = [row.label, row.entity]
        for column in table.columns:
            claim = facts.claims.get(row.cells.get(column.id, ""))
            figure = claim.figure if claim is not None else None
            if claim is None or figure is None:
                cells += [None, None, None]
                continue
            unit = figure.currency if figure.unit == "currency" else figure.unit
            cells += [figure.value, unit if figure.per is None else f"{unit} per {figure.per}",
                      claim.id]
        rows.append(cells)
    return _csv(header, rows)
