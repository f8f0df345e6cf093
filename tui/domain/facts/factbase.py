"""The loaded, cross-checked fact base: models by id plus their source texts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from tui.domain.facts.model import Claim, Entity, Relation, Source, Table
from tui.domain.facts.source_texts import SourceTexts


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
    """Referentially closed, even when loaded from a file with problems: every id an item
    names (a citation's source, a claim's entities, a relation's claims, a link, a table
    cell) is in the base, since the loader leaves out what would dangle. What may still be
    missing, with a reported problem: a citation's span (its passage was not found; see
    `Citation.resolved`) and a source's text (not found or unreadable)."""

    path: Path
    title: str
    description: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    texts: SourceTexts = field(default_factory=lambda: SourceTexts())
    """Source id -> its full text (every citation's span indexes into it)."""
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    digest: str | None = None
    """Digest of the fact file's bytes as loaded (`file_digest`), naming this content."""

    def counts(self) -> Counts:
        citations = sum(len(c.citations) for c in self.claims.values())
        citations += sum(len(r.citations) for r in self.relations)
        return Counts(len(self.sources), len(self.entities), len(self.claims), citations,
                      len(self.relations))


def content_digest(data: bytes | memoryview) -> str:
    """The digest that names a file's content: SHA-256, which processors compute in hardware
    (faster than BLAKE2b where measured: docs/performance.md, "Parsing and validating")."""
    return hashlib.sha256(data).hexdigest()
