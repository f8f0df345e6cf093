"""The consistency checks that divide one figure by another: a share and a volume imply a
market, a ratio and its part imply a whole, an amount and its conversion imply a rate (a part
of the engine).

A divisor can be 0 in real data (a 0% share, a converted amount of 0): where no quotient
follows, the check says so in a gap finding instead of dividing or passing over it in silence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

from tui.domain.crossref.findings import FindingKind
from tui.domain.crossref.quantities import DateRange, Interval, fmt, interval, tolerance_words
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.figure import Figure
from tui.domain.facts.model import Claim, Relation
from tui.domain.present.figures import amount

_WHAT_IS_COUNTED = frozenset({
    "share", "shares", "market", "markets", "sales", "sale", "sold", "volume", "volumes",
    "deliveries", "delivered", "registrations", "registered", "units", "vehicles", "cars",
    "number", "total", "of", "the", "a", "an", "in", "by"})
"""Words of a measure that say what is counted, not where or of whom: "UK market share" and
"UK sales" are about the same market, "UK market share" and "European sales" are not."""


def market_scope(measure: str) -> frozenset[str]:
    """The words of a measure that name its market: what a share and a volume must have in
    common to imply that market's size (a tester's UK share and European sales of the same
    brands had implied a market, and two such markets a contradiction)."""
    return frozenset(w for w in re.findall(r"\w+", measure.casefold())
                     if w not in _WHAT_IS_COUNTED)


class RatioChecks:
    """Shares, ratios and currency conversions. Mixed into the engine."""

    facts: FactBase
    figures: dict[str, Claim]
    ranges: dict[str, DateRange | None]
    relations: dict[str, list[Relation]]

    def add(self, kind: FindingKind, check: str, title: str, claims: Iterable[str],
            arithmetic: str, tolerance: str) -> None:
        raise NotImplementedError

    def fig(self, claim_id: str) -> Figure:
        raise NotImplementedError

    def iv(self, claim_id: str) -> Interval:
        raise NotImplementedError

    # ── share, volume and market size ──────────────────────────────────────────────

    def shares(self) -> None:
        groups: dict[tuple[frozenset[str], DateRange | None], list[str]] = defaultdict(list)
        for cid, claim in self.figures.items():
            groups[(frozenset(claim.about), self.ranges.get(cid))].append(cid)
        implied_by_market: dict[tuple[frozenset[str], frozenset[str]],
                                list[tuple[str, str, Interval]]] = defaultdict(list)
        for (about, _span), members in groups.items():
            shares = [c for c in members if self.fig(c).unit == "percent"
                      and "share" in self.fig(c).measure.lower()]
            volumes = [c for c in members if self.fig(c).unit not in {"percent", "currency"}
                       and self.fig(c).per is None]
            scopes = {c: market_scope(self.fig(c).measure) for c in (*shares, *volumes)}
            for s in shares:
                for v in volumes:
                    if scopes[v] == scopes[s]:
                        self._share((about, scopes[s]), s, v, implied_by_market)
        for pairs in implied_by_market.values():
            for (s1, v1, m1), (s2, v2, m2) in pairwise(pairs):
                same_period = self.ranges.get(s1) == self.ranges.get(s2)
                if m1.overlaps(m2):
                    kind: FindingKind = "consistent"
                    verdict = "agree"
                else:
                    kind = "contradiction" if same_period else "consistent"
                    verdict = "differ" if same_period else "differ, as markets change over time"
                self.add(kind, "share", f"Market sizes implied by two share figures {verdict}",
                         [s1, v1, s2, v2], f"{m1} vs {m2}",
                         "each from its own share and volume precision")

    def _share(self, market_of: tuple[frozenset[str], frozenset[str]], s: str, v: str,
               implied_by_market: dict[tuple[frozenset[str], frozenset[str]],
                                       list[tuple[str, str, Interval]]]) -> None:
        share, volume = self.iv(s).at_least_zero(), self.iv(v)
        tolerance = f"{tolerance_words(self.fig(s))}; {tolerance_words(self.fig(v))}"
        market = volume.divided(share.scaled(0.01))
        if market is None:
            self.add("gap", "share", f"{s} and {v} imply no market size: a share of 0 "
                     "cannot imply the whole", [s, v],
                     f"{amount(self.fig(v))} / {amount(self.fig(s))}: a division by 0",
                     tolerance)
            return
        implied_by_market[market_of].append((s, v, market))
        stated_share = float(self.fig(s).value)
        # "0%" is a rounded share: its words bound the market from below, with no central
        # figure to name
        if stated_share > 0:
            size = fmt(float(self.fig(v).value) / stated_share * 100)
        elif market.hi == float("inf") and market.lo > 0:
            size = f"at least {fmt(market.lo)}"
        else:
            size = str(market)
        self.add("consistent", "share", f"{s} and {v} imply a market of {size}", [s, v],
                 f"{amount(self.fig(v))} / {amount(self.fig(s))} = {market}", tolerance)

    # ── ratios ─────────────────────────────────────────────────────────────────────

    def ratios(self) -> None:
        bounds: dict[str, list[str]] = defaultdict(list)
        for relation in self.relations["subset-of"]:
            bounds[relation.source_claim].append(relation.target_claim)
        for relation in self.relations["ratio-of"]:
            ratio_id, part_id = relation.source_claim, relation.target_claim
            if ratio_id not in self.figures or part_id not in self.figures:
                continue
            ratio_fig = self.fig(ratio_id)
            ratio = interval(ratio_fig) if ratio_fig.per is not None else \
                interval(ratio_fig).scaled(0.01)
            whole = self.iv(part_id).divided(ratio.at_least_zero())
            tolerance = f"{tolerance_words(ratio_fig)}; {tolerance_words(self.fig(part_id))}"
            if whole is None:
                self.add("gap", "ratio", f"{ratio_id} implies no total: a ratio of 0 cannot "
                         "imply the whole", [ratio_id, part_id],
                         f"{amount(self.fig(part_id))} / “{ratio_fig.stated}”: a division by 0",
                         tolerance)
                continue
            arithmetic = f"{amount(self.fig(part_id))} / “{ratio_fig.stated}” = {whole}"
            if not bounds[ratio_id]:
                self.add("gap", "ratio", f"{ratio_id} implies a total no claim states",
                         [ratio_id, part_id], arithmetic, tolerance)
            for bound in bounds[ratio_id]:
                limit = self.iv(bound)
                ok = whole.lo <= limit.hi
                self.add("consistent" if ok else "contradiction", "ratio",
                         f"The total implied by {ratio_id} "
                         f"{'fits within' if ok else 'exceeds'} {bound}",
                         [ratio_id, part_id, bound],
                         f"{arithmetic} {'≤' if ok else '>'} {amount(self.fig(bound))}",
                         tolerance + f"; {tolerance_words(self.fig(bound))}")

    # ── currency conversions ───────────────────────────────────────────────────────

    def conversions(self) -> None:
        derived: dict[str, list[str]] = defaultdict(list)
        for relation in self.relations["derived-from"]:
            derived[relation.source_claim].append(relation.target_claim)
        for converted, bases in derived.items():
            if converted not in self.figures or self.fig(converted).unit != "currency":
                continue
            amounts = [b for b in bases if b in self.figures
                       and "exchange rate" not in self.fig(b).measure.lower()
                       and self.fig(b).unit == "currency"
                       and self.fig(b).currency != self.fig(converted).currency]
            rates = [b for b in bases if b in self.figures
                     and "exchange rate" in self.fig(b).measure.lower()]
            for base in amounts:
                if rates:
                    self._converted_at_rate(converted, base, rates[0])
                else:
                    self._converted_at_no_rate(converted, base)

    def _converted_at_rate(self, converted: str, base: str, rate_id: str) -> None:
        target, origin = self.fig(converted), self.fig(base)
        got, have = interval(target), interval(origin)
        tolerance = f"{tolerance_words(origin)}; {tolerance_words(target)}"
        # the rate is the price of one unit of `target`'s currency in `origin`'s
        expected = have.divided(interval(self.fig(rate_id)))
        claims = [converted, base, rate_id]
        if expected is None:
            self.add("gap", "conversion", f"{converted} cannot be checked against {base}: the "
                     "stated rate is 0", claims,
                     f"{amount(origin)} / {self.fig(rate_id).stated}: a division by 0",
                     tolerance)
            return
        ok = expected.overlaps(got)
        self.add("consistent" if ok else "contradiction", "conversion",
                 f"{converted} {'matches' if ok else 'does not match'} {base} at "
                 f"the stated rate", claims,
                 f"{amount(origin)} / {self.fig(rate_id).stated} = {expected}; "
                 f"stated {amount(target)} ({got})", tolerance)

    def _converted_at_no_rate(self, converted: str, base: str) -> None:
        target, origin = self.fig(converted), self.fig(base)
        got, have = interval(target), interval(origin)
        tolerance = f"{tolerance_words(origin)}; {tolerance_words(target)}"
        implied = have.divided(got)
        if implied is None:
            self.add("gap", "conversion", f"{converted} converts {base} at a rate that cannot "
                     "be worked out: it is 0", [converted, base],
                     f"{amount(origin)} / {amount(target)}: a division by 0", tolerance)
            return
        self.add("gap", "conversion", f"{converted} converts {base} at a rate no "
                 "claim states", [converted, base],
                 f"{amount(origin)} / {amount(target)} = {implied} "
                 f"{origin.currency} per {target.currency}", tolerance)
