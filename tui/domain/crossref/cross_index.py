"""Cross-reference index: what disputes a claim, what overlaps it, and the file's health.

Built once per fact base; every lookup is a dictionary access or a bisect, never a scan of all
claims, so a lookup stays fast at any size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from tui.domain.crossref.consistency import find_all
from tui.domain.crossref.findings import Finding
from tui.domain.crossref.links import Links
from tui.domain.crossref.quantities import DateRange, date_range, period_range
from tui.domain.crossref.series import SeriesIndex
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.figure import Period
from tui.domain.facts.model import Claim, Relation
from tui.domain.pacing import Pause, paced

_RESOLVING = {"updates", "supersedes"}


def claim_range(claim: Claim) -> DateRange | None:
    """The days a claim is about (see `Claim.dated_by`)."""
    dating = claim.dated_by
    if isinstance(dating, Period):
        return period_range(dating)
    if dating is None:
        return None
    low = dating.date or dating.not_before
    high = dating.date or dating.not_after
    return date_range(low or high or "", high or low or "")


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


def _by_dates(entry: tuple[DateRange, str]) -> tuple[dt.date, dt.date, str]:
    span, claim_id = entry
    return span.start, span.end, claim_id


class CrossIndex:
    """The cheap `Links` (built with the browser's data, or here), and what takes longer:
    the consistency engine's findings, claims with overlapping dates, the health report."""

    def __init__(self, facts: FactBase, findings: list[Finding] | None = None,
                 links: Links | None = None, dates: bool = True, pause: Pause | None = None
                 ) -> None:
        """`dates`: index the claims by date now, for `overlapping` (which would otherwise
        build it when first asked), and the series (`series`, likewise); `check` never asks.
        `pause`: called every few milliseconds of the work (`tui.domain.pacing`)."""
        self.facts = facts
        self.links = Links(facts) if links is None else links
        self.findings = find_all(facts, pause) if findings is None else findings
        self._dated: dict[str, list[tuple[DateRange, str]]] = defaultdict(list)
        self._ranges: dict[str, DateRange | None] = {}
        self._starts: dict[str, list[dt.date]] = {}
        self._longest: dict[str, dt.timedelta | None] = {}
        self._dates_indexed = False
        if dates:
            self._index_dates(pause)
        self._series = SeriesIndex(facts, self.findings, pause) if dates else None
        self._findings_by_claim: dict[str, list[Finding]] = defaultdict(list)
        for finding in paced(self.findings, pause):
            for claim_id in dict.fromkeys(finding.claims):
                self._findings_by_claim[claim_id].append(finding)

    def _index_dates(self, pause: Pause | None = None) -> None:
        self._dates_indexed = True
        for claim in paced(self.facts.claims.values(), pause):
            span = claim_range(claim)
            self._ranges[claim.id] = span
            if span is not None:
                for entity in claim.concerns:
                    self._dated[entity].append((span, claim.id))
        for entries in paced(self._dated.values(), pause, 16):
            # by the dates themselves: compared in C, not through DateRange's methods
            entries.sort(key=_by_dates)
        self._starts = {e: [span.start for span, _ in entries]
                        for e, entries in self._dated.items()}
        self._longest = {e: max(((span.end - span.start) for span, _ in entries), default=None)
                         for e, entries in self._dated.items()}

    @property
    def series(self) -> SeriesIndex:
        if self._series is None:
            self._series = SeriesIndex(self.facts, self.findings)
        return self._series

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
        if not self._dates_indexed:
            self._index_dates()
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

    # ── health ─────────────────────────────────────────────────────────────────────

    def health(self) -> Health:
        facts = self.facts
        links = self.links
        single = tuple(c for c in facts.claims if not links.confirmed_elsewhere(c))
        unclaimed = tuple(e for e in facts.entities if not links.is_claimed(e))
        uncited = tuple(s for s in facts.sources if not links.is_cited(s))
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
    their union: asking each span about each line was quadratic in a long, much-cited text."""
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
