"""Helpers for pilot tests: open the app, read what a widget shows as plain text."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, OptionList, Static, Tree

from tui.app import CheryApp, make_app
from tui.bundled import bundled_facts_path


def app_for(path: Path | None = None) -> CheryApp:
    return make_app(path or bundled_facts_path())


def option_texts(widget: OptionList) -> list[str]:
    texts = []
    for index in range(widget.option_count):
        prompt = widget.get_option_at_index(index).prompt
        texts.append(getattr(prompt, "plain", str(prompt)))
    return texts


def tree_labels(tree: Tree[str]) -> list[str]:
    labels = []

    def walk(node: object) -> None:
        for child in node.children:  # type: ignore[attr-defined]
            labels.append(child.label.plain)
            walk(child)

    walk(tree.root)
    return labels


def table_texts(table: DataTable[object]) -> list[list[str]]:
    rows = []
    for row in range(table.row_count):
        rows.append([getattr(c, "plain", str(c)) for c in table.get_row_at(row)])
    return rows


def static_text(widget: Static) -> str:
    visual = widget.visual
    return getattr(visual, "plain", str(visual))
