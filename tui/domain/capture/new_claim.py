"""A claim made from a passage the user selected, as the tables to add to the fact file
(issue 14). The capture form fills a `ClaimDraft`; `tables` checks it and gives the claim's
`[[claims]]` table, with its citation (the exact passage, and the prefix, suffix or occurrence
that picks it out), and the `[[entities]]` tables of the entities it names that the file does
not have yet. What the form cannot know is checked again by the loader when the change is
written (`tui.storage.fact_edit`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, get_args

from tui.domain.capture.anchor import citation
from tui.domain.capture.proposal import Proposal, slug, slug_words, unique_id
from tui.domain.capture.spotting import quotations_in
from tui.domain.facts.dates import partial_date_error
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import ClaimKind, EntityKind, Status
from tui.domain.facts.numbers import agrees

KINDS: tuple[str, ...] = get_args(ClaimKind)
STATUSES: tuple[str, ...] = get_args(Status)
ENTITY_KINDS: tuple[str, ...] = get_args(EntityKind)
_RANGE_RE = re.compile(r"^(\d{4}(?:-\d\d){0,2})\s*(?:\.\.|–|-|to)\s*(\d{4}(?:-\d\d){0,2})$")


@dataclass
class ClaimDraft:
    source: str
    start: int
    end: int
    kind: str = "statement"
    ident: str = ""
    text: str = ""
    about: str = ""
    """Entities, comma-separated: ids, names or aliases; any other is a new entity."""
    new_entity_kind: str = "organisation"
    status: str = "reported"
    when: str = ""
    when_stated: str = ""
    inference: str = ""
    """How the date was worked out, when the passage does not state it."""
    measure: str = ""
    value: str = ""
    unit: str = ""
    currency: str = ""
    stated: str = ""
    qualifier: str = "exact"
    period: str = ""
    speaker: str = ""
    mode: str = "direct"
    words: str = ""


def draft_of(proposal: Proposal, source: str, start: int, end: int) -> ClaimDraft:
    """The form's first values: what the passage proposes."""
    draft = ClaimDraft(source, start, end, kind=proposal.kind, text=proposal.text,
                       about=", ".join(proposal.about), status=proposal.status,
                       speaker=proposal.speaker, mode=proposal.mode, words=proposal.words)
    if proposal.kind in {"event", "quote", "plan", "statement"} and proposal.when:
        draft.when, draft.when_stated = proposal.when, proposal.when_stated
    figure = proposal.figure
    if figure is not None:
        draft.value = "" if figure.value is None else str(figure.value)
        draft.unit, draft.stated = figure.unit, figure.stated
        draft.currency, draft.qualifier = figure.currency or "", figure.qualifier
        draft.period = proposal.period
    return draft


@dataclass
class Tables:
    claim: dict[str, Any]
    entities: list[dict[str, Any]] = field(default_factory=list)


