"""Messages every pane sends up to the screen."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.navigation.history import Location


@dataclass
class Preview(Message):
    """The cursor rests on an item: show it in the detail area."""

    location: Location


@dataclass
class Open(Message):
    """The user chose an item (enter): go there, recording it in history."""

    location: Location
