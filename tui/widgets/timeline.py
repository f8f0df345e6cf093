"""Timeline pane: dated claims in order, grouped by year."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from tui.domain.history import Location
from tui.domain.safe import one_line
from tui.domain.views import TimelineEntry
from tui.domain.xref import CrossIndex
from tui.widgets.badges import claim_badge
from tui.widgets.virtual_list import VirtualList


class TimelinePane(VirtualList):
    BORDER_TITLE = "Timeline"

    def show_entries(self, entries: Sequence[TimelineEntry], basket: set[str],
                     xref: CrossIndex | None = None) -> None:
        # rows: an entry, or a year heading (a str); texts are made when drawn
        rows: list[TimelineEntry | str] = []
        year = None
        for entry in entries:
            if entry.year != year:
                year = entry.year
                rows.append(year)
            rows.append(entry)

        def location_at(index: int) -> Location | None:
            row = rows[index]
            return None if isinstance(row, str) else Location("claim", row.claim_id,
                                                              pane="timeline")

        def text_at(index: int) -> Text:
            row = rows[index]
            if isinstance(row, str):
                return Text(row, style="bold")
            text = Text()
            text.append("●" if row.claim_id in basket else " ", style="green")
            text.append(f"{row.date:<10} ", style="cyan")
            text.append_text(claim_badge(xref, row.claim_id))
            text.append(one_line(row.text))
            text.append(f" [{', '.join(one_line(s) for s in row.sources)}]", style="dim")
            return text

        if not rows:
            self.show([(Text("No dated claims", style="dim"), None)])
            return
        self.show_lazy(len(rows), location_at, text_at)
