"""Quotes pane: who said what, direct or reported, where and when."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from tui.domain.facts.location import Location
from tui.domain.present.listings import QuoteRow
from tui.domain.present.safe_text import one_line
from tui.widgets.badges import claim_marks, sources_badge
from tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from tui.domain.crossref.cross_index import CrossIndex


class QuotesPane(VirtualList):
    BORDER_TITLE = "Quotes"

    def show_quotes(self, quotes: Sequence[QuoteRow], basket: set[str],
                    xref: CrossIndex | None = None, *, announce: bool = True,
                    claim_rows: Mapping[str, int] | None = None) -> None:
        """`claim_rows`: each claim's first row, worked out with the rows (a large file's)."""
        def text_at(index: int) -> Text:
            quote = quotes[index]
            # who spoke first; the words, then where and when, as far as the width goes
            palette = self.palette
            text = claim_marks(palette, basket, xref, quote.claim_id)
            text.append(f" {one_line(quote.speaker)}: ", style="bold")
            words = one_line(quote.words)
            text.append(f"“{words}”" if quote.mode == "direct" else words,
                        style="" if quote.mode == "direct" else "italic")
            role = f"{one_line(quote.role)} · " if quote.role else ""
            text.append(f"  — {role}{quote.mode} · {one_line(quote.source)} · {quote.date}",
                        style="dim")
            text.append_text(sources_badge(palette, xref, quote.claim_id))
            return text

        if not quotes:
            self.show([(Text("No quotes", style="dim"), None)], announce=announce)
            return
        self.show_lazy(len(quotes), lambda i: Location("claim", quotes[i].claim_id),
                       text_at, announce=announce, claim_rows=claim_rows)
