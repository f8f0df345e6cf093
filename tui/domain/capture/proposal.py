"""What the capture form proposes for a passage the user selected in the reader (issue 14).

Everything proposed comes from the selection's own words: the figure it states (its value,
unit, hedging word and the words it is stated in), the period a year in it names, the words
in its quotation marks, the entities whose names or aliases it uses. The user sees each in the
form and changes what is wrong; nothing proposed reaches the file unseen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tui.domain.capture.spotting import SpottedFigure, dates_in, figures_in, quotations_in
from tui.domain.facts.factbase import FactBase


@dataclass
class Proposal:
    kind: str
    text: str
    about: list[str]
    status: str = "reported"
    figure: SpottedFigure | None = None
    period: str = ""
    """The period's label and dates, a year or a month the selection names ("2025")."""
    when: str = ""
    when_stated: str = ""
    speaker: str = ""
    mode: str = "reported"
    """`direct` only when the passage has words in quotation marks."""
    words: str = ""
    notes: list[str] = field(default_factory=list)


def propose(facts: FactBase, source_id: str, start: int, end: int) -> Proposal:
    text = facts.texts[source_id]
    passage = text[start:end]
    figures = list(figures_in(text, start, end)) or list(figures_in(text, start, end,
                                                                      every=True))
    quotes = list(quotations_in(text, start, end))
    dates = list(dates_in(text, start, end))
    about = mentioned(facts, passage)
    speaker = next((e for e in about if facts.entities[e].kind == "person"), "")
    if quotes:
        kind = "quote"
    elif figures:
        kind = "figure"
    elif dates:
        kind = "event"
    else:
        kind = "statement"
    proposal = Proposal(kind, " ".join(passage.split()), about)
    if figures:
        proposal.figure = figures[0]
    if dates:
        proposal.period = proposal.when = dates[0].date
        proposal.when_stated = dates[0].stated
    if quotes:
        a, b = max(quotes, key=lambda q: q[1] - q[0])
        proposal.words = text[a + 1:b - 1].strip(" ,.")
        proposal.speaker, proposal.mode = speaker, "direct"
        if speaker:  # as the bundled quotes read: "Gong Yueqiong: “We are …”."
            proposal.text = f"{facts.entities[speaker].name}: “{proposal.words}”."
    return proposal


def mentioned(facts: FactBase, passage: str) -> list[str]:
    """The entities whose name or an alias the passage uses, as whole words, in the order
    they first appear."""
    found: dict[str, int] = {}
    for entity in facts.entities.values():
        for name in (entity.name, *entity.aliases):
            at = _find_word(passage, name)
            if at >= 0 and (entity.id not in found or at < found[entity.id]):
                found[entity.id] = at
    return sorted(found, key=lambda e: found[e])


def _find_word(text: str, word: str) -> int:
    match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    return -1 if match is None else match.start()


def slug(words: str, most: int = 5) -> str:
    """An id's worth of the first words: lower case ASCII letters and digits, hyphened."""
    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower()
    kept = [w for w in re.findall(r"[a-z0-9]+", plain)
            if w not in {"the", "a", "an", "of", "to", "and", "in", "on", "for", "its"}]
    return "-".join(kept[:most]) or "claim"


def unique_id(facts: FactBase, wanted: str) -> str:
    """`wanted` cut to an id's length, with -2, -3… when the file already uses it."""
    taken = facts.claims.keys() | facts.entities.keys() | facts.sources.keys()
    base = wanted[:100].strip("-.") or "claim"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def completion(facts: FactBase, piece: str) -> str | None:
    """The entity id, name or alias `piece` begins (case apart), for completing what the user
    types: the shortest such, names before ids; None when none or `piece` is empty."""
    if not piece:
        return None
    folded = piece.casefold()
    best: str | None = None
    for entity in facts.entities.values():
        for name in (entity.name, *entity.aliases, entity.id):
            if name.casefold().startswith(folded) and len(name) > len(piece) and \
                    (best is None or len(name) < len(best)):
                best = name
    return best
