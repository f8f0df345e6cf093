"""An OptionList whose options stand for places (claims, entities, sources) one can open."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal

from rich.text import Text
from textual import on
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.domain.facts.location import Location
from tui.messages import Open, Preview
from tui.widgets.list_keys import LIST_KEYS
from tui.widgets.palette import Palette, current_palette, follow_theme

Rows = Iterable[tuple[Text, Location | None]]


def options_of(rows: Iterable[tuple[Text | Content, Location | None]]
               ) -> tuple[list[Option], list[Location | None]]:
    options: list[Option] = []
    locations: list[Location | None] = []
    for text, location in rows:
        options.append(Option(text, disabled=location is None))
        locations.append(location)
    return options, locations


class ItemList(OptionList):
    """Vim keys on top of OptionList; highlighting previews an item, enter opens it."""

    BINDINGS = LIST_KEYS

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.locations: list[Location | None] = []
        self._by_option: dict[int, Location] = {}
        """id(option) -> location. Messages about options of an earlier `show` (a refresh
        can replace them while a highlight message is queued) find nothing and are dropped."""
        self._make_rows: Callable[[Palette], Rows] | None = None

    def on_mount(self) -> None:
        follow_theme(self, ItemList._recolour)

    def show_styled(self, make_rows: Callable[[Palette], Rows], *, keep: bool = True) -> None:
        """`show` the rows `make_rows` makes with the theme's colours; made again, in place,
        when the theme changes."""
        self.show(make_rows(current_palette(self.app)), keep=keep)
        self._make_rows = make_rows

    def _recolour(self) -> None:
        self.forget_shown()
        if self._make_rows is None:
            return
        make_rows = self._make_rows
        rows = list(make_rows(current_palette(self.app)))
        if len(rows) != self.option_count:  # not expected: the same data makes the same rows
            self.show(rows)
            self._make_rows = make_rows
            return
        # the prompts only: the options, so the highlight, the scroll and the locations, stay
        for index, (text, _) in enumerate(rows):
            self.replace_option_prompt_at_index(index, text)

    def forget_shown(self) -> None:
        """The theme changed: options kept to be shown again have the old colours."""

    def show(self, rows: Rows, *, keep: bool = True) -> None:
        """Replace the options; rows without a location are shown but cannot be highlighted.

        With `keep`, the highlight stays on the same location when it is still listed.
        """
        self.show_options(*options_of(rows), keep=keep)

    def show_options(self, options: list[Option], locations: list[Location | None], *,
                     keep: bool = True) -> None:
        """`show` with the options made already (`options_of`): shown again, they are not
        measured again."""
        self._make_rows = None
        current = self.current_location if keep else None
        self.locations = list(locations)
        self._by_option = {id(option): location for option, location in
                           zip(options, locations, strict=True) if location is not None}
        self.set_options(options)
        if current is not None and current in self.locations:
            self.highlighted = self.locations.index(current)
        elif any(loc is not None for loc in self.locations):
            self.highlighted = next(i for i, loc in enumerate(self.locations) if loc)

    def _move_page(self, direction: Literal[-1, 1]) -> None:
        # Textual's OptionList lays out its lines only when it has room: squeezed to nothing
        # (a tiny terminal), page up/down looked up a line it never laid out (KeyError).
        region = self.scrollable_content_region
        if region.width <= 0 or region.height <= 0:
            return
        if self.highlighted is not None and self.highlighted not in self._index_to_line:
            return
        super()._move_page(direction)

    @property
    def origin(self) -> str:
        """What the messages of this list say they come from."""
        return self.id or ""

    @property
    def current_location(self) -> Location | None:
        index = self.highlighted
        if index is None or index >= len(self.locations):
            return None
        return self.locations[index]

    def select_location(self, location: Location) -> bool:
        """Move the highlight to `location` if listed (without posting an Open)."""
        for index, candidate in enumerate(self.locations):
            if candidate is not None and (candidate.kind, candidate.ident) == (
                    location.kind, location.ident):
                self.highlighted = index
                return True
        return False

    @on(OptionList.OptionHighlighted)
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        location = self._by_option.get(id(event.option))
        if location is not None:
            self.post_message(Preview(location, self.origin))

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        location = self._by_option.get(id(event.option))
        if location is not None:
            self.post_message(Open(location, self.origin))
