"""Brands pane: the entity tree (groups, brands, models; partners; people; places)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import NodeID
from textual.widgets.tree import TreeNode as UINode

from tui.domain.crossref.hierarchy import TreeNode
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import one_line
from tui.messages import Open, Preview
from tui.widgets.list_keys import LIST_KEYS

_EXPAND_ALL_UP_TO = 400
"""Trees with at most this many entities are built whole and open two levels deep."""

DEEPEST_SHOWN = 10
"""The deepest level shown nested (the top of the tree is level 0); what lies deeper is
listed flat, each entity with its level, under its ancestor at this level. Real trees are a
few levels deep; a fact file can hold a chain of thousands. Textual's Tree lays its lines
out by recursion (a chain over about 1,000 deep ended in RecursionError) and keeps the whole
path to the root on every line (a chain n deep cost n² steps and memory), and its guides take
2 cells a level without ever scrolling sideways to the cursor: at 16 levels a name starts
past the edge of a 34-cell pane."""


def branch_scroll(top: int, height: int, cursor: int, first: int, last: int) -> int:
    """The scroll offset that shows the `cursor` line and as much of its branch (lines
    `first` to `last`) as fits in `height` lines, moving the view from `top` as little as
    it can: the cursor never leaves the view."""
    if height <= 0:
        return top
    if last - first + 1 <= height:  # the whole branch fits
        top = min(top, first) if first < top else max(top, last - height + 1)
    else:  # the cursor, then as much of what follows it as fits
        top = max(first, min(cursor, last - height + 1))
    return min(max(top, cursor - height + 1), cursor)


class EntityTree(Tree[str]):
    BORDER_TITLE = "Brands"
    BINDINGS = [
        *LIST_KEYS,
        Binding("right,l", "unfold", "Open the branch", show=False),
        Binding("left,h", "fold", "Close the branch, or go to its parent", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Entities", id=id, classes=classes)
        self.show_root = False
        self.auto_expand = False  # enter opens the entity; it never folds its branch away
        self.guide_depth = 2
        self._entity_nodes: dict[str, UINode[str]] = {}
        self.expanded: dict[str, None] = {}
        """The entities whose branches are open, in the order they were opened: kept with
        the user's state, so a restart opens the same ones."""
        self._domain_parent: dict[str, str | None] = {}
        self._shown = False
        self._wanted: str | None = None
        """An entity selected before the tree was shown (the browser fills it a turn after
        it mounts): selected once it is."""

    def show_tree(self, sections: list[TreeNode], claim_counts: dict[str, int] | None = None
                  ) -> None:
        """The tree; each entity with the number of claims about it, when given.

        Children are added when a node is first expanded, so a tree of thousands of
        entities costs only its top level up front. Small trees open two levels deep.
        Entities more than `DEEPEST_SHOWN` levels down are listed flat under their ancestor
        at that level.
        """
        self.clear()
        self._entity_nodes = {}
        self.expanded = {}
        self._pending: dict[NodeID, tuple[int, list[TreeNode]]] = {}
        """UI node -> the level of its children and the children, until it is expanded."""
        self._counts = claim_counts
        self._domain_parent = {}
        self._level: dict[str, int] = {}
        self._section_of: dict[str, UINode[str]] = {}
        """Entity at the top of the tree under a section heading -> the heading."""
        stack: list[tuple[TreeNode, str | None, int]] = [(s, None, 0) for s in sections]
        while stack:
            node, parent, level = stack.pop()
            if node.entity_id:
                self._domain_parent[node.entity_id] = parent
                self._level[node.entity_id] = level
            stack.extend((c, node.entity_id or parent, level + 1) for c in node.children)
        small = len(self._domain_parent) <= _EXPAND_ALL_UP_TO
        for section in sections:
            added = self._add(self.root, section, 0)
            if section.entity_id is None:
                for member in section.children:
                    if member.entity_id:
                        self._section_of[member.entity_id] = added
            if small:
                self._populate_all(added)
        self.root.expand()
        self._shown = True
        wanted, self._wanted = self._wanted, None
        if wanted is not None and self.select_entity(wanted):
            return
        # a cursor from the start: entering the pane, enter, f and c act on a row shown
        self.call_after_refresh(self._first_cursor)

    def _first_cursor(self) -> None:
        if self.cursor_line < 0 and self.last_line >= 0:
            self.move_cursor_to_line(0)

    def _populate_all(self, top: UINode[str]) -> None:
        """Every descendant now; the first two levels open (small trees only). Nodes are
        added and opened in the order a recursive walk would (depth first, each node after
        its descendants), without recursing."""
        stack = [(top, 0, iter(self._take_children(top)))]
        while stack:
            node, depth, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if depth < 2:
                    node.expand()
                continue
            added = self._add(node, *child)
            stack.append((added, depth + 1, iter(self._take_children(added))))

    def _take_children(self, node: UINode[str]) -> list[tuple[TreeNode, int, bool]]:
        """The node's children not yet added, with their level and whether they are listed
        flat: below `DEEPEST_SHOWN`, a node's whole subtree, depth first."""
        level, children = self._pending.pop(node.id, (0, []))
        if level <= DEEPEST_SHOWN:
            return [(child, level, False) for child in children]
        flat: list[tuple[TreeNode, int, bool]] = []
        stack = [(child, level) for child in reversed(children)]
        while stack:
            child, at = stack.pop()
            flat.append((child, at, True))
            stack.extend((c, at + 1) for c in reversed(child.children))
        return flat

    def _label(self, node: TreeNode, level: int | None = None) -> Text:
        label = Text(one_line(node.label), style="" if node.entity_id else "bold")
        if level is not None:
            label.append(f" · level {level:,}", style="italic")
        if node.entity_id and self._counts is not None:
            label.append(f" {self._counts.get(node.entity_id, 0)}", style="dim")
        return label

    def _add(self, parent: UINode[str], node: TreeNode, level: int, flat: bool = False
             ) -> UINode[str]:
        if flat:
            added = parent.add_leaf(self._label(node, level), data=node.entity_id)
        elif node.children:
            added = parent.add(self._label(node), data=node.entity_id, allow_expand=True)
            self._pending[added.id] = (level + 1, node.children)
        else:
            added = parent.add_leaf(self._label(node), data=node.entity_id)
        if node.entity_id:
            self._entity_nodes[node.entity_id] = added
        return added

    def _populate(self, node: UINode[str]) -> None:
        """Add the node's children (once) and expand it."""
        for child in self._take_children(node):
            self._add(node, *child)
        node.expand()

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if event.node.id in self._pending:
            self._populate(event.node)
        if event.node.data:
            self.expanded[event.node.data] = None

    @on(Tree.NodeCollapsed)
    def _collapsed(self, event: Tree.NodeCollapsed[str]) -> None:
        if event.node.data:
            self.expanded.pop(event.node.data, None)

    def open_branches(self, entity_ids: list[str]) -> None:
        """Open exactly these entities' branches (a saved view), the others closed."""
        wanted = set(entity_ids)
        for entity_id, node in list(self._entity_nodes.items()):
            if node.is_expanded and entity_id not in wanted:
                node.collapse()
        for entity_id in entity_ids:
            parent = self._domain_parent.get(entity_id)
            if parent is not None and parent not in wanted and \
                    self._level.get(entity_id, 0) <= DEEPEST_SHOWN:
                continue  # inside a closed branch: it stays hidden
            if self._reveal(entity_id):
                node = self._entity_nodes[entity_id]
                if node.allow_expand:
                    self._populate(node)

    def select_entity(self, entity_id: str) -> bool:
        """Open the branches down to the entity and move the cursor to it: the levels down
        to `DEEPEST_SHOWN` at most, however deep it is."""
        if not self._shown:
            self._wanted = entity_id
            return True
        if not self._reveal(entity_id):
            return False
        node = self._entity_nodes[entity_id]
        self.call_after_refresh(self._move_into_view, node)
        return True

    def _move_into_view(self, node: UINode[str]) -> None:
        """The cursor on `node`, scrolled so that the branch it is in (its parent's, which
        navigating there may just have opened) shows as far as it fits, the cursor always."""
        self.move_cursor(node)
        if node.line < 0:  # not drawn (a hidden pane): its first draw shows the cursor
            return
        head = node.parent if node.parent is not None and node.parent is not self.root \
            else node
        end = head
        while end.is_expanded and end.children:  # the branch's last line
            end = end.children[-1]
        first, last = max(head.line, 0), max(end.line, node.line)
        top = branch_scroll(round(self.scroll_offset.y), self.scrollable_content_region.height,
                            node.line, first, last)
        if top != round(self.scroll_offset.y):
            self.scroll_to(y=top, animate=False)

    def _reveal(self, entity_id: str) -> bool:
        """Open the branches down to the entity (not the entity's own); False when it is
        not in the tree."""
        if entity_id not in self._domain_parent:
            return False
        path = []
        ident: str | None = entity_id
        while ident is not None:
            path.append(ident)
            ident = self._domain_parent[ident]
        section = self._section_of.get(path[-1])
        if section is not None:
            self._populate(section)
        for ancestor in reversed(path[1:]):  # build the branches down to it
            node = self._entity_nodes.get(ancestor)
            if node is None or self._level[ancestor] > DEEPEST_SHOWN:
                break  # the rest are listed flat under the last one opened
            self._populate(node)
        node = self._entity_nodes.get(entity_id)
        if node is None:
            return False
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        return True

    @property
    def current_location(self) -> Location | None:
        node = self.cursor_node
        if node is None or not node.data:
            return None
        return Location("entity", node.data)

    def action_first(self) -> None:
        self.move_cursor_to_line(0)

    def action_last(self) -> None:
        self.move_cursor_to_line(max(0, self.last_line))

    @on(Tree.NodeHighlighted)
    def _preview(self, event: Tree.NodeHighlighted[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(Preview(Location("entity", event.node.data), "brands"))

    def action_unfold(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            self._populate(node)

    def action_fold(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    @on(Tree.NodeSelected)
    def _open(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.allow_expand:
            self._populate(event.node)  # opened, never folded (space folds)
        if event.node.data:
            self.post_message(Open(Location("entity", event.node.data), "brands"))
