"""Citation text in the styles a writer pastes: plain, Markdown with a footnote, block quote.

A citation holds the passage verbatim, the source's title, outlet and date, and the source
id. For a quote, only the speaker's own words are credited to the speaker: the sentence the
source wraps them in ("Hours later, Yicai quoted Chery's spokesman as saying...") is the
source's, and so is all of a reported (paraphrased) quote. Every piece passes through
`safe.clean`, so nothing copied can carry terminal control sequences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Citation, Claim
from tui.domain.present.figures import published
from tui.domain.present.safe_text import clean, one_line

Style = Literal["plain", "markdown", "quote", "apa", "chicago"]
STYLES: tuple[Style, ...] = ("plain", "markdown", "quote", "apa", "chicago")
STYLE_NAMES: dict[Style, str] = {
    "plain": "Plain text",
    "markdown": "Markdown with a footnote",
    "quote": "Block quote with attribution",
    "apa": "APA 7th edition (in-text citation and reference)",
    "chicago": "Chicago author-date (in-text citation and reference)",
}
CSL: frozenset[Style] = frozenset({"apa", "chicago"})
"""The styles formatted from CSL styles by citeproc-py (`csl_styles`)."""
TEXT_STYLES: tuple[Style, ...] = tuple(s for s in STYLES if s not in CSL)
"""The styles written here, one citation at a time (`format_citation`)."""


PREVIEW_LENGTH = 300
"""The most a style's preview shows of the citation it would copy."""
_LAST_WORD = re.compile(r"\s+\S*$")


def preview(text: str, most: int = PREVIEW_LENGTH) -> str:
    """`text` (a citation) in at most `most` characters: cut after its last whole word
    that fits, with "…", or whole when it fits. Only a word longer than half of `most` is
    cut inside."""
    if len(text) <= most:
        return text
    kept = text[: most - 1]  # and the ellipsis
    if not text[most - 1].isspace():  # kept ends inside a word: that word goes
        last = _LAST_WORD.search(kept)
        if last is not None and last.start() >= most // 2:
            kept = kept[: last.start()]
    return kept.rstrip() + "…"


def style_phrase(style: Style) -> str:
    """The style's name inside a sentence: "plain text", but "APA 7th edition"."""
    name = STYLE_NAMES[style]
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def style_named(name: str) -> Style | None:
    """The style of that name (from a saved state or the command line), if there is one."""
    return next((style for style in STYLE_NAMES if style == name), None)


@dataclass(frozen=True, slots=True)
class CitationParts:
    passage: str
    """The source's words, verbatim: always credited to the source."""
    speaker: str | None
    """Who is quoted, with their role, for a quote claim."""
    words: str | None
    """The speaker's own words, verbatim, when this passage prints them in quotation marks
    (a direct quote). Only these are credited to the speaker: the sentence around them, and
    all of a reported (paraphrased) quote, are the source's words."""
    title: str
    outlet: str
    date: str
    source_id: str
    claim_id: str | None


def parts(facts: FactBase, citation: Citation, claim: Claim | None = None) -> CitationParts:
    source = facts.sources[citation.source]
    speaker = words = None
    if claim is not None and claim.quote is not None:
        entity = facts.entities.get(claim.quote.speaker)
        speaker = entity.name if entity else claim.quote.speaker
        if entity and entity.role:
            speaker = f"{speaker} ({entity.role})"
        if claim.quote.via is not None:  # the source quotes another outlet
            relay = facts.entities.get(claim.quote.via)
            speaker = f"{speaker} via {relay.name if relay else claim.quote.via}"
        if claim.quote.mode == "direct" and claim.quote.words in citation.exact:
            words = one_line(claim.quote.words)
    return CitationParts(
        passage=one_line(citation.exact),
        speaker=one_line(speaker) if speaker else None,
        words=words,
        title=one_line(source.title),
        outlet=one_line(source.outlet),
        date=published(source),
        source_id=source.id,
        claim_id=claim.id if claim else None,
    )


_DOUBLE_MARKS = ("“", "”", '"')


def quoted(text: str) -> str:
    """`text` in quotation marks, its own kept verbatim: “…”, or in single marks when it
    holds double marks itself (a passage that quotes someone), so that marks never nest in
    their own kind; a text that is one quotation already (“…” whole) is left as it is."""
    if text.startswith("“") and text.endswith("”") and len(text) > 1 and \
            not any(mark in text[1:-1] for mark in _DOUBLE_MARKS):
        return text
    if any(mark in text for mark in _DOUBLE_MARKS):
        return f"‘{text}’"
    return f"“{text}”"


def _work(p: CitationParts) -> str:
    return f"{quoted(p.title)}, {p.outlet}, {p.date}"


def _reporting(p: CitationParts) -> str:
    """For a passage that reports a speaker without their own words in quotation marks."""
    return f", reporting {p.speaker}" if p.speaker and p.words is None else ""


