"""Browser-style history: where the user has been, with back and forward."""

from __future__ import annotations

from tui.domain.facts.location import Location


class History:
    """Back and forward over locations, as in a web browser."""

    def __init__(self, limit: int = 500) -> None:
        self._back: list[Location] = []
        self._forward: list[Location] = []
        self.current: Location | None = None
        self._limit = limit

    def visit(self, location: Location) -> None:
        """Go somewhere new: the forward trail is dropped, as in a web browser."""
        if location == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[: -self._limit]
        self.current = location
        self._forward.clear()

    def replace(self, location: Location) -> None:
        """Where the user is moved within the same view (the reader's next passage): the
        current place changes, no step is added."""
        self.current = location

    def back(self) -> Location | None:
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> Location | None:
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current

    def entries(self) -> tuple[list[Location], Location | None, list[Location]]:
        """(back, current, forward), oldest first: to save between runs."""
        return list(self._back), self.current, list(reversed(self._forward))

    def restore(self, back: list[Location], current: Location | None,
                forward: list[Location]) -> None:
        """The opposite of `entries`."""
        self._back = list(back[-self._limit:])
        self.current = current
        self._forward = list(reversed(forward[: self._limit]))

    def trail(self, length: int = 4) -> list[Location]:
        """The last few places, oldest first, ending with the current one (a breadcrumb)."""
        items = [*self._back[-(length - 1):]] if length > 1 else []
        return [*items, self.current] if self.current is not None else items
