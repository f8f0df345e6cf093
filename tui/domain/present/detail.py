"""What the detail area shows for a claim, entity or source: lines, some of them links.

Plain data, no Textual: the UI renders each line and follows its `link` on enter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tui.domain.crossref.hierarchy import entity_label
from tui.domain.crossref.links import Links
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.facts.model import Claim
from tui.domain.present.figures import amount, growth, period, published, when
from tui.domain.present.safe_text import clean, one_line

if TYPE_CHECKING:
    from tui.domain.crossref.cross_index import CrossIndex

LineStyle = Literal["kind", "title", "body", "muted", "heading", "link", "passage", "warning"]

_INCOMING = {
    "corroborates": "corroborated by", "contradicts": "contradicted by",
    "updates": "updated by", "supersedes": "superseded by", "derived-from": "basis of",
    "qualifies": "qualified by", "related": "related to", "part-of": "has part",
    "subset-of": "contains", "exceeds": "exceeded by", "ratio-of": "has ratio",
}
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


@dataclass(frozen=True, slots=True)
class DetailLine:
    text: str
    style: LineStyle = "body"
    link: Location | None = None
    marks: tuple[tuple[int, int], ...] = ()
    """Spans of `text` to emphasise (a cited passage inside its sentence)."""


def sentence_around(text: str, start: int, end: int, limit: int = 240) -> tuple[str, int, int]:
    """The sentence(s) containing text[start:end], and the passage's span within them."""
    lo = max(0, start - limit)
    before = text[lo:start]
    cut = [m.end() for m in _SENTENCE_END.finditer(before)]
    left = lo + cut[-1] if cut else lo
    # from the passage's last character on, which may be its own sentence's full stop
    tail = max(start, end - 1)
    after = text[tail : end + limit]
    stop = _SENTENCE_END.search(after)
    if stop is None:
        right = tail + len(after)
    else:  # the full stop is kept, a line break is not
        right = max(end, tail + stop.start() + (0 if stop.group() == "\n" else 1))
    return text[left:right], start - left, end - left


def passage_line(text: str, start: int, end: int) -> DetailLine:
    """The sentence around text[start:end], made harmless, with the passage marked: marked
    after cleaning, since a control made visible is longer than the character was."""
    sentence, a, b = sentence_around(text, start, end)
    before, passage, after = clean(sentence[:a]), clean(sentence[a:b]), clean(sentence[b:])
    return DetailLine(before + passage + after, "passage",
                      marks=((len(before), len(before) + len(passage)),))


def _claim_line(facts: FactBase, claim_id: str, lead: str) -> DetailLine:
    claim = facts.claims[claim_id]
    return DetailLine(f"{lead}{one_line(claim.text)}", "link", Location("claim", claim_id))


_LISTED = 200
"""Items a detail lists per group; a group of thousands would take seconds to lay out."""

FINDING_MARK = {"contradiction": "✗", "tension": "!", "gap": "?", "consistent": "✓"}


def _cross_references(facts: FactBase, links: Links, xref: CrossIndex, claim_id: str
                      ) -> list[DetailLine]:
    lines: list[DetailLine] = []
    backing = links.backing_sources(claim_id)
    tags = ", ".join(one_line(facts.sources[s].short) for s in backing)
    lines.append(DetailLine(f"Cross-references · backed by {len(backing)} "
                            f"source{'s' if len(backing) != 1 else ''} ({tags})", "heading"))
    findings = xref.findings_for(claim_id)
    for finding in findings:
        others = [c for c in finding.claims if c != claim_id] or [claim_id]
        lines.append(DetailLine(f"{FINDING_MARK[finding.kind]} {finding.kind} · "
                                f"{finding.check}: {one_line(finding.title)}", "link",
                                Location("claim", others[0])))
        lines.append(DetailLine(f"  {one_line(finding.arithmetic)}", "muted"))
    overlap = xref.overlapping(claim_id, limit=9)
    if overlap:
        shown = overlap[:8]
        more = " and more" if len(overlap) > len(shown) else ""
        lines.append(DetailLine(f"Same entities, overlapping dates ({len(shown)}{more})",
                                "muted"))
        lines.extend(_claim_line(facts, other, "  ") for other in shown)
    return lines


