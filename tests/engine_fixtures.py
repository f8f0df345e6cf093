"""Build small fact files for the consistency engine's tests: one source, figures from a spec."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts


@dataclass
class Fig:
    id: str
    stated: str
    value: float
    measure: str = "sales"
    unit: str = "vehicles"
    about: tuple[str, ...] = ("acme",)
    start: str | None = None
    end: str | None = None
    currency: str | None = None
    qualifier: str = "exact"
    per: int | None = None
    growth: tuple[float, str, str] | None = None
    """(value, stated, compared_with)"""


@dataclass
class Spec:
    figures: list[Fig]
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    extra: str = ""
    published: str = 'published = { date = "2025-01" }'


def build(tmp_path: Path, spec: Spec) -> FactBase:
    sentences = []
    claims = []
    for f in spec.figures:
        growth = f" up {f.growth[1]}" if f.growth else ""
        sentence = f"Figure {f.id}: {f.stated}{growth}."
        sentences.append(sentence)
        figure = [f'measure = "{f.measure}"', f"value = {f.value!r}", f'unit = "{f.unit}"',
                  f'stated = "{f.stated}"', f'qualifier = "{f.qualifier}"']
        if f.currency:
            figure.append(f'currency = "{f.currency}"')
        if f.per:
            figure.append(f"per = {f.per}")
        if f.start or f.end:
            bounds = ", ".join(f'{k} = "{v}"' for k, v in (("start", f.start), ("end", f.end))
                               if v)
            figure.append(f'period = {{ label = "p", {bounds} }}')
        if f.growth:
            figure.append(f'growth = {{ value = {f.growth[0]!r}, unit = "percent", '
                          f'stated = "{f.growth[1]}", compared_with = "{f.growth[2]}" }}')
        about = ", ".join(f'"{a}"' for a in f.about)
        claims.append(f"""
[[claims]]
id = "{f.id}"
kind = "figure"
text = "{f.id}"
about = [{about}]
status = "reported"
citations = [{{ source = "s", exact = "{sentence}" }}]
[claims.figure]
{chr(10).join(figure)}
""")
    entities = {a for f in spec.figures for a in f.about}
    relations = "".join(f'\n[[relations]]\nfrom = "{a}"\ntype = "{t}"\nto = "{b}"\n'
                        for a, t, b in spec.relations)
    toml = (f'format = 1\ntitle = "t"\n\n[[sources]]\nid = "s"\ntitle = "S"\noutlet = "O"\n'
            f'path = "s.txt"\n{spec.published}\n'
            + "".join(f'\n[[entities]]\nid = "{e}"\nname = "{e}"\nkind = "company"\n'
                      for e in sorted(entities))
            + "".join(claims) + relations + spec.extra)
    (tmp_path / "s.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    (tmp_path / "f.toml").write_text(toml, encoding="utf-8")
    result = load_facts(tmp_path / "f.toml")
    assert [str(p) for p in result.problems] == []
    assert result.facts is not None
    return result.facts
