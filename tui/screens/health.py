"""Health: the fact file's report, like a linter's for notes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui.domain.factbase import FactBase
from tui.domain.history import Location
from tui.domain.safe import one_line
from tui.domain.xref import CrossIndex
from tui.messages import Open, Preview
from tui.widgets.item_list import ItemList


class HealthList(ItemList):
    BORDER_TITLE = "Health"


def _heading(text: str, count: int) -> tuple[Text, Location | None]:
    """A section title, with a blank line above it; not a link."""
    return Text.assemble("\n", (f"{text} ({count})", "bold underline")), None


class HealthScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,backspace", "close", "Back", id="health.close"),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, facts: FactBase, xref: CrossIndex) -> None:
        super().__init__()
        self.facts = facts
        self.xref = xref

    def compose(self) -> ComposeResult:
        yield Header()
        yield HealthList(id="health")
        yield Footer()

    def on_mount(self) -> None:
        facts, health = self.facts, self.xref.health()
        self.sub_title = "fact-file health"
        rows: list[tuple[Text, Location | None]] = []

        def claim_row(claim_id: str, lead: str = "  ") -> tuple[Text, Location | None]:
            text = Text.assemble(("▸ ", "cyan"), lead,
                                 (one_line(facts.claims[claim_id].text), "underline"))
            return text, Location("claim", claim_id, pane="health")

        rows.append(_heading("Unresolved contradictions", len(health.unresolved)))
        for relation in health.unresolved:
            rows.append(claim_row(relation.source_claim, "contradicts: "))
            rows.append(claim_row(relation.target_claim, "      this: "))
            if relation.note:
                rows.append((Text(f"    {one_line(relation.note)}", style="dim"), None))
        rows.append(_heading("Entities no claim is about", len(health.unclaimed_entities)))
        for entity_id in health.unclaimed_entities:
            rows.append((Text.assemble(("▸ ", "cyan"),
                                       (one_line(facts.entities[entity_id].name), "underline")),
                         Location("entity", entity_id, pane="health")))
        rows.append(_heading("Sources never cited", len(health.uncited_sources)))
        for source_id in health.uncited_sources:
            rows.append((Text.assemble(("▸ ", "cyan"),
                                       (one_line(facts.sources[source_id].title), "underline")),
                         Location("source", source_id, pane="health")))
        rows.append(_heading("Source lines never cited", len(health.uncited_passages)))
        for source_id, line, text in health.uncited_passages:
            offset = _line_offset(facts.texts[source_id], line)
            rows.append((Text.assemble(("▸ ", "cyan"),
                                       (f"{one_line(facts.sources[source_id].short)}:{line} ",
                                        "dim"), one_line(text)),
                         Location("source", source_id, pane="health", passage=offset)))
        rows.append(_heading("Claims backed by a single source", len(health.single_source)))
        rows.extend(claim_row(c) for c in health.single_source)
        self.query_one(HealthList).show(rows)
        self.query_one(HealthList).focus()

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        message.stop()

    @on(Open)
    def _open(self, message: Open) -> None:
        message.stop()
        self.app.navigate(message.location)  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.dismiss()


def _line_offset(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset
