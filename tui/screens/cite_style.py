"""Choose the citation style that `c` copies."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.domain.present.citations import STYLE_NAMES, STYLES, Style


class CiteStyleScreen(ModalScreen[Style | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="style.cancel"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, current: Style, previews: dict[Style, str]) -> None:
        super().__init__()
        self.current = current
        self.previews = previews

    def compose(self) -> ComposeResult:
        with Vertical(id="cite-style"):
            yield Static(Text("Citation style for c", style="bold"))
            options = []
            for style in STYLES:
                text = Text(("● " if style == self.current else "  ") + STYLE_NAMES[style],
                            style="bold")
                preview = self.previews.get(style)
                if preview:
                    text.append("\n" + preview, style="dim")
                options.append(Option(text, id=style))
            yield OptionList(*options, id="cite-style-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = STYLES.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option_id
        self.dismiss(next(s for s in STYLES if s == chosen))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