def claim_detail(facts: FactBase, claim_id: str, links: Links, xref: CrossIndex | None = None
                 ) -> list[DetailLine]:
    """The claim's own fields, its citations, relations, cross-references (once the
    cross-index has been built), entities and the quality of its sources."""
    claim = facts.claims[claim_id]
    return [
        DetailLine(f"{claim.kind} · {claim.status} · {claim.id}", "kind"),
        DetailLine(clean(claim.text), "title"),
        *_figure_lines(claim),
        *_date_lines(claim),
        *_quote_lines(facts, claim),
        *(DetailLine(f"Note: {one_line(note)}", "warning") for note in claim.notes),
        *_citation_lines(facts, claim),
        *_relation_lines(facts, links, claim_id),
        *(_cross_references(facts, links, xref, claim_id) if xref is not None else ()),
        *_entity_lines(facts, claim),
        *_quality_lines(facts, links, claim_id),
    ]


def _figure_lines(claim: Claim) -> list[DetailLine]:
    f = claim.figure
    if f is None:
        return []
    lines = [DetailLine(f"Value: {amount(f)} — {one_line(f.measure)}")]
    if f.growth is not None:
        lines.append(DetailLine(f"Growth: {growth(f)}"))
    if f.period is not None:
        lines.append(DetailLine(f"Period: {one_line(period(f.period))}"))
        if f.period.inference:
            lines.append(DetailLine(f"  inferred: {one_line(f.period.inference)}", "muted"))
    if f.as_of is not None:
        lines.append(DetailLine(f"As of: {when(f.as_of)}"))
    return lines


def _date_lines(claim: Claim) -> list[DetailLine]:
    lines = []
    if claim.when is not None:
        stated = f" (“{one_line(claim.when.stated)}”)" if claim.when.stated else ""
        lines.append(DetailLine(f"When: {when(claim.when)}{stated}"))
        if claim.when.inference:
            lines.append(DetailLine(f"  inferred: {one_line(claim.when.inference)}", "muted"))
    if claim.due is not None:
        stated = f" (“{one_line(claim.due.stated)}”)" if claim.due.stated else ""
        lines.append(DetailLine(f"Due: {when(claim.due)}{stated}"))
        if claim.due.inference:
            lines.append(DetailLine(f"  inferred: {one_line(claim.due.inference)}", "muted"))
    return lines


def _quote_lines(facts: FactBase, claim: Claim) -> list[DetailLine]:
    quote = claim.quote
    if quote is None:
        return []
    speaker = facts.entities.get(quote.speaker)
    name = entity_label(speaker) if speaker else quote.speaker
    lines = [DetailLine(f"Speaker: {one_line(name)} · {quote.mode} speech", "link",
                        Location("entity", quote.speaker))]
    if quote.via is not None and quote.via in facts.entities:
        lines.append(DetailLine(f"Relayed by: {one_line(facts.entities[quote.via].name)}",
                                "link", Location("entity", quote.via)))
    return lines


def _citation_lines(facts: FactBase, claim: Claim) -> list[DetailLine]:
    lines = [DetailLine(f"Citations ({len(claim.citations)})", "heading")]
    for number, citation in enumerate(claim.citations):
        source = facts.sources[citation.source]
        if not citation.resolved or source.id not in facts.texts:
            lines.append(DetailLine(f"[{one_line(source.short)}] passage not found: "
                                    f"{one_line(citation.exact)}", "warning"))
            continue
        start, end = citation.span
        lines.append(DetailLine(
            f"[{one_line(source.short)}] {one_line(source.title)} — {one_line(source.outlet)}, "
            f"{published(source)}", "link",
            Location("source", source.id, passage=start, claim=claim.id, citation=number)))
        lines.append(passage_line(facts.texts[source.id], start, end))
    return lines


def _relation_lines(facts: FactBase, links: Links, claim_id: str) -> list[DetailLine]:
    linked = links.linked(claim_id)
    if not linked:
        return []
    lines = [DetailLine(f"Relations ({len(linked)})", "heading")]
    # outgoing first, then incoming, each in file order
    for link in sorted(linked, key=lambda link: not link.outgoing):
        relation = link.relation
        if link.other not in facts.claims:
            continue
        lead = f"{relation.type} → " if link.outgoing else f"{_INCOMING[relation.type]} ← "
        lines.append(_claim_line(facts, link.other, lead))
        if relation.note:
            lines.append(DetailLine(f"  {one_line(relation.note)}", "muted"))
    return lines


def _entity_lines(facts: FactBase, claim: Claim) -> list[DetailLine]:
    lines = [DetailLine(f"Entities ({len(claim.about)})", "heading")]
    for ident in claim.about:
        entity = facts.entities.get(ident)
        if entity is not None:
            lines.append(DetailLine(f"{one_line(entity.name)} ({entity.kind})", "link",
                                    Location("entity", ident)))
    return lines


