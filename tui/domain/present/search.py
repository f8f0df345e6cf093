"""Incremental search over claims, quotes, entities and sources, with smart case.

Smart case, as in vim and ripgrep: a query in lower case matches any case; a query with a
capital letter matches case exactly.

Searchable fields are joined into segments of about two million characters (and lower-cased
copies), with the offsets where each field starts. A query is a `str.find` loop over the
segments, at C speed, and each hit is mapped back to its item by bisection. Segments keep
every single step short: lower-casing or joining a large file's non-ASCII text in one call
held the interpreter long enough to freeze the UI (docs/performance.md, "Search index"). Fields are
cleaned for display only when a hit is shown.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Claim, Entity, Source
from tui.domain.present.safe_text import clean, one_line

HitKind = Literal["claim", "quote", "entity", "source"]
_SNIPPET = 90
_SEGMENT = 2_000_000
_SEPARATOR = "\x00"
"""Between fields: no query can match across it (queries never contain NUL)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: HitKind
    ident: str
    title: str
    """What the item is: the claim text, the entity name, the source title."""
    snippet: str
    """The text the query was found in (the title itself, or a window of a longer field)."""
    spans: tuple[tuple[int, int], ...]
    """Where the query stands in `snippet`, for highlighting."""


def _fold(text: str) -> str:
    """Lower case with the same length as `text`, so match offsets hold for both."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(ch.lower()[0] for ch in text)


@dataclass(frozen=True, slots=True)
class _SourceText:
    """A source's full text as a field: fetched from the fact base when a hit needs it, so
    the index does not hold a decoded copy of every text."""

    ident: str


Item = Claim | Entity | Source


class SearchIndex:
    def __init__(self, facts: FactBase, state: list[Any] | None = None) -> None:
        """`state`: what `state()` returned for this very fact base (from a snapshot), to
        skip listing and folding the text again."""
        self._texts = facts.texts
        self._speakers = facts.entities
        self._items: list[Item] = [*facts.claims.values(), *facts.entities.values(),
                                   *facts.sources.values()]
        # segments: (first field, byte offsets of its fields, folded text as UTF-8). Only the
        # folded text is kept (an exact-case match is a folded match whose field has the
        # exact letters at the same place), and as UTF-8 bytes: text with a single curly
        # quote is stored two bytes per character as a str, about one as UTF-8.
        self._segments: list[tuple[int, array[int], bytes]] = []
        self._first_field = array("q")
        """Per item, the number of its first field (8 bytes an item, not 36 as a list)."""
        self._last: tuple[int, list[str | _SourceText]] = (-1, [])
        if state is not None and self._restore(state):
            return
        fields: list[str | _SourceText] = []
        for item in self._items:
            self._first_field.append(len(fields))
            fields.extend(self._fields_of(item))
        first, size = 0, 0
        for number, field in enumerate(fields):
            size += (len(field) if isinstance(field, str)
                     else self._texts.size(field.ident)) + 1
            if size >= _SEGMENT or number == len(fields) - 1:
                self._add_segment(fields[first : number + 1], first)
                first, size = number + 1, 0

    def _fields_of(self, item: Item) -> list[str | _SourceText]:
        """The searchable fields of one item, the first being what names it."""
        if isinstance(item, Claim):
            fields: list[str | _SourceText]
            if item.quote is not None:
                speaker = self._speakers.get(item.quote.speaker)
                fields = [item.quote.words, item.text, *([speaker.name] if speaker else [])]
            else:
                fields = [item.text]
            fields.extend(c.exact for c in item.citations)
            fields.extend(item.notes)
            return fields
        if isinstance(item, Entity):
            return [item.name, *item.aliases, *(f for f in (item.role, item.note) if f)]
        return [item.title, *(f for f in (item.outlet, item.author, item.id) if f),
                *([_SourceText(item.id)] if self._texts.get(item.id) else [])]

    def _item_fields(self, item: int) -> list[str | _SourceText]:
        """Fields of item number `item`, listed again when a hit needs them (the last kept:
        the hits of a query come item after item)."""
        last, fields = self._last
        if last != item:
            fields = self._fields_of(self._items[item])
            self._last = (item, fields)
        return fields

    def _field(self, item: int, number: int) -> str:
        """Field `number` (counted over the whole index) of item number `item`, as text."""
        field = self._item_fields(item)[number - self._first_field[item]]
        return field if isinstance(field, str) else self._texts[field.ident]

    def _kind(self, item: int) -> HitKind:
        found = self._items[item]
        if isinstance(found, Claim):
            return "quote" if found.quote is not None else "claim"
        return "entity" if isinstance(found, Entity) else "source"

    def state(self) -> list[object]:
        """As plain values, for a snapshot: the items' first fields, then each segment (a few
        megabytes each)."""
        return [self._first_field.tobytes(),
                *((first, starts.tobytes(), folded) for first, starts, folded in self._segments)]

    def _restore(self, state: list[Any]) -> bool:
        try:
            self._first_field.frombytes(state[0])
            if len(self._first_field) != len(self._items):
                raise ValueError("a state for other facts")
            for first, starts, folded in state[1:]:
                offsets = array("q")
                offsets.frombytes(starts)
                self._segments.append((int(first), offsets, bytes(folded)))
        except (TypeError, ValueError, IndexError):
            self._segments = []
            self._first_field = array("q")
            return False
        return True

    def _add_segment(self, listed: list[str | _SourceText], first: int) -> None:
        fields = [f if isinstance(f, str) else self._texts[f.ident] for f in listed]
        joined = _SEPARATOR.join(fields)
        folded = joined.lower()
        if len(folded) != len(joined):  # a letter whose lower case is longer: fold one by one
            folded = _SEPARATOR.join(_fold(field) for field in fields)
        # byte offsets: a field's UTF-8 length is its length when it is ASCII (an O(1) test)
        starts, offset = array("q"), 0
        for field in fields:
            starts.append(offset)
            offset += (len(field) if field.isascii() else len(field.encode("utf-8"))) + 1
        self._segments.append((first, starts, folded.encode("utf-8")))

    def search(self, query: str, limit: int = 200,
               cancelled: Callable[[], bool] | None = None) -> list[SearchHit]:
        """The first `limit` items that match, in file order. `cancelled` is asked now and
        then; when it says so, the search stops and returns what it has."""
        query = query.strip()
        if not query or _SEPARATOR in query:
            return []
        exact_case = query != query.lower()
        needle = _fold(query)
        needle_bytes = needle.encode("utf-8")
        hits: list[SearchHit] = []
        seen_item = -1
        steps = 0
        for first, starts, haystack in self._segments:
            position = haystack.find(needle_bytes)
            while position >= 0:
                steps += 1
                if cancelled is not None and steps % 512 == 0 and cancelled():
                    return hits
                local = bisect.bisect_right(starts, position) - 1
                field = first + local
                item = bisect.bisect_right(self._first_field, field) - 1
                if exact_case:
                    # one look at the field's own text, not one per folded occurrence: a
                    # capital "A" folds to an "a" that a large file holds millions of times
                    at = self._field(item, field).find(query)
                    if at < 0:
                        end = starts[local + 1] if local + 1 < len(starts) else len(haystack)
                        position = haystack.find(needle_bytes, end)
                        continue
                else:
                    # the character offset: folding keeps every character, so it holds
                    at = len(haystack[starts[local] : position].decode("utf-8"))
                if item != seen_item:
                    seen_item = item
                    hits.append(self._hit(item, field, at, query if exact_case else needle,
                                          exact_case))
                    if len(hits) >= limit:
                        return hits
                # go on after this item's last field (within this segment)
                following = self._first_field[item + 1] - first \
                    if item + 1 < len(self._first_field) else len(starts)
                next_start = starts[following] if following < len(starts) else len(haystack)
                position = haystack.find(needle_bytes, max(position + 1, next_start))
        return hits

    def _hit(self, item: int, field: int, at: int, needle: str, exact_case: bool
             ) -> SearchHit:
        text = self._field(item, field)
        whole = field == self._first_field[item]
        start, end = 0, len(text)
        if not whole and len(text) > _SNIPPET:
            start = max(0, at - _SNIPPET // 3)
            end = min(len(text), start + _SNIPPET)
        # what is displayed, cleaned; highlights are found in it, so they line up
        window = clean(text[start:end].replace("\n", " ").replace("\t", " "),
                       multiline=False)
        folded = window if exact_case else _fold(window)
        spans = []
        found = folded.find(needle)
        while found >= 0:
            spans.append((found, found + len(needle)))
            found = folded.find(needle, found + len(needle))
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        shift = len(prefix)
        title = one_line(self._field(item, self._first_field[item]))
        return SearchHit(self._kind(item), self._items[item].id, title,
                         f"{prefix}{window}{suffix}",
                         tuple((a + shift, b + shift) for a, b in spans))
