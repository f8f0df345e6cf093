"""Detail pane: the selected claim, entity or source; its links can be followed with enter."""

from __future__ import annotations

from rich.text import Text

from tui.domain.present.detail import DetailLine
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
        # its links' messages say they come from the detail: highlighting one here does not
        # replace what the detail shows
        self.show(((render_line(line), line.link) for line in lines), keep=False)
        self.scroll_home(animate=False)
