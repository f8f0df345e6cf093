"""A one-line-per-row list that renders only the rows on screen (Textual's Line API).

OptionList lays out every option up front, which takes seconds for a large file's rows
(docs/performance.md, "Drawing"). This list keeps its rows as
data and draws the visible ones in `render_line`, so a list of any length appears at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.domain.facts.location import Location
from tui.messages import Open, Preview
from tui.widgets.content_size import set_content_size
from tui.widgets.list_keys import LIST_KEYS
from tui.widgets.palette import Palette, current_palette, follow_theme


class VirtualList(ScrollView, can_focus=True):
    """Rows of `(Text, Location | None)`; rows without a location are headings."""

    DEFAULT_CSS = """
    VirtualList {
        height: 1fr;
        overflow-x: hidden;  /* rows are cut to the width: a scrollbar had nothing to show */
    }
    VirtualList > .virtual-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    VirtualList:blur > .virtual-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    """
    COMPONENT_CLASSES = {"virtual-list--cursor"}
    BINDINGS = [
        *LIST_KEYS,
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "open", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(-1, always_update=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._count = 0
        self._location_at: Callable[[int], Location | None] = lambda _: None
        self._text_at: Callable[[int], Text] = lambda _: Text("")
        self._cache: dict[tuple[int, int, bool], Strip] = {}
        # Where each location was first seen, filled as far as a lookup had to scan: a
        # 100,000-row list was scanned from the top at every lookup (~21 ms, three per key).
        self._positions: dict[tuple[str, str], int] = {}
        self._scanned = 0
        self._claim_rows: Mapping[str, int] | None = None

    def on_mount(self) -> None:
        # the rows drawn so far have the colours of the theme they were drawn in
        follow_theme(self, VirtualList.repaint)

    @property
    def palette(self) -> Palette:
        """The colours of the theme now, for the texts made when drawn."""
        return current_palette(self.app)

    # ── data ───────────────────────────────────────────────────────────────────────

    def show(self, rows: Iterable[tuple[Text, Location | None]], *, keep: bool = True,
             announce: bool = True) -> None:
        """Replace the rows with ready-made ones (for short lists)."""
        listed = list(rows)
        self.show_lazy(len(listed), lambda i: listed[i][1], lambda i: listed[i][0], keep=keep,
                       announce=announce)

    def show_lazy(self, count: int, location_at: Callable[[int], Location | None],
                  text_at: Callable[[int], Text], *, keep: bool = True,
                  announce: bool = True, claim_rows: Mapping[str, int] | None = None) -> None:
        """Replace the rows with `count` rows whose text is made only when drawn, so a list of
        100,000 rows costs nothing until it scrolls. With `keep`, the cursor stays on the
        same location if it is still listed. `claim_rows`: each claim's first row, when
        worked out ahead (`listings.first_rows`); else rows are scanned as lookups need."""
        current = self.current_location if keep else None
        self._count, self._location_at, self._text_at = count, location_at, text_at
        self._cache.clear()
        self._positions, self._scanned, self._claim_rows = {}, 0, claim_rows
        set_content_size(self, Size(self.size.width, count))
        target = -1
        if current is not None:
            target = self.index_of(current)
        if target < 0:
            target = self._next_item(-1, 1)
        self._set_cursor(target, announce=announce, force=True)
        self.refresh()

    @property
    def locations(self) -> list[Location | None]:
        return [self._location_at(i) for i in range(self._count)]

    @property
    def row_count(self) -> int:
        return self._count

    def row_text(self, index: int) -> Text:
        return self._text_at(index)

    @property
    def highlighted(self) -> int | None:
        return self.cursor if 0 <= self.cursor < self._count else None

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            self._set_cursor(index, announce=True, force=True)

    @property
    def current_location(self) -> Location | None:
        if 0 <= self.cursor < self._count:
            return self._location_at(self.cursor)
        return None

    def index_of(self, location: Location) -> int:
        """The first row showing `location`, or -1; rows are scanned at most once per
        `show_lazy`, each lookup going on from where the last one stopped."""
        if location.kind == "claim" and self._claim_rows is not None:
            # escape from the series view on its 5,000th figure scanned 5,000 rows here
            return self._claim_rows.get(location.ident, -1)
        wanted = (location.kind, location.ident)
        found = self._positions.get(wanted)
        if found is not None:
            return found
        positions, location_at = self._positions, self._location_at
        for index in range(self._scanned, self._count):
            candidate = location_at(index)
            if candidate is None:
                continue
            key = (candidate.kind, candidate.ident)
            positions.setdefault(key, index)
            if key == wanted:
                self._scanned = index + 1
                return index
        self._scanned = self._count
        return -1

    def select_location(self, location: Location) -> bool:
        """Move the cursor to `location` if listed (without posting an Open)."""
        index = self.index_of(location)
        if index >= 0:
            self._set_cursor(index, announce=False)
        return index >= 0

    def repaint(self) -> None:
        """Draw the rows again (their texts changed: badges, marks), keeping everything else."""
        self._cache.clear()
        self.refresh()

    # ── movement ───────────────────────────────────────────────────────────────────

    def _next_item(self, start: int, step: int) -> int:
        """The next row with a location from `start` in direction `step`, or -1."""
        index = start + step
        while 0 <= index < self._count:
            if self._location_at(index) is not None:
                return index
            index += step
        return -1

    def _set_cursor(self, index: int, *, announce: bool, force: bool = False) -> None:
        """Move the cursor; with `announce`, post a Preview when it lands somewhere new (or,
        with `force`, always: the rows under it may have changed)."""
        if not 0 <= index < self._count:
            self.cursor = -1
            return
        previous = self.cursor
        self.cursor = index
        self._scroll_to_cursor()
        self.refresh()
        if announce and (force or index != previous):
            location = self._location_at(index)
            if location is not None:
                # Created in this widget's own turn: a message records the widget handling a
                # message at the time as its sender, and one created while the parent handles
                # (say) Input.Changed stops bubbling at that parent.
                self.call_later(self._announce, location)

    def _announce(self, location: Location) -> None:
        self.post_message(Preview(location, self.origin))

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    @property
    def origin(self) -> str:
        """What the messages of this list say they come from."""
        return self.id or ""

    def action_cursor_down(self) -> None:
        self.action_move(1)

    def action_cursor_up(self) -> None:
        self.action_move(-1)

    def action_first(self) -> None:
        self.action_edge(0)

    def action_last(self) -> None:
        self.action_edge(1)

    def action_move(self, step: int) -> None:
        target = self._next_item(self.cursor, step)
        if target >= 0:
            self._set_cursor(target, announce=True)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        target = max(0, min(self._count - 1, self.cursor + direction * height))
        if self._count and self._location_at(target) is None:
            found = self._next_item(target, direction)
            target = found if found >= 0 else self._next_item(target, -direction)
        if target >= 0:
            self._set_cursor(target, announce=True)

    def action_edge(self, end: int) -> None:
        target = self._next_item(self._count, -1) if end else self._next_item(-1, 1)
        if target >= 0:
            self._set_cursor(target, announce=True)

    def action_open(self) -> None:
        location = self.current_location
        if location is not None:
            self.post_message(Open(location, self.origin))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < self._count and self._location_at(index) is not None:
            self._set_cursor(index, announce=True)
            if event.chain > 1:
                self.action_open()

    # ── drawing ────────────────────────────────────────────────────────────────────

    def on_resize(self) -> None:
        self._cache.clear()
        set_content_size(self, Size(self.size.width, self._count))
        if self.cursor >= 0:  # shrunk, the row under the cursor stays in sight
            self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= index < self._count:
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (index, width, selected)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(index, width, selected)
            if len(self._cache) > 4000:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    def _render_row(self, index: int, width: int, selected: bool) -> Strip:
        text = self._text_at(index).copy()
        if text.style and not text.spans:
            # Text.render draws a text without spans without its own style either (headings
            # showed neither bold nor underlined, notes not dim): a span over the words only
            text.stylize(text.style)
            text.style = ""
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        base: Style = self.rich_style
        segments = [Segment(s.text, base + s.style if s.style else base)
                    for s in text.render(self.app.console)]
        strip = Strip(segments).adjust_cell_length(width, base)
        if selected:
            # over the row's own styles: under them (Strip.apply_style) the row's background
            # hid the cursor's, leaving it bold and nothing else
            cursor = self.get_component_rich_style("virtual-list--cursor")
            strip = Strip(Segment.apply_style(strip, post_style=cursor), width)
        return strip
