"""A series' figures as lines, for the series view's list and the SVG under its chart: what
each states (or a growth implies), when, and from which sources; a period the file infers
rather than its source states is marked `~`, as the panes mark it."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.crossref.quantities import describe_range
from tui.domain.crossref.series import Series
from tui.domain.facts.factbase import FactBase
from tui.domain.present.figures import amount
from tui.domain.present.safe_text import one_line

_CURRENCY_NAMES = {"GBP": "pounds (£)", "USD": "US dollars ($)", "EUR": "euros (€)",
                   "CNY": "yuan (RMB)", "JPY": "yen (¥)"}


@dataclass(frozen=True, slots=True)
class FigureLine:
    mark: str
    """`●` stated, `✗` stated and contradicted, `◇` implied by a growth."""
    when: str
    value: str
    sources: str
    """The stated figure's source tags, `[Surge]`; for an implied value, where it comes from."""
    claim_id: str
    implied: bool


def unit_of(series: Series) -> str:
    """What the value axis counts: "vehicles", "pounds (£)", "percent"."""
    _, _, unit, currency = series.key
    if unit == "currency":
        return _CURRENCY_NAMES.get(currency or "", one_line(currency or "currency"))
    return one_line(unit)


class FigureLines:
    """The series' figures as lines, made when asked for (a series of 10,000 figures costs
    nothing until its list scrolls): the stated ones in time order, then the implied."""

    def __init__(self, facts: FactBase, series: Series) -> None:
        self.facts, self.series = facts, series
        self._contradicted = {c for ids in series.contradictions for c in ids}

    def __len__(self) -> int:
        return len(self.series.stated) + len(self.series.implied)

    def claim_at(self, index: int) -> str:
        stated = self.series.stated
        if index < len(stated):
            return stated[index].claim_id
        return self.series.implied[index - len(stated)].from_claim

    def _inferred(self, claim_id: str) -> bool:
        claim = self.facts.claims.get(claim_id)
        figure = claim.figure if claim is not None else None
        return figure is not None and figure.period is not None and \
            figure.period.basis == "inferred"

    def line(self, index: int) -> FigureLine:
        series = self.series
        if index >= len(series.stated):
            implied = series.implied[index - len(series.stated)]
            when = describe_range(implied.period)
            if self._inferred(implied.from_claim):
                when = "~" + when
            return FigureLine("◇", when, str(implied.allowed),
                              f"implied by {implied.from_claim}", implied.from_claim, True)
        stated = series.stated[index]
        figure = self.facts.claims[stated.claim_id].figure
        assert figure is not None
        when = describe_range(stated.period) if stated.period else "undated"
        if stated.period and self._inferred(stated.claim_id):
            when = "~" + when
        mark = "✗" if stated.claim_id in self._contradicted else "●"
        return FigureLine(mark, when, amount(figure),
                          f"[{', '.join(one_line(s) for s in stated.sources)}]",
                          stated.claim_id, False)
