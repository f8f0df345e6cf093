"""Incremental search over claims, quotes, entities and sources, with smart case.

Smart case, as in vim and ripgrep: a query in lower case matches any case; a query with a
capital letter matches case exactly.

Searchable fields are joined into segments of about two million characters (and lower-cased
copies), with the offsets where each field starts. A query is a `str.find` loop over the
segments, at C speed, and each hit is mapped back to its item by bisection. Segments keep
every single step short: lower-casing or joining 50 MB of non-ASCII text in one call held the
interpreter for a second. Fields are cleaned for display only when a hit is shown.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

from tui.domain.factbase import FactBase
from tui.domain.safe import clean, one_line

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


class SearchIndex:
    def __init__(self, facts: FactBase) -> None:
        kinds: list[HitKind] = []
        idents: list[str] = []
        first_field: list[int] = []  # per item: index of its first field
        fields: list[str] = []
        for claim in facts.claims.values():
            kinds.append("quote" if claim.quote is not None else "claim")
            idents.append(claim.id)
            first_field.append(len(fields))
            if claim.quote is not None:
                speaker = facts.entities.get(claim.quote.speaker)
                fields.append(claim.quote.words)
                fields.append(claim.text)
                if speaker is not None:
                    fields.append(speaker.name)
            else:
                fields.append(claim.text)
            fields.extend(c.exact for c in claim.citations)
            fields.extend(claim.notes)
        for entity in facts.entities.values():
            kinds.append("entity")
            idents.append(entity.id)
            first_field.append(len(fields))
            fields.append(entity.name)
            fields.extend(entity.aliases)
            fields.extend(f for f in (entity.role, entity.note) if f)
        for source in facts.sources.values():
            kinds.append("source")
            idents.append(source.id)
            first_field.append(len(fields))
            fields.append(source.title)
            fields.extend(f for f in (source.outlet, source.author, source.id) if f)
            text = facts.texts.get(source.id)
            if text:
                fields.append(text)
        self._kinds = kinds
        self._idents = idents
        self._first_field = first_field
        self._fields = fields
        # segments: (first field, byte offsets of its fields, folded text as UTF-8). Only the
        # folded text is kept (an exact-case match is a folded match whose field has the
        # exact letters at the same place), and as UTF-8 bytes: text with a single curly
        # quote is stored two bytes per character as a str, about one as UTF-8.
        self._segments: list[tuple[int, list[int], bytes]] = []
        first, size = 0, 0
        for number, field in enumerate(fields):
            size += len(field) + 1
            if size >= _SEGMENT or number == len(fields) - 1:
                self._add_segment(first, number + 1)
                first, size = number + 1, 0
        self._segment_firsts = [segment[0] for segment in self._segments]

    def _add_segment(self, first: int, end: int) -> None:
        encoded = [_fold(field).encode("utf-8") for field in self._fields[first:end]]
        starts, offset = [], 0
        for field in encoded:
            starts.append(offset)
            offset += len(field) + 1
        self._segments.append((first, starts, _SEPARATOR.encode().join(encoded)))

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """The first `limit` items that match, in file order."""
        query = query.strip()
        if not query or _SEPARATOR in query:
            return []
        exact_case = query != query.lower()
        needle = _fold(query)
        needle_bytes = needle.encode("utf-8")
        hits: list[SearchHit] = []
        seen_item = -1
        for first, starts, haystack in self._segments:
            position = haystack.find(needle_bytes)
            while position >= 0:
                local = bisect.bisect_right(starts, position) - 1
                field = first + local
                item = bisect.bisect_right(self._first_field, field) - 1
                # the character offset: folding keeps every character, so it holds in the field
                at = len(haystack[starts[local] : position].decode("utf-8"))
                if exact_case and self._fields[field][at : at + len(query)] != query:
                    position = haystack.find(needle_bytes, position + 1)
                    continue
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
        text = self._fields[field]
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
        title = one_line(self._fields[self._first_field[item]])
        return SearchHit(self._kinds[item], self._idents[item], title,
                         f"{prefix}{window}{suffix}",
                         tuple((a + shift, b + shift) for a, b in spans))
