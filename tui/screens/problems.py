"""Shown instead of the browser when the fact file has problems; `f` repairs the citations
a changed source text broke (`tui.screens.fix_anchors`)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.domain.loading.problems import Problem
from tui.domain.present.safe_text import clean
from tui.widgets.hint_bar import HintBar
from tui.widgets.palette import current_palette, follow_theme

if TYPE_CHECKING:
    from tui.domain.capture.repair import Repairs


class ProblemsScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "quit", "Quit", id="problems.quit"),
                Binding("ctrl+r", "app.reload", "Reload", id="problems.reload"),
                Binding("f", "fix_anchors", "Fix anchors", id="problems.fix_anchors",
                        tooltip="Repair the citations a changed source text broke: shows "
                        "each, y writes the unambiguous, close ones")]

    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
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

    # ── f: fix anchors ──────────────────────────────────────────────────────────────

    def action_fix_anchors(self) -> None:
        """Find the repairs in a thread (it loads the file, and matches passages), then show
        them; nothing is written before the user confirms."""
        if any(w.group == "fix-anchors" and not w.is_finished for w in self.workers):
            return
        self.notify("Looking for the nearest passages of the broken citations…", timeout=2)
        self.run_worker(self._find_repairs, thread=True, group="fix-anchors")

    def _find_repairs(self) -> None:
        from tui.domain.capture.repair import find_repairs

        found = find_repairs(Path(self.path))
        self._to_ui(self._offer, found)

    def _offer(self, found: Repairs) -> None:
        from tui.screens.fix_anchors import FixAnchorsScreen

        if not self.is_attached:  # the file loaded meanwhile: this screen has gone
            return
        if found.unusable:
            self.notify("The file cannot be read as a fact file: no citation can be repaired "
                        "until it can", severity="warning", timeout=5)
        elif not found.repairs:
            self.notify("No broken citation: these problems are of another kind",
                        timeout=4)
        else:
            self.app.push_screen(FixAnchorsScreen(found),
                                 lambda confirmed: self._confirmed(found, confirmed))

    def _confirmed(self, found: Repairs, confirmed: bool | None) -> None:
        if confirmed and found.repairable:
            self.run_worker(lambda: self._write(found), thread=True, group="fix-anchors")

    def _write(self, found: Repairs) -> None:
        from tui.domain.capture.repair import apply_repairs
        from tui.storage.fact_edit import EditRefused

        try:
            apply_repairs(found)
        except EditRefused as refused:
            message = "\n".join([str(refused), *refused.problems[:5]])
            self._to_ui(self._tell, message)
            return
        except OSError as error:
            self._to_ui(self._tell, f"Cannot write {self.path}: {error.strerror or error}")
            return
        self._to_ui(self._written, found)

    def _to_ui(self, callback: Callable[..., object], *args: object) -> None:
        """`callback(*args)` on the UI thread, unless the app has closed meanwhile."""
        with contextlib.suppress(RuntimeError):  # the app is no longer running
            self.app.call_from_thread(callback, *args)

    def _tell(self, message: str) -> None:
        self.app.notify(clean(message), severity="error", timeout=8, markup=False)

    def _written(self, found: Repairs) -> None:
        from tui.screens.fix_anchors import repaired_message

        self.app.notify(repaired_message(found.repairable), timeout=4, markup=False)
        # the file watcher would notice too; the reload is not left to it
        self.app.call_later(self.app.run_action, "reload('citations repaired')")


def problem_lines(problems: list[Problem], most: int = 500) -> Text:
    """One line a problem, `FILE:LINE: message`, literally."""
    body = Text()
    for problem in problems[:most]:
        body.append(clean(str(problem), multiline=False) + "\n")
    if len(problems) > most:
        body.append(f"… and {len(problems) - most:,} more (chery-tui check lists them all)\n",
                    style="dim")
    return body
