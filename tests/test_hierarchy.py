"""The entity tree on untrusted hierarchies: chains thousands deep, cycles of every shape
(and a chain of claims related part to whole).

Linearity is shown by counting the lines of Python a step runs (`lines_run`), never by timing
it: doubling a chain must double the work, where a quadratic walk quadruples it.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from pydantic import TypeAdapter

from tui.domain.crossref.hierarchy import (
    Hierarchy,
    TreeNode,
    concerned_entities,
    entity_tree,
    tree_parents,
)
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import Entity

_ENTITY = TypeAdapter(Entity)


def entity(ident: str, kind: str = "brand", **links: str) -> Entity:
    """An entity with links (type -> target; `brand_of` for brand-of)."""
    return _ENTITY.validate_python({
        "id": ident, "name": ident.upper(), "kind": kind,
        "links": [{"type": t.replace("_", "-"), "target": to} for t, to in links.items()]})


def facts_of(links: dict[str, str | None]) -> FactBase:
    """Brands in this order, each a brand-of its target (None: no link)."""
    entities = {ident: entity(ident, **({"brand_of": target} if target else {}))
                for ident, target in links.items()}
    return FactBase(path=Path("facts.toml"), title="t", entities=entities)


def chain(size: int, bottom_up: bool = False) -> FactBase:
    """e0 a group, e1 a brand-of e0, ... e{size} a brand-of e{size - 1}."""
    order = range(size, -1, -1) if bottom_up else range(size + 1)
    facts = facts_of({f"e{n}": f"e{n - 1}" if n else None for n in order})
    facts.entities["e0"].kind = "group"
    return facts


def lines_run(step: Callable[[], object]) -> int:
    """Lines of Python executed while `step` runs: a measure of work no machine's load
    changes."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        step()
    finally:
        sys.settrace(previous)
    return count


def depth_first(sections: list[TreeNode]) -> list[tuple[str | None, int]]:
    """(entity id, depth) of every node, without recursing."""
    out = []
    stack = [(node, 0) for node in reversed(sections)]
    while stack:
        node, depth = stack.pop()
        out.append((node.entity_id, depth))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return out


# ── chains ─────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("size", [3_000, 30_000])
def test_a_chain_thousands_deep_builds_its_tree(size: int) -> None:
    """A chain of 3,000 ended the app in RecursionError; 30,000 took minutes."""
    facts = chain(size)
    parents = tree_parents(facts)
    assert len(parents) == size
    assert parents[f"e{size}"] == f"e{size - 1}"
    sections = entity_tree(facts)
    assert [s.entity_id for s in sections] == ["e0"]  # a group heads its own section
    nodes = depth_first(sections)
    assert nodes == [(f"e{n}", n) for n in range(size + 1)]
    hierarchy = Hierarchy.of(facts)
    assert hierarchy.concerned("e0") == {f"e{n}" for n in range(size + 1)}
    assert hierarchy.concerned(f"e{size - 1}") == {f"e{size - 1}", f"e{size}"}


@pytest.mark.parametrize("bottom_up", [False, True])
def test_breaking_cycles_is_linear_in_the_chain(bottom_up: bool) -> None:
    """Each entity was walked up to the root: a chain twice as long took four times the
    work."""
    short, long = chain(1_000, bottom_up), chain(2_000, bottom_up)
    ratio = lines_run(lambda: tree_parents(long)) / lines_run(lambda: tree_parents(short))
    assert ratio < 2.5


def test_building_the_tree_is_linear_in_the_chain() -> None:
    short, long = chain(1_000), chain(2_000)
    ratio = lines_run(lambda: entity_tree(long)) / lines_run(lambda: entity_tree(short))
    assert ratio < 2.5


@pytest.mark.parametrize("bottom_up", [False, True])
def test_what_lies_below_an_entity_is_linear_in_its_subtree(bottom_up: bool) -> None:
    """A filter swept every link until nothing changed (one pass per level on a chain written
    bottom up), after finding the tree again."""
    short, long = chain(1_000, bottom_up), chain(2_000, bottom_up)
    ratio = (lines_run(lambda: concerned_entities(long, "e0"))
             / lines_run(lambda: concerned_entities(short, "e0")))
    assert ratio < 2.5
    # once the tree is prepared, near the bottom of a long chain costs as little as in a short
    prepared_short, prepared_long = Hierarchy.of(short), Hierarchy.of(long)
    near_bottom_short = lines_run(lambda: prepared_short.concerned("e990"))
    near_bottom_long = lines_run(lambda: prepared_long.concerned("e1990"))
    assert near_bottom_long == near_bottom_short
    assert near_bottom_long * 50 < lines_run(lambda: prepared_long.concerned("e0"))


# ── cycles ─────────────────────────────────────────────────────────────────────────────

def test_a_self_link_is_dropped() -> None:
    assert tree_parents(facts_of({"a": "a", "b": "a"})) == {"b": "a"}


def test_a_two_cycle_detaches_its_first_entity_in_file_order() -> None:
    assert tree_parents(facts_of({"a": "b", "b": "a"})) == {"b": "a"}
    assert tree_parents(facts_of({"b": "a", "a": "b"})) == {"a": "b"}


def test_a_long_cycle_detaches_its_first_entity_in_file_order() -> None:
    # c0 -> c1 -> ... -> c9 -> c0, written in a shuffled order
    ring = {f"c{n}": f"c{(n + 1) % 10}" for n in range(10)}
    order = ["c4", "c7", "c0", "c2", "c9", "c1", "c3", "c5", "c6", "c8"]
    parents = tree_parents(facts_of({ident: ring[ident] for ident in order}))
    assert parents == {ident: ring[ident] for ident in order if ident != "c4"}
    assert [s.entity_id for s in entity_tree(facts_of({i: ring[i] for i in order}))[0]
            .children] == ["c4"]


