"""The rows of claims and citations that the CSV and SQLite exports share: one field per
column, figures as the numbers the file states."""

from __future__ import annotations

from collections.abc import Iterable

from tui.domain.export.scope import Extract
from tui.domain.facts.figure import When
from tui.domain.facts.model import Claim

Cell = str | int | float | None

CLAIM_COLUMNS = (
    "id", "kind", "status", "text", "about", "when", "due", "measure", "value", "unit",
    "currency", "per", "qualifier", "stated", "period", "period_start", "period_end",
    "growth", "growth_unit", "growth_stated", "compared_with", "speaker", "quote_mode", "words",
    "notes",
)
CITATION_COLUMNS = ("claim", "number", "source", "exact", "prefix", "suffix", "occurrence",
                    "start", "end", "note")


def date_of(value: When | None) -> str | None:
    if value is None:
        return None
    return value.date or value.not_before or value.not_after


def claim_row(claim: Claim) -> list[Cell]:
    f, q = claim.figure, claim.quote
    g = f.growth if f else None
    p = f.period if f else None
    return [
        claim.id, claim.kind, claim.status, claim.text, ";".join(claim.about),
        date_of(claim.when), date_of(claim.due),
        f.measure if f else None, f.value if f else None, f.unit if f else None,
        f.currency if f else None, f.per if f else None, f.qualifier if f else None,
        f.stated if f else None, p.label if p else None, p.start if p else None,
        p.end if p else None, g.value if g else None, g.unit if g else None,
        g.stated if g else None, g.compared_with if g else None,
        q.speaker if q else None, q.mode if q else None, q.words if q else None,
        "\n".join(claim.notes) or None,
    ]


def citation_rows(extract: Extract) -> Iterable[list[Cell]]:
    for claim in extract.claims:
        for number, c in enumerate(claim.citations, 1):
            start, end = c.span if c.resolved else (None, None)
            yield [claim.id, number, c.source, c.exact, c.prefix, c.suffix, c.occurrence,
                   start, end, c.note]
