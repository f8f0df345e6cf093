"""Brands pane: the entity tree (groups, brands, models; partners; people; places)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode as UINode

from tui.domain.history import Location
from tui.domain.safe import one_line
from tui.domain.views import TreeNode
from tui.messages import Open, Preview


class EntityTree(Tree[str]):
    BORDER_TITLE = "Brands"
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Entities", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._entity_nodes: dict[str, UINode[str]] = {}

    def show_tree(self, sections: list[TreeNode], claim_counts: dict[str, int] | None = None
                  ) -> None:
        """The tree; each entity with the number of claims about it, when given."""
        self.clear()
        self._entity_nodes = {}

        def add(parent: UINode[str], node: TreeNode, depth: int) -> None:
            label = Text(one_line(node.label), style="" if node.entity_id else "bold")
            if node.entity_id and claim_counts is not None:
                label.append(f" {claim_counts.get(node.entity_id, 0)}", style="dim")
            if node.children:
                child = parent.add(label, data=node.entity_id, expand=depth < 2)
                for grandchild in node.children:
                    add(child, grandchild, depth + 1)
            else:
                child = parent.add_leaf(label, data=node.entity_id)
            if node.entity_id:
                self._entity_nodes[node.entity_id] = child

        for section in sections:
            add(self.root, section, 0)
        self.root.expand()

    def select_entity(self, entity_id: str) -> bool:
        node = self._entity_nodes.get(entity_id)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self.move_cursor, node)
        return True

    @property
    def current_location(self) -> Location | None:
        node = self.cursor_node
        if node is None or not node.data:
            return None
        return Location("entity", node.data, pane="brands")

    def action_first(self) -> None:
        self.move_cursor_to_line(0)

    def action_last(self) -> None:
        self.move_cursor_to_line(max(0, self.last_line))

    @on(Tree.NodeHighlighted)
    def _preview(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(Preview(Location("entity", event.node.data, pane="brands")))

    @on(Tree.NodeSelected)
    def _open(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(Open(Location("entity", event.node.data, pane="brands")))
