"""The Textual application: `make_app(path)` builds it, `run_app(path)` runs it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from tui.domain.loader import LoadResult, load_facts


class CheryApp(App[int]):
    """Browser over one fact file."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "chery-tui"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, facts_path: Path) -> None:
        super().__init__()
        self.facts_path = facts_path
        self.result: LoadResult | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="summary")
        yield Footer()

    def on_mount(self) -> None:
        self.result = load_facts(self.facts_path)
        summary = self.query_one("#summary", Static)
        if self.result.facts is not None:
            self.sub_title = self.result.facts.title
        lines = Text()
        for problem in self.result.problems:
            lines.append(f"{problem}\n", style="red")
        if self.result.facts is not None:
            lines.append(self.result.facts.counts().summary())
        summary.update(lines)


def make_app(facts_path: Path) -> CheryApp:
    return CheryApp(facts_path)


def run_app(facts_path: Path) -> int:
    make_app(facts_path).run()
    return 0
