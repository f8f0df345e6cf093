"""Citations in the APA and Chicago (author-date) styles, formatted by citeproc-py from the
CSL styles kept in `csl/`: an in-text citation after each passage, then the reference list.

citeproc-py leaves out one rule these styles rely on: a variable that stands in for a
missing author (APA puts the title first when there is no author) is not to be printed again.
It suppresses only a variable named directly in `<substitute>`, not one a macro there prints,
so APA printed an authorless article's title twice (citeproc-py issue #91). `_suppress_all`
applies the rule to the macros too; tests/test_csl_styles.py holds the output to it.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Citation, Claim
from tui.domain.present.csl_items import NEWS, csl_item
from tui.domain.present.safe_text import clean, one_line

CslStyle = Literal["apa", "chicago"]
CSL_STYLES: tuple[CslStyle, ...] = ("apa", "chicago")
_FILES: dict[CslStyle, str] = {"apa": "apa.csl", "chicago": "chicago-author-date.csl"}
_KIND: dict[CslStyle, str] = {"apa": NEWS, "chicago": "webpage"}
"""The CSL type each style formats a source as: citeproc-py prints a stray "Edition." for
a Chicago newspaper article; as a web page it prints the same reference without it."""
_NS = "{http://purl.org/net/xbiblio/csl}"
_RENDERING = frozenset(f"{_NS}{tag}" for tag in ("text", "names", "number", "date"))


def _variables(element: Any, macros: frozenset[str]) -> list[tuple[str, str]]:
    """(tag, variable) of everything `element` prints, through the macros it calls."""
    found: list[tuple[str, str]] = []
    if element.tag in _RENDERING and element.get("variable"):
        found += [(element.tag, v) for v in element.get("variable").split()]
    macro = element.get("macro") if element.tag == f"{_NS}text" else None
    if macro and macro not in macros:
        found += _variables(element.get_macro(macro), macros | {macro})
    for child in element.getchildren():
        found += _variables(child, macros)
    return found


def _suppress_all(self: Any, child: Any, context: Any) -> None:
    repressed = context.get_layout().repressed
    for tag, variable in _variables(child, frozenset()):
        repressed.setdefault(tag, []).append(variable)


@cache
def _style(style: CslStyle) -> Any:
    from citeproc import CitationStylesStyle, model

    model.Substitute.add_to_repressed_list = _suppress_all
    path = Path(__file__).with_name("csl") / _FILES[style]
    with warnings.catch_warnings():  # it warns of CSL it does not know, e.g. newer terms
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(path), validate=False)


class Bibliography:
    """The in-text citations and reference list of some sources in one style."""

    def __init__(self, facts: FactBase, style: CslStyle, source_ids: Sequence[str]) -> None:
        from citeproc import Citation as CslCitation
        from citeproc import CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        ids = list(dict.fromkeys(source_ids))
        items = [csl_item(facts.sources[s], _KIND[style]) for s in ids]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._bib = CitationStylesBibliography(_style(style), CiteProcJSON(items),
                                                   formatter.plain)
            self._cites = {s: CslCitation([CitationItem(s)]) for s in ids}
            for cite in self._cites.values():
                self._bib.register(cite)
            self._in_text = {s: one_line(str(self._bib.cite(c, _ignore)))
                             for s, c in self._cites.items()}
            self._entries = [one_line(str(e)) for e in self._bib.bibliography()]

    def in_text(self, source_id: str) -> str:
        return self._in_text[source_id]

    def references(self) -> list[str]:
        """The reference list, in the style's order."""
        return self._entries


def _ignore(_item: object) -> None:
    """citeproc-py's callback for a citation of an unknown item: every item is known."""


def styled_passage(facts: FactBase, claim: Claim, citation: Citation, bib: Bibliography
                   ) -> str:
    """The passage (or a speaker's words) with its in-text citation."""
    from tui.domain.present.citations import parts, quoted

    p = parts(facts, citation, claim)
    cite = bib.in_text(citation.source)
    if p.words is not None and p.speaker:
        # the speaker's words for the paper; the passage that prints them, to show it
        context = f" [passage: {quoted(p.passage)}]" if p.passage != p.words else ""
        return f"{p.speaker}: {quoted(p.words)} {cite}{context}"
    reporting = f", reporting {p.speaker}" if p.speaker else ""
    return f"{quoted(p.passage)} {cite}{reporting}"


def styled_citations(facts: FactBase, pairs: Sequence[tuple[Claim, Citation]],
                     style: CslStyle, numbered: bool = False) -> str:
    """Each (claim, citation) with its in-text citation, then the references."""
    bib = Bibliography(facts, style, [c.source for _, c in pairs])
    passages = [styled_passage(facts, claim, c, bib) for claim, c in pairs]
    if numbered:
        passages = [f"{n}. {text} (claim {claim.id})"
                    for n, (text, (claim, _)) in enumerate(zip(passages, pairs, strict=True), 1)]
        body = "\n".join(passages)
    else:
        body = "\n\n".join(passages)
    return clean(f"{body}\n\n{references_heading(style)}\n\n" + "\n\n".join(bib.references()))


def references_heading(style: CslStyle) -> str:
    return "References" if style == "apa" else "Bibliography"


def styled_reference(facts: FactBase, source_id: str, style: CslStyle) -> str:
    return clean(Bibliography(facts, style, [source_id]).references()[0])
