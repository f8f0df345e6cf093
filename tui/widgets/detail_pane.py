"""Detail pane: the selected claim, entity or source; its links can be followed with enter."""

from __future__ import annotations

from typing import Self

from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual.widgets.option_list import Option

from tui.domain.facts.location import Location
from tui.domain.present.detail import DetailLine
from tui.widgets.item_list import ItemList, Rows, options_of
from tui.widgets.palette import Palette, current_palette

_STYLES = {
    "kind": "dim", "title": "bold", "body": "", "muted": "dim", "heading": "bold underline",
    "link": "", "passage": "italic",
}


def render_line(line: DetailLine, palette: Palette) -> Text:
    if line.style == "warning":
        text = Text(line.text, style=palette.warning)
    elif line.style == "link":
        text = Text.assemble(("▸ ", palette.link), (line.text, "underline"))
    elif line.style == "heading":
        text = Text.assemble(("\n", ""), (line.text, _STYLES["heading"]))
    else:
        text = Text(line.text, style=_STYLES[line.style])
    for start, end in line.marks:
        text.stylize("bold reverse", start, end)
    return text


_KEEP_SHOWN = 12
"""Items whose Detail options are kept to be shown again."""


class DetailPane(ItemList):
    BORDER_TITLE = "Detail"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown_before: dict[tuple[DetailLine, ...],
                                 tuple[list[Option], list[Location | None]]] = {}

    def forget_shown(self) -> None:
        self._shown_before.clear()

    _new_content = False
    """True while new lines go in: see `refresh`."""

    def show_lines(self, lines: list[DetailLine]) -> None:
        # its links' messages say they come from the detail: highlighting one here does not
        # replace what the detail shows
        scrollbar = self.show_vertical_scrollbar
        self._new_content = True

        def rows(palette: Palette) -> Rows:
            return ((render_line(line, palette), line.link) for line in lines)

        try:
            # switching panes shows a few items again and again: their options, measured
            # once (Textual caches an option's height in its content), are shown again (the
            # Chery group's 118 lines took a third of what `2` took, profiled)
            key = tuple(lines)
            made = self._shown_before.pop(key, None) or options_of(
                (Content.from_rich_text(text), link)
                for text, link in rows(current_palette(self.app)))
            self._shown_before[key] = made
            while len(self._shown_before) > _KEEP_SHOWN:
                del self._shown_before[next(iter(self._shown_before))]
            self.show_options(*made, keep=False)
            self._make_rows = rows
        finally:
            self._new_content = False
        if self.show_vertical_scrollbar != scrollbar:
            self.refresh(layout=True)  # the scrollbar comes or goes: it needs its place
        self.scroll_home(animate=False)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        """New lines change the list's virtual size, and Textual lays the whole screen out
        again for that: a quarter of the time `j` took (profiled). The Detail's own size is
        the layout's, not its content's, so while new lines go in it repaints itself (its
        scrollbar follows in `_scroll_update`) and the screen is laid out only when the
        scrollbar comes or goes."""
        if self._new_content and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
