"""The marks in every list, shown only when they tell something: a claim in the basket, a
claim disputed (a contradiction or a tension), a claim backed by two or more sources."""

from __future__ import annotations

from rich.text import Text

from tui.domain.crossref.cross_index import CrossIndex

_DISPUTE = {"contradiction": ("✗", "bold red"), "tension": ("!", "bold yellow")}


def claim_marks(basket: set[str], xref: CrossIndex | None, claim_id: str) -> Text:
    """Two cells: '●' for the basket, '✗' or '!' for a dispute; spaces otherwise."""
    mark, style = _DISPUTE.get(xref.disputed(claim_id) or "", (" ", "")) \
        if xref is not None else (" ", "")
    return Text.assemble(("●" if claim_id in basket else " ", "green"), (mark, style))


def sources_badge(xref: CrossIndex | None, claim_id: str) -> Text:
    """' · 2 sources' when two or more sources back the claim (its own or a corroborating
    claim's); nothing for the single source most claims have."""
    if xref is None:
        return Text("")
    count = len(xref.links.backing_sources(claim_id))
    return Text(f" · {count} sources", style="green") if count > 1 else Text("")
