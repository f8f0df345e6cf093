"""A SQLite database of the fact base, built with sqlite-utils: sources, entities, claims,
citations, relations, tables and findings in related tables with foreign keys, and full-text
search over claim texts and citation passages, so that Datasette opens it as it is.

The TOML file stays the source of truth: the database is derived, and made anew each time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui.domain.export.rows import (
    CITATION_COLUMNS,
    CLAIM_COLUMNS,
    citation_rows,
    claim_row,
    date_of,
)
from tui.domain.export.scope import Extract

_BATCH = 2_000


def _claims(extract: Extract) -> Iterator[dict[str, Any]]:
    for claim in extract.claims:
        yield dict(zip(CLAIM_COLUMNS, claim_row(claim), strict=True))


def _citations(extract: Extract) -> Iterator[dict[str, Any]]:
    for row in citation_rows(extract):
        yield {"id": f"{row[0]}:{row[1]}", **dict(zip(CITATION_COLUMNS, row, strict=True))}


def _table_cells(extract: Extract) -> Iterator[dict[str, Any]]:
    claims = extract.facts.claims
    for table in extract.tables:
        for number, row in enumerate(table.rows, 1):
            for column in table.columns:
                claim = claims.get(row.cells.get(column.id, ""))
                figure = claim.figure if claim is not None else None
                if claim is None or figure is None:
                    continue
                yield {"fact_table": table.id, "row": number, "row_label": row.label,
                       "entity": row.entity, "column_id": column.id,
                       "column_title": column.title, "claim": claim.id,
                       "value": figure.value,
                       "unit": figure.currency if figure.unit == "currency" else figure.unit}


def build(extract: Extract, path: Path) -> None:
    """Write the database to `path`, which must not exist yet (`writing` gives a fresh
    temporary file and moves it into place)."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        db.conn.execute("PRAGMA journal_mode = OFF")  # a new file, thrown away if it fails
        db.conn.execute("PRAGMA synchronous = OFF")  # made durable once, by the move
        with db.conn:
            _fill(db, extract)
        db.table("claims").enable_fts(["text"], create_triggers=False)
        db.table("citations").enable_fts(["exact"], create_triggers=False)
        db.index_foreign_keys()
        db.vacuum()
    finally:
        db.close()


_NUMBERS = {"value", "growth", "per", "number", "occurrence", "start", "end", "row", "finding"}
"""Columns of numbers. INTEGER affinity keeps 1199590 an integer and 2.4 a real: a figure is
stored as the file states it, not as 1199590.0."""

_TABLES: dict[str, tuple[tuple[str, ...], str | tuple[str, ...], list[tuple[str, str]]]] = {
    "sources": (("id", "title", "outlet", "tag", "author", "url", "published", "date_basis",
                 "path", "language", "note"), "id", []),
    "entities": (("id", "name", "kind", "aliases", "role", "note"), "id", []),
    "claims": (CLAIM_COLUMNS, "id", []),
    "claim_entities": (("claim", "entity"), ("claim", "entity"),
                       [("claim", "claims"), ("entity", "entities")]),
    "citations": (("id", *CITATION_COLUMNS), "id", [("claim", "claims"), ("source", "sources")]),
    "relations": (("id", "from_claim", "type", "to_claim", "note"), "id",
                  [("from_claim", "claims"), ("to_claim", "claims")]),
    "fact_tables": (("id", "title", "note"), "id", []),
    "table_cells": (("fact_table", "row", "row_label", "entity", "column_id", "column_title",
                     "claim", "value", "unit"), ("fact_table", "row", "column_id"),
                    [("fact_table", "fact_tables"), ("claim", "claims"),
                     ("entity", "entities")]),
    "findings": (("id", "key", "kind", "check", "title", "arithmetic", "tolerance"), "id", []),
    "finding_claims": (("finding", "claim"), ("finding", "claim"),
                       [("finding", "findings"), ("claim", "claims")]),
}


def _create(db: Any) -> None:
    for name, (columns, pk, foreign_keys) in _TABLES.items():
        types = {c: int if c in _NUMBERS else str for c in columns}
        if name in ("relations", "findings"):  # numbered rows; every other id is the file's
            types["id"] = int
        db[name].create(types, pk=pk, foreign_keys=foreign_keys)


def _fill(db: Any, extract: Extract) -> None:
    _create(db)
    db["sources"].insert_all(
        ({"id": s.id, "title": s.title, "outlet": s.outlet, "tag": s.short, "author": s.author,
          "url": s.url, "published": date_of(s.published), "date_basis": s.published.basis,
          "path": s.path, "language": s.language, "note": s.note} for s in extract.sources),
        batch_size=_BATCH)
    db["entities"].insert_all(
        ({"id": e.id, "name": e.name, "kind": e.kind, "aliases": ";".join(e.aliases),
          "role": e.role, "note": e.note} for e in extract.entities), batch_size=_BATCH)
    db["claims"].insert_all(_claims(extract), batch_size=_BATCH)
    db["claim_entities"].insert_all(
        ({"claim": c.id, "entity": e} for c in extract.claims for e in c.concerns),
        batch_size=_BATCH, ignore=True)
    db["citations"].insert_all(_citations(extract), batch_size=_BATCH)
    db["relations"].insert_all(
        ({"id": n, "from_claim": r.source_claim, "type": r.type, "to_claim": r.target_claim,
          "note": r.note} for n, r in enumerate(extract.relations, 1)), batch_size=_BATCH)
    db["fact_tables"].insert_all(
        ({"id": t.id, "title": t.title, "note": t.note} for t in extract.tables),
        batch_size=_BATCH)
    db["table_cells"].insert_all(_table_cells(extract), batch_size=_BATCH)
    db["findings"].insert_all(
        ({"id": n, "key": f.key, "kind": f.kind, "check": f.check,
          **dict(zip(("title", "arithmetic", "tolerance"), f.worded(), strict=True))}
         for n, f in enumerate(extract.findings, 1)), batch_size=_BATCH)
    db["finding_claims"].insert_all(
        ({"finding": n, "claim": c} for n, f in enumerate(extract.findings, 1)
         for c in dict.fromkeys(f.claims)), batch_size=_BATCH)
