"""The entity tree: which entity sits under which, the tree's sections, and what lies below
an entity (for filters).

A fact file is untrusted: its links may form a chain tens of thousands deep, or cycles. Every
walk here is a loop over an explicit stack or a dictionary (no recursion, which ended at a
depth of about a thousand), and each visits an entity a bounded number of times, so building
the tree and breaking its cycles are linear in the number of entities and what lies below an
entity is linear in the size of its subtree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Entity

# Links that place an entity under another in the tree (first such link wins).
_TREE_LINKS = ("brand-of", "model-of", "part-of", "subsidiary-of", "platform-of", "owned-by")
# `located-in` nests places only: a company or an outlet in China is not a part of China.
_PLACE_LINKS = ("located-in",)

_SECTIONS = (
    ("Partners and rivals", {"company", "brand", "model", "platform", "technology",
                             "facility"}),
    ("People", {"person"}),
    ("Places", {"place"}),
    ("Organisations, government and media", {"organisation", "government-body",
                                             "media-outlet"}),
)

@dataclass(slots=True)
class TreeNode:
    label: str
    entity_id: str | None = None
    """None for a section heading."""
    children: list[TreeNode] = field(default_factory=list)


def entity_label(entity: Entity) -> str:
    return f"{entity.name} — {entity.role}" if entity.role else entity.name


def tree_parents(facts: FactBase) -> dict[str, str]:
    """Entity id -> the entity it sits under, in file order, with every cycle broken."""
    parents: dict[str, str] = {}
    for entity in facts.entities.values():
        for link in entity.links:
            nests = link.type in _TREE_LINKS or (link.type in _PLACE_LINKS and
                                                 entity.kind == "place")
            if nests and link.target in facts.entities:
                parents[entity.id] = link.target
                break
    _break_cycles(parents, facts)
    return parents


def _break_cycles(parents: dict[str, str], facts: FactBase) -> None:
    """Detach one entity from each cycle: the cycle's first in file order, which is where a
    walk up from it closes the cycle.

    Each entity has at most one parent, so a walk up from an entity either ends at a root or
    runs into a cycle. The walks start from each entity in file order and stop at the first
    entity an earlier walk reached: every entity is walked through once, and a cycle is met
    whole by exactly one walk. An entity on a tail leading into a cycle keeps its parent.
    """
    reached: dict[str, int] = {}  # entity -> the walk that first reached it
    cycles: list[list[str]] = []
    for walk, start in enumerate(parents):
        if start in reached:
            continue
        node: str | None = start
        while node is not None and node not in reached:
            reached[node] = walk
            node = parents.get(node)
        if node is not None and reached[node] == walk:  # this walk went round a cycle
            cycle = [node]
            at = parents[node]
            while at != node:
                cycle.append(at)
                at = parents[at]
            cycles.append(cycle)
    if cycles:  # a cycle's entities were all reached: the walks after it stop short of it
        rank = {ident: n for n, ident in enumerate(facts.entities)}
        for cycle in cycles:
            del parents[min(cycle, key=rank.__getitem__)]


@dataclass(slots=True)
class Hierarchy:
    """The tree's links, both ways, prepared once per load."""

    parents: dict[str, str]
    children: dict[str, list[str]]
    """Entity id -> the entities directly under it, in file order."""

    @classmethod
    def of(cls, facts: FactBase) -> Hierarchy:
        parents = tree_parents(facts)
        children: dict[str, list[str]] = {}
        for child, parent in parents.items():
            children.setdefault(parent, []).append(child)
        return cls(parents, children)

    def concerned(self, entity_id: str) -> frozenset[str]:
        """The entity and everything below it in the tree (a brand's models, a place's
        towns): a walk over its subtree only (the browser keeps what it found per filter)."""
        below = {entity_id}
        stack = [entity_id]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in below:  # `of` broke every cycle; one made by hand may not
                    below.add(child)
                    stack.append(child)
        return frozenset(below)


def entity_tree(facts: FactBase, hierarchy: Hierarchy | None = None) -> list[TreeNode]:
    """Sections: each group with its brands and models; partners and rivals; people; places;
    organisations, government and media."""
    parents = hierarchy.parents if hierarchy is not None else tree_parents(facts)
    # One node per entity, then each hung under its parent: no walk down the tree at all.
    nodes = {ident: TreeNode(entity_label(entity), ident)
             for ident, entity in facts.entities.items()}
    for child, parent in parents.items():
        nodes[parent].children.append(nodes[child])
    roots = [e for e in facts.entities.values() if e.id not in parents]
    sections: list[TreeNode] = [nodes[e.id] for e in roots if e.kind == "group"]
    for title, kinds in _SECTIONS:
        members = [nodes[e.id] for e in roots if e.kind in kinds]
        if members:
            sections.append(TreeNode(title, None, members))
    return sections


def concerned_entities(facts: FactBase, entity_id: str) -> frozenset[str]:
    """`Hierarchy.concerned` without a prepared hierarchy (linear in the entities)."""
    return Hierarchy.of(facts).concerned(entity_id)
