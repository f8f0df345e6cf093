"""What the capture form proposes for a passage the user selected in the reader (issue 14).

Everything proposed comes from the selection's own words: the figure it states (its value,
unit, hedging word and the words it is stated in), the period a year in it names, the words
in its quotation marks, the entities whose names or aliases it uses. The user sees each in the
form and changes what is wrong; nothing proposed reaches the file unseen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

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


def propose(facts: FactBase, source_id: str, start: int, end: int,
            focus: int | None = None) -> Proposal:
    """What text[start:end] proposes; `focus` is where the user's eye is (the figure or
    quotation `t` took the cursor to): of several, that one."""
    text = facts.texts[source_id]
    passage = text[start:end]
    figures = list(figures_in(text, start, end)) or list(figures_in(text, start, end,
                                                                      every=True))
    quotes = list(quotations_in(text, start, end))
    numbers = [(f.start, f.end) for f in figures_in(text, start, end, every=True)]
    # a year that counts something ("2000 cars") is no date
    dates = [d for d in dates_in(text, start, end)
             if not any(a < d.end and d.start < b for a, b in numbers)]
    about = mentioned(facts, passage)
    figure = _at(figures, focus, lambda f: (f.start, f.end))
    quote = _at(quotes, focus, lambda q: q)
    on_figure = focus is not None and figure is not None and figure.start <= focus < figure.end
    if quotes and not on_figure:
        kind = "quote"
    elif figures:
        kind = "figure"
    elif dates:
        kind = "event"
    else:
        kind = "statement"
    proposal = Proposal(kind, " ".join(passage.split()), about, figure=figure)
    if dates:  # the one nearest the figure (a dateline is far from it)
        near = figure.start if figure is not None else start
        date = min(dates, key=lambda d: abs(d.start - near))
        proposal.period = proposal.when = date.date
        proposal.when_stated = date.stated
    if quote is not None:
        _propose_quote(facts, proposal, text, quote)
    return proposal


T = TypeVar("T")


def _at(found: list[T], focus: int | None, span: Callable[[T], tuple[int, int]]) -> T | None:
    """The item holding `focus`, else the first after it, else the first."""
    if not found:
        return None
    if focus is not None:
        for item in found:
            if span(item)[1] > focus:
                return item
    return found[0]


def _propose_quote(facts: FactBase, proposal: Proposal, text: str,
                   quote: tuple[int, int]) -> None:
    a, b = quote
    proposal.words = text[a + 1:b - 1].strip(" ,.")
    proposal.mode = "direct"
    proposal.speaker = next((e for e in proposal.about if facts.entities[e].kind == "person"),
                            "")
    if proposal.speaker and proposal.kind == "quote":  # as the bundled quotes read:
        # "Gong Yueqiong: “We are establishing a British business”."
        proposal.text = f"{facts.entities[proposal.speaker].name}: “{proposal.words}”."


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


_SMALL_WORDS = frozenset({"the", "a", "an", "of", "to", "and", "in", "on", "for", "its",
                          "is", "was", "were", "are", "be", "by", "at", "as", "with", "from",
                          "that", "this", "it", "will", "has", "had", "have", "we", "i", "our",
                          "you", "they", "during", "before", "after", "since", "until",
                          "while", "when", "into", "over", "than"})


def slug_words(words: str) -> list[str]:
    """The words of an id: lower case ASCII letters and digits, a possessive's "s" and
    small words left out ("Chery's" is "chery", not "chery-s")."""
    plain = unicodedata.normalize("NFKD", re.sub(r"(?<=\w)['’]s\b", "", words))
    folded = plain.encode("ascii", "ignore").decode().lower()
    return [w for w in re.findall(r"[a-z0-9]+", folded) if w not in _SMALL_WORDS]


def slug(words: str, most: int = 5) -> str:
    """An id's worth of the first words, hyphened."""
    return "-".join(slug_words(words)[:most]) or "claim"


def unique_id(facts: FactBase, wanted: str) -> str:
    """`wanted` cut to an id's length, with -2, -3… when the file already uses it."""
    def taken(ident: str) -> bool:  # no union of every id: the form asks on each keystroke
        return ident in facts.claims or ident in facts.entities or ident in facts.sources

    base = wanted[:100].strip("-.") or "claim"
    ident, n = base, 2
    while taken(ident):
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
