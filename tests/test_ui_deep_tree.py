"""The Brands pane and the entity filter on a chain of entities thousands deep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets.tree import TreeNode as UINode

from tests.ui_helpers import app_for, option_texts, ready, static_text
from tui.bench.hierarchy import entity_id, write_hierarchy
from tui.domain.crossref.hierarchy import Hierarchy, TreeNode
from tui.domain.loading.loader import load_facts
from tui.screens.main import MainScreen
from tui.widgets.brands import DEEPEST_SHOWN, EntityTree
from tui.widgets.detail_pane import DetailPane
from tui.widgets.timeline import TimelinePane


def built(tree: EntityTree) -> list[tuple[UINode[str], int]]:
    """Every node the tree holds, with its level (the top of the tree is level 0), without
    recursing."""
    out = []
    stack = [(node, 0) for node in reversed(tree.root.children)]
    while stack:
        node, level = stack.pop()
        out.append((node, level))
        stack.extend((child, level + 1) for child in reversed(node.children))
    return out


def main_of(app: Any) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_filtering_by_the_top_and_the_bottom_of_a_chain_3000_deep(tmp_path: Path
                                                                        ) -> None:
    """The app ended in RecursionError while preparing the tree of such a file."""
    size = 3_000
    app = app_for(write_hierarchy(tmp_path, size), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        timeline = screen.query_one(TimelinePane)
        tree = screen.query_one(EntityTree)
        everything = [t for t in option_texts(timeline) if "reported news" in t]
        assert len(everything) == 6  # about the top three and the bottom three

        await pilot.press("2", "g", "f")  # the Brands pane; its first entity: the group
        await pilot.pause()
        assert screen.filter_entity == entity_id(0)
        assert "Filter: Group and 3000 below it" in static_text(screen.query_one("#filter"))
        assert [t for t in option_texts(timeline) if "reported news" in t] == everything

        # down the chain to the deepest level shown nested, where the rest is listed flat
        for _ in range(DEEPEST_SHOWN):
            await pilot.press("right", "j")  # open the branch, down to its one child
        await pilot.press("f")
        await pilot.pause()
        assert screen.filter_entity == entity_id(DEEPEST_SHOWN)
        await pilot.press("right", "G", "f")  # opened, its last line: the bottom of the chain
        await pilot.pause()
        assert screen.filter_entity == entity_id(size)
        bar = static_text(screen.query_one("#filter"))
        assert "Filter: Brand 3000" in bar
        assert "below it" not in bar
        assert [t.strip() for t in option_texts(timeline) if "reported news" in t] == \
            ["2024-01-05  wire  Brand 3000 reported news on day 3000."]
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == entity_id(size)
        assert tree.cursor_node.label.plain.startswith("Brand 3000 · level 3,000")  # type: ignore[union-attr]
        assert "entity · brand · e003000" in option_texts(screen.query_one(DetailPane))
        assert max(level for _, level in built(tree)) == DEEPEST_SHOWN + 1

        await pilot.press("x")  # and back to everything
        await pilot.pause()
        assert [t for t in option_texts(timeline) if "reported news" in t] == everything


async def test_a_filter_walks_the_tree_once_however_often_the_panes_refresh(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every refresh of the panes (a basket mark, the cross-references arriving) and the
    filter bar found the entities below the filter's again, each time building the tree."""
    walks: list[str] = []
    concerned = Hierarchy.concerned

    def counted(self: Hierarchy, ident: str) -> frozenset[str]:
        walks.append(ident)
        return concerned(self, ident)

    monkeypatch.setattr(Hierarchy, "concerned", counted)
    app = app_for(write_hierarchy(tmp_path, 50), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = main_of(app)
        app.session.filter_entity = entity_id(10)
        screen.show_filter()
        await pilot.pause()
        await pilot.press("1", "space", "space")  # basket marks: the lists draw again
        screen.refresh_lists()
        await pilot.pause()
        assert walks == [entity_id(10)]
        app.session.filter_entity = entity_id(0)
        screen.show_filter()
        app.session.filter_entity = entity_id(10)  # a filter used before: looked up
        screen.show_filter()
        await pilot.pause()
        assert walks == [entity_id(10), entity_id(0)]


class _TreeOnly(App[None]):
    def __init__(self, sections: list[TreeNode]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        yield EntityTree(id="brands")

    def on_mount(self) -> None:
        self.query_one(EntityTree).show_tree(self.sections)


@pytest.mark.slow
async def test_the_tree_shows_and_selects_the_bottom_of_a_chain_30000_deep(tmp_path: Path
                                                                          ) -> None:
    """Listing the tree, adding its branches and Textual laying out their lines each
    recursed once a level: RecursionError at 30,000 levels (and n² steps for Textual)."""
    from tui.domain.crossref.hierarchy import entity_tree

    size = 30_000
    facts = load_facts(write_hierarchy(tmp_path, size, claims_about=0)).facts
    assert facts is not None
    app = _TreeOnly(entity_tree(facts))
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(EntityTree)
        assert [node.data for node, _ in built(tree)] == [entity_id(0)]  # built lazily
        assert tree.select_entity(entity_id(size))
        await pilot.pause()
        await pilot.pause()
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == entity_id(size)
        nodes = built(tree)
        assert len(nodes) == size + 1
        opened = [node.data for node, _ in nodes if node.is_expanded and node.children]
        assert opened == [entity_id(n) for n in range(DEEPEST_SHOWN + 1)]
        assert max(level for _, level in nodes) == DEEPEST_SHOWN + 1
        shown = [tree.render_line(y).text for y in range(tree.size.height)]
        assert any("Brand 30000 · level 30,000" in line for line in shown)
        # and the middle of the chain, from the top again
        assert tree.select_entity(entity_id(size // 2))
        await pilot.pause()
        assert tree.cursor_node is not None
        assert tree.cursor_node.data == entity_id(size // 2)
