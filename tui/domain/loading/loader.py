"""Load a fact file: parse, validate, check references, resolve citations; report everything.

`load_facts` never raises for bad data: it returns every problem as `FILE:LINE: message`
together with whatever could be loaded, so a caller can print them all at once.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli
from pydantic import TypeAdapter, ValidationError

from tui.domain.facts.factbase import FactBase, content_digest
from tui.domain.facts.model import Claim, Entity, FactFile, Relation, Source, Table
from tui.domain.loading import chunked, long_integers, toml_parse
from tui.domain.loading.codec import share_strings
from tui.domain.loading.limits import Limits, deepest_line, over, scan
from tui.domain.loading.problems import Problem
from tui.domain.loading.progress import Progress
from tui.domain.loading.references import check_references
from tui.domain.loading.textfile import decode, read_bytes
from tui.domain.loading.toml_lines import LineIndex
from tui.domain.loading.toml_lines import Path as KeyPath
from tui.domain.loading.validation_messages import describe

_ITEM_MODELS: dict[str, type[Any]] = {
    "sources": Source,
    "entities": Entity,
    "claims": Claim,
    "relations": Relation,
    "tables": Table,
}
_ONE: dict[str, TypeAdapter[Any]] = {key: TypeAdapter(model) for key, model in {
    "sources": Source, "entities": Entity, "claims": Claim, "relations": Relation,
    "tables": Table}.items()}
"""One item at a time: for a chunk that failed, to find every error in it."""
_ADAPTERS: dict[str, TypeAdapter[list[Any]]] = {
    "sources": TypeAdapter(list[Source]),
    "entities": TypeAdapter(list[Entity]),
    "claims": TypeAdapter(list[Claim]),
    "relations": TypeAdapter(list[Relation]),
    "tables": TypeAdapter(list[Table]),
}
_VALIDATE_CHUNK = 2_000
"""Items validated in one call: few enough that a call never keeps a UI from answering
(docs/performance.md, "Parsing and validating")."""
_CHUNKED_ABOVE = 2_000_000
"""Files larger than this (characters) are parsed in pieces."""

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
    def __init__(self, path: Path, progress: Progress | None = None,
                 limits: Limits | None = None) -> None:
        self._progress = progress
        self.limits = limits or Limits.from_environment()
        self.unlisted = 0
        """Problems found beyond `limits.problems`: counted, not listed."""
        self.path = path
        self.label = str(path)
        self._text: str | None = None
        self.doc: dict[str, Any] = {}
        self.raw_ids: dict[str, list[str | None]] = {}
        """The `id` of every item as written, kept while the parsed items themselves are
        released chunk by chunk during validation."""
        self.valid: dict[str, list[Any]] = {}
        self.indices: dict[str, list[int]] = {}
        self.top_fields: dict[str, Any] = {}
        self._validated = 0
        self._reset()
        self.pending: list[tuple[KeyPath, str]] = []
        self.extra_problems: list[Problem] = []
        self._lines: LineIndex | None = None

    @property
    def text(self) -> str:
        """The whole text, read and decoded when first needed (to place problems on their
        lines); a large file read piece by piece does not keep it."""
        if self._text is None:
            data, _ = read_bytes(self.path, self.label,
                                 (self.limits.file_bytes, "file_bytes"))
            self._text = (data or b"").removeprefix(b"\xef\xbb\xbf").decode(
                "utf-8", errors="replace")
        return self._text

    def progress(self, phase: str, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(phase, done, total)

    def report(self, where: KeyPath, message: str) -> None:
        if len(self.pending) >= self.limits.problems:
            self.unlisted += 1  # a hostile file could otherwise fill the memory with them
            return
        self.pending.append((where, message))

    def problems(self) -> list[Problem]:
        if self.pending and self._lines is None:
            self._lines = LineIndex(self.text)
        found = [Problem(self.label, self._lines.line_of(where) if self._lines else 1,
                         f"{self._subject(where)}{message}")
                 for where, message in self.pending]
        found.extend(self.extra_problems)
        found.sort(key=lambda p: (p.file != self.label, p.file, p.line))
        if self.unlisted:
            found.append(Problem(self.label, found[-1].line if found else 1, over(
                f"{self.unlisted:,} more problems not listed", "problems",
                self.limits.problems)))
        return found

    def _subject(self, where: KeyPath) -> str:
        """`claim 'x': ` prefix naming the item a problem is in, and the key path inside it."""
        if len(where) < 2 or where[0] not in _ITEM_NOUN or not isinstance(where[1], int):
            return ""
        ident = self.raw_id(str(where[0]), where[1])
        noun = _ITEM_NOUN[str(where[0])]
        name = f"{noun} {ident!r}" if isinstance(ident, str) else f"{noun} #{where[1] + 1}"
        inner = ".".join(f"[{p}]" if isinstance(p, int) else p for p in where[2:-1])
        inner = inner.replace(".[", "[")
        if len(inner) > 60:  # a deep nest: where it starts says enough
            inner = inner[:60] + "…"
        return f"{name}{' ' + inner if inner else ''}: "

    def run(self) -> LoadResult:
        data, problem = read_bytes(self.path, self.label,
                                   (self.limits.file_bytes, "file_bytes"))
        if data is None:
            assert problem is not None
            return LoadResult(None, [problem], unreadable=True)
        digest = content_digest(data)
        data = data.removeprefix(b"\xef\xbb\xbf")
        if not data.strip():
            return LoadResult(None, [Problem(self.label, 1, "the file is empty")])
        self.progress("parse", 0, 1)
        # A big file is read piece by piece, each piece's items validated as soon as it is
        # parsed: no step holds the interpreter for long, and the parsed tables never all
        # exist at once. Anything odd falls back to reading the whole text.
        streamed = len(data) > _CHUNKED_ABOVE and self._stream(data)
        if not streamed:
            self._reset()
            failed = self._parse_whole(data)
            del data  # the text holds it now
            if failed is not None:
                return failed
            self._validate_document()
        else:
            del data  # the whole file's bytes: lines, if ever needed, are read again
        fact_file = FactFile.model_construct(**self.top_fields)
        share_strings(self.valid)
        for key in _ITEM_MODELS:
            setattr(fact_file, key, self.valid[key])
        facts = FactBase(path=self.path, title=fact_file.title,
                         description=fact_file.description, digest=digest)
        check_references(self, fact_file, self.indices, facts)
        return LoadResult(facts, self.problems())

    def _parse_whole(self, data: bytes) -> LoadResult | None:
        """Decode and parse the whole text into `doc`; the result when that fails."""
        text, problem = decode(data, self.label)
        if text is None:
            assert problem is not None
            return LoadResult(None, [problem], unreadable=True)
        self._text = text
        doc = toml_parse.fast(data, text)  # toml-rs where it reads as tomli would
        if doc is not None:
            self.doc = doc
            return None
        try:
            self.doc = long_integers.loads(text)
        except RecursionError:
            line = deepest_line(data, self.limits.depth)
            return LoadResult(None, [Problem(self.label, line, over(
                "arrays and tables nested too deeply", "depth", self.limits.depth))])
        except tomli.TOMLDecodeError as exc:
            message = exc.msg if hasattr(exc, "msg") else str(exc)
            line = getattr(exc, "lineno", 1)
            column = getattr(exc, "colno", None)
            where = f" (column {column})" if column else ""
            return LoadResult(None, [Problem(self.label, line,
                                             f"TOML syntax error: {message}{where}")])
        except ValueError:  # a number Python refuses to read that was not found to replace
            return LoadResult(None, [Problem(self.label, 1, (
                "TOML: an integer of more than "
                f"{sys.get_int_max_str_digits():,} digits, which cannot be read"))])
        return None

    def _validate_document(self) -> None:
        top = {k: v for k, v in self.doc.items()
               if k not in _ITEM_MODELS or not isinstance(v, list)}
        lists = [k for k, v in self.doc.items() if k in _ITEM_MODELS and isinstance(v, list)]
        total = sum(len(self.doc[k]) for k in lists)
        for key in lists:
            self._validate_items(key, self.doc[key], total)
        self._validate_header(top, lists)

    def _reset(self) -> None:
        self.valid = {key: [] for key in _ITEM_MODELS}
        self.indices = {key: [] for key in _ITEM_MODELS}
        self.raw_ids = {}
        self.pending = []
        self.top_fields = {"format": 1, "title": "(untitled)"}
        self._validated = 0

    def _stream(self, data: bytes) -> bool:
        """Parse and validate piece by piece; False when the whole text must be read."""
        kinds: dict[str, bool] = {}
        top: dict[str, Any] = {}
        lists: list[str] = []
        try:
            for piece, part in chunked.iter_parts(
                    data, progress=lambda done, total: self.progress("parse", done, total)):
                if not chunked.add_part(kinds, piece, part):
                    return False
                for key, value in part.items():
                    if key in _ITEM_MODELS and isinstance(value, list):
                        if key not in lists:
                            lists.append(key)
                        self._validate_items(key, value, None)
                    else:
                        top[key] = value
        except chunked.PieceError:
            return False
        self._validate_header(top, lists)
        return True

    def _validate_header(self, top: dict[str, Any], lists: list[str]) -> None:
        """The document's own keys (format, title...); the arrays are validated elsewhere."""
        broken = scan(top, self.limits)
        for where, message in broken:
            self.report(where, message)
        if broken:
            return
        try:
            checked = FactFile.model_validate({**top, **{key: [] for key in lists}})
            self.top_fields.update(title=checked.title, description=checked.description)
        except ValidationError as exc:
            for loc, message in describe(exc.errors()):
                self.report(loc, message)
            for key in ("title", "description"):
                if isinstance(top.get(key), str):
                    self.top_fields[key] = top[key]

    def _validate_items(self, key: str, items: list[Any], total: int | None) -> None:
        """Validate `items` (the next part of array `key`) in chunks, each a short step; a
        chunk that fails is redone item by item, so every error surfaces with its location.
        The parsed tables are released as soon as they are validated."""
        ids = self.raw_ids.setdefault(key, [])
        offset = len(ids)
        room = self.limits.items - offset
        if len(items) > room:  # the rest is not even looked at
            if room >= 0:
                self.report((key, self.limits.items), over(
                    f"more than {self.limits.items:,} {key}", "items", self.limits.items))
            del items[max(room, 0):]
        ids.extend(item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str)
                   else None for item in items)
        adapter, one = _ADAPTERS[key], _ONE[key]
        for first in range(0, len(items), _VALIDATE_CHUNK):
            chunk = items[first : first + _VALIDATE_CHUNK]
            at = offset + first
            if self._over_limits(key, chunk, at):
                self._validate_one_by_one(key, chunk, at, one)
            else:
                try:
                    self.valid[key].extend(adapter.validate_python(chunk))
                    self.indices[key].extend(range(at, at + len(chunk)))
                except ValidationError:
                    self._validate_one_by_one(key, chunk, at, one)
            # freeing every parsed table at the end held the interpreter in one long stall,
            # and keeping them until then raised the peak memory
            items[first : first + len(chunk)] = [None] * len(chunk)
            del chunk
            self._validated += _VALIDATE_CHUNK
            if total is not None:
                self.progress("validate", min(self._validated, total), total)

    def _over_limits(self, key: str, chunk: list[Any], at: int) -> bool:
        """Report every item of `chunk` that breaks a limit, and blank it out (None) so it is
        never validated: a string of megabytes or a deep nest stops here."""
        any_broken = False
        for n, item in enumerate(chunk):
            broken = scan(item, self.limits, depth=3)  # the document and the array are 1, 2
            if broken:
                any_broken = True
                for where, message in broken:
                    self.report((key, at + n, *where), message)
                chunk[n] = None
        return any_broken

    def _validate_one_by_one(self, key: str, chunk: list[Any], at: int,
                             one: TypeAdapter[Any]) -> None:
        """Each item of a chunk on its own, so every error surfaces with its location (items
        blanked out by a limit are skipped)."""
        for n, item in enumerate(chunk):
            if item is None:
                continue
            try:
                self.valid[key].append(one.validate_python(item))
                self.indices[key].append(at + n)
            except ValidationError as exc:
                for loc, message in describe(exc.errors()):
                    self.report((key, at + n, *loc), message)

    def invalid_ids(self) -> set[str]:
        """Ids of items that failed validation: known, so references to them are not errors."""
        ids: set[str] = set()
        for where, _ in self.pending:
            if len(where) >= 2 and where[0] in _ITEM_MODELS and isinstance(where[1], int):
                ident = self.raw_id(str(where[0]), where[1])
                if ident is not None:
                    ids.add(ident)
        return ids

    def raw_id(self, key: str, index: int) -> str | None:
        ids = self.raw_ids.get(key, [])
        return ids[index] if index < len(ids) else None

    def external_problem(self, problem: Problem) -> None:
        self.extra_problems.append(problem)


def load_facts(path: Path | str, progress: Progress | None = None,
               limits: Limits | None = None) -> LoadResult:
    """Load and check a fact file. Never raises on bad data. `limits`: by default from the
    environment (see `tui.domain.loading.limits`). A program loading a large file runs this
    in `tui.gc_policy.bulk_step`."""
    return _Loader(Path(path), progress, limits).run()
