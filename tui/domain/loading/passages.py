"""Where passages occur in one source text, in time and memory bounded by the limits.

A fact file decides what is looked for, so nothing here may cost more than a pass over the
text per handful of passages, or keep more than a few positions per passage:
- each passage's occurrences are counted only as far as an error message needs (`COUNTED`)
  and only the first few are kept (`kept`), never one list entry per occurrence (`exact =
  "a"` against 30 MB built a list of 30 million);
- a few passages are found one `str.find` at a time; many against a long text (one full
  scan each took minutes for thousands of unmatched citations) are found together in one
  multi-pattern pass (Aho-Corasick, pyahocorasick), and a passage that occurs past what is
  counted leaves the automaton, so a text that matches everywhere costs at most `COUNTED`
  matches a passage.

What each bound was measured to cost: docs/performance.md, "Passages in long texts".
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

COUNTED = 1_000
"""Occurrences counted before a passage is only "more than this": an ambiguous passage's
message needs a count, and `occurrence` cannot pick one further in."""
_KEEP = 5
"""Positions kept of a passage no citation picks by `occurrence` (the message lists five)."""
_SCANS = 1_000_000_000
"""Characters `str.find` may scan for one text (a fraction of a second) before the passages
are found together in one pass instead."""
_KEY = 48
"""The multi-pattern search looks for the start of each passage only (its states are what
costs memory); the rest is compared where a start is found."""
_GROUP = 10_000
"""Passages per automaton: its memory grows with the starts it holds, so many passages are
looked for by several automatons, one after the other."""
_FLOOD = 100_000
"""Matches after which the automaton is rebuilt without the passages counted out."""
_WORK = 20_000_000
"""Places a text's multi-pattern pass may look at (seconds of Python) before it gives up
(see `_Work`)."""
_MISSES = 64
"""Places where a passage's start matched but the rest did not, before it is looked for on
its own: passages that share a start the text repeats everywhere ("aaa…a1", "aaa…a2", …
against a text of a's) would otherwise each be compared at every position; `str.find` finds
one in linear time whatever the text."""


@dataclass(slots=True)
class Occurrences:
    starts: array[int] = field(default_factory=lambda: array("q"))
    """The first `kept` starts, in order."""
    count: int = 0
    """How many there are, up to `COUNTED` + 1 ("more than COUNTED")."""

    @property
    def more(self) -> bool:
        return self.count > COUNTED


class PassageFinder:
    """Occurrences of the passages of one text; `wanted` maps each passage to the most
    occurrences any citation needs in order (its `occurrence`, else a few)."""

    def __init__(self, text: str, wanted: dict[str, int]) -> None:
        self.text = text
        self._wanted = wanted
        self._found: dict[str, Occurrences] = {}
        if wanted and len(wanted) * len(text) > _SCANS and len(wanted) > 1:
            self._found = _together(text, wanted)

    def occurrences(self, passage: str) -> Occurrences:
        found = self._found.get(passage)
        if found is None:
            found = _one_by_one(self.text, passage, self._wanted.get(passage, _KEEP))
            self._found[passage] = found
        return found


def kept(occurrence: int | None) -> int:
    return min(max(occurrence or 0, _KEEP), COUNTED + 1)


def _one_by_one(text: str, passage: str, keep: int) -> Occurrences:
    found = Occurrences()
    if not passage:
        return found
    start = text.find(passage)
    while start >= 0:
        found.count += 1
        if len(found.starts) < keep:
            found.starts.append(start)
        if found.count > COUNTED:
            break
        start = text.find(passage, start + 1)
    return found


def _together(text: str, wanted: dict[str, int]) -> dict[str, Occurrences]:
    found = {passage: Occurrences() for passage in wanted}
    passages = [p for p in wanted if p]
    alone: set[str] = set()
    work = _Work()
    for first in range(0, len(passages), _GROUP):
        alone |= _scan(text, passages[first:first + _GROUP], wanted, found, work)
    for passage in alone:
        found[passage] = _one_by_one(text, passage, wanted[passage])
    return found


class _Work:
    """What is left of the multi-pattern pass's budget: each place where a passage's start
    matched costs a comparison in Python. A text built to match everywhere the passages
    start (and never where they end) spends it, and the passages still open are then found
    one `str.find` each: linear in the text whatever it holds, as before this pass existed."""

    def __init__(self) -> None:
        self.left = _WORK

    def spend(self, amount: int) -> bool:
        self.left -= amount
        return self.left > 0


def _scan(text: str, passages: Iterable[str], wanted: dict[str, int],
          found: dict[str, Occurrences], work: _Work) -> set[str]:
    """Count the passages' occurrences into `found`; returns the passages to look for on
    their own instead (see `_MISSES` and `_Work`)."""
    if work.left <= 0:
        return set(passages)
    tally = _Tally(text, wanted, found, set(passages))
    position = 0
    while tally.active:
        automaton = _automaton(tally.active)
        removed, stopped = False, None
        for matches, (end, (size, group)) in enumerate(automaton.iter(text, position), 1):
            if not work.spend(len(group) + 1):
                return tally.alone | tally.active
            if tally.count_at(end - size + 1, group):
                removed = True
            if removed and matches > _FLOOD:
                # the starts of passages done with still match: an automaton without them
                stopped = max(0, end - _KEY + 1)  # any key ending later starts here or on
                break
        if stopped is None:
            return tally.alone
        position = stopped
    return tally.alone


def _automaton(active: set[str]) -> Any:
    """An Aho-Corasick automaton of the starts of the passages in `active`: each start's value
    is its length and the list of the passages that begin with it."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    by_key: dict[str, list[str]] = {}
    for passage in active:
        by_key.setdefault(passage[:_KEY], []).append(passage)
    for key, group in by_key.items():
        automaton.add_word(key, (len(key), group))
    automaton.make_automaton()
    return automaton


@dataclass(slots=True)
class _Tally:
    """What the multi-pattern pass has counted so far, and which passages it still looks for."""

    text: str
    wanted: dict[str, int]
    found: dict[str, Occurrences]
    active: set[str]
    """The passages still looked for by this pass."""
    alone: set[str] = field(default_factory=set)
    """The passages left to one `str.find` each (see `_MISSES`)."""
    misses: dict[str, int] = field(default_factory=dict)
    last: dict[str, int] = field(init=False)
    """The last start counted of each passage: a rebuilt automaton starts a little before
    where the last one stopped, and what it finds again is not counted twice."""

    def __post_init__(self) -> None:
        self.last = {passage: -1 for passage in self.active}

    def count_at(self, start: int, group: list[str]) -> bool:
        """Count the passages of `group` (which share a start) that occur at `start`. True
        when one of them is done with, counted out or missed too often: it leaves `group`
        and `active` at once."""
        removed = False
        for passage in tuple(group):
            if start <= self.last[passage]:
                continue
            if self.text.startswith(passage, start):
                self.last[passage] = start
                occurrences = self.found[passage]
                occurrences.count += 1
                if len(occurrences.starts) < self.wanted[passage]:
                    occurrences.starts.append(start)
                if occurrences.count <= COUNTED:
                    continue
            else:
                self.misses[passage] = missed = self.misses.get(passage, 0) + 1
                if missed <= _MISSES:
                    continue
                self.alone.add(passage)
            group.remove(passage)
            self.active.discard(passage)
            removed = True
        return removed
