"""Fact files whose figures hold any number, written as raw TOML literals (`inf`, a 5,000-digit
integer, `0x…`), for the tests of what a valid figure is and of the engine's arithmetic."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.cli.main import _check


@dataclass
class F:
    id: str
    value: str
    """The TOML literal, written as is."""
    stated: str = "a number of cars"
    unit: str = "vehicles"
    measure: str = "sales"
    currency: str | None = None
    per: str | None = None
    qualifier: str = "exact"
    growth: tuple[str, str, str, str] | None = None
    """(value literal, unit, stated, compared_with)"""
    year: str | None = "2024"
    about: str = "acme"


@dataclass
class Facts:
    figures: list[F]
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    table: bool = True
    title: str = '"t"'
    occurrence: str | None = None
    """A literal for the first claim's citation's `occurrence`."""


def write(folder: Path, spec: Facts) -> Path:
    sentences, claims = [], []
    for n, f in enumerate(spec.figures):
        growth_words = f" ({f.growth[2]})" if f.growth else ""
        sentence = f"Figure {f.id}: {f.stated}{growth_words}."
        sentences.append(sentence)
        lines = [f"measure = {json.dumps(f.measure)}", f"value = {f.value}",
                 f"unit = {json.dumps(f.unit)}", f"stated = {json.dumps(f.stated)}",
                 f'qualifier = "{f.qualifier}"']
        if f.currency:
            lines.append(f'currency = "{f.currency}"')
        if f.per is not None:
            lines.append(f"per = {f.per}")
        if f.year:
            lines.append(f'period = {{ label = "{f.year}", start = "{f.year}", '
                         f'end = "{f.year}" }}')
        if f.growth:
            value, unit, stated, compared = f.growth
            lines.append(f"growth = {{ value = {value}, unit = {json.dumps(unit)}, "
                         f"stated = {json.dumps(stated)}, "
                         f"compared_with = {json.dumps(compared)} }}")
        occurrence = f", occurrence = {spec.occurrence}" if spec.occurrence and n == 0 else ""
        claims.append(
            f'\n[[claims]]\nid = "{f.id}"\nkind = "figure"\ntext = "{f.id}"\n'
            f'about = ["{f.about}"]\nstatus = "reported"\n'
            f"citations = [{{ source = \"s\", exact = {json.dumps(sentence)}{occurrence} }}]\n"
            f"[claims.figure]\n" + "\n".join(lines) + "\n")
    entities = sorted({f.about for f in spec.figures} | {"acme"})
    relations = "".join(f'\n[[relations]]\nfrom = "{a}"\ntype = "{t}"\nto = "{b}"\n'
                        for a, t, b in spec.relations)
    table = ""
    if spec.table and spec.figures:
        rows = ",\n".join(f'  {{ label = "{f.id}", entity = "{f.about}", '
                          f'cells = {{ n = "{f.id}" }} }}' for f in spec.figures)
        table = (f'\n[[tables]]\nid = "numbers"\ntitle = "Numbers"\n'
                 f'columns = [{{ id = "n", title = "N" }}]\nrows = [\n{rows},\n]\n')
    text = (f"format = 1\ntitle = {spec.title}\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\n"
            f'outlet = "O"\npath = "s.txt"\npublished = {{ date = "2025-01" }}\n'
            + "".join(f'\n[[entities]]\nid = "{e}"\nname = "{e}"\nkind = "company"\n'
                      for e in entities)
            + "".join(claims) + relations + table)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "s.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    path = folder / "f.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, claim_id: str, key: str) -> int:
    """The line of `key = ` (at a line's start or inside an inline table) in claim
    `claim_id`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'id = "{claim_id}"')
    pattern = re.compile(rf"(^|[{{,]\s*){re.escape(key)} = ")
    for n in range(start, len(lines)):
        if pattern.search(lines[n]):
            return n + 1
    raise AssertionError((claim_id, key))


def _no_constant(name: str) -> Any:
    raise AssertionError(f"{name} in the JSON output: not valid JSON")


def check(path: Path) -> tuple[int, str, dict[str, Any]]:
    """`chery-tui check` in text and JSON; the JSON parsed strictly (no NaN or Infinity)."""
    text, data = io.StringIO(), io.StringIO()
    status, _ = _check(path, "text", text)
    json_status, _ = _check(path, "json", data)
    assert json_status == status
    return status, text.getvalue(), json.loads(data.getvalue(), parse_constant=_no_constant)