def _quality_lines(facts: FactBase, links: Links, claim_id: str) -> list[DetailLine]:
    notes = links.quality_notes(claim_id)
    if not notes:
        return []
    return [DetailLine(f"Source quality ({len(notes)})", "heading"),
            *(DetailLine(f"[{one_line(facts.sources[s].short)}] {q.kind}: {one_line(q.note)}",
                         "warning") for s, q in notes)]


def entity_detail(facts: FactBase, entity_id: str, links: Links) -> list[DetailLine]:
    entity = facts.entities[entity_id]
    lines = [
        DetailLine(f"entity · {entity.kind} · {entity.id}", "kind"),
        DetailLine(clean(entity.name), "title"),
    ]
    if entity.role:
        lines.append(DetailLine(f"Role: {one_line(entity.role)}"))
    if entity.aliases:
        lines.append(DetailLine(f"Also: {one_line(', '.join(entity.aliases))}"))
    if entity.note:
        lines.append(DetailLine(one_line(entity.note), "muted"))
    entity_links = links.entity_links(entity_id)
    if entity_links:
        lines.append(DetailLine(f"Links ({len(entity_links)})", "heading"))
        for link, other_id, outgoing in entity_links[:_LISTED]:
            other = facts.entities.get(other_id)
            if other is None:
                continue
            text = (f"{link.type} → {one_line(other.name)}" if outgoing
                    else f"{one_line(other.name)} ({link.type}) ←")
            lines.append(DetailLine(text, "link", Location("entity", other.id)))
        lines.extend(_more(len(entity_links)))
    by_kind = links.entity_claims(entity_id)
    total = sum(len(ids) for ids in by_kind.values())
    lines.append(DetailLine(f"Claims ({total})", "heading"))
    for kind in ("figure", "event", "quote", "plan", "relationship", "statement", "assessment"):
        group = by_kind.get(kind, [])
        if group:
            lines.append(DetailLine(f"{kind} ({len(group)})", "muted"))
            lines.extend(_claim_line(facts, c, "  ") for c in group[:_LISTED])
            lines.extend(_more(len(group)))
    return lines


def _more(count: int) -> list[DetailLine]:
    """A note that a long list was cut (the Timeline, filtered to the entity, has them all)."""
    if count <= _LISTED:
        return []
    return [DetailLine(f"  … and {count - _LISTED:,} more (f on the entity filters the "
                       "panes to it)", "muted")]


def source_detail(facts: FactBase, source_id: str, links: Links) -> list[DetailLine]:
    source = facts.sources[source_id]
    lines = [
        DetailLine(f"source · {one_line(source.short)} · {source.id}", "kind"),
        DetailLine(clean(source.title), "title"),
        DetailLine(f"Outlet: {one_line(source.outlet)}"
                   + (f" · author: {one_line(source.author)}" if source.author else "")),
        DetailLine(f"Published: {published(source)}"),
    ]
    if source.published.inference:
        lines.append(DetailLine(f"  {one_line(source.published.inference)}", "muted"))
    if source.note:
        lines.append(DetailLine(one_line(source.note), "muted"))
    lines.append(DetailLine("Read the source text", "link", Location("source", source_id)))
    if source.quality:
        lines.append(DetailLine(f"Quality notes ({len(source.quality)})", "heading"))
        for q in source.quality:
            lines.append(DetailLine(f"{q.kind}: {one_line(q.note)}", "warning"))
    citing = links.source_claims(source_id)
    alone = links.unconfirmed(source_id)
    lines.append(DetailLine(f"Claims no other source confirms ({len(alone)} of "
                            f"{len(citing)})", "heading"))
    lines.extend(_claim_line(facts, c, "") for c in alone[:_LISTED])
    lines.extend(_more(len(alone)))
    lonely = set(alone)
    confirmed = [c for c in citing if c not in lonely]
    lines.append(DetailLine(f"Claims another source confirms ({len(confirmed)})", "heading"))
    lines.extend(_claim_line(facts, c, "") for c in confirmed[:_LISTED])
    lines.extend(_more(len(confirmed)))
    return lines


def detail_for(facts: FactBase, location: Location, links: Links,
               xref: CrossIndex | None = None) -> list[DetailLine]:
    """`links` always (built with the browser's data); `xref` once it has been built."""
    if location.kind == "claim" and location.ident in facts.claims:
        return claim_detail(facts, location.ident, links, xref)
    if location.kind == "entity" and location.ident in facts.entities:
        return entity_detail(facts, location.ident, links)
    if location.kind == "source" and location.ident in facts.sources:
        return source_detail(facts, location.ident, links)
    return [DetailLine("Nothing selected", "muted")]
