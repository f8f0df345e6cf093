"""The browsing session: the one owner of where the user is and what they keep.

History, the citation basket, the entity filter and the citation style live here, in plain
Python; the App binds the keys to this object's moves and then tells the screens to draw the
result. Its serialised form is `UserState`, which is what is saved between runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.domain.facts.location import Location
from tui.navigation.history import History, Place
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
        self.pane = ""
        self.expanded: list[str] | None = None
        """The view as last seen (the pane in use, the tree's open branches): the App notes
        them before the state is saved and draws them when it is restored."""
        self.tree_cursor: str | None = None
        """The entity the Brands tree's cursor is on, noted and drawn as the view is."""
        self.list_pane = ""
        """The list beside the Detail, noted and drawn as the view is."""
        self._before_removal: list[str] | None = None
        """The basket before its last removal or clearing, for `undo_basket`."""

    @property
    def current(self) -> Location | None:
        return self.history.current

    # ── moving ─────────────────────────────────────────────────────────────────────

    def visit(self, location: Location) -> None:
        """Go to `location` as a new step in history (following a link), under the filter
        the panes have now."""
        self.history.visit(location, self.filter_entity)

    def filter_to(self, entity: str | None) -> bool:
        """Filter the panes to `entity` (None: no filter) as a step of history, so back
        returns to the view before it; False when that is the filter already."""
        if entity == self.filter_entity:
            return False
        self.filter_entity = entity
        here = self.current if self.current is not None or entity is None else \
            Location("entity", entity)
        if here is not None:
            self.history.visit(here, entity)
        return True

    def record(self, location: Location) -> None:
        """A move made inside a view (the reader stepping through passages): the current
        place follows, with no step of its own, so one back leaves the view."""
        self.history.replace(location)

    def back(self) -> Location | None:
        return self._arrive(self.history.back())

    def forward(self) -> Location | None:
        return self._arrive(self.history.forward())

    def _arrive(self, place: Place | None) -> Location | None:
        """The view as it was at `place`, filter included."""
        if place is None:
            return None
        self.filter_entity = place.filter_entity
        return place.location

    def clear_filter(self) -> bool:
        """False when there was no filter to clear."""
        return self.filter_to(None)

    # ── the basket ─────────────────────────────────────────────────────────────────

    def toggle_basket(self, claim_id: str) -> bool:
        """Mark or unmark a claim; True when it is in the basket now."""
        if claim_id in self.basket:
            self.remove_from_basket(claim_id)
            return False
        self.basket.append(claim_id)
        return True

    def remove_from_basket(self, claim_id: str) -> None:
        if claim_id in self.basket:
            self._before_removal = list(self.basket)
            self.basket.remove(claim_id)

    def clear_basket(self) -> int:
        """Empty the basket (`undo_basket` brings it back); how many claims it held."""
        count = len(self.basket)
        if count:
            self._before_removal = list(self.basket)
            self.basket.clear()
        return count

    def undo_basket(self) -> list[str] | None:
        """The basket as it was before its last removal or clearing, with what was marked
        since kept at the end; the claims brought back, or None when there is nothing to
        undo."""
        before = self._before_removal
        if before is None:
            return None
        self._before_removal = None
        back = [c for c in before if c not in self.basket]
        self.basket[:] = [*before, *(c for c in self.basket if c not in before)]
        return back

    # ── saved between runs ─────────────────────────────────────────────────────────

    def state(self) -> UserState:
        return UserState.of(self.basket, self.history, self.filter_entity, self.cite_style,
                            self.theme, self.pane, self.expanded, self.tree_cursor,
                            self.list_pane)

    def restore(self, saved: UserState, exists: Callable[[Location], bool]) -> None:
        """Take up `saved`, for what still `exists` in the facts (the file may have changed)."""
        state = saved.keeping(exists)
        self.basket[:] = state.basket
        from tui.domain.present.citations import style_named

        self.cite_style = style_named(state.cite_style) or self.cite_style
        self.theme = state.theme or self.theme
        self.history = state.history()
        self.filter_entity = state.filter_entity
        self.pane = state.pane
        self.expanded = state.expanded
        self.tree_cursor = state.tree_cursor
        self.list_pane = state.list_pane

    def adopt_basket(self, basket: list[str]) -> None:
        """Another instance's basket merged into ours (see `state_file.save_merging`)."""
        self.basket[:] = basket
