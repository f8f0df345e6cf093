"""The hint bar at the bottom of every screen: the keys that matter here, with short labels
(`⌫ back  / search  c cite  ? help`, as lazygit and k9s show them), the command palette on
the right. A click on a key presses it.

One line of text drawn again only when the keys it shows change. Textual's Footer builds a
widget per key and composed them all again on every change of focus: most of what `tab`
took (profiled).
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Click, Resize
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.widgets.palette import follow_theme

_GAP = "  "


class HintBar(Static):
    COMPONENT_CLASSES = {"hint-bar--key", "hint-bar--label", "hint-bar--disabled"}

    def __init__(self) -> None:
        super().__init__(id="hint-bar")
        self._shown: tuple[tuple[str, str, str, bool], ...] | None = None
        self._width = -1
        """The width drawn at."""
        self._keys: list[tuple[int, int, str]] = []
        """(first cell, past the last cell, key) of each hint drawn, for clicks."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        follow_theme(self, HintBar._redraw)
        self._draw()

    def _redraw(self) -> None:
        self._draw(force=True)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self._draw()

    def on_resize(self, event: Resize) -> None:
        # the palette's hint keeps to the right: drawn again for a new width only (a screen
        # opening is resized more than once at the same width)
        if event.size.width != self._width:
            self._draw(force=True)

    def _hints(self) -> tuple[tuple[str, str, str, bool], ...]:
        """(key, as shown, label, enabled) of every binding shown here, each action once.
        While the user types in an input (the search), only the keys of the input and the
        widgets around it: the screen's letters would type into it."""
        seen: set[str] = set()
        hints = []
        palette = None
        typing = isinstance(self.screen.focused, Input)
        for node, binding, enabled, _tip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and \
                    self.app.ENABLE_COMMAND_PALETTE:
                palette = (binding.key, self.app.get_key_display(binding),
                           binding.description, enabled)
                continue
            if not binding.show or binding.action in seen or \
                    (typing and node in (self.screen, self.app)):
                continue
            seen.add(binding.action)
            hints.append((binding.key, self.app.get_key_display(binding), binding.description,
                          enabled))
        return (*hints, *([palette] if palette else []))

    def _draw(self, force: bool = False) -> None:
        hints = self._hints()
        if hints == self._shown and not force:
            return
        self._shown, self._width = hints, self.size.width
        key_style = self.get_component_rich_style("hint-bar--key")
        label_style = self.get_component_rich_style("hint-bar--label")
        off_style = self.get_component_rich_style("hint-bar--disabled")
        text = Text(no_wrap=True, overflow="ellipsis")
        self._keys = []
        *main, last = hints or [("", "", "", False)]
        has_palette = bool(hints) and last[0] == self.app.COMMAND_PALETTE_BINDING
        items = main if has_palette else list(hints)
        for key, shown, label, enabled in items:
            text.append(" " if not text else _GAP)
            start = text.cell_len
            text.append(shown, key_style if enabled else off_style)
            text.append(f" {label}", label_style if enabled else off_style)
            self._keys.append((start, text.cell_len, key))
        if has_palette:
            key, shown, label, enabled = last
            tail = f"{shown} {label} "
            room = (self.size.width or 80) - text.cell_len - len(tail)
            if room >= 1:
                text.append(" " * room)
                start = text.cell_len
                text.append(shown, key_style)
                text.append(f" {label} ", label_style)
                self._keys.append((start, text.cell_len, key))
        self.update(text, layout=False)  # one line, whatever it says

    def on_click(self, event: Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
