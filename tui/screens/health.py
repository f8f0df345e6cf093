"""Health: the fact file's report, like a linter's for notes."""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tui.domain.crossref.cross_index import CrossIndex, Health
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.facts.model import Relation
from tui.domain.present.safe_text import one_line
from tui.messages import Preview
from tui.widgets.hint_bar import HintBar
from tui.widgets.palette import Palette
from tui.widgets.screen_header import ScreenHeader
from tui.widgets.virtual_list import VirtualList


class HealthList(VirtualList):
    BORDER_TITLE = "Health"
    BINDINGS = [Binding("enter", "open", "Open", tooltip="Open the claim, entity or source")]


@dataclass(frozen=True, slots=True)
class _Block:
    """Rows of the report made only when drawn: a file can have 10,000s of uncited lines."""

    count: int
    text: Callable[[int, Palette], Text]
    location: Callable[[int], Location | None]


def _heading(title: str, count: int) -> list[_Block]:
    """A blank row, then the section's title; neither is a link."""
    heading = Text(f"{title} ({count})", style="bold underline")
    return [_Block(1, lambda _, __: Text(""), lambda _: None),
            _Block(1, lambda _, __: heading, lambda _: None)]


class HealthRows:
    """The report's rows, by index, over its blocks."""

    def __init__(self, blocks: Sequence[_Block]) -> None:
        self._blocks = [b for b in blocks if b.count]
        self._starts = list(itertools.accumulate((b.count for b in self._blocks), initial=0))

    def __len__(self) -> int:
        return self._starts[-1]

    def _find(self, index: int) -> tuple[_Block, int]:
        block = bisect.bisect_right(self._starts, index) - 1
        return self._blocks[block], index - self._starts[block]

    def text(self, index: int, palette: Palette) -> Text:
        block, within = self._find(index)
        return block.text(within, palette)

    def location(self, index: int) -> Location | None:
        block, within = self._find(index)
        return block.location(within)


def _claim_text(facts: FactBase, claim_id: str, palette: Palette, lead: str = "  ") -> Text:
    return Text.assemble(("▸ ", palette.link), lead,
                         (one_line(facts.claims[claim_id].text), "underline"))


def _link(label: str, palette: Palette) -> Text:
    return Text.assemble(("▸ ", palette.link), (one_line(label), "underline"))


def _contradictions(facts: FactBase, unresolved: tuple[Relation, ...]) -> _Block:
    """A contradiction's rows: its two claims, and its note when it has one."""
    rows = [(r, part) for r in unresolved
            for part in ("from", "to", *(("note",) if r.note else ()))]

    def text(index: int, palette: Palette) -> Text:
        relation, part = rows[index]
        if part == "note":
            return Text(f"    {one_line(relation.note or '')}", style="dim")
        if part == "from":
            return _claim_text(facts, relation.source_claim, palette, "contradicts: ")
        return _claim_text(facts, relation.target_claim, palette, "      this: ")

    def location(index: int) -> Location | None:
        relation, part = rows[index]
        return None if part == "note" else Location(
            "claim", relation.source_claim if part == "from" else relation.target_claim)

    return _Block(len(rows), text, location)


def _uncited_lines(facts: FactBase, lines: tuple[tuple[str, int, str], ...]) -> _Block:
    line_starts: dict[str, array[int]] = {}

    def text(index: int, palette: Palette) -> Text:
        source_id, number, line = lines[index]
        return Text.assemble(("▸ ", palette.link),
                             (f"{one_line(facts.sources[source_id].short)}:{number} ", "dim"),
                             one_line(line))

    def location(index: int) -> Location:
        source_id, number, _ = lines[index]
        starts = line_starts.get(source_id)
        if starts is None:  # once per source, not a walk from its start for every line
            starts = line_starts[source_id] = _line_starts(facts.texts[source_id])
        return Location("source", source_id, passage=starts[number - 1])

    return _Block(len(lines), text, location)


def health_rows(facts: FactBase, health: Health) -> HealthRows:
    entities, sources, single = (health.unclaimed_entities, health.uncited_sources,
                                 health.single_source)
    lines = health.uncited_passages
    return HealthRows([
        *_heading("Contradictions the file states, not settled", len(health.unresolved)),
        _Block(1, lambda _, __: Text("  (Conflicts, !, has every contradiction and tension "
                                     "the checks find)", style="dim"), lambda _: None),
        _contradictions(facts, health.unresolved),
        *_heading("Entities no claim is about", len(entities)),
        _Block(len(entities), lambda i, p: _link(facts.entities[entities[i]].name, p),
               lambda i: Location("entity", entities[i])),
        *_heading("Sources never cited", len(sources)),
        _Block(len(sources), lambda i, p: _link(facts.sources[sources[i]].title, p),
               lambda i: Location("source", sources[i])),
        *_heading("Source lines never cited", len(lines)),
        _uncited_lines(facts, lines),
        *_heading("Claims backed by a single source", len(single)),
        _Block(len(single), lambda i, p: _claim_text(facts, single[i], p),
               lambda i: Location("claim", single[i])),
    ])


def _line_starts(text: str) -> array[int]:
    return array("q", itertools.accumulate(text.split("\n"),
                                           lambda at, line: at + len(line) + 1, initial=0))


class HealthScreen(Screen[None]):
    BINDINGS = [
        # the App's, shown here: they answer on this screen as in the browser
        Binding("c", "app.copy_citation", "Cite", tooltip="Copy the citation"),
        Binding("space", "app.toggle_basket", "Mark", tooltip="Mark the claim"),
        Binding("question_mark", "app.help", "Help"),
        Binding("escape,backspace", "close", "Back", id="health.close"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, facts: FactBase, xref: CrossIndex) -> None:
        super().__init__()
        self.facts = facts
        self.xref = xref

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield HealthList(id="health")
        yield HintBar()

    def on_mount(self) -> None:
        self.sub_title = "fact-file health"
        rows = health_rows(self.facts, self.xref.health())
        listing = self.query_one(HealthList)
        # each row made when drawn, in the colours of the theme then
        listing.show_lazy(len(rows), rows.location, lambda i: rows.text(i, listing.palette))
        listing.focus()

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        message.stop()

    def action_close(self) -> None:
        self.dismiss()
