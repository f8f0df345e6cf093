"""The marks in every list, shown only when they tell something: a claim in the basket, a
claim disputed (a contradiction or a tension), a claim backed by two or more sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from tui.widgets.palette import Palette

if TYPE_CHECKING:
    from tui.domain.crossref.cross_index import CrossIndex

_DISPUTE = {"contradiction": "✗", "tension": "!"}


def claim_marks(palette: Palette, basket: set[str], xref: CrossIndex | None,
                claim_id: str) -> Text:
    """Two cells: '●' for the basket, '✗' or '!' for a dispute; spaces otherwise."""
    text = Text("●", style=palette.basket) if claim_id in basket else Text(" ")
    dispute = xref.disputed(claim_id) if xref is not None else None
    if dispute is not None and dispute in _DISPUTE:
        text.append(_DISPUTE[dispute], style=palette.finding(dispute))
    else:
        text.append(" ")
    return text


def sources_badge(palette: Palette, xref: CrossIndex | None, claim_id: str) -> Text:
    """' · 2 sources' when two or more sources back the claim (its own or a corroborating
    claim's); nothing for the single source most claims have."""
    if xref is None:
        return Text("")
    count = len(xref.links.backing_sources(claim_id))
    return Text(f" · {count} sources", style=palette.corroborated) if count > 1 else Text("")
