"""Browser-style history: where the user has been, with back and forward."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.facts.location import Location


@dataclass(frozen=True, slots=True)
class Place:
    """A step of history: what was shown, and the entity filter the panes had then, so that
    going back restores the view as it was."""

    location: Location
    filter_entity: str | None = None


class History:
    """Back and forward over places, as in a web browser."""

    def __init__(self, limit: int = 500) -> None:
        self._back: list[Place] = []
        self._forward: list[Place] = []
        self.place: Place | None = None
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self.place.location if self.place is not None else None

    def visit(self, location: Location, filter_entity: str | None = None) -> None:
        """Go somewhere new: the forward trail is dropped, as in a web browser."""
        place = Place(location, filter_entity)
        if place == self.place:
            return
        if self.place is not None:
            self._back.append(self.place)
            del self._back[: -self._limit]
        self.place = place
        self._forward.clear()

    def replace(self, location: Location) -> None:
        """Where the user is moved within the same view (the reader's next passage): the
        current place changes, no step is added."""
        self.place = Place(location, self.place.filter_entity if self.place else None)

    def back(self) -> Place | None:
        if not self._back:
            return None
        if self.place is not None:
            self._forward.append(self.place)
        self.place = self._back.pop()
        return self.place

    def forward(self) -> Place | None:
        if not self._forward:
            return None
        if self.place is not None:
            self._back.append(self.place)
        self.place = self._forward.pop()
        return self.place

    def entries(self) -> tuple[list[Place], Place | None, list[Place]]:
        """(back, current, forward), oldest first: to save between runs."""
        return list(self._back), self.place, list(reversed(self._forward))

    def restore(self, back: list[Place], current: Place | None, forward: list[Place]) -> None:
        """The opposite of `entries`."""
        self._back = list(back[-self._limit:])
        self.place = current
        self._forward = list(reversed(forward[: self._limit]))

    def trail(self, length: int = 4) -> tuple[Place | None, list[Place]]:
        """The last few places, oldest first, ending with the current one (a breadcrumb),
        and the place before them (None when they start the history): what the oldest
        shown changed from, its filter say."""
        items = self._back[-(length - 1):] if length > 1 else []
        before = len(self._back) - len(items) - 1
        places = [*items, self.place] if self.place is not None else items
        return (self._back[before] if before >= 0 else None), places