class DraftProblems(ValueError):
    """What is wrong with the draft: (field, message) pairs, for the form to show."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


def tables(facts: FactBase, draft: ClaimDraft) -> Tables:
    """The tables to add; raises DraftProblems with every problem found."""
    problems: list[tuple[str, str]] = []
    text = facts.texts[draft.source]
    passage = text[draft.start:draft.end]
    ident = _ident(facts, draft, problems)
    about, new = _entities(facts, draft.about, draft.new_entity_kind, problems)
    claim: dict[str, Any] = {"id": ident, "kind": draft.kind, "text": " ".join(
        draft.text.split()), "about": about, "status": draft.status}
    when = _when(draft, passage, problems)
    if when is not None:
        claim["when"] = when
    elif draft.kind == "event":
        problems.append(("when", "an event needs the date it happened (YYYY, YYYY-MM or "
                                 "YYYY-MM-DD)"))
    if draft.kind == "quote":
        claim["quote"] = _quote(facts, draft, passage, new, problems)
    found = citation(text, draft.start, draft.end)
    cited = {"source": draft.source, "exact": found.exact}
    for key in ("prefix", "suffix", "occurrence"):
        if getattr(found, key) is not None:
            cited[key] = getattr(found, key)
    claim["citations"] = [cited]
    if draft.kind == "figure":
        claim["figure"] = _figure(draft, passage, problems)
    if problems:
        raise DraftProblems(problems)
    return Tables(claim, new)


def _ident(facts: FactBase, draft: ClaimDraft, problems: list[tuple[str, str]]) -> str:
    """The claim's id (made from its words when none is typed), after the checks of the
    fields every claim has."""
    if not draft.text.strip():
        problems.append(("text", "say what the claim states, in a plain sentence"))
    if draft.kind not in KINDS:
        problems.append(("kind", f"kind is one of {', '.join(KINDS)}"))
    if draft.status not in STATUSES:
        problems.append(("status", f"status is one of {', '.join(STATUSES)}"))
    ident = draft.ident.strip() or claim_id(facts, draft)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", ident) or len(ident) > 120:
        problems.append(("ident", "an id is lower case letters, digits, '.', '_' and '-'"))
    elif ident in facts.claims or ident in facts.entities or ident in facts.sources:
        problems.append(("ident", f"the id {ident!r} is taken"))
    return ident


_BODY_WORDS = 3
"""Words of an id after its entity: "chery-exports-jan-nov", as the bundled ids read."""


def claim_id(facts: FactBase, draft: ClaimDraft) -> str:
    """The id a claim gets when none is typed, as the file's own ids are made: whom it is
    about (a quote: its speaker), then a few words of what it measures (a figure), says (a
    quote) or states, then its year. The first five words of the claim's text had made
    ids such as "chery-s-exports-grew-14"."""
    first = next((p.strip() for p in draft.about.split(",") if p.strip()), "")
    lead = draft.speaker.strip() if draft.kind == "quote" and draft.speaker.strip() else first
    if lead:
        name = new_entity(lead, draft.new_entity_kind)[0]
        known = entity_named(facts, name)
        lead = known if known is not None else slug(name, most=3)
    said = draft.words if draft.kind == "quote" and draft.words.strip() else \
        draft.measure if draft.kind == "figure" and draft.measure.strip() else draft.text
    lead_words = set(lead.split("-"))
    if lead in facts.entities:
        lead_words |= set(slug_words(facts.entities[lead].name))
    body = [w for w in slug_words(said) if w not in lead_words and not w.isdigit()]
    year = re.search(r"\b(\d{4})\b", draft.period if draft.kind == "figure" else draft.when)
    parts = [lead, *body[:_BODY_WORDS], *(year.groups() if year else ())]
    return unique_id(facts, "-".join(p for p in parts if p) or "claim")


def _entities(facts: FactBase, typed: str, kind: str, problems: list[tuple[str, str]]
              ) -> tuple[list[str], list[dict[str, Any]]]:
    about: list[str] = []
    new: list[dict[str, Any]] = []
    for piece in (n.strip() for n in typed.split(",")):
        if not piece:
            continue
        name, this_kind = new_entity(piece, kind)
        ident = entity_named(facts, name) or next(
            (e["id"] for e in new if e["name"].casefold() == name.casefold()), None)
        if ident is None:
            if this_kind not in ENTITY_KINDS:
                problems.append(("new_entity_kind", f"a new entity's kind is one of "
                                                    f"{', '.join(ENTITY_KINDS)}"))
                continue
            ident = unique_id(facts, slug(name, most=6))
            taken = {e["id"] for e in new}
            while ident in taken:
                ident = unique_id(facts, ident + "-2")
            new.append({"id": ident, "name": name, "kind": this_kind})
        if ident not in about:
            about.append(ident)
    if not about:
        problems.append(("about", "name at least one entity the claim is about"))
    return about, new


_KIND_RE = re.compile(r"^(.*?)\s*\(([a-z-]+)\)$")


def new_entity(piece: str, default_kind: str) -> tuple[str, str]:
    """The name and kind of an entity typed as `Name` or `Name (kind)`."""
    found = _KIND_RE.match(piece)
    if found is not None and found.group(2) in ENTITY_KINDS and found.group(1):
        return found.group(1), found.group(2)
    return piece, default_kind


def entity_named(facts: FactBase, name: str) -> str | None:
    """The entity `name` is the id, the name or an alias of (case apart), if any."""
    if name in facts.entities:
        return name
    folded = name.casefold()
    for entity in facts.entities.values():
        if entity.name.casefold() == folded or entity.id == folded or \
                any(alias.casefold() == folded for alias in entity.aliases):
            return entity.id
    return None


def _when(draft: ClaimDraft, passage: str, problems: list[tuple[str, str]]
          ) -> dict[str, Any] | None:
    date = draft.when.strip()
    if not date:
        return None
    wrong = partial_date_error(date)
    if wrong is not None:
        problems.append(("when", wrong))
        return None
    when: dict[str, Any] = {"date": date}
    if draft.inference.strip():
        when.update(basis="inferred", inference=" ".join(draft.inference.split()))
    stated = draft.when_stated.strip()
    if stated and stated not in passage:
        # shown as the source's words ("When: 2027 (“spring 2027”)"): they must be
        problems.append(("when_stated", "the date's words must be the passage's, verbatim"))
    elif stated:
        when["stated"] = stated
    return when


def _quote(facts: FactBase, draft: ClaimDraft, passage: str, new: list[dict[str, Any]],
           problems: list[tuple[str, str]]) -> dict[str, Any]:
    speaker = entity_named(facts, draft.speaker.strip()) if draft.speaker.strip() else None
    if speaker is None:
        speaker = next((e["id"] for e in new if e["name"].casefold() ==
                        draft.speaker.strip().casefold()), None)
    if speaker is None:
        problems.append(("speaker", "a quote needs its speaker: an entity of the file, or one "
                                    "named in 'about'"))
    words = draft.words.strip()
    if not words:
        problems.append(("words", "a quote needs the words it attributes"))
    elif words not in passage:
        problems.append(("words", "the quoted words must be in the selected passage, "
                                  "verbatim"))
    if draft.mode not in ("direct", "reported"):
        problems.append(("mode", "a quote is 'direct' (in quotation marks) or 'reported'"))
    elif draft.mode == "direct" and words and words in passage and not _in_quotation_marks(
            passage, words):
        # a paraphrase saved as direct speech is cited in quotation marks, words the speaker
        # never said as they stand (found by a tester)
        problems.append(("mode", "direct speech is words the passage prints in quotation "
                                 "marks; these are not: choose 'reported'"))
    return {"speaker": speaker or "", "mode": draft.mode, "words": words}


_SINGLE_QUOTED_RE = re.compile("‘[^‘’]{2,}’")
"""Single curly marks, as British papers quote: ‘…’ (a lone ’ is an apostrophe)."""


def _in_quotation_marks(passage: str, words: str) -> bool:
    spans = [*quotations_in(passage),
             *((m.start(), m.end()) for m in _SINGLE_QUOTED_RE.finditer(passage))]
    return any(words in passage[a:b] for a, b in spans)


def _figure(draft: ClaimDraft, passage: str, problems: list[tuple[str, str]]
            ) -> dict[str, Any]:
    figure: dict[str, Any] = {}
    if not draft.measure.strip():
        problems.append(("measure", "say what the figure counts (\"vehicle sales\")"))
    value = _number(draft.value)
    if value is None:
        problems.append(("value", "the value is a number, in its unit (1.2 million is "
                                  "1200000)"))
    if not draft.unit.strip():
        problems.append(("unit", "the unit: vehicles, percent, currency, people…"))
    stated = draft.stated.strip()
    if not stated:
        problems.append(("stated", "the figure as the passage writes it (\"48,000 units\")"))
    elif stated not in passage:
        problems.append(("stated", "the stated figure must be in the selected passage, "
                                   "verbatim"))
    elif value is not None and not agrees(value, stated):
        problems.append(("value", f"the value does not agree with {stated!r}"))
    unit = draft.unit.strip()
    figure.update(measure=" ".join(draft.measure.split()), value=value, unit=unit)
    if unit == "currency":
        if not re.fullmatch(r"[A-Z]{3}", draft.currency.strip()):
            problems.append(("currency", "a currency figure needs its ISO 4217 code (GBP)"))
        figure["currency"] = draft.currency.strip()
    figure["stated"] = stated
    if draft.qualifier and draft.qualifier != "exact":
        figure["qualifier"] = draft.qualifier
    period = _period(draft.period.strip())
    if period is not None:
        figure["period"] = period
    return figure


def _number(typed: str) -> int | float | None:
    plain = typed.strip().replace(",", "").replace("_", "")
    if re.fullmatch(r"-?\d+", plain):
        return int(plain)
    if re.fullmatch(r"-?\d+\.\d+", plain):
        return float(plain)
    return None


def _period(label: str) -> dict[str, Any] | None:
    """A period from its label, with dates when the label is one ("2025") or a range of two
    ("2010-2017")."""
    if not label:
        return None
    period: dict[str, Any] = {"label": label}
    if partial_date_error(label) is None:
        period.update(start=label, end=label)
    elif (found := _RANGE_RE.match(label)) and not any(map(partial_date_error,
                                                           found.groups())):
        period.update(start=found.group(1), end=found.group(2))
    return period
