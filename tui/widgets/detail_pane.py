"""Detail pane: the selected claim, entity or source; its links can be followed with enter."""

from __future__ import annotations

from typing import Self

from rich.text import Text
from textual.geometry import Region

from tui.domain.present.detail import DetailLine
from tui.widgets.item_list import ItemList
from tui.widgets.palette import Palette

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


class DetailPane(ItemList):
    BORDER_TITLE = "Detail"

    _new_content = False
    """True while new lines go in: see `refresh`."""

    def show_lines(self, lines: list[DetailLine]) -> None:
        # its links' messages say they come from the detail: highlighting one here does not
        # replace what the detail shows
        scrollbar = self.show_vertical_scrollbar
        self._new_content = True
        try:
            self.show_styled(lambda palette: ((render_line(line, palette), line.link)
                                              for line in lines), keep=False)
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
