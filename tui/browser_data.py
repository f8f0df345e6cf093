"""Everything the browser lists, prepared off the UI thread while the file loads."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.factbase import FactBase
from tui.domain.search import SearchIndex
from tui.domain.views import (
    QuoteRow,
    TableView,
    TimelineEntry,
    TreeNode,
    entity_tree,
    quote_rows,
    table_view,
    timeline,
)


@dataclass(slots=True)
class BrowserData:
    facts: FactBase
    timeline: list[TimelineEntry]
    quotes: list[QuoteRow]
    tree: list[TreeNode]
    tables: list[TableView]
    search: SearchIndex


def prepare(facts: FactBase) -> BrowserData:
    return BrowserData(
        facts=facts,
        timeline=timeline(facts),
        quotes=quote_rows(facts),
        tree=entity_tree(facts),
        tables=[table_view(facts, t) for t in facts.tables],
        search=SearchIndex(facts),
    )
