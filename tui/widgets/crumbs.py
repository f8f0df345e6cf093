"""The breadcrumb line under the header: the last places, the newest on the right and bold."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.domain.facts.factbase import FactBase
from tui.domain.present.crumbs import SEPARATOR, fit_crumbs, trail_labels
from tui.navigation.history import History

_TRAIL = 8
"""Places looked at for the line (the oldest of them give way first)."""


class Crumbs(Static):
    def __init__(self) -> None:
        super().__init__(id="crumbs")

    def show(self, facts: FactBase, history: History, width: int) -> None:
        """The trail of `history` fitted to `width` cells (this line's, when laid out)."""
        before, trail = history.trail(_TRAIL)
        steps = [(place.location, place.filter_entity) for place in trail]
        previous = (before.location, before.filter_entity) if before is not None else None
        room = (self.size.width or width or 80) - 2  # its padding
        labels = fit_crumbs(trail_labels(facts, steps, previous), room)
        parts = Text()
        for n, label in enumerate(labels):
            if n:
                parts.append(SEPARATOR, style="dim")
            parts.append(label, style="bold" if n == len(labels) - 1 else "")
        if not trail:
            parts.append("Start: pick an item and press enter; backspace goes back", style="dim")
        # one line, whatever it says: laid out again, the browser was laid out once more at
        # every step (escape from the series view drew its screen a second time)
        self.update(parts, layout=False)
