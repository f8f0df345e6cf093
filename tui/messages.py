"""Messages every list sends up: the screen previews, the App opens (and records history).

A message carries what is shown (the `Location`, identity only) and where it came from (the
pane or view that sent it), which decides what the screen and the App do with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.domain.facts.location import Location


@dataclass
class Preview(Message):
    """The cursor rests on an item: show it in the detail area."""

    location: Location
    origin: str
    """The pane or view it rests in: "timeline", "detail", "search", "conflicts", …"""


@dataclass
class Open(Message):
    """The user chose an item (enter): go there, recording it in history. Bubbles up to the
    App, which owns navigation."""

    location: Location
    origin: str
    """Where it was chosen: "timeline", "palette", "reader", "health", …"""
