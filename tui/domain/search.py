"""Incremental search over claims, quotes, entities and sources, with smart case.

Smart case, as in vim and ripgrep: a query in lower case matches any case; a query with a
capital letter matches case exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.domain.factbase import FactBase
from tui.domain.safe import one_line

HitKind = Literal["claim", "quote", "entity", "source"]
_SNIPPET = 90


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


@dataclass(frozen=True, slots=True)
class _Document:
    kind: HitKind
    ident: str
    title: str
    fields: tuple[str, ...]
    folded: tuple[str, ...]


def _doc(kind: HitKind, ident: str, title: str, *fields: str | None) -> _Document:
    texts = tuple(one_line(f) for f in (title, *fields) if f)
    return _Document(kind, ident, texts[0], texts, tuple(_fold(t) for t in texts))


def _fold(text: str) -> str:
    """Lower case with the same length as `text`, so match offsets hold for both."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(ch.lower()[0] for ch in text)


class SearchIndex:
    def __init__(self, facts: FactBase) -> None:
        docs = []
        for claim in facts.claims.values():
            passages = [c.exact for c in claim.citations]
            if claim.quote is not None:
                speaker = facts.entities.get(claim.quote.speaker)
                docs.append(_doc("quote", claim.id, claim.quote.words, claim.text,
                                 speaker.name if speaker else None, *passages))
            else:
                docs.append(_doc("claim", claim.id, claim.text, *passages, *claim.notes))
        for entity in facts.entities.values():
            docs.append(_doc("entity", entity.id, entity.name, *entity.aliases, entity.role,
                             entity.note))
        for source in facts.sources.values():
            docs.append(_doc("source", source.id, source.title, source.outlet, source.author,
                             source.id, facts.texts.get(source.id)))
        self._docs = docs

    def search(self, query: str, limit: int = 500) -> list[SearchHit]:
        query = query.strip()
        if not query:
            return []
        exact_case = query != query.lower()
        needle = query if exact_case else _fold(query)
        hits = []
        for doc in self._docs:
            haystacks = doc.fields if exact_case else doc.folded
            for number, haystack in enumerate(haystacks):
                at = haystack.find(needle)
                if at < 0:
                    continue
                hits.append(self._hit(doc, doc.fields[number], haystack, needle, at,
                                      whole=number == 0))
                break
            if len(hits) >= limit:
                break
        return hits

    @staticmethod
    def _hit(doc: _Document, text: str, haystack: str, needle: str, at: int, whole: bool
             ) -> SearchHit:
        start, end = 0, len(text)
        if not whole and len(text) > _SNIPPET:
            start = max(0, at - _SNIPPET // 3)
            end = min(len(text), start + _SNIPPET)
        snippet = text[start:end]
        spans = []
        position = haystack.find(needle, start)
        while 0 <= position and position + len(needle) <= end:
            spans.append((position - start, position - start + len(needle)))
            position = haystack.find(needle, position + len(needle))
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        shift = len(prefix)
        return SearchHit(doc.kind, doc.ident, doc.title, f"{prefix}{snippet}{suffix}",
                         tuple((a + shift, b + shift) for a, b in spans))
