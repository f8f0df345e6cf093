"""Source reader: the full text, the cited passage highlighted, every other citation marked."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tui.domain.capture.selection import TextCursor
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import one_line
from tui.messages import Open
from tui.widgets.hint_bar import HintBar
from tui.widgets.notices import notify_replacing
from tui.widgets.screen_header import ScreenHeader
from tui.widgets.source_view import SourceView

_FOUND_AT_ONCE = 1_000_000
"""Characters of a source read for what is left to capture before the reader shows."""


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

    @dataclass
    class Capture(Message):
        """Make a claim of text[start:end] of the source (the app opens the form)."""

        source_id: str
        start: int
        end: int
        focus: int | None = None
        """The figure or quotation `t` went to, when it is in the selection."""

    BINDINGS = [
        # short labels: the hint bar shows them all at 80 columns (a tester lost `t` there)
        Binding("n,right_square_bracket", "step(1)", "Next", id="reader.next",
                tooltip="Next cited passage"),
        Binding("p,left_square_bracket", "step(-1)", "Prev", id="reader.previous",
                tooltip="Previous cited passage"),
        Binding("enter", "open_claim", "Claim", id="reader.open",
                tooltip="Open the claim behind the passage"),
        # the app copies what is selected, and here that is this passage of this claim
        Binding("c", "app.copy_citation", "Cite", id="reader.copy",
                tooltip="Copy the citation of the passage"),
        Binding("v", "select", "Select", id="reader.select",
                tooltip="Select the word at the cursor (V: its sentence)"),
        Binding("V", "select_sentence", "Select the sentence", show=False,
                id="reader.select_sentence"),
        Binding("a", "capture", "Add claim", id="reader.capture",
                tooltip="Add a claim from the selection"),
        Binding("t", "to_capture(1)", "To do", id="reader.todo_next",
                tooltip="The next figure or quotation no claim captures yet"),
        Binding("T", "to_capture(-1)", "Previous to capture", show=False,
                id="reader.todo_previous"),
        Binding("w,right", "by_word(1)", "Word on", show=False),
        Binding("left", "by_word(-1)", "Word back", show=False),
        Binding("right_parenthesis,shift+down", "by_sentence(1)", "Sentence on", show=False),
        Binding("left_parenthesis,shift+up", "by_sentence(-1)", "Sentence back", show=False),
        Binding("escape,backspace", "leave", "Back", id="reader.back"),
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
        self.cursor = TextCursor(self.text)
        """Where a selection to capture starts (issue 14)."""
        self.to_capture: list[tuple[int, int]] = []
        """The figures and quotations no claim cites, in order: what is left to capture."""
        self._todo = -1
        """Which of `to_capture` `t` went to last (-1: none). The cursor itself is drawn
        once a key of capture is used: reading needs none."""
        self._column: int | None = None
        """The column j and k keep the cursor in across shorter rows (vim's wanted column)."""

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
        yield ScreenHeader()
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
            self.cursor.place(anchor)
        self._find_to_capture()

    def _find_to_capture(self) -> None:
        """At once for an article (a millisecond or two); in a thread for a source of
        megabytes, which the reader shows meanwhile."""
        if len(self.text) <= _FOUND_AT_ONCE:
            self._show_to_capture(self._uncited())
        else:
            self._find_to_capture_in_thread()

    def _uncited(self) -> list[tuple[int, int]]:
        from tui.domain.capture.spotting import uncited
        from tui.domain.facts.numbers import written_number

        figures: list[tuple[int, int, frozenset[str]]] = []
        quotes: list[tuple[int, int]] = []
        for passage in self.passages:
            claim = self.facts.claims[passage.claim_id]
            if claim.figure is not None:
                stated = [claim.figure.stated, *([claim.figure.growth.stated]
                                                 if claim.figure.growth else [])]
                digits = frozenset(w[0] for w in map(written_number, stated) if w)
                figures.append((passage.start, passage.end, digits))
            elif claim.quote is not None:
                quotes.append((passage.start, passage.end))
        return uncited(self.text, figures, quotes)

    @work(thread=True, exclusive=True, group="reader-uncited")
    def _find_to_capture_in_thread(self) -> None:
        self.app.call_from_thread(self._show_to_capture, self._uncited())

    def _show_to_capture(self, found: list[tuple[int, int]]) -> None:
        if not self.is_attached:
            return
        self.to_capture = found
        self.query_one(SourceView).set_uncited(found)
        self._show_title()

    def _show_title(self) -> None:
        source = self.facts.sources[self.source_id]
        cited, left = len(self.passages), len(self.to_capture)
        title = Text.assemble((one_line(source.title), "bold"), "\n",
                              (f"{one_line(source.outlet)} · {cited} cited "
                               f"passage{'s' if cited != 1 else ''} · {left} "
                               f"figure{'s' if left != 1 else ''} and quotation"
                               f"{'s' if left != 1 else ''} to capture (t)", "dim"))
        span = self.cursor.span
        if span is not None:
            words = len(self.text[span[0]:span[1]].split())
            title.append(f"\nSelecting {words} word{'s' if words != 1 else ''}: ",
                         style="bold")
            title.append("→ ← a word, ) ( a sentence, a adds a claim, escape cancels")
        elif self._todo >= 0 and self._todo < len(self.to_capture):
            title.append(f"\nTo capture {self._todo + 1}/{len(self.to_capture)}: ",
                         style="bold")
            title.append("v or V selects it, a adds a claim")
        elif self.current >= 0:
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
        self._todo = -1
        view = self.query_one(SourceView)
        view.set_current((passage.start, passage.end))
        if not self.cursor.selecting:
            self.cursor.place(passage.start)
            if view.cursor is not None:
                view.set_cursor(self.cursor.at)
        self._show_title()
        self.post_message(self.Moved(self.location))

    def action_open_claim(self) -> None:
        if self.current >= 0:
            claim_id = self.passages[self.current].claim_id
            self.post_message(Open(Location("claim", claim_id), "reader"))

    def action_scroll(self, lines: int) -> None:
        """Scroll; once the cursor is shown (a capture key was used), move it a row instead,
        the view following it, as in vim: a tester's j and k left it behind."""
        view = self.query_one(SourceView)
        if view.cursor is None and not self.cursor.selecting:
            view.scroll_relative(y=lines * 2, animate=False)
            return
        self._cursor_on_screen()
        layout = view.layout_of_text
        column = self._column if self._column is not None else layout.column_of(self.cursor.at)
        self.cursor.place(layout.offset_rows_away(self.cursor.at, lines, column))
        self._show_cursor()
        self._column = column  # kept across short rows until the cursor moves otherwise

    # ── selecting a passage to capture (issue 14) ────────────────────────────────────

    def _cursor_on_screen(self) -> None:
        """A cursor scrolled out of sight starts again at the top of what is shown, as
        vim's does when the window scrolls past it."""
        view = self.query_one(SourceView)
        if not self.cursor.selecting and not view.on_screen(self.cursor.at):
            self.cursor.place(view.top_offset())

    def _show_cursor(self) -> None:
        self._column = None
        view = self.query_one(SourceView)
        view.set_selection(self.cursor.span)
        view.set_cursor(self.cursor.at if self.cursor.span is None else None)
        self._show_title()

    def action_select(self) -> None:
        """Start a selection at the word under the cursor; again: stop selecting."""
        if self.cursor.selecting:
            self.cursor.cancel()
        else:
            self._cursor_on_screen()
            self.cursor.select_word()
        self._show_cursor()

    def action_select_sentence(self) -> None:
        self._cursor_on_screen()
        self.cursor.cancel()
        self.cursor.select_sentence()
        self._show_cursor()

    def action_by_word(self, delta: int) -> None:
        self._cursor_on_screen()
        self.cursor.by_word(delta)
        self._show_cursor()

    def action_by_sentence(self, delta: int) -> None:
        self._cursor_on_screen()
        self.cursor.by_sentence(delta)
        self._show_cursor()

    def action_to_capture(self, delta: int) -> None:
        """The cursor to the next (or previous) figure or quotation no claim cites."""
        if not self.to_capture:
            notify_replacing(self.app, "to-capture",
                             "Every figure and quotation of this source is cited", timeout=3)
            return
        at = self.cursor.at
        if delta > 0:
            later = [n for n, (start, _) in enumerate(self.to_capture) if start > at]
            self._todo = later[0] if later else 0
        else:
            earlier = [n for n, (start, _) in enumerate(self.to_capture) if start < at]
            self._todo = earlier[-1] if earlier else len(self.to_capture) - 1
        self.cursor.cancel()
        self.cursor.place(self.to_capture[self._todo][0])
        self._show_cursor()

    def action_capture(self) -> None:
        span = self.cursor.span
        if span is None:
            self.notify("Select the passage first: v selects a word, V its sentence; → and ) "
                        "extend it", timeout=4)
            return
        focus = None
        if 0 <= self._todo < len(self.to_capture):
            at = self.to_capture[self._todo][0]
            focus = at if span[0] <= at < span[1] else None
        self.post_message(self.Capture(self.source_id, *span, focus))

    async def action_leave(self) -> None:
        """escape and backspace leave what was opened last: the selection, else the
        reader."""
        if self.cursor.selecting:
            self.cursor.cancel()
            self._show_cursor()
            return
        await self.run_action("app.history_back")

    def selection_done(self) -> None:
        """The claim was made (or the form cancelled with the selection kept): the cursor
        stays where the selection began."""
        self.cursor.cancel()
        self._show_cursor()
