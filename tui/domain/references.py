"""Cross-checks after validation: ids, references, source texts, citations, stated figures."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from tui.domain.factbase import FactBase
from tui.domain.model import Citation, Claim, FactFile
from tui.domain.numbers import agrees
from tui.domain.problems import Problem
from tui.domain.resolve import resolve
from tui.domain.textfile import read_text
from tui.domain.toml_lines import Path as KeyPath

_ID_KINDS = {"sources": "source", "entities": "entity", "claims": "claim", "tables": "table"}


class Reporter(Protocol):
    path: Path
    doc: dict[str, Any]

    def report(self, where: KeyPath, message: str) -> None: ...
    def invalid_ids(self) -> set[str]: ...
    def external_problem(self, problem: Problem) -> None: ...


def check_references(
    loader: Reporter, fact_file: FactFile, indices: dict[str, list[int]], facts: FactBase
) -> None:
    first_use, duplicates = _raw_ids(loader)
    for key in _ID_KINDS:
        target = getattr(facts, key)
        for index, item in zip(indices[key], getattr(fact_file, key), strict=True):
            if (key, index) not in duplicates:
                target[item.id] = item
    facts.relations = list(fact_file.relations)

    unknown_ok = loader.invalid_ids()

    def known(ident: str, table: Mapping[str, object], where: KeyPath, what: str) -> bool:
        if ident in table:
            return True
        if ident not in unknown_ok:
            other = first_use.get(ident)
            hint = f" ({ident!r} is {_a(other)})" if other else ""
            loader.report(where, f"unknown {what} {ident!r}{hint}")
        return False

    base_dir = loader.path.parent
    for index, source in zip(indices["sources"], fact_file.sources, strict=True):
        if facts.sources.get(source.id) is not source:
            continue
        text_path = base_dir / source.path
        text, problem = read_text(text_path, str(text_path))
        if text is None:
            assert problem is not None
            if problem.message == "no such file":
                loader.report(("sources", index, "path"), f"source text not found: {text_path}")
            else:
                loader.external_problem(Problem(problem.file, problem.line,
                                                f"{problem.message} (text of source "
                                                f"{source.id!r})"))
            continue
        facts.texts[source.id] = text
        for q, note in enumerate(source.quality):
            for p, passage in enumerate(note.passages):
                if passage not in text:
                    loader.report(("sources", index, "quality", q, "passages", p),
                                  f"quality passage not found in the source text: {passage!r}")

    def check_citation(citation: Citation, where: KeyPath) -> None:
        if not known(citation.source, facts.sources, (*where, "source"), "source"):
            return
        text = facts.texts.get(citation.source)
        if text is None:
            return  # its missing text is reported once, at the source
        label = f"source {citation.source!r}"
        result = resolve(text, citation, label)
        if result.error:
            loader.report((*where, "exact"), result.error)
        else:
            citation._span = result.span

    for index, entity in zip(indices["entities"], fact_file.entities, strict=True):
        for n, link in enumerate(entity.links):
            known(link.target, facts.entities, ("entities", index, "links", n, "target"), "entity")
            if link.claim is not None:
                known(link.claim, facts.claims, ("entities", index, "links", n, "claim"), "claim")

    for index, claim in zip(indices["claims"], fact_file.claims, strict=True):
        where: KeyPath = ("claims", index)
        for n, ident in enumerate(claim.about):
            known(ident, facts.entities, (*where, "about", n), "entity")
        for n, citation in enumerate(claim.citations):
            check_citation(citation, (*where, "citations", n))
        _check_verbatim_fields(loader, claim, where, facts, unknown_ok)

    for index, relation in enumerate(fact_file.relations):
        where = ("relations", indices["relations"][index])
        known(relation.source_claim, facts.claims, (*where, "from"), "claim")
        known(relation.target_claim, facts.claims, (*where, "to"), "claim")
        if relation.source_claim == relation.target_claim:
            loader.report((*where, "to"), "a relation cannot link a claim to itself")
        for n, citation in enumerate(relation.citations):
            check_citation(citation, (*where, "citations", n))

    for index, table in zip(indices["tables"], fact_file.tables, strict=True):
        where = ("tables", index)
        column_ids = [c.id for c in table.columns]
        for n, column in enumerate(column_ids):
            if column in column_ids[:n]:
                loader.report((*where, "columns", n, "id"), f"duplicate column id {column!r}")
        for r, row in enumerate(table.rows):
            if row.entity is not None:
                known(row.entity, facts.entities, (*where, "rows", r, "entity"), "entity")
            for column, claim_id in row.cells.items():
                cell: KeyPath = (*where, "rows", r, "cells", column)
                if column not in column_ids:
                    loader.report(cell, f"cell names unknown column {column!r}")
                if known(claim_id, facts.claims, cell, "claim"):
                    claim = facts.claims[claim_id]
                    if claim.figure is None:
                        loader.report(cell, f"cell names claim {claim_id!r}, which is a "
                                            f"{claim.kind}, not a figure")


def _check_verbatim_fields(loader: Reporter, claim: Claim, where: KeyPath,
                           facts: FactBase, unknown_ok: set[str]) -> None:
    """`stated` figures and quoted `words` must stand in one of the claim's own passages."""
    from_entities = facts.entities
    passages = [c.exact for c in claim.citations]

    def in_passages(text: str) -> bool:
        return any(text in passage for passage in passages)

    if claim.figure is not None:
        figure = claim.figure
        if not in_passages(figure.stated):
            loader.report((*where, "figure", "stated"),
                          f"stated figure {figure.stated!r} is not in any of the claim's passages")
        if not agrees(figure.value, figure.stated):
            loader.report((*where, "figure", "value"),
                          f"value {figure.value!r} does not match the stated {figure.stated!r}")
        if figure.growth is not None:
            growth = figure.growth
            if not in_passages(growth.stated):
                loader.report((*where, "figure", "growth", "stated"),
                              f"stated growth {growth.stated!r} is not in any of the claim's "
                              "passages")
            if not agrees(growth.value, growth.stated):
                loader.report((*where, "figure", "growth", "value"),
                              f"growth {growth.value!r} does not match the stated "
                              f"{growth.stated!r}")
    if claim.quote is not None:
        quote = claim.quote
        if not in_passages(quote.words):
            loader.report((*where, "quote", "words"),
                          "quoted words are not in any of the claim's passages")
        if quote.speaker not in from_entities and quote.speaker not in unknown_ok:
            loader.report((*where, "quote", "speaker"), f"unknown entity {quote.speaker!r}")
        if quote.via is not None and quote.via not in from_entities:
            loader.report((*where, "quote", "via"), f"unknown entity {quote.via!r}")


def _raw_ids(loader: Reporter) -> tuple[dict[str, str], set[tuple[str, int]]]:
    """Id -> kind of its first user, and the (key, index) of every later duplicate.

    Read from the parsed document rather than the validated items, so that a duplicate is
    found even when one of the two copies has a schema error.
    """
    first_use: dict[str, str] = {}
    duplicates: set[tuple[str, int]] = set()
    for key, noun in _ID_KINDS.items():
        items = loader.doc.get(key)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in first_use:
                duplicates.add((key, index))
                loader.report((key, index, "id"),
                              f"duplicate id {ident!r}: already the id of {_a(first_use[ident])}")
            else:
                first_use[ident] = noun
    return first_use, duplicates


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
