"""Help: every key, by where it works."""

from __future__ import annotations

import textwrap
from functools import lru_cache
from itertools import groupby

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from tui.keys import help_rows
from tui.widgets.hint_bar import HintBar
from tui.widgets.palette import Palette, current_palette, follow_theme

KEY_COLUMN = 22


@lru_cache(maxsize=8)
def help_text(width: int, palette: Palette) -> Text:
    """The keys in two columns, the descriptions wrapped to `width` under their own column.

    Plain text laid out once per width: a Rich Table measured and drew its cells again on
    every paint, most of what opening help took (profiled)."""
    room = max(10, width - KEY_COLUMN - 2)
    text = Text()
    for scope, keys in groupby(help_rows(), key=lambda k: k.scope):
        text.append(f"{scope}\n", style="bold underline")
        for key in keys:
            lines = textwrap.wrap(key.description, room) or [""]
            text.append(f"{key.keys:<{KEY_COLUMN}}"[:KEY_COLUMN], style=palette.key)
            text.append(f"  {lines[0]}\n")
            for line in lines[1:]:
                text.append(f"{'':<{KEY_COLUMN}}  {line}\n")
        text.append("\n")
    return text


class HelpScreen(Screen[None]):
    """A screen of its own, not a dialog over the browser: a dialog drew the whole browser
    again, dimmed, beneath it on every paint."""

    BINDINGS = [
        Binding("escape,backspace,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Keys — every action is also in the command palette (ctrl+p)",
                              style="bold"), id="help-heading")
            yield Static(id="help-keys")
            yield Static(Text("escape closes this help", style="dim"))
        yield HintBar()

    _width = 0
    """The keys' text's width (the latest resize's)."""

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
        follow_theme(self, HelpScreen._show_keys)

    def _show_keys(self) -> None:
        self.query_one("#help-keys", Static).update(
            help_text(self._width, current_palette(self.app)))

    def on_screen_resume(self) -> None:
        self.query_one("#help", VerticalScroll).scroll_home(animate=False)  # kept, reopened

    def on_resize(self, event: Resize) -> None:
        # the text's width: the panel's (90% of the screen, at most 100), less its border,
        # padding and scroll bar (without the bar's two columns, a line that filled the
        # width was wrapped again by the panel, and ran on under the keys' column)
        self._width = min(100, event.size.width * 9 // 10) - 4 - 2
        self._show_keys()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)
