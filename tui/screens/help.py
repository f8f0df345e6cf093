"""Help: every key, by where it works."""

from __future__ import annotations

from itertools import groupby

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import help_rows


def help_table() -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=True)
    table.add_column(style="bold cyan", no_wrap=True, width=22)
    table.add_column()
    for scope, keys in groupby(help_rows(), key=lambda k: k.scope):
        table.add_row(Text(scope, style="bold underline"), "")
        for key in keys:
            table.add_row(Text(key.keys), Text(key.description))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,backspace,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Keys — every action is also in the command palette (ctrl+p)",
                              style="bold"), id="help-heading")
            yield Static(help_table(), id="help-keys")
            yield Static(Text("escape closes this help", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)
