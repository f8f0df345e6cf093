"""Timeline pane: dated claims in order, grouped by year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from tui.domain.facts.location import Location
from tui.domain.present.listings import TimelineEntry, TimelineRow, timeline_rows
from tui.domain.present.safe_text import one_line
from tui.widgets.badges import claim_marks, sources_badge
from tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from tui.domain.crossref.cross_index import CrossIndex


class TimelinePane(VirtualList):
    BORDER_TITLE = "Timeline"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.xref: CrossIndex | None = None
        self.basket: set[str] = set()

    def show_entries(self, entries: Sequence[TimelineEntry], basket: set[str],
                     xref: CrossIndex | None = None, *, announce: bool = True) -> None:
        self.show_rows(timeline_rows(entries), basket, xref, announce=announce)

    def show_rows(self, rows: Sequence[TimelineRow], basket: set[str],
                  xref: CrossIndex | None = None, *, announce: bool = True,
                  claim_rows: Mapping[str, int] | None = None) -> None:
        """Rows made ahead (off the UI thread for a large file, with `claim_rows`: each
        claim's row); texts are made when drawn, with the badges and basket marks of the
        moment. `announce`: a Preview of the item under the cursor (not when the screen
        refills the lists under what it shows)."""
        self.xref, self.basket = xref, basket

        def location_at(index: int) -> Location | None:
            row = rows[index]
            return None if isinstance(row, str) else Location("claim", row.claim_id)

        def text_at(index: int) -> Text:
            row = rows[index]
            if isinstance(row, str):
                return Text(row, style="bold")
            # the date and the sources ahead of the text, which the width cuts short
            palette = self.palette
            text = claim_marks(palette, self.basket, self.xref, row.claim_id)
            text.append(f" {row.date:<11} ", style=palette.date)
            text.append(", ".join(one_line(s) for s in row.sources), style="dim")
            text.append_text(sources_badge(palette, self.xref, row.claim_id))
            text.append("  ")
            text.append(one_line(row.text))
            return text

        if not rows:
            self.show([(Text("No dated claims", style="dim"), None)], announce=announce)
            return
        self.show_lazy(len(rows), location_at, text_at, announce=announce,
                       claim_rows=claim_rows)
