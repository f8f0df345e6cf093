"""Cross-reference index: what backs a claim, what disputes it, what else concerns it.

Built once per fact base; every lookup is a dictionary access or a bisect, never a scan of all
claims, so a lookup stays fast at any size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.domain.crossref.consistency import find_all
from tui.domain.crossref.findings import Finding
from tui.domain.crossref.quantities import DateRange, date_range, period_range
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Claim, Entity, Link, QualityNote, Relation

_RESOLVING = {"updates", "supersedes"}


def claim_range(claim: Claim) -> DateRange | None:
    """The dates a claim is about: its `when`, else its `due`, else its figure's period."""
    for moment in (claim.when, claim.due):
        if moment is None:
            continue
        low = moment.date or moment.not_before
        high = moment.date or moment.not_after
        if low or high:
            return date_range(low or high or "", high or low or "")
    if claim.figure is not None:
        return period_range(claim.figure.period)
    return None


@dataclass(frozen=True, slots=True)
class LinkedClaim:
    relation: Relation
    other: str
    outgoing: bool


@dataclass(frozen=True, slots=True)
class Health:
    single_source: tuple[str, ...]
    """Claims whose citations all come from one source."""
    unclaimed_entities: tuple[str, ...]
    """Entities no claim is about."""
    uncited_sources: tuple[str, ...]
    uncited_passages: tuple[tuple[str, int, str], ...]
    """(source id, line number, text) of non-empty lines no citation touches."""
    unresolved: tuple[Relation, ...]
    """Contradictions with no denial status and no update settling them."""


