"""The first screen: a progress bar while the fact file loads in a worker thread."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from tui.domain.present.safe_text import clean
from tui.widgets.screen_header import ScreenHeader

PHASES = {
    # phase: (what the user reads, where it starts on the bar, how much of the bar it takes)
    "read": ("Reading", 0, 5),
    "parse": ("Parsing", 5, 40),
    "validate": ("Checking", 45, 25),
    "resolve": ("Finding every cited passage", 70, 15),
    "snapshot": ("Reopening the file, unchanged since it was last loaded", 0, 85),
    "index": ("Building the browser", 85, 15),
}


class LoadingScreen(Screen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit", id="loading.quit")]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Middle(), Center():
            yield Static(Text(f"Loading {clean(self.path, multiline=False)}", style="bold"),
                         id="loading-file")
            yield ProgressBar(total=100, show_eta=False, id="loading-bar")
            yield Static(id="loading-phase")
        yield Footer()

    def update_progress(self, phase: str, done: int, total: int) -> None:
        label, start, width = PHASES.get(phase, (phase, 0, 0))
        fraction = done / total if total else 0.0
        self.query_one(ProgressBar).update(progress=start + fraction * width)
        self.query_one("#loading-phase", Static).update(Text(f"{label}…", style="dim"))
