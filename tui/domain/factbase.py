"""The loaded, cross-checked fact base: models by id plus their source texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.domain.model import Claim, Entity, Relation, Source, Table


@dataclass(frozen=True, slots=True)
class Counts:
    sources: int
    entities: int
    claims: int
    citations: int
    relations: int

    def summary(self) -> str:
        return (f"{self.sources} sources, {self.entities} entities, {self.claims} claims, "
                f"{self.citations} citations, {self.relations} relations")


@dataclass(slots=True)
class FactBase:
    path: Path
    title: str
    description: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """Source id -> its full text (every citation's span indexes into it)."""
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)

    def counts(self) -> Counts:
        citations = sum(len(c.citations) for c in self.claims.values())
        citations += sum(len(r.citations) for r in self.relations)
        return Counts(len(self.sources), len(self.entities), len(self.claims), citations,
                      len(self.relations))
