"""The browsing session: the one owner of where the user is and what they keep.

History, the citation basket, the entity filter and the citation style live here, in plain
Python; the App binds the keys to this object's moves and then tells the screens to draw the
result. Its serialised form is `UserState`, which is what is saved between runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.domain.facts.location import Location
from tui.navigation.history import History
from tui.navigation.saved_state import UserState

if TYPE_CHECKING:
    from tui.domain.present.citations import Style


class Session:
    def __init__(self) -> None:
        self.history = History()
        self.basket: list[str] = []
        """Claim ids, in the order they were marked."""
        self.filter_entity: str | None = None
        """The entity the panes are filtered to (with all below it)."""
        self.cite_style: Style = "plain"
        self.theme = ""
        """The Textual theme the user chose (empty: the default); the App applies it."""

    @property
    def current(self) -> Location | None:
        return self.history.current

    # ── moving ─────────────────────────────────────────────────────────────────────

    def visit(self, location: Location) -> None:
        """Go to `location` as a new step in history (following a link); opening an entity
        filters the panes to it."""
        self.history.visit(location)
        if location.kind == "entity":
            self.filter_entity = location.ident

    def record(self, location: Location) -> None:
        """A move made inside a view (the reader stepping through passages): the current
        place follows, with no step of its own, so one back leaves the view."""
        self.history.replace(location)

    def back(self) -> Location | None:
        return self._arrive(self.history.back())

    def forward(self) -> Location | None:
        return self._arrive(self.history.forward())

    def _arrive(self, location: Location | None) -> Location | None:
        if location is not None and location.kind == "entity":
            self.filter_entity = location.ident
        return location

    def clear_filter(self) -> bool:
        """False when there was no filter to clear."""
        had = self.filter_entity is not None
        self.filter_entity = None
        return had

    # ── the basket ─────────────────────────────────────────────────────────────────

    def toggle_basket(self, claim_id: str) -> bool:
        """Mark or unmark a claim; True when it is in the basket now."""
        if claim_id in self.basket:
            self.basket.remove(claim_id)
            return False
        self.basket.append(claim_id)
        return True

    def clear_basket(self) -> None:
        self.basket.clear()

    # ── saved between runs ─────────────────────────────────────────────────────────

    def state(self) -> UserState:
        return UserState.of(self.basket, self.history, self.filter_entity, self.cite_style,
                            self.theme)

    def restore(self, saved: UserState, exists: Callable[[Location], bool]) -> None:
        """Take up `saved`, for what still `exists` in the facts (the file may have changed)."""
        state = saved.keeping(exists)
        self.basket[:] = state.basket
        from tui.domain.present.citations import style_named

        self.cite_style = style_named(state.cite_style) or self.cite_style
        self.theme = state.theme or self.theme
        self.history = state.history()
        self.filter_entity = state.filter_entity

    def adopt_basket(self, basket: list[str]) -> None:
        """Another instance's basket merged into ours (see `state_file.save_merging`)."""
        self.basket[:] = basket
