"""Shown instead of the browser when the fact file has problems."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.domain.problems import Problem
from tui.domain.safe import clean


class ProblemsScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "quit", "Quit", id="problems.quit")]

    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems"):
            noun = "problem" if len(self.problems) == 1 else "problems"
            yield Static(Text(f"{len(self.problems)} {noun} in {clean(self.path)}; fix them "
                              "and start again (chery-tui check lists them too).",
                              style="bold red"))
            body = Text()
            for problem in self.problems:
                body.append(clean(str(problem)) + "\n")
            yield Static(body, id="problem-list")
        yield Footer()

    def action_quit(self) -> None:
        self.app.exit(1, return_code=1)
