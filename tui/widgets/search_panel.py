"""Search bar and results: incremental, smart case, matches highlighted."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.domain.facts.location import Location
from tui.domain.present.search import SearchHit, SearchIndex
from tui.widgets.palette import Palette
from tui.widgets.virtual_list import VirtualList

_SHOWN = 200
"""Results listed per query: enough to browse, few enough to update on every keystroke."""
_KIND_LABEL = {"claim": "claim ", "quote": "quote ", "entity": "entity", "source": "source"}


def hit_text(hit: SearchHit, palette: Palette) -> Text:
    text = Text()
    text.append(f"{_KIND_LABEL[hit.kind]} ", style="dim")
    body = Text(hit.snippet)
    for start, end in hit.spans:
        body.stylize(palette.match, start, end)
    text.append_text(body)
    if hit.snippet.strip("…") != hit.title:
        text.append(f"  — {hit.title}", style="dim")
    return text


def hit_location(hit: SearchHit) -> Location:
    kind = "claim" if hit.kind == "quote" else hit.kind
    return Location(kind, hit.ident)


_AT_ONCE = 0.03
"""Seconds a query may run on the UI thread before it moves to a thread."""


class _Budget:
    """A search's `cancelled` callback that says yes once a deadline has passed."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.expired = False

    def __call__(self) -> bool:
        self.expired = self.expired or time.perf_counter() > self.deadline
        return self.expired


class SearchResults(VirtualList):
    BORDER_TITLE = "Results"
    BINDINGS = [Binding("enter", "open", "open", tooltip="Open the result, close the search")]

    @property
    def origin(self) -> str:
        return "search"


class SearchInput(Input):
    """The query: enter goes to the results (so the hint bar says)."""

    BINDINGS = [Binding("enter", "submit", "results", tooltip="Go to the results")]


class SearchPanel(Vertical):
    """Hidden until `/`; typing searches as you go."""

    BINDINGS = [Binding("escape", "close", "leave", id="search.close", tooltip="Leave search")]

    @dataclass
    class Closed(Message):
        pass

    def __init__(self, index: SearchIndex) -> None:
        super().__init__(id="search")
        self.index = index
        self.hits: list[SearchHit] = []
        self._asked = 0
        self._shown = 0
        self.latencies: deque[float] = deque(maxlen=1000)
        """Seconds from each change of the query to its results on screen (`make bench`)."""

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder="Search claims, quotes, entities, sources (smart case)",
                          id="search-input")
        yield Static(id="search-count")
        yield SearchResults(id="search-results")

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    def open(self) -> None:
        self.display = True
        # focused at once, not after the next refresh (Widget.focus waits for it): keys typed
        # in the same burst as `/` went to the pane under it as commands (`/q` quit)
        self.screen.set_focus(self.query_one(Input))

    @on(Input.Changed)
    def _search(self, event: Input.Changed) -> None:
        self._asked += 1
        started = time.perf_counter()
        # most queries take milliseconds: answer them at once; one that runs over its budget
        # (a capital letter alone scans most of a large file) goes on in a thread
        budget = _Budget(started + _AT_ONCE)
        hits = self.index.search(event.value, limit=_SHOWN, cancelled=budget)
        if budget.expired:
            self._run_search(event.value, self._asked, started)
        else:
            self._show_hits(event.value, hits, self._asked, started)

    @property
    def pending(self) -> bool:
        """A query whose results are not on screen yet."""
        return self._shown != self._asked

    @work(thread=True, exclusive=True, group="search")
    def _run_search(self, query: str, asked: int, started: float) -> None:
        # off the UI thread: a one-letter capital query scans most of a large file, and
        # typing goes on meanwhile (a newer query cancels this one)
        worker = get_current_worker()
        hits = self.index.search(query, limit=_SHOWN,
                                 cancelled=lambda: worker.is_cancelled or asked != self._asked)
        if asked == self._asked and not worker.is_cancelled:
            self.app.call_from_thread(self._show_hits, query, hits, asked, started)

    def _show_hits(self, query: str, hits: list[SearchHit], asked: int, started: float
                   ) -> None:
        if asked != self._asked:
            return  # a newer query is on its way
        self.hits = hits
        count = self.query_one("#search-count", Static)
        if query.strip():
            many = len(hits) >= _SHOWN
            noun = "match" if len(hits) == 1 else "matches"
            shown = f"first {_SHOWN}" if many else f"{len(hits)}"
            count.update(Text(f"{shown} {noun} · enter/↓ results · n/N step · esc leave",
                              style="dim"), layout=False)  # one line, whatever it says
        else:
            count.update("", layout=False)
        if query.strip() and not hits and query != query.lower() and \
                self.index.search(query.lower(), limit=1,
                                  cancelled=_Budget(time.perf_counter() + _AT_ONCE)):
            # smart case: a capital asks for that case, and this query found none so
            count.update(Text(f"no match with this case · {query.lower()!r} finds some "
                              "(smart case: a capital letter matches only itself)",
                              style="dim"), layout=False)
        # typing updates the results only; the detail follows when the user moves among them.
        # Each made when drawn, in the colours of the theme then.
        results = self.results
        results.show_lazy(len(hits), lambda i: hit_location(hits[i]),
                          lambda i: hit_text(hits[i], results.palette), keep=False,
                          announce=False)
        self._shown = asked
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

    def step_notice(self) -> str:
        """What `n`/`N` say: which match they are on ("Match 3 of 12"), or why none."""
        query = self.query_one(SearchInput).value.strip()
        if not query:
            return "No search yet: / searches"
        if not self.hits:
            return f"No matches for {query!r}"
        at = (self.results.highlighted or 0) + 1
        count = f"the first {_SHOWN}" if len(self.hits) >= _SHOWN else f"{len(self.hits)}"
        return f"Match {at} of {count} for {query!r}"

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
