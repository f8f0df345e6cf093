"""The basket: the claims marked with space, in the order they were marked, to review,
remove, copy or clear (every removal can be undone with u)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import one_line
from tui.navigation.session import Session
from tui.widgets.hint_bar import HintBar
from tui.widgets.item_list import ItemList
from tui.widgets.screen_header import ScreenHeader


class BasketList(ItemList):
    BORDER_TITLE = "Basket"


def basket_rows(facts: FactBase, basket: list[str]) -> list[tuple[Text, Location | None]]:
    rows: list[tuple[Text, Location | None]] = []
    for n, claim_id in enumerate(basket, 1):
        claim = facts.claims.get(claim_id)
        if claim is None:
            continue
        sources = ", ".join(dict.fromkeys(one_line(facts.sources[c.source].short)
                                          for c in claim.citations if c.source in facts.sources))
        rows.append((Text.assemble((f"{n:>3}. ", "dim"), one_line(claim.text),
                                   (f"  [{sources}]", "dim")), Location("claim", claim_id)))
    if not rows:
        rows.append((Text("The basket is empty: space on a claim marks it; u undoes the last "
                          "removal", style="dim"), None))
    return rows


class BasketScreen(Screen[None]):
    @dataclass
    class Remove(Message):
        """Take this claim out of the basket (the App, which owns the session, does)."""

        claim_id: str

    BINDINGS = [
        Binding("escape,backspace", "close", "Back", id="basket.close"),
        Binding("d,delete", "remove", "Remove", id="basket.remove"),
        Binding("X", "app.clear_basket", "Clear all", id="basket.clear"),
        Binding("b", "app.copy_basket", "Copy all", id="basket.copy"),
        Binding("u", "app.undo_basket", "Undo", id="basket.undo"),
    ]

    def __init__(self, facts: FactBase, session: Session) -> None:
        super().__init__()
        self.facts = facts
        self.session = session

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield BasketList(id="basket-list")
        yield HintBar()

    def on_mount(self) -> None:
        self.show_basket()
        self.query_one(BasketList).focus()

    def show_basket(self) -> None:
        """Draw the session's basket (it changed, or the screen opened)."""
        listing = self.query_one(BasketList)
        at = listing.highlighted
        listing.show(basket_rows(self.facts, self.session.basket))
        if at is not None and listing.current_location is not None and listing.option_count:
            # the row removed: the cursor stays where it was, on the claim that follows
            listing.highlighted = min(at, listing.option_count - 1)
        count = len(self.session.basket)
        self.sub_title = f"{count} claim{'' if count == 1 else 's'} · b copies them, " \
                         "d removes one, X clears, u undoes"

    def action_remove(self) -> None:
        location = self.query_one(BasketList).current_location
        if location is not None:
            self.post_message(self.Remove(location.ident))

    def action_close(self) -> None:
        self.dismiss()
