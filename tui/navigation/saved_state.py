"""The user's state as saved between runs: the serialised form of a browsing `Session`
(basket, history, filter, citation style), to and from JSON. The file it lives in is
`tui.storage.state_file`'s."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.domain.facts.location import Location
from tui.domain.loading.textfile import real_path
from tui.navigation.history import History, Place

FORMAT = "chery-tui user state"
VERSION = 2
"""2: a place's third item is the entity filter it had; in 1 it was the pane opened from."""
_READ = (1, 2)
_KINDS = ("claim", "entity", "source", "table")
"""What history can hold (a finding is looked at inside its screen, never visited)."""
_MOST = 500
"""History entries and basket items kept (a history is capped at this length anyway)."""


@dataclass(slots=True)
class UserState:
    basket: list[str] = field(default_factory=list)
    back: list[Place] = field(default_factory=list)
    current: Place | None = None
    forward: list[Place] = field(default_factory=list)
    filter_entity: str | None = None
    """The filter the panes have now (the current place's)."""
    cite_style: str = "plain"
    theme: str = ""
    """The Textual theme chosen (empty: the default)."""
    pane: str = ""
    """The browser's pane in use ("timeline", …, "detail"; empty: the first)."""
    expanded: list[str] | None = None
    """The entities whose branches are open in the Brands tree (None: as it opens)."""
    tree_cursor: str | None = None
    """The entity the Brands tree's cursor was on (None: none, or not saved)."""
    list_pane: str = ""
    """The list shown beside the Detail ("timeline", …; empty: the first): the pane in use
    when that is the Detail is not enough to show the same screen again."""

    # ── to and from the app's objects ──────────────────────────────────────────────

    @classmethod
    def of(cls, basket: list[str], history: History, filter_entity: str | None,
           cite_style: str, theme: str = "", pane: str = "",
           expanded: list[str] | None = None, tree_cursor: str | None = None,
           list_pane: str = "") -> UserState:
        back, current, forward = history.entries()
        return cls(list(basket), back, current, forward, filter_entity, cite_style, theme,
                   pane, None if expanded is None else list(expanded), tree_cursor, list_pane)

    def history(self) -> History:
        history = History()
        history.restore(self.back, self.current, self.forward)
        return history

    def keeping(self, exists: Callable[[Location], bool]) -> UserState:
        """Only what still exists: `exists(location)` says whether an item is still there
        (the fact file may have changed since)."""
        def entity(ident: str | None) -> str | None:
            return ident if ident is not None and exists(Location("entity", ident)) else None

        def kept(items: list[Place]) -> list[Place]:
            return [Place(p.location, entity(p.filter_entity)) for p in items
                    if exists(p.location)]

        back = kept(self.back)
        current = kept([self.current] if self.current is not None else [])
        if not current and self.current is not None and back:
            current = [back.pop()]  # the place is gone: the one before it, as back would
        basket = [ident for ident in self.basket if exists(Location("claim", ident))]
        return UserState(basket, back, current[0] if current else None, kept(self.forward),
                         entity(self.filter_entity), self.cite_style, self.theme, self.pane,
                         None if self.expanded is None else
                         [e for e in self.expanded if exists(Location("entity", e))],
                         entity(self.tree_cursor), self.list_pane)

    # ── JSON ───────────────────────────────────────────────────────────────────────

    def to_json(self, facts_path: Path) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION, "facts": real_path(facts_path),
            "saved": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "basket": self.basket[-_MOST:],
            "history": {"back": [_place(x) for x in self.back[-_MOST:]],
                        "current": _place(self.current) if self.current else None,
                        "forward": [_place(x) for x in self.forward[-_MOST:]]},
            "filter": self.filter_entity,
            "cite_style": self.cite_style,
            "theme": self.theme,
            "view": {"pane": self.pane, "expanded": None if self.expanded is None
                     else self.expanded[-_MOST:], "tree_cursor": self.tree_cursor,
                     "list_pane": self.list_pane},
        }

    @classmethod
    def from_json(cls, data: Any) -> UserState:
        """Raises ValueError for anything that is not our state."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a chery-tui state file")
        version = data.get("version")
        if version not in _READ or isinstance(version, bool):
            raise ValueError(f"a state file of another version ({version!r})")

        def place(value: Any) -> Place:
            return _parse_place(value, filtered=version >= 2)

        history = _dict(data.get("history", {}))
        current = history.get("current")
        view = _dict(data.get("view", {}))
        return cls(
            basket=[_text(x) for x in _list(data.get("basket", []))],
            back=[place(x) for x in _list(history.get("back", []))],
            current=place(current) if current is not None else None,
            forward=[place(x) for x in _list(history.get("forward", []))],
            filter_entity=_text(data["filter"]) if data.get("filter") is not None else None,
            cite_style=_text(data.get("cite_style", "plain")),
            theme=_text(data.get("theme", "")),
            pane=_text(view.get("pane", "")),
            expanded=None if view.get("expanded") is None else
            [_text(x) for x in _list(view["expanded"])[-_MOST:]],
            # absent from files written before it was kept
            tree_cursor=None if view.get("tree_cursor") is None else
            _text(view["tree_cursor"]),
            list_pane=_text(view.get("list_pane", "")),
        )


def _place(place: Place) -> list[Any]:
    location = place.location
    items: list[Any] = [location.kind, location.ident, place.filter_entity or "",
                        location.passage]
    if location.claim is not None:
        items += [location.claim, location.citation]
    return items


def _parse_place(value: Any, filtered: bool) -> Place:
    # four items: a place as every version writes it; six: a cited passage with its claim
    # and citation (older versions wrote only the passage's offset, and still read this way).
    # The third item is the entity filter the panes had there ("" for none) when `filtered`;
    # version 1 wrote the pane it was opened from in it, which is not read.
    items = _list(value)
    if len(items) not in (4, 6) or items[0] not in _KINDS:
        raise ValueError(f"not a location: {value!r:.80}")
    passage = _number_or_none(items[3], "passage number")
    claim, citation = (None, None) if len(items) == 4 else (
        _text(items[4]), _number_or_none(items[5], "citation number"))
    filter_entity = (_text(items[2]) or None) if filtered else None
    return Place(Location(items[0], _text(items[1]), passage, claim, citation), filter_entity)


def _number_or_none(value: Any, what: str) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise ValueError(f"not a {what}: {value!r:.80}")
    return None if value is None else int(value)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, found {type(value).__name__}")
    return value


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table, found {type(value).__name__}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 1000:
        raise ValueError(f"expected a short string, found {value!r:.80}")
    return value
