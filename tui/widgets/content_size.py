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
    if not widget.is_mounted or _sized_by_content(widget, size):
        widget.virtual_size = size  # its own size follows its content: a layout it is
        return
    scrollbars = (widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar)
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)  # the scrollbars' thumbs, and whether they show
    if (widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar) != scrollbars:
        widget.refresh(layout=True)  # a scrollbar came or went: it needs its place
    else:
        widget.refresh()


def _sized_by_content(widget: Widget, size: Size) -> bool:
    """The change is in a dimension the widget's own size follows (`height: auto`): a list's
    new width, once laid out, is its layout's, not its content's (a list of auto height laid
    the screen out again after each resize, the series view's first opening among them)."""
    styles, now = widget.styles, widget.virtual_size
    width, height = styles.width, styles.height
    return (width is not None and width.is_auto and size.width != now.width) or \
        (height is not None and height.is_auto and size.height != now.height)
