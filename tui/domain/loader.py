"""Load a fact file: parse, validate, check references, resolve citations; report everything.

`load_facts` never raises for bad data: it returns every problem as `FILE:LINE: message`
together with whatever could be loaded, so a caller can print them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
from pydantic import BaseModel, ValidationError

from tui.domain.factbase import FactBase
from tui.domain.model import Claim, Entity, FactFile, Relation, Source, Table
from tui.domain.problems import Problem, line_of_offset
from tui.domain.references import check_references
from tui.domain.textfile import read_text
from tui.domain.toml_lines import LineIndex
from tui.domain.toml_lines import Path as KeyPath
from tui.domain.validation_messages import describe

_ITEM_MODELS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "entities": Entity,
    "claims": Claim,
    "relations": Relation,
    "tables": Table,
}
_ITEM_NOUN = {"sources": "source", "entities": "entity", "claims": "claim",
              "relations": "relation", "tables": "table"}


@dataclass(slots=True)
class LoadResult:
    facts: FactBase | None
    """The fact base; None only when the file could not be read or parsed at all."""
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False
    """True when the file itself could not be read as text (missing, a directory, not UTF-8)."""

    @property
    def ok(self) -> bool:
        return not self.problems


class _Loader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)
        self.text = ""
        self.doc: dict[str, Any] = {}
        self.pending: list[tuple[KeyPath, str]] = []
        self.extra_problems: list[Problem] = []
        self._lines: LineIndex | None = None

    def report(self, where: KeyPath, message: str) -> None:
        self.pending.append((where, message))

    def problems(self) -> list[Problem]:
        if self.pending and self._lines is None:
            self._lines = LineIndex(self.text)
        found = [Problem(self.label, self._lines.line_of(where) if self._lines else 1,
                         f"{self._subject(where)}{message}")
                 for where, message in self.pending]
        found.extend(self.extra_problems)
        return sorted(found, key=lambda p: (p.file != self.label, p.file, p.line))

    def _subject(self, where: KeyPath) -> str:
        """`claim 'x': ` prefix naming the item a problem is in, and the key path inside it."""
        if len(where) < 2 or where[0] not in _ITEM_NOUN or not isinstance(where[1], int):
            return ""
        items = self.doc.get(str(where[0]))
        item = items[where[1]] if isinstance(items, list) and where[1] < len(items) else None
        ident = item.get("id") if isinstance(item, dict) else None
        noun = _ITEM_NOUN[str(where[0])]
        name = f"{noun} {ident!r}" if isinstance(ident, str) else f"{noun} #{where[1] + 1}"
        inner = ".".join(f"[{p}]" if isinstance(p, int) else p for p in where[2:-1])
        return f"{name}{' ' + inner.replace('.[', '[') if inner else ''}: "

    def run(self) -> LoadResult:
        text, problem = read_text(self.path, self.label)
        if text is None:
            assert problem is not None
            return LoadResult(None, [problem], unreadable=True)
        self.text = text
        if not text.strip():
            return LoadResult(None, [Problem(self.label, 1, "the file is empty")])
        try:
            self.doc = tomli.loads(text)
        except tomli.TOMLDecodeError as exc:
            message = exc.msg if hasattr(exc, "msg") else str(exc)
            line = getattr(exc, "lineno", 1)
            column = getattr(exc, "colno", None)
            where = f" (column {column})" if column else ""
            return LoadResult(None, [Problem(self.label, line,
                                             f"TOML syntax error: {message}{where}")])
        fact_file, indices = self._validate()
        facts = FactBase(path=self.path, title=fact_file.title,
                         description=fact_file.description)
        check_references(self, fact_file, indices, facts)
        return LoadResult(facts, self.problems())

    def _validate(self) -> tuple[FactFile, dict[str, list[int]]]:
        """Validate the whole file at once; on failure, item by item so all errors surface."""
        try:
            whole = FactFile.model_validate(self.doc)
            return whole, {key: list(range(len(getattr(whole, key)))) for key in _ITEM_MODELS}
        except ValidationError:
            pass
        top = dict(self.doc)
        valid: dict[str, list[Any]] = {}
        indices: dict[str, list[int]] = {}
        for key, model in _ITEM_MODELS.items():
            items = self.doc.get(key)
            if not isinstance(items, list):
                continue
            top[key] = []
            valid[key], indices[key] = [], []
            for index, item in enumerate(items):
                try:
                    valid[key].append(model.model_validate(item))
                    indices[key].append(index)
                except ValidationError as exc:
                    for loc, message in describe(exc.errors()):
                        self.report((key, index, *loc), message)
        top_fields: dict[str, Any] = {"format": 1, "title": "(untitled)"}
        try:
            checked = FactFile.model_validate(top)
            top_fields.update(title=checked.title, description=checked.description)
        except ValidationError as exc:
            for loc, message in describe(exc.errors()):
                self.report(loc, message)
            for key in ("title", "description"):
                if isinstance(self.doc.get(key), str):
                    top_fields[key] = self.doc[key]
        whole = FactFile.model_construct(**top_fields)
        for key in _ITEM_MODELS:
            valid.setdefault(key, [])
            indices.setdefault(key, [])
            setattr(whole, key, valid[key])
        return whole, indices

    def invalid_ids(self) -> set[str]:
        """Ids of items that failed validation: known, so references to them are not errors."""
        ids: set[str] = set()
        for where, _ in self.pending:
            if len(where) >= 2 and where[0] in _ITEM_MODELS and isinstance(where[1], int):
                items = self.doc.get(str(where[0]))
                if isinstance(items, list) and where[1] < len(items):
                    item = items[where[1]]
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        ids.add(item["id"])
        return ids

    def source_problem(self, file: str, text: str, offset: int, message: str) -> None:
        self.extra_problems.append(Problem(file, line_of_offset(text, offset), message))

    def external_problem(self, problem: Problem) -> None:
        self.extra_problems.append(problem)


def load_facts(path: Path | str) -> LoadResult:
    """Load and check a fact file. Never raises on bad data."""
    return _Loader(Path(path)).run()


