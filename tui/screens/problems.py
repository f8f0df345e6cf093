"""Shown instead of the browser when the fact file has problems; `f` repairs the citations
a changed source text broke (the App's `fix_anchors`, `tui.app.repairing`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.domain.loading.problems import Problem
from tui.domain.present.safe_text import clean
from tui.widgets.hint_bar import HintBar
from tui.widgets.palette import current_palette, follow_theme
from tui.widgets.screen_header import ScreenHeader

if TYPE_CHECKING:
    pass


class ProblemsScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "quit", "Quit", id="problems.quit"),
                Binding("ctrl+r", "app.reload", "Reload", id="problems.reload"),
                Binding("f", "app.fix_anchors", "Fix anchors", id="problems.fix_anchors",
                        tooltip="Repair the citations a changed source text broke: shows "
                        "each, y writes the unambiguous, close ones")]

    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="problems"):
            yield Static(id="problem-head")
            yield Static(id="problem-list")
        yield HintBar()

    def on_mount(self) -> None:
        self.update_problems(self.problems)
        follow_theme(self, ProblemsScreen._recolour)

    def _recolour(self) -> None:
        self.update_problems(self.problems)

    def update_problems(self, problems: list[Problem]) -> None:
        """The problems of the latest attempt (the file reloads by itself when saved)."""
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        self.query_one("#problem-head", Static).update(Text(
            f"{len(problems)} {noun} in {clean(self.path)}. Fix and save: the file loads again "
            "by itself (ctrl+r now; chery-tui check lists them too).",
            style=current_palette(self.app).problem))
        self.query_one("#problem-list", Static).update(problem_lines(problems))

    def action_quit(self) -> None:
        self.app.exit(1, return_code=1)

def problem_lines(problems: list[Problem], most: int = 500) -> Text:
    """One line a problem, `FILE:LINE: message`, literally."""
    body = Text()
    for problem in problems[:most]:
        body.append(clean(str(problem), multiline=False) + "\n")
    if len(problems) > most:
        body.append(f"… and {len(problems) - most:,} more (chery-tui check lists them all)\n",
                    style="dim")
    return body
