"""Read-only views over a fact base: timeline, quotes, tables, the claims about entities.

The entity tree and what lies below an entity are in `tui.domain.crossref.hierarchy`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import Any

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.figure import Period
from tui.domain.facts.model import Claim
from tui.domain.present.figures import amount, growth, period, when


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    claim_id: str
    date: str
    """As displayed: '2024-04-14', '~2024-04', '≥2025-10'."""
    year: str
    sort_key: str
    text: str
    sources: tuple[str, ...]
    """Short tags of the sources that back the claim."""


def _claim_date(claim: Claim) -> tuple[str, str] | None:
    """(sort key, label) for a dated claim (see `Claim.dated_by`); None for an undated one."""
    dating = claim.dated_by
    if isinstance(dating, Period):
        key = dating.end or dating.start or ""
        return key, f"~{key}" if dating.basis == "inferred" else key
    if dating is None:
        return None
    key = dating.date or dating.not_before or dating.not_after or ""
    label = when(dating)
    return key, label if dating is claim.when else f"{label} due"


def timeline(facts: FactBase, only: set[str] | None = None) -> list[TimelineEntry]:
    """Dated claims in date order (then file order); `only` limits them to those claim ids."""
    entries = []
    tag_of = {ident: source.short for ident, source in facts.sources.items()}
    shared: dict[Any, Any] = {}
    for claim in facts.claims.values():
        if only is not None and claim.id not in only:
            continue
        dated = _claim_date(claim)
        if dated is None:
            continue
        key, label = dated
        cited = claim.citations
        tags = (tag_of[cited[0].source],) if len(cited) == 1 else \
            tuple(dict.fromkeys(tag_of[c.source] for c in cited))
        tags = shared.setdefault(tags, tags)  # few distinct ones, however many claims
        year = key[:4]
        entries.append(TimelineEntry(claim.id, label, shared.setdefault(year, year), key,
                                     claim.text, tags))
    entries.sort(key=lambda e: e.sort_key)  # stable: file order within a date
    return entries


TimelineRow = TimelineEntry | str
"""An entry, or a year heading."""


def timeline_rows(entries: Sequence[TimelineEntry]) -> list[TimelineRow]:
    """Entries with a heading before each new year."""
    rows: list[TimelineRow] = []
    year = None
    for entry in entries:
        if entry.year != year:
            year = entry.year
            rows.append(year)
        rows.append(entry)
    return rows


def first_rows(claim_ids: Iterable[str | None]) -> dict[str, int]:
    """Each claim's first row in a listing whose rows show `claim_ids` (None: a heading),
    worked out with the listing so that a list finds a claim's row without scanning it."""
    rows: dict[str, int] = {}
    for index, claim_id in enumerate(claim_ids):
        if claim_id is not None and claim_id not in rows:
            rows[claim_id] = index
    return rows


def timeline_state(entries: list[TimelineEntry]) -> Iterator[list[Any]]:
    """The timeline as plain values, for a snapshot: pieces of a few thousand entries, made
    one at a time as the snapshot is written."""
    for first in range(0, len(entries), _STATE_PIECE):
        yield [(e.claim_id, e.date, e.year, e.sort_key, e.text, e.sources)
               for e in entries[first:first + _STATE_PIECE]]


def timeline_from_state(state: list[Any]) -> list[TimelineEntry]:
    """The timeline `timeline_state` described, without sorting a large file's dated claims
    again."""
    return [TimelineEntry(*values) for piece in state for values in piece]


_STATE_PIECE = 5_000


@dataclass(frozen=True, slots=True)
class QuoteRow:
    claim_id: str
    words: str
    speaker: str
    role: str
    mode: str
    source: str
    date: str


def quote_rows(facts: FactBase, only: set[str] | None = None) -> list[QuoteRow]:
    rows = []
    for claim in facts.claims.values():
        if claim.quote is None or (only is not None and claim.id not in only):
            continue
        speaker = facts.entities.get(claim.quote.speaker)
        source = facts.sources[claim.citations[0].source]
        date = when(claim.when) if claim.when else _approximately(when(source.published))
        rows.append(QuoteRow(
            claim.id, claim.quote.words, speaker.name if speaker else claim.quote.speaker,
            (speaker.role or "") if speaker else "", claim.quote.mode, source.short, date,
        ))
    return rows


@dataclass(frozen=True, slots=True)
class CellView:
    claim_id: str | None
    text: str
    value: float | None
    unit: str


@dataclass(frozen=True, slots=True)
class RowView:
    label: str
    entity_id: str | None
    cells: tuple[CellView, ...]
    period: str
    growth: str
    sources: str


@dataclass(frozen=True, slots=True)
class TableView:
    table_id: str
    title: str
    note: str | None
    columns: tuple[str, ...]
    rows: tuple[RowView, ...]


def table_view(facts: FactBase, table_id: str, only_entities: Set[str] | None = None
               ) -> TableView:
    table = facts.tables[table_id]
    rows = []
    for row in table.rows:
        cells = []
        claims: list[Claim] = []
        for column in table.columns:
            claim = facts.claims.get(row.cells.get(column.id, ""))
            if claim is None or claim.figure is None:
                cells.append(CellView(None, "", None, ""))
                continue
            claims.append(claim)
            figure = claim.figure
            value = float(figure.value) / (figure.per or 1)
            unit = figure.currency if figure.unit == "currency" else figure.unit
            cells.append(CellView(claim.id, amount(figure), value, unit or ""))
        if only_entities is not None:
            concerned = {row.entity} | {e for c in claims for e in c.about}
            if not concerned & only_entities:
                continue
        first = claims[0].figure if claims and claims[0].figure else None
        tags = dict.fromkeys(facts.sources[c.source].short for cl in claims for c in cl.citations)
        rows.append(RowView(
            row.label, row.entity, tuple(cells),
            period(first.period) if first else "", growth(first) if first else "",
            ", ".join(tags),
        ))
    return TableView(table.id, table.title, table.note, tuple(c.title for c in table.columns),
                     tuple(rows))


def _approximately(date: str) -> str:
    """A source's date standing in for a quote's: marked approximate unless already a bound."""
    return date if date[:1] in "~≥≤" or date == "undated" else f"~{date}"
