"""The consistency engine: what the figures imply, and where they agree or disagree.

Every finding names its kind (consistent, tension, contradiction, gap), the claims involved,
the arithmetic written out, and the tolerance used. Figures are grouped by dictionary keys
(same quantity, same period, same entities), never compared all against all, so the engine
stays near-linear in the number of claims.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from tui.domain.crossref.date_checks import DateChecks
from tui.domain.crossref.findings import KIND_ORDER, Explanation, Finding, FindingKind
from tui.domain.crossref.quantities import (
    DateRange,
    Interval,
    date_range,
    describe_range,
    fmt,
    interval,
    period_range,
    tolerance_words,
)
from tui.domain.crossref.ratio_checks import RatioChecks
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.figure import Figure, Growth
from tui.domain.facts.model import Claim, Relation
from tui.domain.pacing import Pause, paced
from tui.domain.present.figures import amount, number
from tui.domain.present.safe_text import one_line

_YOY = re.compile(r"year[- ](over|on)[- ]year|previous year|prior year|a year earlier", re.I)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_RATE = re.compile(r"\d+(?:\.(\d+))?")


def quantity_key(claim: Claim) -> tuple[str, frozenset[str], str, str | None]:
    """What makes two figures the same quantity: measure, entities, unit, currency."""
    f = claim.figure
    assert f is not None
    return (" ".join(f.measure.lower().split()), frozenset(claim.about), f.unit, f.currency)


def _label(facts: FactBase, claim_id: str) -> str:
    claim = facts.claims[claim_id]
    tags = ", ".join(dict.fromkeys(facts.sources[c.source].short for c in claim.citations))
    figure = f"{amount(claim.figure)}" if claim.figure else one_line(claim.text)
    return f"{claim_id} ({figure}; {tags})"


class _Engine(DateChecks, RatioChecks):
    def __init__(self, facts: FactBase, pause: Pause | None = None) -> None:
        self.facts = facts
        self.pause = pause
        self.figures = {cid: c for cid, c in facts.claims.items() if c.figure is not None}
        self.ranges = {cid: period_range(c.figure.period)
                       for cid, c in paced(self.figures.items(), pause) if c.figure is not None}
        self.by_key: dict[tuple[str, frozenset[str], str, str | None], list[str]] = \
            defaultdict(list)
        # the same quantity, by period: a growth check visits a few periods, not every figure
        self.by_key_period: dict[tuple[str, frozenset[str], str, str | None],
                                 dict[DateRange, list[str]]] = defaultdict(dict)
        self.key_of: dict[str, tuple[str, frozenset[str], str, str | None]] = {}
        for cid, claim in paced(self.figures.items(), pause):
            key = self.key_of[cid] = quantity_key(claim)
            self.by_key[key].append(cid)
            span = self.ranges.get(cid)
            if span is not None:
                self.by_key_period[key].setdefault(span, []).append(cid)
        # the periods of a quantity as (start, end, …): a growth check compares its base
        # period with each, tens of thousands of times in a large file
        self.periods_of = {key: [(span.start, span.end, span, ids) for span, ids in by.items()]
                           for key, by in self.by_key_period.items()}
        self._intervals: dict[str, Interval] = {}
        self.relations: dict[str, list[Relation]] = defaultdict(list)
        for relation in facts.relations:
            if relation.source_claim in facts.claims and relation.target_claim in facts.claims:
                self.relations[relation.type].append(relation)
        self.findings: list[Finding] = []

    def fig(self, claim_id: str) -> Figure:
        figure = self.figures[claim_id].figure
        assert figure is not None
        return figure

    def iv(self, claim_id: str) -> Interval:
        """The figure's interval, computed once."""
        found = self._intervals.get(claim_id)
        if found is None:
            found = self._intervals[claim_id] = interval(self.fig(claim_id))
        return found

    def add(self, kind: FindingKind, check: str, title: str, claims: Iterable[str],
            arithmetic: str, tolerance: str) -> None:
        words = (title, arithmetic, tolerance)
        self.findings.append(Finding(kind, check, tuple(claims), lambda: words))

    def add_lazy(self, kind: FindingKind, check: str, claims: Iterable[str],
                 explain: Explanation) -> None:
        """For the checks that produce findings by the ten thousand: words written on demand."""
        self.findings.append(Finding(kind, check, tuple(claims), explain))

    # ── growth implies a prior value ───────────────────────────────────────────────

    def growth(self) -> None:
        for cid in paced(self.figures, self.pause):
            figure = self.fig(cid)
            span = self.ranges.get(cid)
            g = figure.growth
            if g is None or g.unit != "percent":
                continue
            prior = prior_period(span, g.compared_with)
            if prior is None:
                self.add("gap", "growth", f"Growth of {cid} has no base period to check",
                         [cid], f"{g.stated} compared with “{g.compared_with}”",
                         "the base period is not a year and the figure has no dated period")
                continue
            implied = self._implied_base(cid)
            if implied is None:
                rate = interval_of_percent(g.stated, g.value)
                self.add("gap", "growth", f"Growth of {cid} cannot imply its earlier value: "
                         "a fall of 100% leaves nothing to divide by", [cid],
                         f"{amount(figure)} / ({_one_plus(g)}%) = {amount(figure)} / "
                         f"({_multiplier(rate)}): a division by 0",
                         f"{tolerance_words(figure)}; growth {fmt(rate.lo)}% to "
                         f"{fmt(rate.hi)}%")
                continue
            compared = False
            first, last = prior.start, prior.end
            candidates = [(start, end, other)
                          for start, end, _span, ids in self.periods_of.get(self.key_of[cid], ())
                          if (start <= first and last <= end) or (first <= start and end <= last)
                          for other in ids]
            for start, end, other in candidates:
                if other == cid:
                    continue
                stated = self.iv(other)
                if start == first and end == last:
                    ok = implied.overlaps(stated)
                    relation = "same"
                elif start <= first and last <= end:  # a period that holds the base period
                    ok = implied.lo <= stated.hi
                    relation = "whole"
                else:
                    ok = stated.lo <= implied.hi
                    relation = "part"
                compared = True
                # tens of thousands of these in a large file: each keeps only what names
                # it, and its intervals and periods are worked out again when it is read
                self.add_lazy("consistent" if ok else "contradiction", "growth", (cid, other),
                              partial(_Engine._growth_words, self, cid, other, relation, ok))
            if not compared:
                self.add_lazy("gap", "growth", (cid,),
                              partial(_Engine._growth_words, self, cid, None, "none", True))

    def _growth_words(self, cid: str, other: str | None, relation: str, ok: bool
                      ) -> tuple[str, str, str]:
        figure = self.fig(cid)
        g = figure.growth
        assert g is not None
        prior = prior_period(period_range(figure.period), g.compared_with)
        assert prior is not None
        rate = interval_of_percent(g.stated, g.value)
        implied = self._implied_base(cid)
        assert implied is not None
        other_span = period_range(self.fig(other).period) if other is not None else None
        arithmetic = (f"{amount(figure)} / ({_one_plus(g)}%) "
                      f"= {implied} for {describe_range(prior)}")
        tolerance = f"{tolerance_words(figure)}; growth {fmt(rate.lo)}% to {fmt(rate.hi)}%"
        if other is None:
            return f"{cid} implies a value no claim states", arithmetic, tolerance
        stated = self.iv(other)
        tolerance += f"; {tolerance_words(self.fig(other))}"
        label = _label(self.facts, other)
        if relation == "same":
            return (f"{cid}'s growth {'agrees with' if ok else 'contradicts'} {other}",
                    f"{arithmetic}; {label} states {stated}", tolerance)
        assert other_span is not None
        if relation == "whole":
            title = (f"Part-year value implied by {cid} "
                     f"{'fits within' if ok else 'exceeds'} the full period of {other}")
            if ok:
                return (title, f"{arithmetic} ≤ {stated} for {describe_range(other_span)}",
                        tolerance)
            return (title, f"{arithmetic}; but {label} covers the longer "
                    f"{describe_range(other_span)} with {stated}: a part of a period cannot "
                    "exceed the whole", tolerance)
        return (f"{other} {'fits within' if ok else 'exceeds'} the value implied by {cid}",
                f"{arithmetic}; {label} covers part of it with {stated}", tolerance)

    def _implied_base(self, cid: str) -> Interval | None:
        return implied_base(self.fig(cid), self.iv(cid))


    # ── parts and wholes ───────────────────────────────────────────────────────────

    def parts(self) -> None:
        wholes: dict[str, list[str]] = defaultdict(list)
        for relation in self.relations["part-of"]:
            wholes[relation.target_claim].append(relation.source_claim)
        for whole, parts in wholes.items():
            if whole not in self.figures or any(p not in self.figures for p in parts):
                continue
            units = {(self.fig(c).unit, self.fig(c).currency) for c in [whole, *parts]}
            if len(units) > 1:
                named = ", ".join(f"{u} {c or ''}".strip() for u, c in units)
                self.add("gap", "parts", f"Parts of {whole} are in different units",
                         [whole, *parts], f"cannot add {named}", "no conversion")
                continue
            total = Interval(sum(self.iv(p).lo for p in parts),
                             sum(self.iv(p).hi for p in parts))
            stated = self.iv(whole)
            sums = " + ".join(amount(self.fig(p)) for p in parts)
            periods = {self.ranges.get(c) for c in [whole, *parts]}
            note = "" if len(periods) == 1 else "; the periods differ"
            if total.lo > stated.hi:
                self.add("contradiction", "parts", f"Parts of {whole} add up to more than it",
                         [whole, *parts], f"{sums} = {total} > {stated}{note}",
                         tolerance_words(self.fig(whole)))
                continue
            rest = Interval(max(0.0, stated.lo - total.hi), stated.hi - total.lo)
            share = rest.lo / stated.hi * 100 if stated.hi else 0.0
            kind: FindingKind = "gap" if rest.hi > 0 else "consistent"
            self.add(kind, "parts",
                     f"{len(parts)} parts of {whole} leave {fmt(rest.lo)} unexplained "
                     f"({share:.1f}%)" if rest.hi > 0 else f"Parts of {whole} add up to it",
                     [whole, *parts], f"{amount(self.fig(whole))} − ({sums} = {total}) = "
                     f"{rest}{note}", tolerance_words(self.fig(whole)))

    def subsets(self) -> None:
        for relation in self.relations["subset-of"]:
            part, whole = relation.source_claim, relation.target_claim
            if part not in self.figures or whole not in self.figures:
                continue
            if self.fig(part).per is not None or (self.fig(part).unit == "percent" and
                                                  self.fig(whole).unit != "percent"):
                continue  # a ratio's subset link is checked with its implied whole (ratios)
            a, b = self.iv(part), self.iv(whole)
            ok = a.lo <= b.hi
            self.add("consistent" if ok else "contradiction", "subset",
                     f"{part} {'is within' if ok else 'exceeds'} {whole}", [part, whole],
                     f"{amount(self.fig(part))} {'≤' if ok else '>'} {amount(self.fig(whole))}",
                     f"{tolerance_words(self.fig(part))}; {tolerance_words(self.fig(whole))}")

    # ── stated comparisons ─────────────────────────────────────────────────────────

    def comparisons(self) -> None:
        for relation in self.relations["exceeds"]:
            big, small = relation.source_claim, relation.target_claim
            if big not in self.figures or small not in self.figures:
                continue
            a, b = self.iv(big), self.iv(small)
            if a.lo > b.hi:
                kind: FindingKind = "consistent"
            elif a.hi < b.lo:
                kind = "contradiction"
            else:
                kind = "tension"
            verb = {"consistent": "does exceed", "contradiction": "does not exceed",
                    "tension": "may not exceed"}[kind]
            self.add(kind, "comparison", f"{big} {verb} {small}, as stated", [big, small],
                     f"{amount(self.fig(big))} vs {amount(self.fig(small))}"
                     + (f" (difference {fmt(a.lo - b.hi)})" if kind == "consistent" else ""),
                     f"{tolerance_words(self.fig(big))}; {tolerance_words(self.fig(small))}")

    # ── the same quantity stated twice ─────────────────────────────────────────────

    def same_quantity(self) -> None:
        for members in self.by_key.values():
            by_period: dict[DateRange | None, list[str]] = defaultdict(list)
            for cid in members:
                by_period[self.ranges.get(cid)].append(cid)
            for span, same in by_period.items():
                if span is None or len(same) < 2:
                    continue
                first = same[0]
                for other in same[1:]:
                    a, b = self.iv(first), self.iv(other)
                    ok = a.overlaps(b)
                    sources = {s.source for c in (first, other)
                               for s in self.facts.claims[c].citations}
                    where = "two sources" if len(sources) > 1 else "one source"
                    self.add("consistent" if ok else "contradiction", "same-quantity",
                             f"{first} and {other} ({where}) "
                             f"{'agree' if ok else 'disagree'} for {describe_range(span)}",
                             [first, other], f"{amount(self.fig(first))} ({a}) vs "
                             f"{amount(self.fig(other))} ({b})",
                             f"{tolerance_words(self.fig(first))}; "
                             f"{tolerance_words(self.fig(other))}")

    def run(self) -> list[Finding]:
        for check in (self.growth, self.parts, self.subsets, self.shares, self.comparisons,
                      self.ratios, self.same_quantity, self.conversions, self.dates,
                      self.stated):
            if self.pause is not None:
                self.pause()
            check()
        found = sorted(self.findings, key=lambda f: (KIND_ORDER[f.kind], f.check, f.claims))
        # The findings word themselves later through this engine: keep only what wording
        # needs (the facts; intervals are recomputed on demand), not the working indexes,
        # which held tens of megabytes for a large file.
        self.by_key.clear()
        self.by_key_period.clear()
        self.periods_of.clear()
        self.key_of.clear()
        self.ranges.clear()
        self._intervals.clear()
        self.relations.clear()
        self.findings = []
        return found


