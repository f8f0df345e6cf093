"""What the detail area shows for a claim, entity or source: lines, some of them links.

Plain data, no Textual: the UI renders each line and follows its `link` on enter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tui.domain.crossref.cross_index import CrossIndex
from tui.domain.crossref.hierarchy import entity_label
from tui.domain.facts.factbase import FactBase
from tui.domain.present.figures import amount, growth, period, published, when
from tui.domain.present.safe_text import clean, one_line
from tui.navigation.history import Location

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
    after = text[end : end + limit]
    stop = _SENTENCE_END.search(after)
    right = end + (stop.start() + 1 if stop else len(after))
    return text[left:right], start - left, end - left


def _claim_line(facts: FactBase, claim_id: str, lead: str) -> DetailLine:
    claim = facts.claims[claim_id]
    return DetailLine(f"{lead}{one_line(claim.text)}", "link", Location("claim", claim_id))


_LISTED = 200
"""Items a detail lists per group; a group of thousands would take seconds to lay out."""

FINDING_MARK = {"contradiction": "✗", "tension": "!", "gap": "?", "consistent": "✓"}


def _cross_references(facts: FactBase, xref: CrossIndex, claim_id: str) -> list[DetailLine]:
    lines: list[DetailLine] = []
    backing = xref.backing_sources(claim_id)
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


def claim_detail(facts: FactBase, claim_id: str, xref: CrossIndex | None = None
                 ) -> list[DetailLine]:
    claim = facts.claims[claim_id]
    lines = [
        DetailLine(f"{claim.kind} · {claim.status} · {claim.id}", "kind"),
        DetailLine(clean(claim.text), "title"),
    ]
    if claim.figure is not None:
        f = claim.figure
        lines.append(DetailLine(f"Value: {amount(f)} — {one_line(f.measure)}"))
        if f.growth is not None:
            lines.append(DetailLine(f"Growth: {growth(f)}"))
        if f.period is not None:
            lines.append(DetailLine(f"Period: {one_line(period(f.period))}"))
            if f.period.inference:
                lines.append(DetailLine(f"  inferred: {one_line(f.period.inference)}", "muted"))
        if f.as_of is not None:
            lines.append(DetailLine(f"As of: {when(f.as_of)}"))
    if claim.when is not None:
        stated = f" (“{one_line(claim.when.stated)}”)" if claim.when.stated else ""
        lines.append(DetailLine(f"When: {when(claim.when)}{stated}"))
        if claim.when.inference:
            lines.append(DetailLine(f"  inferred: {one_line(claim.when.inference)}", "muted"))
    if claim.due is not None:
        stated = f" (“{one_line(claim.due.stated)}”)" if claim.due.stated else ""
        lines.append(DetailLine(f"Due: {when(claim.due)}{stated}"))
    if claim.quote is not None:
        quote = claim.quote
        speaker = facts.entities.get(quote.speaker)
        name = entity_label(speaker) if speaker else quote.speaker
        lines.append(DetailLine(f"Speaker: {one_line(name)} · {quote.mode} speech", "link",
                                Location("entity", quote.speaker)))
        if quote.via is not None and quote.via in facts.entities:
            lines.append(DetailLine(f"Relayed by: {one_line(facts.entities[quote.via].name)}",
                                    "link", Location("entity", quote.via)))
    for note in claim.notes:
        lines.append(DetailLine(f"Note: {one_line(note)}", "warning"))

    lines.append(DetailLine(f"Citations ({len(claim.citations)})", "heading"))
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
        sentence, a, b = sentence_around(facts.texts[source.id], start, end)
        shown = clean(sentence)
        lines.append(DetailLine(shown, "passage", marks=((a, b),)))

    if xref is not None:  # an index lookup, not a scan of every relation
        links = xref.linked(claim_id)
        outgoing = [link.relation for link in links if link.outgoing]
        incoming = [link.relation for link in links if not link.outgoing]
    else:
        outgoing = [r for r in facts.relations if r.source_claim == claim_id]
        incoming = [r for r in facts.relations if r.target_claim == claim_id]
    if outgoing or incoming:
        lines.append(DetailLine(f"Relations ({len(outgoing) + len(incoming)})", "heading"))
        for r in outgoing:
            if r.target_claim in facts.claims:
                lines.append(_claim_line(facts, r.target_claim, f"{r.type} → "))
                if r.note:
                    lines.append(DetailLine(f"  {one_line(r.note)}", "muted"))
        for r in incoming:
            if r.source_claim in facts.claims:
                lines.append(_claim_line(facts, r.source_claim, f"{_INCOMING[r.type]} ← "))
                if r.note:
                    lines.append(DetailLine(f"  {one_line(r.note)}", "muted"))

    if xref is not None:
        lines.extend(_cross_references(facts, xref, claim_id))

    lines.append(DetailLine(f"Entities ({len(claim.about)})", "heading"))
    for ident in claim.about:
        entity = facts.entities.get(ident)
        if entity is not None:
            lines.append(DetailLine(f"{one_line(entity.name)} ({entity.kind})", "link",
                                    Location("entity", ident)))

    seen = dict.fromkeys(c.source for c in claim.citations)
    notes = [(facts.sources[s], q) for s in seen for q in facts.sources[s].quality]
    if notes:
        lines.append(DetailLine(f"Source quality ({len(notes)})", "heading"))
        for source, q in notes:
            lines.append(DetailLine(f"[{one_line(source.short)}] {q.kind}: {one_line(q.note)}",
                                    "warning"))
    return lines


def entity_detail(facts: FactBase, entity_id: str, xref: CrossIndex | None = None
                  ) -> list[DetailLine]:
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
    if xref is not None:  # index lookups; without the index (not built yet), a scan
        links = xref.entity_links(entity_id)
        by_kind = xref.entity_claims(entity_id)
    else:
        links = [(link, link.target, True) for link in entity.links]
        links += [(link, other.id, False) for other in facts.entities.values()
                  for link in other.links if link.target == entity_id]
        by_kind = {}
        for claim in facts.claims.values():
            if entity_id in claim.about or (claim.quote is not None and
                                            claim.quote.speaker == entity_id):
                by_kind.setdefault(claim.kind, []).append(claim.id)
    if links:
        lines.append(DetailLine(f"Links ({len(links)})", "heading"))
        for link, other_id, outgoing in links[:_LISTED]:
            other = facts.entities.get(other_id)
            if other is None:
                continue
            text = (f"{link.type} → {one_line(other.name)}" if outgoing
                    else f"{one_line(other.name)} ({link.type}) ←")
            lines.append(DetailLine(text, "link", Location("entity", other.id)))
        lines.extend(_more(len(links)))
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
    return [DetailLine(f"  … and {count - _LISTED:,} more (enter on the entity filters the "
                       "panes to it)", "muted")]


def source_detail(facts: FactBase, source_id: str, xref: CrossIndex | None = None
                  ) -> list[DetailLine]:
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
    if xref is not None:
        citing = xref.source_claims(source_id)
        alone = xref.unconfirmed(source_id)
        lines.append(DetailLine(f"Claims no other source confirms ({len(alone)} of "
                                f"{len(citing)})", "heading"))
        lines.extend(_claim_line(facts, c, "") for c in alone[:_LISTED])
        lines.extend(_more(len(alone)))
        lonely = set(alone)
        confirmed = [c for c in citing if c not in lonely]
        lines.append(DetailLine(f"Claims another source confirms ({len(confirmed)})",
                                "heading"))
        lines.extend(_claim_line(facts, c, "") for c in confirmed[:_LISTED])
        lines.extend(_more(len(confirmed)))
        return lines
    citing = [c.id for c in facts.claims.values()
              if any(x.source == source_id for x in c.citations)]
    lines.append(DetailLine(f"Claims citing it ({len(citing)})", "heading"))
    lines.extend(_claim_line(facts, c, "") for c in citing[:_LISTED])
    lines.extend(_more(len(citing)))
    return lines


def detail_for(facts: FactBase, location: Location, xref: CrossIndex | None = None
               ) -> list[DetailLine]:
    if location.kind == "claim" and location.ident in facts.claims:
        return claim_detail(facts, location.ident, xref)
    if location.kind == "entity" and location.ident in facts.entities:
        return entity_detail(facts, location.ident, xref)
    if location.kind == "source" and location.ident in facts.sources:
        return source_detail(facts, location.ident, xref)
    return [DetailLine("Nothing selected", "muted")]
