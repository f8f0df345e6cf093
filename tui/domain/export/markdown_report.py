"""The Markdown report: claims with footnoted verbatim citations, the tables, the findings
with their arithmetic, and the sources; pastes into a document as it is.

Passages are written as the `markdown` citation style writes them (`present.citations`), so
a report and a copied citation read the same. Every text from the fact file is written so
that Markdown shows it as it is: the characters Markdown or HTML would act on (`*`, `_`, `[`,
`<`, `|`, …) are escaped with a backslash, so a passage holding `[^x]:` or `<script>` is
shown, not run; and, as on screen, control characters are made visible and line breaks
inside a passage folded to spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from tui.domain.export.scope import Extract
from tui.domain.facts.model import Citation, Claim
from tui.domain.present.citations import (
    CitationParts,
    Style,
    footnote_labels,
    format_citation,
    parts,
    source_reference,
)
from tui.domain.present.figures import amount, growth, period, when
from tui.domain.present.listings import table_view
from tui.domain.present.safe_text import one_line

Cite = Callable[[Claim, Citation, str], str]
"""A citation as the report's block quote holds it; its footnote, when it has one, is kept."""


def render(extract: Extract, style: Style = "markdown") -> bytes:
    """`style`: `markdown` (footnotes), or `apa` or `chicago` (in-text citations, and the
    reference list at the end in place of the list of sources)."""
    return b"".join(chunks(extract, style))


def chunks(extract: Extract, style: Style = "markdown") -> Iterator[bytes]:
    """The report encoded a few hundred pieces at a time, never held whole."""
    batch: list[str] = []
    for piece in lines(extract, style):
        batch.append(piece)
        if len(batch) >= 1000:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    yield "".join(batch).encode("utf-8")


def _citer(extract: Extract, style: Style, notes: list[str]) -> tuple[Cite, str, list[str]]:
    """How each passage is cited, and the reference list to end with, under its heading
    (CSL styles)."""
    if style == "apa" or style == "chicago":
        from tui.domain.present.csl_styles import (
            Bibliography,
            references_heading,
            styled_passage,
        )

        bib = Bibliography(extract.facts, style, [c.source for claim in extract.claims
                                                  for c in claim.citations])

        def in_text(claim: Claim, citation: Citation, _label: str) -> str:
            return _md(styled_passage(extract.facts, claim, citation, bib))

        return in_text, references_heading(style), [_md(r) for r in bib.references()]

    def footnoted(claim: Claim, citation: Citation, label: str) -> str:
        text, _, note = format_citation(_shown(parts(extract.facts, citation, claim)),
                                        "markdown", label).partition("\n\n")
        notes.append(note)
        return text

    return footnoted, "", []


def _shown(p: CitationParts) -> CitationParts:
    """A citation's words escaped for Markdown, its own syntax (`*title*`, `[^label]`) not."""
    def escaped(text: str | None) -> str | None:
        return None if text is None else text.translate(_MD_ESCAPES)

    return replace(p, passage=p.passage.translate(_MD_ESCAPES), speaker=escaped(p.speaker),
                   words=escaped(p.words), title=p.title.translate(_MD_ESCAPES),
                   outlet=p.outlet.translate(_MD_ESCAPES), date=p.date.translate(_MD_ESCAPES))


def lines(extract: Extract, style: Style = "markdown") -> Iterator[str]:
    """The report a piece at a time (100,000 claims make a report of tens of megabytes)."""
    facts = extract.facts
    yield f"# {_md(extract.title)}\n\n"
    if extract.whole and facts.description:
        # a line at a time (splitlines also breaks at U+2028), each shown as it is
        description = [_md(line) for line in facts.description.strip().splitlines()]
        yield "\n".join(_unlisted(line) for line in description) + "\n\n"
    yield (f"{_count(len(extract.claims), 'claim')} from "
           f"{_count(len(extract.sources), 'source')}, exported by chery-tui from "
           f"`{one_line(facts.path.name)}`. Every quotation is in its source's own words (line "
           "breaks folded to spaces).\n\n")
    notes: list[str] = []
    cite, heading, references = _citer(extract, style, notes)
    yield from _claims(extract, cite)
    if extract.tables:
        yield "## Tables\n\n"
        for table in extract.tables:
            yield from _table(extract, table.id)
    yield from _findings(extract)
    if references:
        yield f"## {heading}\n\n" + "".join(f"- {entry}\n" for entry in references) + "\n"
    elif extract.sources:
        yield "## Sources\n\n" + "".join(f"- {_md(source_reference(facts, s.id))}\n"
                                         for s in extract.sources) + "\n"
    if notes:
        yield "\n".join(notes) + "\n"


