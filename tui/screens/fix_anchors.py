"""Fix anchors (`f` on the problems screen): the repairs `chery-tui check --fix-anchors`
would make, each broken citation with its old and new passage (or why it is not repaired,
and the closest passages); `y` or enter writes the unambiguous, close ones, escape writes
nothing (issue 14). What is repaired and how: `tui.domain.capture.repair`."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.domain.capture.repair import Piece, Repair, Repairs, changes, context_changes
from tui.domain.present.safe_text import clean, one_line
from tui.widgets.palette import Palette, current_palette, follow_theme

_MOST = 200
"""Broken citations listed (the command line lists them all)."""
_LONGEST = 160
"""Characters of a passage not repaired, or of a closest one, shown."""


def repairs_text(found: Repairs, palette: Palette) -> Text:
    """Every broken citation: where it is, what becomes of it, old and new. Built from plain
    strings: nothing in the data is read as markup."""
    removed = palette.problem + Style(strike=True)
    added = palette.consistent + Style(bold=True, underline=True)
    text = Text()
    for repair in found.repairs[:_MOST]:
        text.append(f"line {repair.line}: {clean(repair.subject)}: {repair.what}\n",
                    style="bold")
        if repair.new is None:
            text.append(f"  not repaired: {clean(repair.reason, multiline=False)}\n",
                        style=palette.warning)
            text.append(f"  old: {_clipped(repair.old.exact)}\n")
            for near in repair.nearby:
                text.append(f"  {near.score:5.1f}  line {near.line}: {_clipped(near.exact)}\n",
                            style="dim")
        else:
            old, new = changes(repair.old.exact, repair.new.exact)
            text.append(f"  can be repaired (score {repair.score:g}): y writes it\n",
                        style=palette.consistent)
            text.append_text(_line("  old: ", old, removed))
            text.append_text(_line("  new: ", new, added))
            also = context_changes(repair.old, repair.new)
            if also:
                text.append(f"  and: {clean('; '.join(also), multiline=False)}\n", style="dim")
        text.append("\n")
    if len(found.repairs) > _MOST:
        text.append(f"… and {len(found.repairs) - _MOST:,} more (chery-tui check "
                    "--fix-anchors --dry-run lists them all)\n", style="dim")
    return text


def _line(label: str, pieces: list[Piece], changed: Style) -> Text:
    line = Text(label)
    for piece in pieces:
        line.append(piece.text, style=changed if piece.changed else "")
    line.append("\n")
    return line


def _clipped(passage: str) -> str:
    shown = one_line(passage)
    return shown if len(shown) <= _LONGEST else shown[:_LONGEST - 1] + "…"


def summary(found: Repairs) -> str:
    fixable, left = len(found.repairable), len(found.left)
    noun = "citation" if len(found.repairs) == 1 else "citations"
    head = f"{len(found.repairs)} broken {noun}: "
    if not fixable:
        return head + "none can be repaired here; fix them in the file (escape closes)"
    rest = f"; {left} cannot be and stay as they are" if left else ""
    return head + f"{fixable} can be repaired{rest}. y or enter writes the repairs, escape " \
        "cancels"


class FixAnchorsScreen(ModalScreen[bool]):
    """Dismissed with True when the user confirms the repairs, False when not."""

    BINDINGS = [
        Binding("y,enter", "confirm", "Repair", id="fix_anchors.confirm",
                tooltip="Write the repairs shown (the unambiguous, close ones)"),
        Binding("escape,n", "cancel", "Cancel", id="fix_anchors.cancel",
                tooltip="Close without writing anything"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def __init__(self, found: Repairs) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        with Vertical(id="fix-anchors"):
            yield Static(Text(summary(self.found), style="bold"), id="fix-anchors-head")
            with VerticalScroll(id="fix-anchors-list"):
                yield Static(id="fix-anchors-body")

    def on_mount(self) -> None:
        self.query_one("#fix-anchors").border_title = "Fix anchors"
        self._show()
        follow_theme(self, FixAnchorsScreen._show)
        self.query_one("#fix-anchors-list").focus()

    def _show(self) -> None:
        self.query_one("#fix-anchors-body", Static).update(
            repairs_text(self.found, current_palette(self.app)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm" and not self.found.repairable:
            return None  # shown, greyed: nothing to write
        return True

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_scroll(self, step: int) -> None:
        scroll = self.query_one("#fix-anchors-list", VerticalScroll)
        scroll.scroll_relative(y=step, animate=False)


def repaired_message(repairs: list[Repair]) -> str:
    count = len(repairs)
    return f"Repaired {count} citation{'s' if count != 1 else ''}"
