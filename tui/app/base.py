"""What every part of the App shares: the facts on screen, the browsing session, and the one
way a location reaches the screen."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App

from tui.domain.facts.location import Location
from tui.domain.pacing import GiveWay
from tui.navigation.session import Session

if TYPE_CHECKING:
    from tui.domain.crossref.cross_index import CrossIndex
    from tui.domain.facts.factbase import FactBase
    from tui.screens.main import MainScreen

FOCUS_DETAIL_FROM = frozenset({"timeline", "quotes", "sales", "brands", "detail", "palette",
                               "search", "reader"})
"""Where an item opened from moves the focus to the Detail (from Conflicts or Health, or when
going back, the focus stays where it is)."""


_INPUT = (events.Key, events.MouseDown, events.MouseUp, events.MouseScrollDown,
          events.MouseScrollUp, events.Paste, events.Resize)
"""The user at the keys, the mouse, or the window's edge (not a mere pointer move)."""

_BROWSER_ACTIONS = frozenset({
    "history_back", "history_forward", "filter", "clear_filter", "conflicts", "health",
    "copy_citation", "choose_style", "toggle_basket", "copy_basket", "clear_basket",
    "undo_basket", "basket", "edit_facts"})
"""The App's actions that show or change what the browser shows (help, reload and quit work
without one)."""


def _reads_over(screen: object) -> bool:
    """A view over the browser whose sources open in a reader over it (Conflicts, Health),
    not over the browser."""
    from tui.screens.conflicts import ConflictsScreen
    from tui.screens.health import HealthScreen

    return isinstance(screen, ConflictsScreen | HealthScreen)


@dataclass(frozen=True, slots=True)
class Resume:
    pane: str
    """The browser's pane in use: "timeline", …, or "detail"."""
    reading: bool
    """A source reader was open."""
    list_pane: str = "timeline"
    """The list beside the Detail."""


def escape_then(key: events.Key) -> events.Key | None:
    """The key typed after escape, when a terminal made the two one alt key: it sends escape
    as the first character of alt+key, so escape then `t` typed within Textual's escape
    delay (ESCDELAY, 100 ms) arrives as alt+t. chery-tui binds no alt+letter, so such a key
    is always the two (a tester's escape, t in the reader left the selection and never
    stepped). None for any other key."""
    name = key.key
    if not name.startswith("alt+") or key.character is None or len(key.character) != 1 \
            or not key.character.isalnum():
        return None
    return events.Key(key.character, key.character)


class BrowserApp(App[int]):
    def __init__(self, facts_path: Path, use_cache: bool, use_state: bool) -> None:
        super().__init__()
        self.facts_path = facts_path
        self.use_cache = use_cache
        """False: neither reopen the file from a snapshot nor write one (`--no-cache`)."""
        self.use_state = use_state
        """False: neither restore nor save the basket, history and position (`--no-state`)."""
        self.facts: FactBase | None = None
        self.xref: CrossIndex | None = None
        self.session = Session()
        """Where the user is and what they keep: navigation's one owner."""
        self.give_way = GiveWay()
        """Background work (the snapshot, cross-referencing) sleeps while the user types."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _INPUT):
            self.give_way.touched()
        if isinstance(event, events.Key) and not event.is_forwarded:
            after_escape = escape_then(event)
            if after_escape is not None:
                self.post_message(events.Key("escape", "\x1b"))
                self.post_message(after_escape)
                return
        await super().on_event(event)

    @property
    def main(self) -> MainScreen:
        # not imported yet, or still being imported by the loading thread: none is open (an
        # import here, from the loading screen's bindings, cost the UI thread 0.25 s)
        browser_class: type[MainScreen] | None = getattr(
            sys.modules.get("tui.screens.main"), "MainScreen", None)
        if browser_class is None:
            raise LookupError("the browser is not open")
        for screen in self.screen_stack:
            # composed and mounted: a browser just switched to is on the stack a turn or
            # two before its panes exist (a key then found none, found by the monkey test)
            if isinstance(screen, browser_class) and screen.is_mounted:
                return screen
        raise LookupError("the browser is not open")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The browser's keys wait for a browser: while the file loads, and in the turn
        between a reload's new browser being switched to and its panes being composed."""
        return action not in _BROWSER_ACTIONS or self.browser_open()

    def browser_open(self) -> bool:
        try:
            return self.main is not None
        except LookupError:
            return False

    @property
    def last_browser(self) -> MainScreen | None:
        """The browser open now, or the last one open: while the app closes, its screens
        have left the stack, and what they showed is still to be saved."""
        return self._last_browser

    _last_browser: MainScreen | None = None

    def show(self, location: Location, origin: str = "") -> None:
        """Put `location` on screen, where the session now is: the browser's panes and
        Detail, or the reader for a source."""
        if self.facts is None:
            return
        from tui.screens.reader import SourceReader

        main = self.main
        reading = location.kind == "source"
        # readers, conflicts, health: back to the browser; a source opened in a view over it
        # (Conflicts, Health) opens over that view, which escape from the reader returns to
        while self.screen is not main and not (reading and _reads_over(self.screen)):
            self.pop_screen()
        if reading:
            self.push_screen(SourceReader(self.facts, location.ident, location.passage,
                                          location.claim, location.citation))
            return
        main.go_to(location)
        if origin in FOCUS_DETAIL_FROM:
            main.action_focus_pane("detail")

    def view_under_reader(self) -> bool:
        """Whether the top screen, under any readers, is a view over the browser that opens
        sources (Conflicts, Health): leaving a reader returns to it."""
        from tui.screens.reader import SourceReader

        under = next((s for s in reversed(self.screen_stack)
                      if not isinstance(s, SourceReader)), None)
        return under is not None and _reads_over(under)

    def selected(self) -> Location | None:
        """The item the user is on: the reader's passage, the focused list's cursor in another
        view, else the browser's selection."""
        from tui.screens.main import MainScreen
        from tui.screens.reader import SourceReader

        if isinstance(self.screen, SourceReader):
            return self.screen.location
        if not isinstance(self.screen, MainScreen):
            location = getattr(self.screen.focused, "current_location", None)
            if isinstance(location, Location):
                return location
        try:
            return self.main.selected()
        except LookupError:
            return None

    def where_the_user_is(self) -> Resume | None:
        """What a reload must give back besides the session's place: the pane in use, and
        whether a source was being read."""
        from tui.screens.reader import SourceReader

        try:
            main = self.main
        except LookupError:
            return None
        return Resume(main.pane_in_use, any(isinstance(s, SourceReader) for s in self.screen_stack),
                      main.active_pane)

    def redraw_session(self) -> None:
        """The session changed (basket, filter, history): the browser draws it again."""
        try:
            main = self.main
        except LookupError:
            return
        main.refresh_lists()  # the filter, the basket's marks
        main.update_crumbs()
        main.show_basket_count()
        from tui.screens.basket import BasketScreen
        from tui.screens.series import SeriesScreen

        if isinstance(self.screen, BasketScreen):
            self.screen.show_basket()
        elif isinstance(self.screen, SeriesScreen):
            self.screen.repaint_marks()

    def exists(self, location: Location) -> bool:
        """Whether the facts on screen hold this item (a saved or reloaded place may not)."""
        facts = self.facts
        if facts is None:
            return False
        if location.kind == "claim":
            return location.ident in facts.claims
        if location.kind == "entity":
            return location.ident in facts.entities
        if location.kind == "source":
            return location.ident in facts.sources
        return location.kind == "table" and location.ident in facts.tables
