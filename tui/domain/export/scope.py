"""What an export holds: some claims, and everything they need to stand on their own."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.domain.crossref.findings import Finding
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Claim, Entity, Relation, Source, Table


@dataclass(frozen=True, slots=True)
class Extract:
    """The claims an export is about, with the sources they cite, the entities they concern,
    the relations between them, the tables that show them and the findings on them. For the
    whole file: everything in it, uncited sources and unclaimed entities too."""

    facts: FactBase
    title: str
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    tables: tuple[Table, ...]
    findings: tuple[Finding, ...]
    whole: bool

    def source_text(self, source_id: str) -> str | None:
        return self.facts.texts.get(source_id)


class UnknownIds(ValueError):
    """Ids asked for that the fact file does not hold."""

    def __init__(self, unknown: Sequence[str], kind: str) -> None:
        super().__init__(f"no such {kind}: {', '.join(unknown)}")
        self.unknown = tuple(unknown)


def extract(facts: FactBase, claim_ids: Sequence[str] | None = None,
            table_ids: Sequence[str] | None = None, findings: Iterable[Finding] = (),
            title: str | None = None) -> Extract:
    """Everything when neither `claim_ids` nor `table_ids` is given; else those claims and
    the claims of those tables. `findings`: the consistency engine's (`find_all`), of which
    those on the chosen claims are kept. Raises `UnknownIds` naming every id not found."""
    whole = claim_ids is None and table_ids is None
    if whole:
        claims = list(facts.claims.values())
        tables = list(facts.tables.values())
    else:
        claims, tables = _chosen(facts, claim_ids or (), table_ids or ())
    chosen = {c.id for c in claims}
    relations = [r for r in facts.relations
                 if r.source_claim in chosen and r.target_claim in chosen]
    if whole:
        sources = list(facts.sources.values())
        entities = list(facts.entities.values())
    else:
        cited = {c.source for claim in claims for c in claim.citations}
        cited |= {c.source for r in relations for c in r.citations}
        sources = [s for s in facts.sources.values() if s.id in cited]
        concerned = {e for claim in claims for e in claim.concerns}
        concerned |= {c.quote.via for c in claims if c.quote and c.quote.via}
        concerned |= {row.entity for t in tables for row in t.rows if row.entity}
        entities = [e for e in facts.entities.values() if e.id in concerned]
    kept = [f for f in findings if all(c in chosen for c in f.claims)]
    return Extract(facts, title or facts.title, tuple(claims), tuple(sources),
                   tuple(entities), tuple(relations), tuple(tables), tuple(kept), whole)


def _chosen(facts: FactBase, claim_ids: Sequence[str], table_ids: Sequence[str]
            ) -> tuple[list[Claim], list[Table]]:
    missing_tables = [t for t in table_ids if t not in facts.tables]
    if missing_tables:
        raise UnknownIds(missing_tables, "table")
    missing = [c for c in dict.fromkeys(claim_ids) if c not in facts.claims]
    if missing:
        raise UnknownIds(missing, "claim")
    tables = [facts.tables[t] for t in dict.fromkeys(table_ids)]
    ids = dict.fromkeys(claim_ids)
    for table in tables:
        ids.update(dict.fromkeys(c for row in table.rows for c in row.cells.values()
                                 if c in facts.claims))
    return [facts.claims[c] for c in ids], tables
