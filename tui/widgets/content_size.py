"""A scrolling widget's content changed size: its scrollbars follow, and the screen is laid
out again only when a scrollbar comes or goes.

Textual treats a new virtual size as a layout change of the whole screen; for a widget whose
own size is the layout's (not its content's) that is a pass over every widget for nothing,
measured at a quarter of a key's time in the Detail and in the search results.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def set_content_size(widget: Widget, size: Size) -> None:
    if size == widget.virtual_size:
        return
    if widget.styles.auto_dimensions or not widget.is_mounted:
        widget.virtual_size = size  # its own size follows its content: a layout it is
        return
    scrollbars = (widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar)
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)  # the scrollbars' thumbs, and whether they show
    if (widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar) != scrollbars:
        widget.refresh(layout=True)  # a scrollbar came or went: it needs its place
    else:
        widget.refresh()
