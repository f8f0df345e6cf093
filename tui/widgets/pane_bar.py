"""The bar over the panes: which panes there are, by their keys, and which one is shown
(`1 Timeline  2 Brands  3 Sales  4 Quotes`); a click on one shows it. On the right,
what the basket holds."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.message import Message
from textual.widgets import Label

TITLES = {"timeline": "Timeline", "brands": "Brands", "sales": "Sales", "quotes": "Quotes"}


class PaneBar(Horizontal):
    @dataclass
    class Chosen(Message):
        """A pane's label was clicked."""

        pane: str

    def compose(self) -> ComposeResult:
        for key, (pane, title) in enumerate(TITLES.items(), start=1):
            yield Label(f"{key} {title}", id=f"tab-{pane}", classes="pane-tab")
        yield Label(id="basket-count")

    def show_basket(self, count: int) -> None:
        """How many claims the basket holds (B shows them), or nothing when it is empty."""
        label = self.query_one("#basket-count", Label)
        label.update(f"● {count} in the basket · B" if count else "")
        label.display = count > 0

    def show_active(self, pane: str) -> None:
        for name in TITLES:
            self.query_one(f"#tab-{name}").set_class(name == pane, "-active")

    def on_click(self, event: Click) -> None:
        widget = event.widget
        if widget is not None and widget.id is not None and widget.id.startswith("tab-"):
            self.post_message(self.Chosen(widget.id.removeprefix("tab-")))
