"""Figures and dates in the fact-file format: when something happened, the period a figure
covers, its growth, and the figure itself (its value exactly as the source states it)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, model_validator

from tui.domain.facts.dates import PartialDate, precision_of
from tui.domain.facts.fields import Basis, NonEmpty, Str, fact_table
from tui.domain.facts.magnitude import Count, Number


@fact_table
class When:
    """A date at the precision the source allows, and how it was established."""

    date: PartialDate | None = None
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the form is the precision. Absent when unknown."""
    basis: Basis = "stated"
    stated: Str | None = None
    """The source's own words for the date ("last April", "April 14"), when it used words."""
    inference: Str | None = None
    """How an inferred date was worked out. Required when `basis = "inferred"`."""
    not_before: PartialDate | None = None
    """Earliest possible date, for an unknown or imprecise date."""
    not_after: PartialDate | None = None
    """Latest possible date, for an unknown or imprecise date."""

    @property
    def precision(self) -> str:
        return precision_of(self.date)

    @model_validator(mode="after")
    def _basis_fits(self) -> When:
        if self.basis == "inferred" and not self.inference:
            raise ValueError("an inferred date needs 'inference' saying how it was worked out")
        if self.basis == "unknown" and self.date is not None:
            raise ValueError(
                "a date with basis 'unknown' cannot have a 'date'; use not_before/not_after"
            )
        if self.basis != "unknown" and self.date is None:
            raise ValueError("'date' is required unless basis is 'unknown'")
        if self.not_before and self.not_after and self.not_before > self.not_after:
            raise ValueError("'not_before' is later than 'not_after'")
        return self


@fact_table
class Period:
    """The span of time a figure covers."""

    label: NonEmpty
    """As the source puts it: "Jan-Nov", "2025", "first eleven months", "2010-2017"."""
    start: PartialDate | None = None
    end: PartialDate | None = None
    basis: Basis = "stated"
    inference: Str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Period:
        if self.basis == "inferred" and not self.inference:
            raise ValueError("an inferred period needs 'inference' saying how it was worked out")
        if self.start and self.end and self.start > self.end:
            raise ValueError("period 'start' is later than its 'end'")
        return self


Qualifier = Literal[
    "exact", "about", "nearly", "over", "more-than", "less-than", "at-least", "up-to"
]


@fact_table
class Growth:
    """A change the source states alongside a figure."""

    value: Number
    unit: Literal["percent", "percentage-points", "times", "units"]
    stated: NonEmpty
    """The growth verbatim as in the cited passage, e.g. "11.1% increase"."""
    compared_with: NonEmpty
    """What it is compared with: "year-over-year", "2022", "previous year"."""


@fact_table
class Figure:
    """A number a source states."""

    measure: NonEmpty
    """What is counted: "vehicle sales", "exports", "market share", "investment", "stake"."""
    value: Number
    """The number exactly as stated, in `unit` (1.2 million is 1200000, 2.4% is 2.4)."""
    unit: NonEmpty
    """"vehicles", "percent", "currency", "people", "countries", "years"..."""
    currency: Annotated[str, Strict(), Field(pattern=r"^[A-Z]{3}$")] | None = None
    """ISO 4217 code when `unit = "currency"`."""
    stated: NonEmpty
    """The figure verbatim as in the cited passage ("2,561,465 units", "£15 billion")."""
    per: Count | None = None
    """For a ratio: `value` in every `per` ("one in every three" is value 1, per 3), so that
    no rounded decimal has to be invented."""
    qualifier: Qualifier = "exact"
    """How the source hedges the number ("nearly 1.2 million" is `nearly`)."""
    period: Period | None = None
    as_of: When | None = None
    growth: Growth | None = None

    @model_validator(mode="after")
    def _currency_fits(self) -> Figure:
        if self.unit == "currency" and self.currency is None:
            raise ValueError("a figure with unit 'currency' needs 'currency' (an ISO 4217 code)")
        if self.unit != "currency" and self.currency is not None:
            raise ValueError("'currency' is only for figures with unit 'currency'")
        return self