def _claims(extract: Extract, cite: Cite) -> Iterator[str]:
    related: dict[str, list[str]] = {}
    for r in extract.relations:
        note = f" ({_md(r.note)})" if r.note else ""
        line = f"`{r.source_claim}` → {r.type} → `{r.target_claim}`{note}"
        related.setdefault(r.source_claim, []).append(line)
        related.setdefault(r.target_claim, []).append(line)
    if extract.claims:
        yield "## Claims\n\n"
    for claim in extract.claims:
        yield from _claim(extract, claim, cite)
        if claim.id in related:
            yield "".join(f"- Relation: {line}\n" for line in related[claim.id]) + "\n"


def _findings(extract: Extract) -> Iterator[str]:
    if not extract.findings:
        return
    yield "## Findings\n\n"
    for finding in extract.findings:
        title, arithmetic, tolerance = finding.worded()
        yield (f"- **{_md(finding.kind)}** ({finding.check}): {_md(title)}\n"
               f"  - {_md(arithmetic)}\n"
               f"  - Tolerance: {_md(tolerance)}\n"
               f"  - Claims: {', '.join(f'`{c}`' for c in finding.claims)}\n")
    yield "\n"


_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def _unlisted(line: str) -> str:
    """A description line that Markdown would read as a list item or an underline, escaped."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _claim(extract: Extract, claim: Claim, cite: Cite) -> Iterator[str]:
    facts = extract.facts
    yield f"### {_md(claim.text)}\n\n"
    about = ", ".join(_md(facts.entities[e].name) if e in facts.entities else e
                      for e in claim.about)
    facts_line = [f"`{claim.id}`", claim.kind, claim.status, f"about {about}"]
    if claim.when is not None:
        facts_line.append(_md(when(claim.when)))
    elif claim.due is not None:
        facts_line.append(f"due {_md(when(claim.due))}")
    yield "- " + " · ".join(p for p in facts_line if p) + "\n"
    figure = claim.figure
    if figure is not None:
        detail = [f"{_md(figure.measure)}: {_md(amount(figure))}",
                  f"stated “{_md(figure.stated)}”"]
        if figure.period is not None:
            detail.append(f"period {_md(period(figure.period))}")
        if figure.growth is not None:
            detail.append(f"growth {_md(growth(figure))} (stated “{_md(figure.growth.stated)}”)")
        yield "- " + "; ".join(detail) + "\n"
    yield "\n"
    labels = footnote_labels(claim)
    for citation, label in zip(claim.citations, labels, strict=True):
        yield f"> {cite(claim, citation, label)}\n\n"
    for note in claim.notes:
        yield f"Note: {_md(note)}\n\n"


_MD_ACTIVE = "\\`*_[]<>|~&#"
_MD_ESCAPES = str.maketrans({c: "\\" + c for c in _MD_ACTIVE})


def _md(text: str) -> str:
    """Fact-file text on one line, shown by Markdown as it is (CommonMark lets any ASCII
    punctuation be escaped with a backslash)."""
    return one_line(text).translate(_MD_ESCAPES)


def _table(extract: Extract, table_id: str) -> Iterator[str]:
    view = table_view(extract.facts, table_id)
    yield f"### {_md(view.title)}\n\n"
    if view.note:
        yield _md(view.note) + "\n\n"
    header = ["", *view.columns, "Period", "Growth", "Sources"]
    yield "| " + " | ".join(_md(h) for h in header) + " |\n"
    yield "|" + "|".join([":--", *("--:" for _ in view.columns), ":--", ":--", ":--"]) + "|\n"
    for row in view.rows:
        cells = [row.label, *(c.text for c in row.cells), row.period, row.growth, row.sources]
        yield "| " + " | ".join(_md(c) for c in cells) + " |\n"
    yield "\n"
