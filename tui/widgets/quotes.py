"""Quotes pane: who said what, direct or reported, where and when."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from tui.domain.history import Location
from tui.domain.safe import one_line
from tui.domain.views import QuoteRow
from tui.domain.xref import CrossIndex
from tui.widgets.badges import claim_badge
from tui.widgets.item_list import ItemList


class QuotesPane(ItemList):
    BORDER_TITLE = "Quotes"

    def show_quotes(self, quotes: Iterable[QuoteRow], basket: set[str],
                    xref: CrossIndex | None = None) -> None:
        rows: list[tuple[Text, Location | None]] = []
        for quote in quotes:
            text = Text(no_wrap=True, overflow="ellipsis")
            text.append("●" if quote.claim_id in basket else " ", style="green")
            text.append_text(claim_badge(xref, quote.claim_id))
            words = one_line(quote.words)
            text.append(f"“{words}”" if quote.mode == "direct" else words,
                        style="" if quote.mode == "direct" else "italic")
            text.append(f"\n  — {one_line(quote.speaker)}", style="bold")
            if quote.role:
                text.append(f", {one_line(quote.role)}")
            text.append(f" · {quote.mode} · {one_line(quote.source)} · {quote.date}", style="dim")
            rows.append((text, Location("claim", quote.claim_id, pane="quotes")))
        if not rows:
            rows.append((Text("No quotes", style="dim"), None))
        self.show(rows)
