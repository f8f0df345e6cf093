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

_EXPAND_ALL_UP_TO = 400
"""Trees with at most this many entities are built whole and open two levels deep."""


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
        """The tree; each entity with the number of claims about it, when given.

        Children are added when a node is first expanded, so a tree of thousands of
        entities costs only its top level up front. Small trees open two levels deep.
        """
        self.clear()
        self._entity_nodes = {}
        self._children: dict[int, list[TreeNode]] = {}
        self._counts = claim_counts
        self._domain_parent: dict[str, str | None] = {}
        self._domain_nodes: dict[str, TreeNode] = {}

        def index(node: TreeNode, parent: str | None) -> None:
            if node.entity_id:
                self._domain_parent[node.entity_id] = parent
                self._domain_nodes[node.entity_id] = node
            for child in node.children:
                index(child, node.entity_id or parent)

        for section in sections:
            index(section, None)
        small = len(self._domain_nodes) <= _EXPAND_ALL_UP_TO
        for section in sections:
            added = self._add(self.root, section)
            if small:
                self._populate_all(added, depth=0)
        self.root.expand()

    def _populate_all(self, node: UINode[str], depth: int) -> None:
        """Every descendant now; the first two levels open (small trees only)."""
        for child in self._children.pop(node.id, []):
            self._populate_all(self._add(node, child), depth + 1)
        if depth < 2:
            node.expand()

    def _label(self, node: TreeNode) -> Text:
        label = Text(one_line(node.label), style="" if node.entity_id else "bold")
        if node.entity_id and self._counts is not None:
            label.append(f" {self._counts.get(node.entity_id, 0)}", style="dim")
        return label

    def _add(self, parent: UINode[str], node: TreeNode) -> UINode[str]:
        if node.children:
            added = parent.add(self._label(node), data=node.entity_id, allow_expand=True)
            self._children[added.id] = node.children
        else:
            added = parent.add_leaf(self._label(node), data=node.entity_id)
        if node.entity_id:
            self._entity_nodes[node.entity_id] = added
        return added

    def _populate(self, node: UINode[str]) -> None:
        """Add the node's children (once) and expand it."""
        for child in self._children.pop(node.id, []):
            self._add(node, child)
        node.expand()

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if event.node.id in self._children:
            self._populate(event.node)

    def select_entity(self, entity_id: str) -> bool:
        if entity_id not in self._domain_nodes:
            return False
        path = []
        ident: str | None = entity_id
        while ident is not None:
            path.append(ident)
            ident = self._domain_parent.get(ident)
        for ancestor in reversed(path[1:]):  # build the branches down to it
            node = self._entity_nodes.get(ancestor)
            if node is not None:
                self._populate(node)
        node = self._entity_nodes.get(entity_id)
        if node is None:  # under a section heading not yet opened
            for section in self.root.children:
                self._populate(section)
                for ancestor in reversed(path[1:]):
                    found = self._entity_nodes.get(ancestor)
                    if found is not None:
                        self._populate(found)
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
