"""Search bar and results: incremental, smart case, matches highlighted."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui.domain.history import Location
from tui.domain.search import SearchHit, SearchIndex
from tui.widgets.virtual_list import VirtualList

_SHOWN = 200
"""Results listed per query: enough to browse, few enough to update on every keystroke."""
_KIND_LABEL = {"claim": "claim ", "quote": "quote ", "entity": "entity", "source": "source"}


def hit_text(hit: SearchHit) -> Text:
    text = Text()
    text.append(f"{_KIND_LABEL[hit.kind]} ", style="dim")
    body = Text(hit.snippet)
    for start, end in hit.spans:
        body.stylize("bold reverse yellow", start, end)
    text.append_text(body)
    if hit.snippet.strip("…") != hit.title:
        text.append(f"  — {hit.title}", style="dim")
    return text


def hit_location(hit: SearchHit) -> Location:
    kind = "claim" if hit.kind == "quote" else hit.kind
    return Location(kind, hit.ident, pane="search")


class SearchResults(VirtualList):
    BORDER_TITLE = "Results"


class SearchPanel(Vertical):
    """Hidden until `/`; typing searches as you go."""

    BINDINGS = [Binding("escape", "close", "Leave search", id="search.close")]

    @dataclass
    class Closed(Message):
        pass

    def __init__(self, index: SearchIndex) -> None:
        super().__init__(id="search")
        self.index = index
        self.hits: list[SearchHit] = []
        self.latencies: deque[float] = deque(maxlen=1000)
        """Seconds from each change of the query to its results on screen (`make bench`)."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search claims, quotes, entities, sources (smart case)",
                    id="search-input")
        yield Static(id="search-count")
        yield SearchResults(id="search-results")

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    def open(self) -> None:
        self.display = True
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _search(self, event: Input.Changed) -> None:
        started = time.perf_counter()
        self.hits = self.index.search(event.value, limit=_SHOWN)
        count = self.query_one("#search-count", Static)
        if event.value.strip():
            many = len(self.hits) >= _SHOWN
            noun = "match" if len(self.hits) == 1 else "matches"
            shown = f"first {_SHOWN}" if many else f"{len(self.hits)}"
            count.update(Text(f"{shown} {noun} · enter/↓ results · n/N step · esc leave",
                              style="dim"))
        else:
            count.update("")
        # typing updates the results only; the detail follows when the user moves among them
        self.results.show(((hit_text(h), hit_location(h)) for h in self.hits), keep=False,
                          announce=False)
        self.call_after_refresh(lambda: self.latencies.append(time.perf_counter() - started))

    @on(Input.Submitted)
    def _to_results(self) -> None:
        if self.hits:
            self.results.focus()
            self.results.highlighted = self.results.highlighted  # show it in the detail

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.query_one(Input).has_focus and self.hits:
            event.stop()
            self._to_results()

    def step(self, delta: int) -> Location | None:
        """Move to the next/previous match (wrapping) and return where it is."""
        if not self.hits:
            return None
        results = self.results
        current = results.highlighted if results.highlighted is not None else -delta
        results.highlighted = (current + delta) % len(self.hits)
        return results.current_location

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
