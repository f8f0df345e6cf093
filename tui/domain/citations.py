"""Citation text in the styles a writer pastes: plain, Markdown with a footnote, block quote.

A citation holds the passage verbatim, the speaker where there is one, the source's title,
outlet and date, and the source id. Every piece passes through `safe.clean`, so nothing copied
can carry terminal control sequences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tui.domain.factbase import FactBase
from tui.domain.model import Citation, Claim
from tui.domain.present import published
from tui.domain.safe import clean, one_line

Style = Literal["plain", "markdown", "quote"]
STYLES: tuple[Style, ...] = ("plain", "markdown", "quote")
STYLE_NAMES: dict[Style, str] = {
    "plain": "Plain text",
    "markdown": "Markdown with a footnote",
    "quote": "Block quote with attribution",
}


@dataclass(frozen=True, slots=True)
class CitationParts:
    passage: str
    speaker: str | None
    title: str
    outlet: str
    date: str
    source_id: str
    claim_id: str | None


def parts(facts: FactBase, citation: Citation, claim: Claim | None = None) -> CitationParts:
    source = facts.sources[citation.source]
    speaker = None
    if claim is not None and claim.quote is not None:
        entity = facts.entities.get(claim.quote.speaker)
        speaker = entity.name if entity else claim.quote.speaker
        if entity and entity.role:
            speaker = f"{speaker} ({entity.role})"
    return CitationParts(
        passage=one_line(citation.exact),
        speaker=one_line(speaker) if speaker else None,
        title=one_line(source.title),
        outlet=one_line(source.outlet),
        date=published(source),
        source_id=source.id,
        claim_id=claim.id if claim else None,
    )


def _attribution(p: CitationParts) -> str:
    lead = f"{p.speaker}, in " if p.speaker else ""
    return f"{lead}“{p.title}”, {p.outlet}, {p.date} [source: {p.source_id}]"


def format_citation(p: CitationParts, style: Style) -> str:
    if style == "plain":
        return f"“{p.passage}” — {_attribution(p)}"
    if style == "markdown":
        label = p.claim_id or p.source_id
        speaker = f"{p.speaker}, in " if p.speaker else ""
        return (f"“{p.passage}”[^{label}]\n\n"
                f"[^{label}]: {speaker}*{p.title}*, {p.outlet}, {p.date}. "
                f"Source id: `{p.source_id}`.")
    return f"> {p.passage}\n>\n> — {_attribution(p)}"


def claim_citations(facts: FactBase, claim: Claim, style: Style) -> str:
    """Every citation of a claim in `style`, separated by blank lines."""
    return "\n\n".join(format_citation(parts(facts, c, claim), style) for c in claim.citations)


def source_reference(facts: FactBase, source_id: str) -> str:
    source = facts.sources[source_id]
    author = f"{one_line(source.author)}. " if source.author else ""
    return (f"{author}“{one_line(source.title)}”, {one_line(source.outlet)}, "
            f"{published(source)} [source: {source.id}]")


def reference_list(facts: FactBase, claims: Sequence[Claim]) -> str:
    """A numbered reference list: one entry per citation of each claim, in basket order."""
    lines = []
    n = 0
    for claim in claims:
        for citation in claim.citations:
            n += 1
            p = parts(facts, citation, claim)
            lines.append(f"{n}. “{p.passage}” — {_attribution(p)} (claim {claim.id})")
    return clean("\n".join(lines))
