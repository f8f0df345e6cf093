"""The cheap cross-references, built with the data the browser lists: which relations join a
claim to others, which claims concern an entity or cite a source, which entities link to an
entity. Each lookup is a dictionary access; building them is one pass over the claims and
entities. What takes longer (the consistency engine's findings, overlapping dates, the health
report) is the `CrossIndex`'s, built after the browser is open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Entity, Link, QualityNote, Relation


@dataclass(frozen=True, slots=True)
class LinkedClaim:
    relation: Relation
    other: str
    outgoing: bool


_STATE_PIECE = 5_000
"""Entities or sources a piece of the saved state holds."""


class Links:
    def __init__(self, facts: FactBase, state: list[Any] | None = None) -> None:
        """`state`: what `state()` gave for these very facts (from a snapshot), so that a
        reopened file does not walk its claims again."""
        self.facts = facts
        self._links: dict[str, list[LinkedClaim]] = defaultdict(list)
        for relation in facts.relations:
            self._links[relation.source_claim].append(
                LinkedClaim(relation, relation.target_claim, True))
            self._links[relation.target_claim].append(
                LinkedClaim(relation, relation.source_claim, False))
        self._by_entity: dict[str, list[str]] = defaultdict(list)
        self._by_source: dict[str, list[str]] = defaultdict(list)
        if state is not None:
            for piece in state:
                for kind, key, claims in piece:
                    (self._by_entity if kind == "e" else self._by_source)[key] = claims
        else:
            self._file_claims()
        self._incoming: dict[str, list[tuple[Entity, Link]]] = defaultdict(list)
        for source_entity in facts.entities.values():
            for link in source_entity.links:
                self._incoming[link.target].append((source_entity, link))

    def _file_claims(self) -> None:
        by_entity, by_source = self._by_entity, self._by_source
        for ident, claim in self.facts.claims.items():
            for entity in claim.concerns:
                by_entity[entity].append(ident)
            cited = claim.citations
            if len(cited) == 1:  # most claims: no set to build
                by_source[cited[0].source].append(ident)
            else:
                for source in dict.fromkeys(c.source for c in cited):
                    by_source[source].append(ident)

    def state(self) -> Iterator[list[Any]]:
        """The claims by entity and by source as plain values, for a snapshot, in pieces."""
        rows = [*(("e", k, v) for k, v in self._by_entity.items()),
                *(("s", k, v) for k, v in self._by_source.items())]
        for first in range(0, len(rows), _STATE_PIECE):
            yield rows[first:first + _STATE_PIECE]

    # ── claims ─────────────────────────────────────────────────────────────────────

    def sources_of(self, claim_id: str) -> list[str]:
        return list(dict.fromkeys(c.source for c in self.facts.claims[claim_id].citations))

    def backing_sources(self, claim_id: str) -> list[str]:
        """Sources that state the claim or a claim corroborating it."""
        found = dict.fromkeys(self.sources_of(claim_id))
        for link in self.linked(claim_id):
            if link.relation.type == "corroborates":
                found.update(dict.fromkeys(self.sources_of(link.other)))
        return list(found)

    def linked(self, claim_id: str) -> list[LinkedClaim]:
        return self._links.get(claim_id, [])

    def confirmed_elsewhere(self, claim_id: str) -> bool:
        """Another source backs the claim: a second citation, or a corroborating claim."""
        own = set(self.sources_of(claim_id))
        if len(own) > 1:
            return True
        return any(link.relation.type == "corroborates" and set(self.sources_of(link.other)) - own
                   for link in self.linked(claim_id))

    def quality_notes(self, claim_id: str) -> list[tuple[str, QualityNote]]:
        return [(s, q) for s in self.sources_of(claim_id) for q in self.facts.sources[s].quality]

    # ── entities ───────────────────────────────────────────────────────────────────

    def claims_concerning(self, entity_ids: Iterable[str]) -> set[str]:
        """Claims about (or quoting) any of the entities: an index union, not a scan."""
        found: set[str] = set()
        for entity in entity_ids:
            found.update(self._by_entity.get(entity, ()))
        return found

    def claim_counts(self) -> dict[str, int]:
        """Entity id -> how many claims concern it."""
        return {entity: len(claims) for entity, claims in self._by_entity.items()}

    def entity_claims(self, entity_id: str) -> dict[str, list[str]]:
        """The claims concerning an entity, by kind."""
        grouped: dict[str, list[str]] = defaultdict(list)
        for claim_id in self._by_entity.get(entity_id, []):
            grouped[self.facts.claims[claim_id].kind].append(claim_id)
        return dict(grouped)

    def entity_links(self, entity_id: str) -> list[tuple[Link, str, bool]]:
        """(link, other entity id, outgoing) in both directions."""
        out = [(link, link.target, True) for link in self.facts.entities[entity_id].links]
        out += [(link, other.id, False) for other, link in self._incoming.get(entity_id, [])]
        return out

    def is_claimed(self, entity_id: str) -> bool:
        return bool(self._by_entity.get(entity_id))

    # ── sources ────────────────────────────────────────────────────────────────────

    def source_claims(self, source_id: str) -> list[str]:
        return self._by_source.get(source_id, [])

    def is_cited(self, source_id: str) -> bool:
        return bool(self._by_source.get(source_id))

    def unconfirmed(self, source_id: str) -> list[str]:
        """Claims citing this source that no other source confirms."""
        return [c for c in self.source_claims(source_id) if not self.confirmed_elsewhere(c)]
