"""The breadcrumb: the last places, oldest first, elided from the left so that the newest
(where the user is) always shows, whole whenever it fits the line."""

from __future__ import annotations

from collections.abc import Sequence

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import one_line

Step = tuple[Location, str | None]
"""A place of history: what it showed, and the entity the panes were filtered to."""

SEPARATOR = "  ›  "
ELIDED = "…"
FILTERED = "⧩"
"""Marks a filter step ("⧩ Jetour") and the places seen under a filter ("a claim ⧩")."""
OLDER_WIDTH = 38
"""The most an older crumb takes, so that several places show before the newest."""


def crumb_label(here: str, filter_name: str | None, *, filter_changed: bool,
                moved: bool) -> str:
    """A place's crumb: `here` (what it showed), under the filter `filter_name` (None:
    none). A step that changed the filter says to what ("⧩ Jetour", "⧩ cleared"), after
    `here` when the step `moved` too; a place under an unchanged filter carries the mark."""
    if filter_changed:
        step = f"{FILTERED} {filter_name}" if filter_name is not None else f"{FILTERED} cleared"
        return f"{here} {step}" if moved else step
    return f"{here} {FILTERED}" if filter_name is not None else here


def place_name(facts: FactBase, location: Location) -> str:
    """What a crumb calls `location`, whole: the breadcrumb shortens the older ones."""
    if location.kind == "claim" and location.ident in facts.claims:
        return one_line(facts.claims[location.ident].text)
    if location.kind == "entity" and location.ident in facts.entities:
        return one_line(facts.entities[location.ident].name)
    if location.kind == "source" and location.ident in facts.sources:
        return f"source {one_line(facts.sources[location.ident].short)}"
    return location.ident


def trail_labels(facts: FactBase, trail: Sequence[Step], before: Step | None) -> list[str]:
    """The crumbs of `trail` (oldest first), each with its filter when its step set or
    cleared one; `before` is the place before the trail (None: the trail starts the
    history, and a first place under a filter counts as setting it)."""
    labels = []
    for (location, entity), previous in zip(trail, [before, *trail], strict=False):
        if previous is None:  # moved from nowhere
            was, moved = None, location != Location("entity", entity or "")
        else:
            was, moved = previous[1], previous[0] != location
        name = place_name(facts, Location("entity", entity)) if entity is not None else None
        labels.append(crumb_label(place_name(facts, location), name,
                                  filter_changed=entity != was, moved=moved))
    return labels


def _shortened(label: str, width: int) -> str:
    return label if len(label) <= width else label[: max(0, width - 1)] + ELIDED


def fit_crumbs(labels: list[str], width: int) -> list[str]:
    """The labels to show in `width` cells: the newest always, then as many older ones as
    fit before it (each shortened to `OLDER_WIDTH`), with `ELIDED` first when some were left
    out. The newest is cut, at its end, only when it alone is wider than the line."""
    if not labels or width <= 0:
        return []
    newest = labels[-1]
    if len(newest) > width:
        return [_shortened(newest, width)]
    shown = [newest]
    used = len(newest)
    for label in (_shortened(old, OLDER_WIDTH) for old in reversed(labels[:-1])):
        room = width - used - len(SEPARATOR)
        left_out = len(labels) - len(shown) - 1 > 0
        # keep room for the elision mark while older crumbs remain unshown
        need = len(label) + (len(ELIDED) + len(SEPARATOR) if left_out else 0)
        if need > room:
            break
        shown.insert(0, label)
        used += len(SEPARATOR) + len(label)
    if len(shown) < len(labels) and used + len(SEPARATOR) + len(ELIDED) <= width:
        shown.insert(0, ELIDED)
    return shown
