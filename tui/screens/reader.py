"""Source reader: the full text, the cited passage highlighted, every other citation marked."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import one_line
from tui.messages import Open
from tui.widgets.hint_bar import HintBar
from tui.widgets.source_view import SourceView


@dataclass(frozen=True, slots=True)
class CitedPassage:
    """One citation of one claim in the source. Several can start (or even end) at the same
    offset, so the passage is known by its claim and citation, never by where it starts."""

    start: int
    end: int
    claim_id: str
    citation: int
    """Its index among the claim's citations."""


def cited_passages(facts: FactBase, source_id: str) -> list[CitedPassage]:
    found = [CitedPassage(*c.span, claim.id, n) for claim in facts.claims.values()
             for n, c in enumerate(claim.citations)
             if c.source == source_id and c.resolved]
    return sorted(found, key=lambda p: (p.start, p.end, p.claim_id, p.citation))


class SourceReader(Screen[None]):
    @dataclass
    class Moved(Message):
        """The reader stepped to another passage (shown already): where the user now is,
        not a step of history."""

        location: Location

    BINDINGS = [
        Binding("n,right_square_bracket", "step(1)", "Next passage", id="reader.next"),
        Binding("p,left_square_bracket", "step(-1)", "Previous passage", id="reader.previous"),
        Binding("enter", "open_claim", "Open claim", id="reader.open"),
        # the app copies what is selected, and here that is this passage of this claim
        Binding("c", "app.copy_citation", "Copy citation", id="reader.copy"),
        Binding("escape,backspace", "app.history_back", "Back", id="reader.back"),
        Binding("alt+left", "app.history_back", "Back", show=False),
        Binding("alt+right", "app.history_forward", "Forward", show=False),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, facts: FactBase, source_id: str, start: int | None = None,
                 claim: str | None = None, citation: int | None = None) -> None:
        super().__init__()
        self.facts = facts
        self.source_id = source_id
        self.text = facts.texts[source_id]
        self.passages = cited_passages(facts, source_id)
        self.current = self._index_at(start, claim, citation)
        self._open_at = start
        """Where to open: a cited passage, or any offset (a line the Health view lists)."""

    def _index_at(self, start: int | None, claim: str | None, citation: int | None) -> int:
        """The passage of `claim`'s citation when named; else the first from `start` on."""
        if not self.passages:
            return -1
        for n, passage in enumerate(self.passages):
            if passage.claim_id == claim and passage.citation == citation:
                return n
        if start is None:
            return 0
        for n, passage in enumerate(self.passages):
            if passage.start >= start:
                return n
        return len(self.passages) - 1

    @property
    def location(self) -> Location:
        if self.current < 0:
            return Location("source", self.source_id)
        passage = self.passages[self.current]
        return Location("source", self.source_id, passage=passage.start,
                        claim=passage.claim_id, citation=passage.citation)

    def compose(self) -> ComposeResult:
        source = self.facts.sources[self.source_id]
        yield Header()
        yield Static(id="reader-title")
        yield SourceView(self.text, ((p.start, p.end) for p in self.passages), id="reader-text")
        yield HintBar()
        self.sub_title = one_line(source.title)

    def on_mount(self) -> None:
        self._show_title()
        view = self.query_one(SourceView)
        current = self.passages[self.current] if self.current >= 0 else None
        if current is not None:
            view.set_current((current.start, current.end))
        anchor = self._open_at if self._open_at is not None else (
            current.start if current is not None else None)
        if anchor is not None:
            view.open_at(anchor)

    def _show_title(self) -> None:
        source = self.facts.sources[self.source_id]
        title = Text.assemble((one_line(source.title), "bold"), "\n",
                              (f"{one_line(source.outlet)} · {len(self.passages)} cited "
                               "passages", "dim"))
        if self.current >= 0:
            claim = self.facts.claims[self.passages[self.current].claim_id]
            title.append(f"\nPassage {self.current + 1}/{len(self.passages)}: ", style="bold")
            title.append(one_line(claim.text))
        self.query_one("#reader-title", Static).update(title)

    def action_step(self, delta: int) -> None:
        if not self.passages:
            self.notify("No passage of this source is cited", timeout=2)
            return
        self.current = (self.current + delta) % len(self.passages)
        passage = self.passages[self.current]
        self._show_title()
        self.query_one(SourceView).set_current((passage.start, passage.end))
        self.post_message(self.Moved(self.location))

    def action_open_claim(self) -> None:
        if self.current >= 0:
            claim_id = self.passages[self.current].claim_id
            self.post_message(Open(Location("claim", claim_id), "reader"))

    def action_scroll(self, lines: int) -> None:
        self.query_one(SourceView).scroll_relative(y=lines * 2, animate=False)
