"""A source's full text, drawn a row at a time (Textual's Line API).

One widget per line took minutes and gigabytes to open a long source (docs/performance.md,
"Drawing"); this draws only the rows on screen, each from the layout's few numbers per line,
and a step to another passage draws again only the rows of the passage left and the passage
reached.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.palette import current_palette
from tui.widgets.source_layout import SourceLayout

Span = tuple[int, int]


def merged(spans: Iterable[Span]) -> list[Span]:
    """The spans' union as disjoint spans in order. Spans that only touch stay apart, so an
    empty line between two passages is not taken for part of one."""
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class SourceView(ScrollView, can_focus=True):
    """The text soft-wrapped to the width, cited passages marked, the current one lit."""

    DEFAULT_CSS = """
    SourceView {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    SourceView > .source-view--cited {
        color: $text-primary;
        text-style: underline;
    }
    SourceView > .source-view--current {
        color: $background;
        background: $warning;
        text-style: bold;
    }
    SourceView > .source-view--uncited {
        color: $text-accent;
        text-style: bold;
    }
    SourceView > .source-view--selected {
        color: $foreground;
        background: $accent 40%;
    }
    SourceView > .source-view--cursor {
        text-style: reverse;
    }
    """
    COMPONENT_CLASSES = {"source-view--cited", "source-view--current", "source-view--uncited",
                         "source-view--selected", "source-view--cursor"}

    def __init__(self, text: str, cited: Iterable[Span], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.layout_of_text = SourceLayout(text)
        self._cited = merged(cited)
        self._cited_starts = [start for start, _ in self._cited]
        self.current: Span | None = None
        self.selection: Span | None = None
        """What the user is selecting to capture (issue 14)."""
        self.cursor: int | None = None
        self._uncited: list[Span] = []
        """Figures and quotations no claim cites: what is left to capture."""
        self._uncited_starts: list[int] = []
        self._anchor: int | None = None
        """An offset to bring to the top once the width, and so the rows, are known."""
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)

    # ── what is shown ──────────────────────────────────────────────────────────────

    def open_at(self, offset: int) -> None:
        """Show the line holding `offset` at the top."""
        self._anchor = offset
        if self.layout_of_text.width:
            self._scroll_to_anchor()

    def set_current(self, span: Span | None) -> None:
        """Light `span` instead of the passage lit before, drawing again only the rows of the
        two, and scroll to it unless all of it is on screen already."""
        previous, self.current = self.current, span
        self._redraw(previous, span)

    def set_selection(self, span: Span | None) -> None:
        """Show `span` selected (None: no selection), scrolled into view as `set_current`."""
        previous, self.selection = self.selection, span
        self._redraw(previous, span)

    def set_cursor(self, offset: int | None) -> None:
        """Put the cursor on the character at `offset`, and bring it into view."""
        previous, self.cursor = self.cursor, offset
        self._redraw(self._cursor_span(previous), self._cursor_span(offset))

    def set_uncited(self, spans: Iterable[Span]) -> None:
        self._uncited = merged(spans)
        self._uncited_starts = [start for start, _ in self._uncited]
        self._strips.clear()
        self.refresh()

    def _cursor_span(self, offset: int | None) -> Span | None:
        if offset is None:
            return None
        size = len(self.layout_of_text.text)
        at = max(0, min(offset, size - 1))
        return (at, at + 1) if size else None

    def _redraw(self, previous: Span | None, span: Span | None) -> None:
        """Draw again the rows of what was marked and what now is, and scroll to the new
        unless all of it is on screen already."""
        layout = self.layout_of_text
        if not layout.width:
            return  # not laid out yet: the first draw shows it
        for old in (previous, span):
            if old is not None:
                first, last = self._rows_of(old)
                self.refresh_lines(first, last - first + 1)
        if span is not None and self._anchor is None:
            first, last = self._rows_of(span)
            top, height = int(self.scroll_y), self.scrollable_content_region.height
            if not (top <= first and last < top + height):
                self._scroll_to_span(span)

    def top_offset(self) -> int:
        """Where the first row on screen starts in the text."""
        layout = self.layout_of_text
        if not layout.width or not layout.row_count:
            return 0
        return layout.offset_at_row(min(int(self.scroll_y), layout.row_count - 1))

    def on_screen(self, offset: int) -> bool:
        layout = self.layout_of_text
        if not layout.width:
            return True
        row = layout.row_of_offset(offset)
        top = int(self.scroll_y)
        return top <= row < top + self.scrollable_content_region.height

    def _rows_of(self, span: Span) -> Span:
        start, end = span
        layout = self.layout_of_text
        return layout.row_of_offset(start), layout.row_of_offset(max(start, end - 1))

    def _scroll_to_span(self, span: Span) -> None:
        """Its line's first row at the top, or its own first row when the line above it would
        push it off the screen."""
        layout = self.layout_of_text
        first, last = self._rows_of(span)
        line_top = layout.row_of_line(layout.line_of(span[0]))
        height = max(1, self.scrollable_content_region.height)
        self.scroll_to(y=line_top if last - line_top < height else first, animate=False,
                       immediate=True)

    def _scroll_to_anchor(self) -> None:
        if self._anchor is None:
            return
        anchor, self._anchor = self._anchor, None
        layout = self.layout_of_text
        if self.current is not None and self.current[0] == anchor:
            self._scroll_to_span(self.current)
        else:
            self.scroll_to(y=layout.row_of_line(layout.line_of(anchor)), animate=False,
                           immediate=True)

    # ── drawing ────────────────────────────────────────────────────────────────────

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        layout = self.layout_of_text
        top = None
        if layout.width and self._anchor is None:  # a new width keeps the top line in view
            top = layout.span(layout.line_at_row(int(self.scroll_y))[0])[0]
        if layout.set_width(width) or self.virtual_size.height != layout.row_count:
            self._strips.clear()
            self.virtual_size = Size(width, layout.row_count)
            if top is not None:
                self._anchor = top
        # scrolling waits for the scrollbars the new size brings: before them it is refused
        self.call_after_refresh(self._scroll_to_anchor)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # the theme changed: the marks' colours with it

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self.layout_of_text
        row = int(self.scroll_y) + y
        if not layout.width or not 0 <= row < layout.row_count:
            return Strip.blank(width, self.rich_style)
        line, within = layout.line_at_row(row)
        if within >= layout.rows_of(line):
            return Strip.blank(width, self.rich_style)  # between two paragraphs
        start, end = layout.span(line)
        lit, selected, cursor = (_within(span, start, end) for span in (
            self.current, self.selection, self._cursor_span(self.cursor)))
        key = (line, within, width, lit, selected, cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(line, within, width, lit, selected, cursor)
            self._strips[key] = strip
        return strip

    def _render_row(self, line: int, within: int, width: int, lit: Span | None,
                    selected: Span | None = None, cursor: Span | None = None) -> Strip:
        layout = self.layout_of_text
        shown, row_start = layout.row_text(line, within)
        row_end = row_start + len(shown)
        text = Text(shown, no_wrap=True, end="")
        start, end = layout.span(line)

        def mark(a: int, b: int, style: Style) -> None:
            """Style text[a:b] (offsets into the whole text) where it falls on this row."""
            a = max(layout.to_shown(line, a), row_start)
            b = min(layout.to_shown(line, b), row_end)
            if a < b:
                text.stylize(style, a - row_start, b - row_start)

        # the palette's, made readable on every theme's background (the theme's own
        # $text-primary and $text-accent read at 3:1 on textual-light)
        palette = current_palette(self.app)
        cited = self.get_component_rich_style("source-view--cited") + Style(
            color=palette.link.color)
        # the cited spans are disjoint and in order: those before the line's end, back to the
        # first that ends before its start
        j = bisect.bisect_left(self._cited_starts, end) - 1
        while j >= 0 and self._cited[j][1] > start:
            mark(max(self._cited[j][0], start), min(self._cited[j][1], end), cited)
            j -= 1
        uncited = self.get_component_rich_style("source-view--uncited") + Style(
            color=palette.key.color)
        j = bisect.bisect_left(self._uncited_starts, end) - 1
        while j >= 0 and self._uncited[j][1] > start:
            mark(max(self._uncited[j][0], start), min(self._uncited[j][1], end), uncited)
            j -= 1
        if lit is not None:
            # not underlined like the rest of what is cited: lit is enough
            mark(*lit, self.get_component_rich_style("source-view--current")
                 + Style(underline=False))
        if selected is not None:
            mark(*selected, self.get_component_rich_style("source-view--selected"))
        if cursor is not None:
            mark(*cursor, self.get_component_rich_style("source-view--cursor"))
        base = self.rich_style
        segments = [Segment(s.text, base + s.style if s.style else base)
                    for s in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base)


def _within(span: Span | None, start: int, end: int) -> Span | None:
    """The part of `span` inside [start, end), if any."""
    if span is None:
        return None
    a, b = max(span[0], start), min(span[1], end)
    return (a, b) if a < b else None
