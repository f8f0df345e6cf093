"""Fact files whose entity tree is one long chain (or one wide level), and their timings.

`python -m tui.bench hierarchy --sizes 3000,30000` times building the tree, breaking its
cycles and filtering by an entity on such files. A chain is what a hostile or generated file
can hold and a real one never does: it is where recursion and quadratic walks show.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal, cast

Shape = Literal["chain", "chain-reversed", "wide", "cycle"]


def entity_id(n: int) -> str:
    return f"e{n:06d}"


def entity_name(n: int) -> str:
    return f"Brand {n}" if n else "Group"


def write_hierarchy(out: Path, size: int, shape: Shape = "chain", claims_about: int = 3
                    ) -> Path:
    """`out`/facts.toml: a group `e000000` and `size` brands below it.

    chain: each brand is a brand-of the one before it (e000001 under the group, e000002
    under e000001...), written top down; chain-reversed: the same chain written bottom up;
    wide: every brand directly under the group; cycle: the chain, with the group a brand-of
    the deepest brand. A dated claim is about each of the first and last `claims_about`
    entities of the file's order.
    """
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(exist_ok=True)
    entities = []
    for n in range(size + 1):
        kind = "group" if n == 0 else "brand"
        link = ""
        if n and shape != "wide":
            link = f'\nlinks = [{{ type = "brand-of", target = "{entity_id(n - 1)}" }}]'
        elif n:
            link = f'\nlinks = [{{ type = "brand-of", target = "{entity_id(0)}" }}]'
        elif shape == "cycle":
            link = f'\nlinks = [{{ type = "brand-of", target = "{entity_id(size)}" }}]'
        entities.append(f'[[entities]]\nid = "{entity_id(n)}"\nname = "{entity_name(n)}"\n'
                        f'kind = "{kind}"{link}\n')
    if shape == "chain-reversed":
        entities.reverse()
    about = sorted({*range(min(claims_about, size + 1)),
                    *range(max(0, size + 1 - claims_about), size + 1)})
    sentences = [f"{entity_name(n)} reported news on day {n}." for n in about]
    claims = []
    for n, sentence in zip(about, sentences, strict=True):
        day = 1 + n % 28
        claims.append(
            f'[[claims]]\nid = "news-{n}"\nkind = "event"\ntext = {json.dumps(sentence)}\n'
            f'about = ["{entity_id(n)}"]\nstatus = "reported"\n'
            f'when = {{ date = "2024-01-{day:02d}" }}\n'
            f'citations = [{{ source = "wire", exact = {json.dumps(sentence)} }}]\n')
    (out / "sources" / "wire.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    path = out / "facts.toml"
    path.write_text(
        'format = 1\ntitle = "A deep hierarchy"\n\n[[sources]]\nid = "wire"\ntitle = "Wire"\n'
        'outlet = "The Wire"\npath = "sources/wire.txt"\npublished = { date = "2024-02-01" }\n\n'
        + "\n".join(entities) + "\n" + "\n".join(claims), encoding="utf-8")
    return path


def _timed(step: Callable[[], object]) -> tuple[float | str, object]:
    started = time.perf_counter()
    try:
        value = step()
    except RecursionError:
        return "RecursionError", None
    return time.perf_counter() - started, value


def measure(path: Path, deepest: str) -> dict[str, float | str]:
    """Seconds for each step on the loaded file (or the error that ended it)."""
    from tui.domain.crossref import hierarchy as tree
    from tui.domain.crossref.links import Links
    from tui.domain.loading.loader import load_facts

    facts = load_facts(path).facts
    assert facts is not None
    links = Links(facts)
    row: dict[str, float | str] = {}
    row["cycles (tree_parents)"], _ = _timed(lambda: tree.tree_parents(facts))
    row["tree (entity_tree)"], _ = _timed(lambda: tree.entity_tree(facts))
    for name, ident in (("root", entity_id(0)), ("deepest", deepest)):
        def concerned(ident: str = ident) -> object:
            return links.claims_concerning(tree.concerned_entities(facts, ident))
        row[f"filter by {name}"], _ = _timed(concerned)
    # what a filter costs the browser, which prepared the hierarchy
    prepared = tree.Hierarchy.of(facts)
    row["filter by root, prepared"], _ = _timed(
        lambda: links.claims_concerning(prepared.concerned(entity_id(0))))
    return row


def run(sizes: list[int], work: Path, names: tuple[str, ...] = ("chain", "wide")) -> None:
    for shape in (cast(Shape, name) for name in names):
        for size in sizes:
            path = write_hierarchy(work / f"{shape}-{size}", size, shape)
            row = measure(path, entity_id(size))
            cells = ", ".join(f"{k} {v:.3f} s" if isinstance(v, float) else f"{k} {v}"
                              for k, v in row.items())
            print(f"{shape} {size}: {cells}", flush=True)
