"""The Markdown report: claims with footnoted verbatim citations, the tables, the findings
with their arithmetic, and the sources; pastes into a document as it is.

Passages are written as the `markdown` citation style writes them (`present.citations`), so
a report and a copied citation read the same; table cells have `|` escaped, the one
character that would break a Markdown table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tui.domain.export.scope import Extract
from tui.domain.facts.model import Citation, Claim
from tui.domain.present.citations import Style, format_citation, parts, source_reference
from tui.domain.present.figures import amount, growth, period, when
from tui.domain.present.listings import table_view
from tui.domain.present.safe_text import clean, one_line

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
            return styled_passage(extract.facts, claim, citation, bib)

        return in_text, references_heading(style), bib.references()

    def footnoted(claim: Claim, citation: Citation, label: str) -> str:
        text, _, note = format_citation(parts(extract.facts, citation, claim), "markdown",
                                        label).partition("\n\n")
        notes.append(note)
        return text

    return footnoted, "", []


def lines(extract: Extract, style: Style = "markdown") -> Iterator[str]:
    """The report a piece at a time (100,000 claims make a report of tens of megabytes)."""
    facts = extract.facts
    yield f"# {one_line(extract.title)}\n\n"
    if extract.whole and facts.description:
        yield clean(facts.description.strip()) + "\n\n"
    yield (f"{_count(len(extract.claims), 'claim')} from "
           f"{_count(len(extract.sources), 'source')}, exported by chery-tui from "
           f"`{one_line(facts.path.name)}`. Every quotation is verbatim from its source.\n\n")
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
        yield "## Sources\n\n" + "".join(f"- {source_reference(facts, s.id)}\n"
                                         for s in extract.sources) + "\n"
    if notes:
        yield "\n".join(notes) + "\n"


def _claims(extract: Extract, cite: Cite) -> Iterator[str]:
    related: dict[str, list[str]] = {}
    for r in extract.relations:
        note = f" ({one_line(r.note)})" if r.note else ""
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
        yield (f"- **{one_line(finding.kind)}** ({finding.check}): {one_line(title)}\n"
               f"  - {one_line(arithmetic)}\n"
               f"  - Tolerance: {one_line(tolerance)}\n"
               f"  - Claims: {', '.join(f'`{c}`' for c in finding.claims)}\n")
    yield "\n"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _claim(extract: Extract, claim: Claim, cite: Cite) -> Iterator[str]:
    facts = extract.facts
    yield f"### {one_line(claim.text)}\n\n"
    about = ", ".join(one_line(facts.entities[e].name) if e in facts.entities else e
                      for e in claim.about)
    facts_line = [f"`{claim.id}`", claim.kind, claim.status, f"about {about}"]
    if claim.dated_by is not None:
        facts_line.append(when(claim.when) if claim.when else
                          f"due {when(claim.due)}" if claim.due else "")
    yield "- " + " · ".join(p for p in facts_line if p) + "\n"
    figure = claim.figure
    if figure is not None:
        detail = [f"{one_line(figure.measure)}: {amount(figure)}",
                  f"stated “{one_line(figure.stated)}”"]
        if figure.period is not None:
            detail.append(f"period {period(figure.period)}")
        if figure.growth is not None:
            detail.append(f"growth {growth(figure)} (stated “{one_line(figure.growth.stated)}”)")
        yield "- " + "; ".join(detail) + "\n"
    yield "\n"
    labels = [claim.id, *(f"{claim.id}-{n}" for n in range(2, len(claim.citations) + 1))]
    for citation, label in zip(claim.citations, labels, strict=True):
        yield f"> {cite(claim, citation, label)}\n\n"
    for note in claim.notes:
        yield f"Note: {one_line(note)}\n\n"


def _cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")


def _table(extract: Extract, table_id: str) -> Iterator[str]:
    view = table_view(extract.facts, table_id)
    yield f"### {one_line(view.title)}\n\n"
    if view.note:
        yield one_line(view.note) + "\n\n"
    header = ["", *view.columns, "Period", "Growth", "Sources"]
    yield "| " + " | ".join(_cell(h) for h in header) + " |\n"
    yield "|" + "|".join([":--", *("--:" for _ in view.columns), ":--", ":--", ":--"]) + "|\n"
    for row in view.rows:
        cells = [row.label, *(c.text for c in row.cells), row.period, row.growth, row.sources]
        yield "| " + " | ".join(_cell(c) for c in cells) + " |\n"
    yield "\n"