def test_tails_into_a_cycle_keep_their_parents() -> None:
    """t2 -> t1 -> c1, c1 -> c2 -> c3 -> c1, a tree below the cycle (x under c3), the tails
    first in the file: only the cycle's first entity in file order (c2) is detached. The
    walk from each entity detached the tails written before the cycle too (t2, t1)."""
    links: dict[str, str | None] = {"t2": "t1", "t1": "c1", "c2": "c3", "x": "c3",
                                    "c3": "c1", "c1": "c2"}
    parents = tree_parents(facts_of(links))
    assert parents == {"t2": "t1", "t1": "c1", "x": "c3", "c3": "c1", "c1": "c2"}
    sections = entity_tree(facts_of(links))
    assert depth_first(sections) == [(None, 0), ("c2", 1), ("c1", 2), ("t1", 3), ("t2", 4),
                                     ("c3", 3), ("x", 4)]


def test_two_cycles_and_a_chain_into_one_of_them() -> None:
    links: dict[str, str | None] = {"p": "q", "a": "b", "q": "p", "b": "c", "c": "a",
                                    "z": "y", "y": "b", "free": None}
    assert tree_parents(facts_of(links)) == {
        "q": "p", "b": "c", "c": "a", "z": "y", "y": "b"}


def _expected_parents(links: dict[str, str]) -> dict[str, str]:
    """The rule written plainly (and quadratically): an entity is on a cycle when walking up
    from it comes back to it; each cycle loses its first entity in file order."""
    on_cycle = {}
    for start in links:
        node, steps = links.get(start), 0
        while node is not None and node != start and steps <= len(links):
            node, steps = links.get(node), steps + 1
        if node == start:
            on_cycle[start] = True
    rank = {ident: n for n, ident in enumerate(links)}
    detached = set()
    for start in on_cycle:
        members = [start]
        node = links[start]
        while node != start:
            members.append(node)
            node = links[node]
        detached.add(min(members, key=rank.__getitem__))
    return {child: parent for child, parent in links.items() if child not in detached}


@pytest.mark.parametrize("seed", range(40))
def test_random_link_graphs_become_forests_by_the_rule(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randint(1, 60)
    idents = [f"n{k}" for k in range(size)]
    rng.shuffle(idents)
    links: dict[str, str | None] = {i: rng.choice(idents) if rng.random() < 0.9 else None
                                    for i in idents}
    facts = facts_of(links)
    parents = tree_parents(facts)
    assert parents == _expected_parents({c: p for c, p in links.items() if p is not None})
    # a forest: every entity once in the tree
    assert sorted(i for i, _ in depth_first(entity_tree(facts)) if i) == sorted(idents)


def test_places_nest_only_under_places_and_only_by_located_in() -> None:
    entities = [entity("china", "place"), entity("wuhu", "place", located_in="china"),
                entity("chery", "company", located_in="wuhu")]
    facts = FactBase(path=Path("facts.toml"), title="t", entities={e.id: e for e in entities})
    assert tree_parents(facts) == {"wuhu": "china"}


# ── chains of claims ───────────────────────────────────────────────────────────────────

def test_a_chain_of_3000_part_of_and_subset_of_relations_is_checked_and_shown(
        tmp_path: Path) -> None:
    """Each claim a part of (and a subset of) the next: the engine, the cross-index and the
    detail take each relation on its own, so a chain never recurses."""
    from tui.domain.crossref.consistency import find_all
    from tui.domain.crossref.cross_index import CrossIndex
    from tui.domain.facts.location import Location
    from tui.domain.loading.loader import load_facts
    from tui.domain.present.detail import detail_for

    size = 3_000
    sentences = [f"Unit {n} sold {n + 1} cars in 2024." for n in range(size + 1)]
    claims = [
        f'[[claims]]\nid = "c{n}"\nkind = "figure"\ntext = "{sentence}"\nabout = ["acme"]\n'
        f'status = "reported"\ncitations = [{{ source = "wire", exact = "{sentence}" }}]\n'
        f'[claims.figure]\nmeasure = "sales of unit {n}"\nvalue = {n + 1}\n'
        f'unit = "vehicles"\nstated = "{n + 1} cars"\n'
        'period = { label = "2024", start = "2024", end = "2024" }\n'
        for n, sentence in enumerate(sentences)]
    relations = [f'[[relations]]\nfrom = "c{n}"\ntype = "{kind}"\nto = "c{n + 1}"\n'
                 for n in range(size) for kind in ("part-of", "subset-of")]
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "wire.txt").write_text("\n".join(sentences), encoding="utf-8")
    path = tmp_path / "facts.toml"
    path.write_text(
        'format = 1\ntitle = "t"\n[[sources]]\nid = "wire"\ntitle = "Wire"\noutlet = "Wire"\n'
        'path = "sources/wire.txt"\npublished = { date = "2024-02-01" }\n'
        '[[entities]]\nid = "acme"\nname = "Acme"\nkind = "company"\n'
        + "\n".join(claims) + "\n".join(relations), encoding="utf-8")
    result = load_facts(path)
    assert result.facts is not None
    assert not result.problems
    findings = find_all(result.facts)
    assert sum(f.check == "subset" for f in findings) == size
    assert sum(f.check == "parts" for f in findings) == size
    xref = CrossIndex(result.facts, findings)
    for n in (0, size // 2, size):
        lines = [line.text for line in detail_for(result.facts, Location("claim", f"c{n}"),
                                                  xref.links, xref)]
        assert any(text.startswith("Relations") for text in lines)
