"""The line at the top of every screen: Textual's Header as it looks (the icon that opens the
command palette, the title and sub-title centred), drawn as one widget.

Textual's Header is four widgets, and its title is set by four watchers, each laying the
screen out again once mounted: a quarter of the time a screen took to open the first time
(the series view's, measured against the same screen without it).
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.widget import Widget

_ICON = "⭘"
_ICON_CELLS = 8
"""The icon's place at the left, as Textual's HeaderIcon (padded by one each side)."""
_CLOCK_CELLS = 10
"""Left free at the right, where Textual's Header keeps its clock's place."""


class ScreenHeader(Widget):
    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            for name in ("title", "sub_title"):
                self.watch(node, name, self._retitled, init=False)

    def _retitled(self) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        middle = max(self.size.width - _ICON_CELLS - _CLOCK_CELLS, 0)
        shown = app.format_title(title, sub_title).truncate(middle, ellipsis=True)
        left = (middle - shown.cell_length) // 2
        # (Content.center pads its right side by all but the left's padding: too wide)
        shown = shown.pad(left, middle - shown.cell_length - left)
        icon = Content(f" {_ICON}".ljust(_ICON_CELLS))
        return Content.assemble(icon, shown, " " * _CLOCK_CELLS)

    async def on_click(self, event: Click) -> None:
        if event.x < _ICON_CELLS and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