class CrossIndex:
    def __init__(self, facts: FactBase, findings: list[Finding] | None = None) -> None:
        self.facts = facts
        self.findings = find_all(facts) if findings is None else findings
        self._links: dict[str, list[LinkedClaim]] = defaultdict(list)
        for relation in facts.relations:
            self._links[relation.source_claim].append(
                LinkedClaim(relation, relation.target_claim, True))
            self._links[relation.target_claim].append(
                LinkedClaim(relation, relation.source_claim, False))
        self._by_entity: dict[str, list[str]] = defaultdict(list)
        self._by_source: dict[str, list[str]] = defaultdict(list)
        self._dated: dict[str, list[tuple[DateRange, str]]] = defaultdict(list)
        self._ranges: dict[str, DateRange | None] = {}
        for claim in facts.claims.values():
            span = claim_range(claim)
            self._ranges[claim.id] = span
            entities = dict.fromkeys([*claim.about,
                                      *([claim.quote.speaker] if claim.quote else [])])
            for entity in entities:
                self._by_entity[entity].append(claim.id)
                if span is not None:
                    self._dated[entity].append((span, claim.id))
            for source in dict.fromkeys(c.source for c in claim.citations):
                self._by_source[source].append(claim.id)
        for entries in self._dated.values():
            entries.sort()
        self._starts = {e: [span.start for span, _ in entries]
                        for e, entries in self._dated.items()}
        self._longest = {e: max(((span.end - span.start) for span, _ in entries), default=None)
                         for e, entries in self._dated.items()}
        self._incoming: dict[str, list[tuple[Entity, Link]]] = defaultdict(list)
        for source_entity in facts.entities.values():
            for link in source_entity.links:
                self._incoming[link.target].append((source_entity, link))
        self._findings_by_claim: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            for claim_id in dict.fromkeys(finding.claims):
                self._findings_by_claim[claim_id].append(finding)

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

    def findings_for(self, claim_id: str) -> list[Finding]:
        return self._findings_by_claim.get(claim_id, [])

    def disputed(self, claim_id: str) -> str | None:
        """'contradiction' or 'tension' when a finding disputes the claim, else None."""
        kinds = {f.kind for f in self.findings_for(claim_id)}
        for kind in ("contradiction", "tension"):
            if kind in kinds:
                return kind
        return None

    def overlapping(self, claim_id: str, limit: int = 50) -> list[str]:
        """Other claims about the same entities whose dates overlap this claim's."""
        claim = self.facts.claims[claim_id]
        span = self._ranges.get(claim_id)
        if span is None:
            return []
        found: dict[str, None] = {}
        for entity in claim.about:
            entries = self._dated.get(entity, [])
            longest = self._longest.get(entity)
            if not entries or longest is None:
                continue
            # an entry can only overlap if it starts no later than our end, and no earlier
            # than our start minus the longest span under this entity
            # (not before the calendar's first day: a claim of year 1 overflowed the date)
            earliest = span.start - min(longest, span.start - dt.date.min)
            lo = bisect.bisect_left(self._starts[entity], earliest)
            hi = bisect.bisect_right(self._starts[entity], span.end)
            for other_span, other in entries[lo:hi]:
                if other != claim_id and other_span.overlaps(span):
                    found[other] = None
                    if len(found) >= limit:
                        return list(found)
        return list(found)

    def claims_concerning(self, entity_ids: Iterable[str]) -> set[str]:
        """Claims about (or quoting) any of the entities: an index union, not a scan."""
        found: set[str] = set()
        for entity in entity_ids:
            found.update(self._by_entity.get(entity, ()))
        return found

    def quality_notes(self, claim_id: str) -> list[tuple[str, QualityNote]]:
        return [(s, q) for s in self.sources_of(claim_id) for q in self.facts.sources[s].quality]

    # ── entities ───────────────────────────────────────────────────────────────────

    def entity_claims(self, entity_id: str) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = defaultdict(list)
        for claim_id in self._by_entity.get(entity_id, []):
            grouped[self.facts.claims[claim_id].kind].append(claim_id)
        return dict(grouped)

    def entity_links(self, entity_id: str) -> list[tuple[Link, str, bool]]:
        """(link, other entity id, outgoing) in both directions."""
        out = [(link, link.target, True) for link in self.facts.entities[entity_id].links]
        out += [(link, other.id, False) for other, link in self._incoming.get(entity_id, [])]
        return out

    # ── sources ────────────────────────────────────────────────────────────────────

    def source_claims(self, source_id: str) -> list[str]:
        return self._by_source.get(source_id, [])

    def confirmed_elsewhere(self, claim_id: str) -> bool:
        """Another source backs the claim: a second citation, or a corroborating claim."""
        own = set(self.sources_of(claim_id))
        if len(own) > 1:
            return True
        for link in self.linked(claim_id):
            if link.relation.type == "corroborates" and \
                    set(self.sources_of(link.other)) - own:
                return True
        return False

    def unconfirmed(self, source_id: str) -> list[str]:
        """Claims citing this source that no other source confirms."""
        return [c for c in self.source_claims(source_id) if not self.confirmed_elsewhere(c)]

    # ── health ─────────────────────────────────────────────────────────────────────

    def health(self) -> Health:
        facts = self.facts
        single = tuple(c for c in facts.claims if not self.confirmed_elsewhere(c))
        unclaimed = tuple(e for e in facts.entities if not self._by_entity.get(e))
        uncited = tuple(s for s in facts.sources if not self._by_source.get(s))
        passages = []
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for claim in facts.claims.values():
            for citation in claim.citations:
                if citation.resolved:  # an unresolved one is already a reported problem
                    spans[citation.source].append(citation.span)
        for source_id, text in facts.texts.items():
            # passages a quality note records (boilerplate, placeholders) are accounted for
            for note in facts.sources[source_id].quality:
                for passage in note.passages:
                    at = text.find(passage)
                    while at >= 0:
                        spans[source_id].append((at, at + len(passage)))
                        at = text.find(passage, at + 1)
            touches = _toucher(spans[source_id])
            lines = text.split("\n")
            starts = itertools.accumulate(lines, lambda at, line: at + len(line) + 1,
                                          initial=0)
            untouched = []
            cited_lines = set()
            for number, (line, start) in enumerate(zip(lines, starts, strict=False), start=1):
                if touches(start, start + len(line)):
                    cited_lines.add(line.strip())
                else:
                    untouched.append((number, line))
            for number, line in untouched:
                stripped = line.strip()
                if len(stripped) >= 3 and stripped not in cited_lines:
                    # not blank, a bullet, or a repeat of a cited line (duplicated text)
                    passages.append((source_id, number, stripped))
        denied = {c for c, claim in facts.claims.items() if claim.status == "denied"}
        settled = {(r.source_claim, r.target_claim) for r in facts.relations
                   if r.type in _RESOLVING}
        unresolved = tuple(
            r for r in facts.relations if r.type == "contradicts"
            and r.target_claim not in denied and r.source_claim not in denied
            and (r.source_claim, r.target_claim) not in settled
            and (r.target_claim, r.source_claim) not in settled)
        return Health(single, unclaimed, uncited, tuple(passages), unresolved)


def _toucher(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether a line [a, b) overlaps any of the spans (x < b and a < y), by a bisect into
    their union: asking each span about each line took minutes for a long, much-cited text."""
    union: list[list[int]] = []
    for x, y in sorted(spans):
        if union and x < union[-1][1]:
            union[-1][1] = max(union[-1][1], y)
        else:
            union.append([x, y])
    # kept apart unless they overlap, the spans of the union end in order as they start
    starts = [x for x, _ in union]
    ends = [y for _, y in union]

    def touches(a: int, b: int) -> bool:
        last = bisect.bisect_left(starts, b) - 1  # the last span starting before b
        return last >= 0 and ends[last] > a

    return touches
