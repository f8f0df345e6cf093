"""The badge in every list: how many sources back an item and whether it is disputed."""

from __future__ import annotations

from rich.text import Text

from tui.domain.crossref.cross_index import CrossIndex

_DISPUTE = {"contradiction": ("✗", "bold red"), "tension": ("!", "bold yellow")}


def claim_badge(xref: CrossIndex | None, claim_id: str) -> Text:
    """'✗2src ' style: a dispute mark (or a space) and the number of backing sources."""
    if xref is None:
        return Text("")
    mark, style = _DISPUTE.get(xref.disputed(claim_id) or "", (" ", ""))
    count = len(xref.links.backing_sources(claim_id))
    return Text.assemble((mark, style), (f"{count}src ", "green" if count > 1 else "dim"))
