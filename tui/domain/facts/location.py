"""What the browser can show: a claim, an entity, a source (at a passage), a table, a finding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["claim", "entity", "source", "table", "finding"]


@dataclass(frozen=True, slots=True)
class Location:
    """Identity only: what is shown, never where it was opened from (that travels in the
    message that opens it), so the same item reached from any pane is the same place."""

    kind: Kind
    ident: str
    """The item's id; for a finding, its key (`Finding.key`)."""
    passage: int | None = None
    """For a source: the offset of the passage shown (a cited passage, or a line)."""
    claim: str | None = None
    """For a cited passage: the claim whose citation it is. Several claims' citations can
    start at the same offset, and each cites its own words."""
    citation: int | None = None
    """For a cited passage: which of that claim's citations (its index)."""
