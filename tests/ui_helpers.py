"""Helpers for pilot tests: open the app, read what a widget shows as plain text."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Tree

from tui.app import CheryApp, make_app
from tui.bundled import bundled_facts_path
from tui.widgets.virtual_list import VirtualList


def app_for(path: Path | None = None, use_state: bool = True) -> CheryApp:
    return make_app(path or bundled_facts_path(), use_state=use_state)


def option_texts(widget: Widget) -> list[str]:
    """The rows of an OptionList or a VirtualList as plain text."""
    if isinstance(widget, VirtualList):
        return [widget.row_text(i).plain for i in range(widget.row_count)]
    assert isinstance(widget, OptionList)
    texts = []
    for index in range(widget.option_count):
        prompt = widget.get_option_at_index(index).prompt
        texts.append(getattr(prompt, "plain", str(prompt)))
    return texts


def tree_labels(tree: Tree[str]) -> list[str]:
    """Node labels without the trailing claim count ("Jaecoo 8" -> "Jaecoo")."""
    labels = []

    def walk(node: object) -> None:
        for child in node.children:  # type: ignore[attr-defined]
            label = child.label.plain
            labels.append(re.sub(r" \d+$", "", label) if child.data else label)
            walk(child)

    walk(tree.root)
    return labels


def table_texts(table: DataTable[Any]) -> list[list[str]]:
    rows = []
    for row in range(table.row_count):
        rows.append([getattr(c, "plain", str(c)) for c in table.get_row_at(row)])
    return rows


def static_text(widget: Widget) -> str:
    visual = widget.visual  # type: ignore[attr-defined]
    return getattr(visual, "plain", str(visual))


def focused_id(app: App[Any]) -> str | None:
    return app.focused.id if app.focused is not None else None


def view_rows(view: ScrollView) -> list[Strip]:
    """The rows a Line-API widget draws on screen now."""
    return [view.render_line(y) for y in range(view.scrollable_content_region.height)]


def styled_text(view: ScrollView, component: str) -> str:
    """The words drawn on screen in a component class's style (say, the lit passage), rows
    joined by spaces."""
    style = view.get_component_rich_style(component)
    words = []
    for strip in view_rows(view):
        row = "".join(s.text for s in strip if s.style is not None and s.style.color ==
                      style.color and s.style.bgcolor == style.bgcolor and
                      bool(s.style.bold) == bool(style.bold))
        words.extend(row.split())
    return " ".join(words)


async def ready(pilot: Any) -> None:
    """Wait until the worker has loaded the file and attached the cross-references (or shown
    the problems screen)."""
    from tui.screens.main import MainScreen
    from tui.screens.problems import ProblemsScreen

    app = pilot.app
    for _ in range(1000):
        await pilot.pause(0.01)
        screen = app.screen
        if isinstance(screen, ProblemsScreen) or (
                isinstance(screen, MainScreen) and screen.ready and app.xref is not None):
            break
    await pilot.pause()


async def searched(pilot: Any) -> None:
    """Wait until the search panel shows the results of the last query typed."""
    from tui.widgets.search_panel import SearchPanel

    panel = pilot.app.screen.query_one(SearchPanel)
    for _ in range(1000):
        await pilot.pause(0.005)
        if not panel.pending:
            break
    await pilot.pause()


async def copied(pilot: Any) -> None:
    """Wait until every copy has gone through the native clipboard tool (in a thread) and
    its notification is shown."""
    app = pilot.app
    for _ in range(1000):
        await pilot.pause(0.005)
        if not any(w.group == "clipboard" and not w.is_finished for w in app.workers):
            break
    await pilot.pause()


async def palette_go(pilot: Any, query: str) -> None:
    """Open the command palette, type `query`, wait for its matches and choose the first."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.4)
    await pilot.press("enter")
    for _ in range(5):
        await pilot.pause()


def last_notice(app: App[Any]) -> str:
    """The message of the newest notification shown."""
    notices = list(app._notifications)
    return str(notices[-1].message) if notices else ""


async def until(pilot: Any, condition: Callable[[], object], what: str,
                seconds: float = 20) -> None:
    """Wait until `condition()` holds (a bound that catches a hang, not a timing): a screen
    between its mounting and its widgets' counts as not yet."""
    from textual.css.query import NoMatches

    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)
        try:
            if condition():
                return
        except NoMatches:
            pass
    raise AssertionError(f"waited {seconds} s for {what}")


async def browser_on(pilot: Any, claim_id: str) -> None:
    """The browser, loaded, on `claim_id`."""
    from tui.domain.facts.location import Location

    await ready(pilot)
    pilot.app.navigate(Location("claim", claim_id))
    await pilot.pause()