def format_citation(p: CitationParts, style: Style, label: str | None = None) -> str:
    """`label`: the Markdown footnote's (the claim's id, else the source's, by default)."""
    label = label or p.claim_id or p.source_id
    if p.words is not None:
        return _direct_quote(p, style, label)
    if style == "plain":
        return f"{quoted(p.passage)} — {_work(p)}{_reporting(p)} [source: {p.source_id}]"
    if style == "markdown":
        return (f"{quoted(p.passage)}[^{label}]\n\n"
                f"[^{label}]: *{p.title}*, {p.outlet}, {p.date}{_reporting(p)}. "
                f"Source id: `{p.source_id}`.")
    return f"> {p.passage}\n>\n> — {_work(p)}{_reporting(p)} [source: {p.source_id}]"


def _direct_quote(p: CitationParts, style: Style, label: str) -> str:
    """The speaker's words credited to the speaker; the passage around them to the source
    (left out when it is no more than the words)."""
    in_context = f": {quoted(p.passage)}" if p.passage != p.words else ""
    if style == "plain":
        return (f"{quoted(p.words or '')} — {p.speaker}, quoted in {_work(p)}{in_context} "
                f"[source: {p.source_id}]")
    if style == "markdown":
        return (f"{quoted(p.words or '')}[^{label}]\n\n"
                f"[^{label}]: {p.speaker}, quoted in *{p.title}*, {p.outlet}, {p.date}"
                f"{in_context}. Source id: `{p.source_id}`.")
    return (f"> {p.words}\n>\n> — {p.speaker}, quoted in {_work(p)}{in_context} "
            f"[source: {p.source_id}]")


def citation_text(facts: FactBase, citation: Citation, claim: Claim, style: Style) -> str:
    """One citation of a claim in `style`."""
    if style == "apa" or style == "chicago":
        from tui.domain.present.csl_styles import styled_citations

        return styled_citations(facts, [(claim, citation)], style)
    return format_citation(parts(facts, citation, claim), style)


def footnote_labels(claim: Claim) -> list[str]:
    """A Markdown footnote label for each citation of a claim: its id, then `id:2`, `id:3`…
    No id holds a colon, so no label can be another claim's (`a-2` was both claim `a`'s
    second citation and claim `a-2`'s first, and one footnote took both)."""
    return [claim.id, *(f"{claim.id}:{n}" for n in range(2, len(claim.citations) + 1))]


def claim_citations(facts: FactBase, claim: Claim, style: Style) -> str:
    """Every citation of a claim in `style`, separated by blank lines. In Markdown each has
    a footnote of its own (`footnote_labels`); in APA and Chicago each
    has its in-text citation, and the references follow."""
    if style == "apa" or style == "chicago":
        from tui.domain.present.csl_styles import styled_citations

        return styled_citations(facts, [(claim, c) for c in claim.citations], style)
    labels = footnote_labels(claim)
    return "\n\n".join(format_citation(parts(facts, c, claim), style, label)
                         for c, label in zip(claim.citations, labels, strict=True))


def source_reference(facts: FactBase, source_id: str, style: Style = "plain") -> str:
    if style == "apa" or style == "chicago":
        from tui.domain.present.csl_styles import styled_reference

        return styled_reference(facts, source_id, style)
    source = facts.sources[source_id]
    author = f"{one_line(source.author)}. " if source.author else ""
    return (f"{author}“{one_line(source.title)}”, {one_line(source.outlet)}, "
            f"{published(source)} [source: {source.id}]")


def reference_list(facts: FactBase, claims: Sequence[Claim], style: Style = "plain") -> str:
    """The basket as a list, one entry per citation of each claim, in basket order: numbered
    in plain text; in Markdown numbered with the footnotes gathered after the list; in block
    quotes one quote after another; in APA and Chicago numbered with their in-text citations,
    the references after the list."""
    if style == "apa" or style == "chicago":
        from tui.domain.present.csl_styles import styled_citations

        return styled_citations(facts, [(claim, c) for claim in claims for c in claim.citations],
                                style, numbered=True)
    entries: list[tuple[str, CitationParts]] = []
    for claim in claims:
        labels = footnote_labels(claim)
        entries += [(label, parts(facts, c, claim))
                    for c, label in zip(claim.citations, labels, strict=True)]
    if style == "plain":
        lines = [f"{n}. {format_citation(p, 'plain')} (claim {p.claim_id})"
                 for n, (_, p) in enumerate(entries, 1)]
        return clean("\n".join(lines))
    if style == "markdown":
        body, notes = [], []
        for n, (label, p) in enumerate(entries, 1):
            text, _, note = format_citation(p, "markdown", label).partition("\n\n")
            body.append(f"{n}. {text}")
            notes.append(note)
        return clean("\n".join(body) + "\n\n" + "\n".join(notes))
    return clean("\n\n".join(format_citation(p, "quote", label) for label, p in entries))
