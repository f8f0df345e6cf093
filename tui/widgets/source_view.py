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
    """
    COMPONENT_CLASSES = {"source-view--cited", "source-view--current"}

    def __init__(self, text: str, cited: Iterable[Span], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.layout_of_text = SourceLayout(text)
        self._cited = merged(cited)
        self._cited_starts = [start for start, _ in self._cited]
        self.current: Span | None = None
        self._anchor: int | None = None
        """An offset to bring to the top once the width, and so the rows, are known."""
        self._strips: LRUCache[tuple[int, int, int, Span | None], Strip] = LRUCache(2048)

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
        lit = None
        if self.current is not None:
            a, b = max(self.current[0], start), min(self.current[1], end)
            lit = (a, b) if a < b else None
        key = (line, within, width, lit)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(line, within, width, lit)
            self._strips[key] = strip
        return strip

    def _render_row(self, line: int, within: int, width: int, lit: Span | None) -> Strip:
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

        cited = self.get_component_rich_style("source-view--cited")
        # the cited spans are disjoint and in order: those before the line's end, back to the
        # first that ends before its start
        j = bisect.bisect_left(self._cited_starts, end) - 1
        while j >= 0 and self._cited[j][1] > start:
            mark(max(self._cited[j][0], start), min(self._cited[j][1], end), cited)
            j -= 1
        if lit is not None:
            # not underlined like the rest of what is cited: lit is enough
            mark(*lit, self.get_component_rich_style("source-view--current")
                 + Style(underline=False))
        base = self.rich_style
        segments = [Segment(s.text, base + s.style if s.style else base)
                    for s in text.render(self.app.console)]
        return Strip(segments).adjust_cell_length(width, base)
