"""E: export the basket, the current view, the table shown or the whole file, in a format
other tools read, to a file the user names (`tui.domain.export` does the work); in the series
view, its chart as SVG first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.domain.crossref.series import Series
from tui.domain.export import FORMATS, SUFFIXES, Format
from tui.domain.present.citations import Style
from tui.domain.present.safe_text import clean

ExportFormat = Format | Literal["svg"]
"""A series' chart is drawn as SVG (`domain.export.series_svg`), not extracted as claims."""

_SHORT: dict[ExportFormat, str] = {
    "markdown": "a report, citations as footnotes",
    "csv": "a file per table (a folder or .zip)",
    "csl-json": "the sources, for Zotero and Pandoc",
    "bibtex": "the sources, for LaTeX",
    "web-annotation": "W3C annotations (JSON-LD)",
    "sqlite": "a database, for Datasette",
    "svg": "the chart, for a document",
}
"""One line each at 80 columns (`FORMAT_NAMES`, for `--help`, says more)."""


@dataclass(frozen=True, slots=True)
class ExportChoice:
    """One thing that can be exported."""

    label: str
    slug: str
    """For the file name: `basket`, `view`, a table's id, or empty for the whole file."""
    claim_ids: tuple[str, ...] | None = None
    table_ids: tuple[str, ...] | None = None
    series: Series | None = None
    """The series whose chart is written (as SVG, its only format)."""

    @property
    def formats(self) -> tuple[ExportFormat, ...]:
        return ("svg",) if self.series is not None else FORMATS


@dataclass(frozen=True, slots=True)
class ExportRequest:
    choice: ExportChoice
    fmt: ExportFormat
    path: Path
    style: Style = "markdown"
    """How the Markdown report cites: the citation style of `c` when it is APA or Chicago,
    else footnotes."""


def default_name(stem: str, choice: ExportChoice, fmt: ExportFormat) -> str:
    suffix = ".svg" if fmt == "svg" else SUFFIXES[fmt]
    return f"{stem}{'-' + choice.slug if choice.slug else ''}{suffix}"


class ExportScreen(ModalScreen[ExportRequest | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.go"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, choices: list[ExportChoice], folder: Path, stem: str,
                 chosen: int = 0, style: Style = "markdown") -> None:
        super().__init__()
        self.style: Style = style if style in ("apa", "chicago") else "markdown"
        self.choices = choices
        self.folder = folder
        self.stem = stem
        self.choice = choices[chosen]
        self.fmt: ExportFormat = self.choice.formats[0]
        self._named = ""
        """The path as this screen last proposed it: once the user edits it, it is theirs."""
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(Text("Export", style="bold"))
            yield Static(Text("What", style="dim"))
            yield OptionList(*(Option(Text(clean(c.label)), id=str(n))
                               for n, c in enumerate(self.choices)), id="export-what")
            yield Static(Text("Format", style="dim"))
            yield OptionList(*self._format_options(), id="export-format")
            yield Static(Text("Save to", style="dim"))
            yield Input(id="export-path", compact=True, select_on_focus=False)
            yield Static("", id="export-status")
            yield Static(Text("tab next · enter export · escape cancel", style="dim"))

    def _format_options(self) -> list[Option]:
        """The formats of what is chosen: a series' chart is SVG, the rest are claims."""
        described = dict(_SHORT)
        if self.style != "markdown":  # C chose APA or Chicago: the report cites so
            name = "APA" if self.style == "apa" else "Chicago"
            described["markdown"] = f"a report, {name} citations and references"
        return [Option(Text.assemble((f"{f:<15}", "bold"), described[f]), id=f)
                for f in self.choice.formats]

    def on_mount(self) -> None:
        what = self.query_one("#export-what", OptionList)
        what.highlighted = self.choices.index(self.choice)
        self.query_one("#export-format", OptionList).highlighted = 0
        self._propose()
        what.focus()

    def _propose(self) -> None:
        """The default path for what and how, unless the user has typed one."""
        field = self.query_one("#export-path", Input)
        if field.value and field.value != self._named:
            return
        self._named = str(self.folder / default_name(self.stem, self.choice, self.fmt))
        field.value = self._named
        field.cursor_position = len(field.value)

    @on(OptionList.OptionHighlighted, "#export-what")
    def _what(self, event: OptionList.OptionHighlighted) -> None:
        previous, self.choice = self.choice, self.choices[int(event.option_id or 0)]
        if self.choice.formats != previous.formats:  # to or from a series' chart
            formats = self.query_one("#export-format", OptionList)
            formats.clear_options().add_options(self._format_options())
            self.fmt = self.choice.formats[0]
            formats.highlighted = 0
        self._say("")
        self._propose()

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format(self, event: OptionList.OptionHighlighted) -> None:
        self.fmt = next((f for f in self.choice.formats if f == event.option_id), self.fmt)
        self._say("")
        self._propose()

    @on(OptionList.OptionSelected)
    def _next_field(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_next()

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def _say(self, message: str, style: str = "") -> None:
        self.query_one("#export-status", Static).update(Text(clean(message), style=style))

    def action_export(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._say("Name a file to write", "bold")
            return
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        to_folder = self.fmt == "csv" and path.suffix.lower() != ".zip"
        if path.is_dir() and not to_folder:
            self._say(f"{path} is a folder: name a file in it", "bold")
            return
        if path.exists() and not to_folder and self._confirmed != path:
            self._confirmed = path
            self._say(f"{path} exists: enter again replaces it (atomically)", "bold")
            return
        self.dismiss(ExportRequest(self.choice, self.fmt, path, self.style))

    def action_move(self, step: int) -> None:
        """j and k in a list (in the path field they are typed)."""
        focused = self.focused
        if isinstance(focused, OptionList):
            focused.action_cursor_down() if step > 0 else focused.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
