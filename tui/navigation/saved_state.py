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
from tui.navigation.history import History

FORMAT = "chery-tui user state"
VERSION = 1
_KINDS = ("claim", "entity", "source", "table")
"""What history can hold (a finding is looked at inside its screen, never visited)."""
_MOST = 500
"""History entries and basket items kept (a history is capped at this length anyway)."""


@dataclass(slots=True)
class UserState:
    basket: list[str] = field(default_factory=list)
    back: list[Location] = field(default_factory=list)
    current: Location | None = None
    forward: list[Location] = field(default_factory=list)
    filter_entity: str | None = None
    cite_style: str = "plain"
    theme: str = ""
    """The Textual theme chosen (empty: the default)."""

    # ── to and from the app's objects ──────────────────────────────────────────────

    @classmethod
    def of(cls, basket: list[str], history: History, filter_entity: str | None,
           cite_style: str, theme: str = "") -> UserState:
        back, current, forward = history.entries()
        return cls(list(basket), back, current, forward, filter_entity, cite_style, theme)

    def history(self) -> History:
        history = History()
        history.restore(self.back, self.current, self.forward)
        return history

    def keeping(self, exists: Callable[[Location], bool]) -> UserState:
        """Only what still exists: `exists(location)` says whether an item is still there
        (the fact file may have changed since)."""
        def kept(items: list[Location]) -> list[Location]:
            return [loc for loc in items if exists(loc)]

        back = kept(self.back)
        current = self.current if self.current is not None and exists(self.current) else None
        if current is None and self.current is not None and back:
            current = back.pop()  # the place is gone: the one before it, as back would
        basket = [ident for ident in self.basket if exists(Location("claim", ident))]
        entity = self.filter_entity
        if entity is not None and not exists(Location("entity", entity)):
            entity = None
        return UserState(basket, back, current, kept(self.forward), entity, self.cite_style,
                         self.theme)

    # ── JSON ───────────────────────────────────────────────────────────────────────

    def to_json(self, facts_path: Path) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION, "facts": real_path(facts_path),
            "saved": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "basket": self.basket[-_MOST:],
            "history": {"back": [_location(x) for x in self.back[-_MOST:]],
                        "current": _location(self.current) if self.current else None,
                        "forward": [_location(x) for x in self.forward[-_MOST:]]},
            "filter": self.filter_entity,
            "cite_style": self.cite_style,
            "theme": self.theme,
        }

    @classmethod
    def from_json(cls, data: Any) -> UserState:
        """Raises ValueError for anything that is not our state."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a chery-tui state file")
        if data.get("version") != VERSION:
            raise ValueError(f"a state file of another version ({data.get('version')!r})")
        history = _dict(data.get("history", {}))
        current = history.get("current")
        return cls(
            basket=[_text(x) for x in _list(data.get("basket", []))],
            back=[_parse_location(x) for x in _list(history.get("back", []))],
            current=_parse_location(current) if current is not None else None,
            forward=[_parse_location(x) for x in _list(history.get("forward", []))],
            filter_entity=_text(data["filter"]) if data.get("filter") is not None else None,
            cite_style=_text(data.get("cite_style", "plain")),
            theme=_text(data.get("theme", "")),
        )


def _location(location: Location) -> list[Any]:
    items: list[Any] = [location.kind, location.ident, "", location.passage]
    if location.claim is not None:
        items += [location.claim, location.citation]
    return items


def _parse_location(value: Any) -> Location:
    # four items: a location as every version writes it; six: a cited passage with its claim
    # and citation (older versions wrote only the passage's offset, and still read this way).
    # The third item was the pane it was opened from: no longer part of a location, it is
    # written empty and not read.
    items = _list(value)
    if len(items) not in (4, 6) or items[0] not in _KINDS:
        raise ValueError(f"not a location: {value!r:.80}")
    passage = _number_or_none(items[3], "passage number")
    claim, citation = (None, None) if len(items) == 4 else (
        _text(items[4]), _number_or_none(items[5], "citation number"))
    _text(items[2])
    return Location(items[0], _text(items[1]), passage, claim, citation)


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
