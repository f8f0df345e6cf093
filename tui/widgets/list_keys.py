"""The keys every list answers to, on top of its arrows: j, k, g, G, home, end.

A widget that takes these provides `action_cursor_down`, `action_cursor_up`, `action_first`
and `action_last` (Textual's OptionList, DataTable and Tree have the first two).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

LIST_KEYS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
    # as in every list here: the first and last row (a table's own scrolled sideways)
    Binding("home,ctrl+home", "first", "First", show=False),
    Binding("end,ctrl+end", "last", "Last", show=False),
]
