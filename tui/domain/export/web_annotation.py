"""W3C Web Annotations (JSON-LD), the form Hypothesis exports: each citation an annotation
whose target is its source, picked out by a TextQuoteSelector (exact, prefix, suffix) and a
TextPositionSelector (character offsets), with the claim as its body.

A source with a URL is targeted by it; one without by a URN naming its id. Prefix and suffix
are the 32 characters around the passage in the source text, as Hypothesis takes them; for
a passage the loader did not find, the citation's own prefix and suffix, and no position.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tui.domain.export.scope import Extract
from tui.domain.facts.model import Citation, Claim, Source
from tui.domain.present.safe_text import json_text

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AROUND = 32


def source_iri(source: Source) -> str:
    return source.url or f"urn:chery-tui:source:{source.id}"


def _selectors(extract: Extract, citation: Citation) -> list[dict[str, Any]]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": citation.exact}
    text = extract.source_text(citation.source) if citation.resolved else None
    if text is None:
        quote |= {k: v for k, v in (("prefix", citation.prefix), ("suffix", citation.suffix))
                  if v}
        return [quote]
    start, end = citation.span
    quote["prefix"] = text[max(0, start - AROUND):start]
    quote["suffix"] = text[end:end + AROUND]
    return [quote, {"type": "TextPositionSelector", "start": start, "end": end}]


def annotation(extract: Extract, claim: Claim, number: int, citation: Citation
               ) -> dict[str, Any]:
    source = extract.facts.sources[citation.source]
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "value": claim.text, "format": "text/plain",
         "purpose": "describing"},
        {"type": "TextualBody", "value": claim.id, "purpose": "tagging"},
        {"type": "TextualBody", "value": f"{claim.kind}, {claim.status}",
         "purpose": "classifying"},
    ]
    if citation.note:
        body.append({"type": "TextualBody", "value": citation.note, "purpose": "commenting"})
    return {
        "id": f"urn:chery-tui:claim:{claim.id}:citation:{number}",
        "type": "Annotation",
        "motivation": "describing",
        "body": body,
        "target": {"source": source_iri(source), "selector": _selectors(extract, citation)},
    }


def _items(extract: Extract) -> Iterator[dict[str, Any]]:
    for claim in extract.claims:
        for n, citation in enumerate(claim.citations, 1):
            yield annotation(extract, claim, n, citation)


def chunks(extract: Extract) -> Iterator[bytes]:
    """The document a few hundred annotations at a time, one annotation a line: readable,
    diffable, made by json's C encoder (an indented document goes through its Python one,
    three times as slow), and never held whole (100,000 claims make 90 MB)."""
    total = sum(len(claim.citations) for claim in extract.claims)
    head = json_text({"@context": CONTEXT, "id": "urn:chery-tui:export",
                      "type": "AnnotationCollection", "label": extract.title, "total": total,
                      "first": {"type": "AnnotationPage", "startIndex": 0}}, indent=None)
    yield (head[:-2] + ', "items": [').encode("utf-8")  # the page's and the collection's }}
    batch: list[str] = []
    for n, item in enumerate(_items(extract)):
        batch.append(("\n" if n == 0 else ",\n") + json_text(item, indent=None))
        if len(batch) >= 500:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    yield ("".join(batch) + "\n]}}\n").encode("utf-8")


def render(extract: Extract) -> bytes:
    return b"".join(chunks(extract))
