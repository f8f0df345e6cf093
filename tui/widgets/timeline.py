"""Timeline pane: dated claims in order, grouped by year."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.domain.history import Location
from tui.domain.safe import one_line
from tui.domain.views import TimelineEntry
from tui.domain.xref import CrossIndex
from tui.widgets.badges import claim_badge
from tui.widgets.item_list import ItemList


class TimelinePane(ItemList):
    BORDER_TITLE = "Timeline"

    def show_entries(self, entries: Iterable[TimelineEntry], basket: set[str],
                     xref: CrossIndex | None = None) -> None:
        rows: list[tuple[Text, Location | None]] = []
        year = None
        for entry in entries:
            if entry.year != year:
                year = entry.year
                rows.append((Text(year, style="bold"), None))
            text = Text(no_wrap=True, overflow="ellipsis")
            text.append("●" if entry.claim_id in basket else " ", style="green")
            text.append(f"{entry.date:<10} ", style="cyan")
            text.append_text(claim_badge(xref, entry.claim_id))
            text.append(one_line(entry.text))
            text.append(f" [{', '.join(one_line(s) for s in entry.sources)}]", style="dim")
            rows.append((text, Location("claim", entry.claim_id, pane="timeline")))
        if not rows:
            rows.append((Text("No dated claims", style="dim"), None))
        self.show(rows)
