"""Cross-checks after validation: ids, references, source texts, citations, stated figures;
then what refers to a missing item is left out, so the fact base is referentially closed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from tui.domain.facts.factbase import FactBase
from tui.domain.facts.model import (
    ARITHMETIC_RELATIONS,
    Citation,
    Claim,
    Entity,
    FactFile,
    Link,
    Relation,
    Source,
)
from tui.domain.facts.numbers import agrees
from tui.domain.loading.limits import Limits
from tui.domain.loading.passages import PassageFinder, kept
from tui.domain.loading.problems import Problem
from tui.domain.loading.resolve import HintBudget, needle, resolve
from tui.domain.loading.textfile import NO_SUCH_FILE, Folder, PathProblem, read_text
from tui.domain.loading.toml_lines import Path as KeyPath

_ID_KINDS = {"sources": "source", "entities": "entity", "claims": "claim", "tables": "table"}


class Reporter(Protocol):
    path: Path
    raw_ids: dict[str, list[str | None]]
    limits: Limits

    def report(self, where: KeyPath, message: str) -> None: ...
    def progress(self, phase: str, done: int, total: int) -> None: ...
    def invalid_ids(self) -> set[str]: ...
    def external_problem(self, problem: Problem) -> None: ...


def check_references(
    loader: Reporter, fact_file: FactFile, indices: dict[str, list[int]], facts: FactBase
) -> None:
    """Fill `facts` from the validated items and report every broken reference."""
    _ReferenceChecker(loader, fact_file, indices, facts).run()


class _ReferenceChecker:
    def __init__(self, loader: Reporter, fact_file: FactFile, indices: dict[str, list[int]],
                 facts: FactBase) -> None:
        self.loader = loader
        self.file = fact_file
        self.indices = indices
        self.facts = facts
        self.first_use: dict[str, str] = {}
        self.unknown_ok: set[str] = set()
        self.duplicates: set[tuple[str, int]] = set()
        self.texts: dict[str, str] = {}
        """The source texts decoded, while citations are resolved (the fact base keeps
        them as UTF-8)."""
        self.finders: dict[str, PassageFinder] = {}
        """Each source text's passages, searched for together (see `passages`)."""
        self.hints = HintBudget()

    def run(self) -> None:
        self._index_ids()
        self.unknown_ok = self.loader.invalid_ids()
        self._read_sources()
        self._find_passages()
        self._check_entities()
        self.loader.progress("resolve", 0, 1)
        self._check_claims()
        self._check_relations()
        self._check_tables()
        self._close()

    def _items(self, key: str) -> zip[tuple[int, Any]]:
        """(index in the document, validated item) pairs of one top-level array."""
        return zip(self.indices[key], getattr(self.file, key), strict=True)

    def _index_ids(self) -> None:
        self.duplicates = self._find_duplicates()
        for key in _ID_KINDS:
            target = getattr(self.facts, key)
            for index, item in self._items(key):
                if (key, index) not in self.duplicates:
                    target[item.id] = item
        self.facts.relations = list(self.file.relations)

    def _find_duplicates(self) -> set[tuple[str, int]]:
        """The (key, index) of every later use of an id, read from the parsed document so that
        a duplicate is found even when one of the copies has a schema error."""
        duplicates: set[tuple[str, int]] = set()
        for key, noun in _ID_KINDS.items():
            for index, ident in enumerate(self.loader.raw_ids.get(key, [])):
                if ident is None:
                    continue
                if ident in self.first_use:
                    duplicates.add((key, index))
                    self.loader.report((key, index, "id"), f"duplicate id {ident!r}: already "
                                                           f"the id of {_a(self.first_use[ident])}")
                else:
                    self.first_use[ident] = noun
        return duplicates

    def _known(self, ident: str, table: Mapping[str, object], where: KeyPath, what: str) -> bool:
        if ident in table:
            return True
        if ident not in self.unknown_ok:  # an invalid item's id: its own error says enough
            other = self.first_use.get(ident)
            hint = f" ({ident!r} is {_a(other)})" if other else ""
            self.loader.report(where, f"unknown {what} {ident!r}{hint}")
        return False

    def _read_sources(self) -> None:
        base_dir = self.loader.path.parent
        folder = Folder(base_dir)
        for index, source in self._items("sources"):
            if ("sources", index) in self.duplicates:
                continue
            text_path = base_dir / source.path
            text, problem = read_text(text_path, str(text_path),
                                      (self.loader.limits.source_bytes, "source_bytes"),
                                      inside=folder)
            if text is None:
                assert problem is not None
                if problem.message == NO_SUCH_FILE:
                    self.loader.report(("sources", index, "path"),
                                       f"source text not found: {str(text_path)!r}")
                elif isinstance(problem, PathProblem):
                    self.loader.report(("sources", index, "path"),
                                       f"source text {source.path!r} {problem.message}")
                else:
                    self.loader.external_problem(Problem(
                        problem.file, problem.line,
                        f"{problem.message} (text of source {source.id!r})"))
                continue
            self.facts.texts[source.id] = text
            self.texts[source.id] = text

    def _find_passages(self) -> None:
        """Every passage the file looks for in each text, found at once: a text is scanned
        once for many passages rather than once for each."""
        wanted: dict[str, dict[str, int]] = {ident: {} for ident in self.texts}
        cited = [c for claim in self.file.claims for c in claim.citations]
        cited += [c for relation in self.file.relations for c in relation.citations]
        for citation in cited:
            passages = wanted.get(citation.source)
            if passages is None:
                continue
            whole, _ = needle(citation)
            passages[whole] = max(passages.get(whole, 0), kept(citation.occurrence))
            if whole != citation.exact:
                passages.setdefault(citation.exact, kept(None))
        quality = [(index, source) for index, source in self._items("sources")
                   if source.id in self.texts and source.quality]
        for _, source in quality:
            for note in source.quality:
                for passage in note.passages:
                    wanted[source.id].setdefault(passage, kept(None))
        self.finders = {ident: PassageFinder(self.texts[ident], passages)
                        for ident, passages in wanted.items()}
        for index, source in quality:
            finder = self.finders[source.id]
            for q, note in enumerate(source.quality):
                for p, passage in enumerate(note.passages):
                    if not finder.occurrences(passage).count:
                        self.loader.report(
                            ("sources", index, "quality", q, "passages", p),
                            f"quality passage not found in the source text: {passage!r}")

    def _check_citation(self, citation: Citation, where: KeyPath) -> None:
        if not self._known(citation.source, self.facts.sources, (*where, "source"), "source"):
            return
        finder = self.finders.get(citation.source)
        if finder is None:
            return  # its unreadable text is reported once, at the source
        result = resolve(finder, citation, f"source {citation.source!r}", self.hints)
        if result.error:
            self.loader.report((*where, "exact"), result.error)
        elif result.span is not None:
            citation.resolve_to(*result.span)

    def _check_entities(self) -> None:
        for index, entity in self._items("entities"):
            for n, link in enumerate(entity.links):
                where: KeyPath = ("entities", index, "links", n)
                self._known(link.target, self.facts.entities, (*where, "target"), "entity")
                if link.claim is not None:
                    self._known(link.claim, self.facts.claims, (*where, "claim"), "claim")

    def _check_claims(self) -> None:
        for index, claim in self._items("claims"):
            where: KeyPath = ("claims", index)
            for n, ident in enumerate(claim.about):
                self._known(ident, self.facts.entities, (*where, "about", n), "entity")
            for n, citation in enumerate(claim.citations):
                self._check_citation(citation, (*where, "citations", n))
            if claim.quote is not None:
                quote = claim.quote
                self._known(quote.speaker, self.facts.entities, (*where, "quote", "speaker"),
                            "entity")
                if quote.via is not None:
                    self._known(quote.via, self.facts.entities, (*where, "quote", "via"),
                                "entity")
            self._check_verbatim_fields(claim, where)

    def _check_verbatim_fields(self, claim: Claim, where: KeyPath) -> None:
        """`stated` figures and quoted `words` must stand in one of the claim's own passages,
        and a stated number must equal the recorded value."""
        passages = [c.exact for c in claim.citations]

        def in_passages(text: str) -> bool:
            return any(text in passage for passage in passages)

        report = self.loader.report
        if claim.figure is not None:
            figure = claim.figure
            if not in_passages(figure.stated):
                report((*where, "figure", "stated"), f"stated figure {figure.stated!r} is not "
                                                     "in any of the claim's passages")
            if not agrees(figure.value, figure.stated):
                report((*where, "figure", "value"), f"value {figure.value!r} does not match "
                                                    f"the stated {figure.stated!r}")
            growth = figure.growth
            if growth is not None:
                if not in_passages(growth.stated):
                    report((*where, "figure", "growth", "stated"), f"stated growth "
                           f"{growth.stated!r} is not in any of the claim's passages")
                if not agrees(growth.value, growth.stated):
                    report((*where, "figure", "growth", "value"), f"growth {growth.value!r} "
                           f"does not match the stated {growth.stated!r}")
        if claim.quote is not None and not in_passages(claim.quote.words):
            report((*where, "quote", "words"), "quoted words are not in any of the claim's "
                                               "passages")

    def _check_relations(self) -> None:
        for index, relation in self._items("relations"):
            where: KeyPath = ("relations", index)
            self._known(relation.source_claim, self.facts.claims, (*where, "from"), "claim")
            self._known(relation.target_claim, self.facts.claims, (*where, "to"), "claim")
            if relation.source_claim == relation.target_claim:
                self.loader.report((*where, "to"), "a relation cannot link a claim to itself")
            elif relation.type in ARITHMETIC_RELATIONS:
                for end, ident in (("from", relation.source_claim), ("to", relation.target_claim)):
                    claim = self.facts.claims.get(ident)
                    if claim is not None and claim.figure is None:
                        self.loader.report((*where, end), f"a {relation.type!r} relation links "
                                                          f"figures; {ident!r} is {_a(claim.kind)}")
            for n, citation in enumerate(relation.citations):
                self._check_citation(citation, (*where, "citations", n))

    def _check_tables(self) -> None:
        for index, table in self._items("tables"):
            where: KeyPath = ("tables", index)
            column_ids = [c.id for c in table.columns]
            for n, column in enumerate(column_ids):
                if column in column_ids[:n]:
                    self.loader.report((*where, "columns", n, "id"),
                                       f"duplicate column id {column!r}")
            for r, row in enumerate(table.rows):
                if row.entity is not None:
                    self._known(row.entity, self.facts.entities, (*where, "rows", r, "entity"),
                                "entity")
                for column, claim_id in row.cells.items():
                    cell: KeyPath = (*where, "rows", r, "cells", column)
                    if column not in column_ids:
                        self.loader.report(cell, f"cell names unknown column {column!r}")
                    if self._known(claim_id, self.facts.claims, cell, "claim"):
                        claim = self.facts.claims[claim_id]
                        if claim.figure is None:
                            self.loader.report(cell, f"cell names claim {claim_id!r}, which is "
                                                     f"{_a(claim.kind)}, not a figure")

    def _close(self) -> None:
        """Leave out whatever refers to something the fact base does not hold: an item left
        out for its own error, or an id that names nothing (or the wrong kind of thing).

        Every consumer (the engine, the cross-index, the browser) can then follow every
        reference without a check of its own. Nothing new is reported: the cause already
        is, at the line of the item left out or of the unknown reference. The smallest part
        holding the reference goes: a whole claim or relation (without one of its citations,
        entities or ends it would state something else), an entity's link, a table's row
        (by its entity) or cell. Runs after every check, so that the problems of what it
        leaves out are listed all the same."""
        facts = self.facts
        sources, entities, claims = facts.sources, facts.entities, facts.claims

        def whole(claim: Claim) -> bool:
            quote = claim.quote
            return (all(ident in entities for ident in claim.about)
                    and all(c.source in sources for c in claim.citations)
                    and (quote is None or (quote.speaker in entities and
                                           (quote.via is None or quote.via in entities))))

        for ident in [ident for ident, claim in claims.items() if not whole(claim)]:
            del claims[ident]
        # the common case, a clean file, allocates nothing new
        if not all(_relation_whole(r, claims, sources) for r in facts.relations):
            facts.relations = [r for r in facts.relations
                               if _relation_whole(r, claims, sources)]
        for entity in entities.values():
            if not all(_link_whole(link, entities, claims) for link in entity.links):
                entity.links = [link for link in entity.links
                                if _link_whole(link, entities, claims)]
        for table in facts.tables.values():
            if not all(row.entity is None or row.entity in entities for row in table.rows):
                table.rows = [row for row in table.rows
                              if row.entity is None or row.entity in entities]
            columns = {column.id for column in table.columns}
            for row in table.rows:
                if not all(_figure(ident, claims) and column in columns
                           for column, ident in row.cells.items()):
                    row.cells = {column: ident for column, ident in row.cells.items()
                                 if _figure(ident, claims) and column in columns}


def _relation_whole(relation: Relation, claims: Mapping[str, Claim],
                    sources: Mapping[str, Source]) -> bool:
    ends = claims.get(relation.source_claim), claims.get(relation.target_claim)
    if ends[0] is None or ends[1] is None or ends[0] is ends[1]:
        return False
    if relation.type in ARITHMETIC_RELATIONS and (ends[0].figure is None
                                                  or ends[1].figure is None):
        return False  # the engine computes with both ends' figures
    return all(c.source in sources for c in relation.citations)


def _figure(ident: str, claims: Mapping[str, Claim]) -> bool:
    claim = claims.get(ident)
    return claim is not None and claim.figure is not None


def _link_whole(link: Link, entities: Mapping[str, Entity], claims: Mapping[str, Claim]
                ) -> bool:
    return link.target in entities and (link.claim is None or link.claim in claims)


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
