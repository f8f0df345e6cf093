"""A measure of an entity over time, as the fact base knows it: every stated figure (one mark
per source) with the range its words allow, the values its growth implies for an earlier
period, and the contradictions among them. What the series view draws, worked out by the
consistency engine's own rules (`quantities.interval`, `consistency.implied_base`), so that
a picture never says what a finding does not.

Plain Python, no Textual: the view, its SVG export and the tests share it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tui.domain.crossref.consistency import implied_base, prior_period, quantity_key
from tui.domain.crossref.findings import Finding
from tui.domain.crossref.quantities import DateRange, Interval, interval, period_range
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Claim
from tui.domain.pacing import Pause, paced

QuantityKey = tuple[str, frozenset[str], str, str | None]


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure a source states."""

    claim_id: str
    sources: tuple[str, ...]
    """The tags of the sources citing it: one mark each."""
    period: DateRange | None
    """What it covers; None when the file gives no dated period."""
    value: float
    allowed: Interval
    """What its words allow ("nearly 1.2 million", "less than half a million")."""
    part_year: bool
    """It covers less than a calendar year (Jan-Nov): not a point on the yearly line."""


@dataclass(frozen=True, slots=True)
class Implied:
    """A value a stated growth implies for an earlier period (937,148 at +101.1% implies
    2022's 465,895 to 466,127)."""

    from_claim: str
    period: DateRange
    allowed: Interval


@dataclass(frozen=True, slots=True)
class Series:
    key: QuantityKey
    label: str
    """The measure and whom it is about, as a user names it ("exports: Chery Group")."""
    stated: tuple[Stated, ...]
    implied: tuple[Implied, ...]
    contradictions: tuple[tuple[str, ...], ...]
    """The claims of each contradiction found among the series' figures."""

    @property
    def lonely(self) -> bool:
        """One dated figure and nothing implied: nothing to draw a line between."""
        dated = [s for s in self.stated if s.period is not None]
        return len(dated) + len(self.implied) < 2

    def contradicted(self, claim_id: str) -> bool:
        return any(claim_id in ids for ids in self.contradictions)


def _part_year(span: DateRange | None) -> bool:
    if span is None:
        return False
    whole_years = (span.start.month, span.start.day, span.end.month, span.end.day) == \
        (1, 1, 12, 31)
    return not whole_years


def series_keys(facts: FactBase, pause: Pause | None = None) -> dict[QuantityKey, list[str]]:
    """Each quantity the figures measure, with its claims (in the file's order)."""
    keys: dict[QuantityKey, list[str]] = defaultdict(list)
    for claim in paced(facts.claims.values(), pause):
        if claim.figure is not None:
            keys[quantity_key(claim)].append(claim.id)
    return dict(keys)


def label_of(facts: FactBase, claim_ids: list[str]) -> str:
    """The series' name as a user reads it ("exports: Chery Group"): the measure as the
    file writes it (its key is folded to lower case), and whom it is about."""
    first = facts.claims[claim_ids[0]]
    assert first.figure is not None
    names = sorted(facts.entities[e].name if e in facts.entities else e for e in first.about)
    return f"{' '.join(first.figure.measure.split())}: {', '.join(names)}"


def series_of(facts: FactBase, claim_id: str, findings: Iterable[Finding] = ()) -> Series:
    """The series a figure claim belongs to. `findings`: the engine's (`find_all`)."""
    claim = facts.claims[claim_id]
    if claim.figure is None:
        raise ValueError(f"{claim_id} states no figure")
    key = quantity_key(claim)
    members = [c for c in facts.claims.values()
               if c.figure is not None and quantity_key(c) == key]
    return build(facts, key, members, findings)


def build(facts: FactBase, key: QuantityKey, members: list[Claim],
          findings: Iterable[Finding] = ()) -> Series:
    ids = {c.id for c in members}
    return _assemble(facts, key, members, contradictions_among(findings, ids.__contains__))


def contradictions_among(findings: Iterable[Finding], within: Callable[[str], bool]
                         ) -> tuple[tuple[str, ...], ...]:
    """The claims of each contradiction whose claims are all `within`: one entry per pair of
    claims, however many checks found it."""
    return tuple(dict.fromkeys(tuple(dict.fromkeys(f.claims)) for f in findings
                               if f.kind == "contradiction" and all(map(within, f.claims))))


def _assemble(facts: FactBase, key: QuantityKey, members: list[Claim],
              contradictions: tuple[tuple[str, ...], ...], pause: Pause | None = None
              ) -> Series:
    stated: list[Stated] = []
    implied: list[Implied] = []
    sources = facts.sources
    for claim in paced(members, pause):
        figure = claim.figure
        assert figure is not None
        span = period_range(figure.period)
        tags = tuple(dict.fromkeys(sources[c.source].short for c in claim.citations
                                   if c.source in sources))
        stated.append(Stated(claim.id, tags, span, float(figure.value), interval(figure),
                             _part_year(span)))
        if figure.growth is not None:
            prior = prior_period(span, figure.growth.compared_with)
            base = implied_base(figure)
            if prior is not None and base is not None:
                implied.append(Implied(claim.id, prior, base))
    undated = dt.date.max
    stated.sort(key=lambda s: (s.period.start if s.period else undated,
                               s.period.end if s.period else undated, s.claim_id))
    implied.sort(key=lambda i: (i.period.start, i.period.end, i.from_claim))
    label = label_of(facts, [c.id for c in members])
    return Series(key, label, tuple(stated), tuple(implied), contradictions)


class SeriesIndex:
    """Every series of a fact base: the figures grouped by quantity once; a series built when
    first asked for, and kept. The largest (`ahead`, figures) are built with the index, in
    the background with the cross-references, so that S on a series of 10,000 figures only
    draws (a build costs some 15 µs a figure: 150 ms, past a key's budget)."""

    AHEAD = 1_000

    def __init__(self, facts: FactBase, findings: Iterable[Finding] = (),
                 pause: Pause | None = None, ahead: int = AHEAD) -> None:
        self.facts = facts
        self.keys = series_keys(facts, pause)
        self._key_of = {c: key for key, ids in self.keys.items() for c in ids}
        self._contradictions: dict[QuantityKey, list[tuple[str, ...]]] = defaultdict(list)
        for pair in contradictions_among(paced(findings, pause), self._key_of.__contains__):
            keys = {self._key_of[c] for c in pair}
            if len(keys) == 1:
                self._contradictions[keys.pop()].append(pair)
        self._built: dict[QuantityKey, Series] = {}
        for key, ids in self.keys.items():
            if len(ids) >= ahead:
                self._built[key] = self._build(key, pause)

    def _build(self, key: QuantityKey, pause: Pause | None = None) -> Series:
        claims = self.facts.claims
        return _assemble(self.facts, key, [claims[c] for c in self.keys[key]],
                         tuple(self._contradictions.get(key, ())), pause)

    def of(self, claim_id: str) -> Series:
        """The series of the figure `claim_id` (KeyError: no such figure)."""
        key = self._key_of[claim_id]
        series = self._built.get(key)
        if series is None:
            series = self._built[key] = self._build(key)
        return series
