"""Everything the browser lists and links, prepared off the UI thread while the file loads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tui.domain.crossref.hierarchy import Hierarchy, TreeNode, entity_tree
from tui.domain.crossref.links import Links
from tui.domain.facts.factbase import FactBase
from tui.domain.present.listings import (
    QuoteRow,
    TableView,
    TimelineEntry,
    TimelineRow,
    first_rows,
    quote_rows,
    table_view,
    timeline,
    timeline_from_state,
    timeline_rows,
    timeline_state,
)
from tui.domain.present.search import SearchIndex


@dataclass(slots=True)
class BrowserData:
    facts: FactBase
    timeline: list[TimelineEntry]
    timeline_rows: list[TimelineRow]
    """The timeline with its year headings, ready for the pane."""
    timeline_at: dict[str, int]
    """Claim id -> its row in `timeline_rows`."""
    quotes: list[QuoteRow]
    quotes_at: dict[str, int]
    """Claim id -> its first row in `quotes`."""
    hierarchy: Hierarchy
    """Who sits under whom: filters look up what lies below an entity here."""
    tree: list[TreeNode]
    tables: list[TableView]
    search: SearchIndex
    links: Links
    """The cheap cross-references (relations, claims by entity and by source)."""
    claim_counts: dict[str, int]
    """Entity id -> how many claims are about it (or quote it)."""


def prepare(facts: FactBase, saved: dict[str, list[Any]] | None = None) -> BrowserData:
    """`saved`: what `saved_state` returned for these very facts (from a snapshot)."""
    saved = saved or {}
    entries = timeline_from_state(saved["timeline"]) if "timeline" in saved else timeline(facts)
    hierarchy = Hierarchy.of(facts)
    links = Links(facts, saved.get("links"))
    rows, quotes = timeline_rows(entries), quote_rows(facts)
    return BrowserData(
        facts=facts,
        timeline=entries,
        timeline_rows=rows,
        timeline_at=first_rows(None if isinstance(r, str) else r.claim_id for r in rows),
        quotes=quotes,
        quotes_at=first_rows(q.claim_id for q in quotes),
        hierarchy=hierarchy,
        tree=entity_tree(facts, hierarchy),
        tables=[table_view(facts, t) for t in facts.tables],
        search=SearchIndex(facts, saved.get("search")),
        links=links,
        claim_counts=links.claim_counts(),
    )


def saved_state(data: BrowserData) -> dict[str, Iterable[Any]]:
    """What `prepare` can reuse for the same facts, as plain values for a snapshot."""
    return {"search": data.search.state(), "timeline": timeline_state(data.timeline),
            "links": data.links.state()}
