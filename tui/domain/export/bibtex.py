"""BibTeX of the sources, written by bibtexparser.

Each source is a `@misc` (the one entry type every BibTeX style knows) keyed by its id, with
`howpublished` the outlet, a byline as printed (braced, so BibTeX never splits it into a
first and last name it may not have), and a date at its precision: `year`, `month` for
BibTeX and `date` (ISO, as biblatex reads it) for all of it. The LaTeX special characters
are escaped; everything else stays UTF-8, which biber and modern BibTeX read.
"""

from __future__ import annotations

from typing import Any

from tui.domain.export.scope import Extract
from tui.domain.facts.model import Source
from tui.domain.present.csl_items import date_note
from tui.domain.present.safe_text import one_line

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
            "#": r"\#", "$": r"\$", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_ESCAPES = str.maketrans(_SPECIAL)
_URL_ESCAPES = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})


def latex(text: str) -> str:
    """`text` with LaTeX's special characters escaped, on one line."""
    return one_line(text).translate(_ESCAPES)


def _fields(source: Source) -> list[tuple[str, str | int]]:
    # the title braced: BibTeX styles keep its case as printed
    fields: list[tuple[str, str | int]] = [("title", f"{{{latex(source.title)}}}")]
    if source.author:
        fields.append(("author", f"{{{latex(source.author)}}}"))
    fields.append(("howpublished", latex(source.outlet)))
    date = source.published.date
    if date:
        year, *rest = date.split("-")
        fields.append(("year", year))
        if rest:
            fields.append(("month", int(rest[0])))  # written as its macro: apr
        fields.append(("date", date))
    if source.url:
        # verbatim (url fields are not LaTeX), but a brace would end the field: as in a URL,
        # it is percent-encoded, and so is a backslash
        url = one_line(source.url).translate(_URL_ESCAPES)
        fields.append(("url", url))
    if source.language:
        fields.append(("language", latex(source.language)))
    note = date_note(source.published)
    if note:
        fields.append(("note", latex(note)))
    return fields


def render(extract: Extract) -> bytes:
    from bibtexparser import model
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares.month import MonthAbbreviationMiddleware

    library = Library()
    for source in extract.sources:
        fields: list[Any] = [model.Field(key, value) for key, value in _fields(source)]
        library.add(model.Entry("misc", source.id, fields))
    text: str = write_string(library, prepend_middleware=[MonthAbbreviationMiddleware()])
    return text.encode("utf-8")
