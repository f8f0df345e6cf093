"""Detail pane: the selected claim, entity or source; its links can be followed with enter."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from tui.domain.present.detail import DetailLine
from tui.navigation.history import Location
from tui.widgets.item_list import ItemList

_STYLES = {
    "kind": "dim", "title": "bold", "body": "", "muted": "dim", "heading": "bold underline",
    "link": "", "passage": "italic", "warning": "yellow",
}


def render_line(line: DetailLine) -> Text:
    text = Text(line.text, style=_STYLES[line.style])
    if line.style == "link":
        text = Text.assemble(("▸ ", "cyan"), (line.text, "underline"))
    if line.style == "heading":
        text = Text.assemble(("\n", ""), (line.text, _STYLES["heading"]))
    for start, end in line.marks:
        text.stylize("bold reverse", start, end)
    return text


class DetailPane(ItemList):
    BORDER_TITLE = "Detail"

    def show_lines(self, lines: list[DetailLine]) -> None:
        def here(link: Location | None) -> Location | None:
            # tagged with this pane, so highlighting a link here does not replace the detail
            return replace(link, pane="detail") if link is not None else None

        self.show(((render_line(line), here(line.link)) for line in lines), keep=False)
        self.scroll_home(animate=False)
