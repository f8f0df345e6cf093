"""A saved article made into a source text (issue 14): a plain-text file as it is; an HTML page
turned into its article text with trafilatura, with the title, author, date and outlet it
proposes from the page. What is proposed is shown to the user, who confirms or overrides it
(`chery-tui add-source`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<meta|<body|<\?xml)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    """The source text: the file's own text, or the page's article text."""
    from_html: bool
    title: str | None = None
    author: str | None = None
    published: str | None = None
    """`YYYY-MM-DD` as the page states it, when it does."""
    outlet: str | None = None
    url: str | None = None


class NotAnArticle(ValueError):
    """The file has no text to use as a source."""


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML.match(data[:2048].lstrip(b"\xef\xbb\xbf")))


def read_article(data: bytes, name: str) -> Article:
    """The article in a saved file's bytes (`name` only for messages)."""
    if looks_like_html(data):
        return _from_html(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotAnArticle(f"{name}: not UTF-8 text (byte {error.start}); save it as UTF-8 "
                           "or as the HTML page") from None
    if not text.strip():
        raise NotAnArticle(f"{name}: empty")
    return Article(text, from_html=False)


def _from_html(data: bytes, name: str) -> Article:
    import trafilatura

    document = trafilatura.bare_extraction(data, with_metadata=True, favor_recall=True,
                                           include_comments=False, include_tables=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise NotAnArticle(f"{name}: no article text found in the page")
    return Article(text if text.endswith("\n") else text + "\n", from_html=True,
                   title=_meta(document, "title"), author=_meta(document, "author"),
                   published=_date(_meta(document, "date")),
                   outlet=_meta(document, "sitename") or _meta(document, "hostname"),
                   url=_meta(document, "url"))


def _meta(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    return None


def source_id(*hints: str | None, taken: set[str]) -> str:
    """An id for a new source from the first hint that gives one (outlet and date, a file
    name), lower case, unique among `taken` (a number appended when needed)."""
    base = "source"
    for hint in hints:
        if hint:
            folded = unicodedata.normalize("NFKD", hint).encode("ascii", "ignore").decode()
            slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:60].strip("-")
            if slug:
                base = slug
                break
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident
