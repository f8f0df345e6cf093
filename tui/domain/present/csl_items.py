"""Sources as CSL-JSON items (the Citation Style Language's data model): what Zotero,
Pandoc and word processors import, and what the APA and Chicago styles format from.

A date keeps its precision (`date-parts` of one, two or three numbers). One the sources do
not print is left out (styles write "n.d."), and what is known of it goes in `note`; one we
inferred is marked `circa` and explained in `note`. Nothing is made up to fill a field.
"""

from __future__ import annotations

from typing import Any

from tui.domain.facts.figure import When
from tui.domain.facts.model import Source

NEWS = "article-newspaper"


def date_parts(date: str) -> list[int]:
    """'2024-04' -> [2024, 4]: the parts the date has, no more."""
    return [int(part) for part in date.split("-")]


def date_note(published: When) -> str | None:
    """What a reader must know about a source's date that the date itself cannot say."""
    if published.basis == "unknown":
        bounds = [f"not before {published.not_before}" if published.not_before else "",
                  f"not after {published.not_after}" if published.not_after else ""]
        known = ", ".join(b for b in bounds if b)
        return "Publication date not printed" + (f" ({known})" if known else "") + "."
    if published.basis == "inferred":
        return f"Publication date inferred: {published.inference}"
    return None


def csl_item(source: Source, kind: str = NEWS) -> dict[str, Any]:
    item: dict[str, Any] = {"id": source.id, "type": kind, "title": source.title,
                            "container-title": source.outlet}
    if source.author:
        # a byline as printed, never split into given and family names it may not have
        item["author"] = [{"literal": source.author}]
    published = source.published
    if published.date:
        item["issued"] = {"date-parts": [date_parts(published.date)]}
        if published.basis == "inferred":
            item["issued"]["circa"] = True
    if source.url:
        item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    note = date_note(published)
    if note:
        item["note"] = note
    return item