def _one_plus(growth: Growth) -> str:
    """'1 + 10.0': the digits as the source wrote them (their precision is the tolerance's),
    with the growth's own sign whatever words state it ("fell 9.7%" takes a minus)."""
    digits = _DIGITS.search(growth.stated)
    shown = digits.group(0) if digits else number(abs(growth.value))
    return f"1 − {shown}" if growth.value < 0 else f"1 + {shown}"


def _multiplier(rate: Interval) -> str:
    return str(Interval(1 + rate.lo / 100, 1 + rate.hi / 100))


def interval_of_percent(stated: str, value: float) -> Interval:
    """A growth rate's range from the digits the source wrote ('11.1%' → 11.05 to 11.15)."""
    match = _RATE.search(stated)
    decimals = len(match.group(1) or "") if match else 0
    half = 0.5 * 10.0 ** -decimals
    return Interval(value - half, value + half)


def implied_base(figure: Figure, stated: Interval | None = None) -> Interval | None:
    """The value before a percent growth: value / (1 + growth); None when the figure states
    no percent growth, or when the growth's range reaches -100%, where 1 + growth is 0.
    `stated`: the figure's own interval, when it is known already."""
    g = figure.growth
    if g is None or g.unit != "percent":
        return None
    rate = interval_of_percent(g.stated, g.value)
    return (stated or interval(figure)).divided(Interval(1 + rate.lo / 100, 1 + rate.hi / 100))


def prior_period(span: DateRange | None, compared_with: str) -> DateRange | None:
    """The period a growth compares with: a year it names, else the year before `span`."""
    year = _YEAR.search(compared_with)
    if year:
        y = int(year.group(0))
        return date_range(str(y), str(y))
    if span is not None and _YOY.search(compared_with) and span.start.year > 1:
        return span.shifted_years(-1)  # (year 1 has no year before it to compare with)
    return None


def find_all(facts: FactBase, pause: Pause | None = None) -> list[Finding]:
    """Every finding for the fact base, most serious first. `pause`: called every few
    milliseconds of work (`tui.domain.pacing`)."""
    return _Engine(facts, pause).run()
