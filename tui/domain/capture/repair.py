"""Repair the citations a changed source text broke (issue 14, `chery-tui check
--fix-anchors` and `f` on the problems screen).

A source text is saved again with straight quotes for curly ones, a word corrected, a
sentence reworded: the citations that quoted it no longer load. For each citation whose passage
is no longer found (or whose prefix, suffix or occurrence no longer picks one), the nearest
passage of the current text is found with the anchor matcher (`tui.domain.capture.anchor`),
and the citation that picks it out is proposed. A repair is *unambiguous and close* when:

- the passage is in the text after normalising (quotes, dashes, white space, case) exactly
  once, or several times but the old prefix/suffix (normalised) still picks out one; or
- no stretch is that, but the nearest, its edges fitted to the old passage, scores at least
  `CLOSE_ENOUGH` against it (rapidfuzz's ratio, 0-100) and no other comes within `RIVAL`
  points of it.

- either finds several copies of the same words and the old citation chose one by
  `occurrence` (a page that prints its body twice): the same copy is taken again. The
  citation named which copy; copies of the same words cite the same words whichever is
  taken, so only which copy of them could be wrong, if the text gained one before it.

Anything else is "not repaired", with the closest stretches and their scores: a passage now
in the text twice, two different stretches about as close, nothing close enough. A
repair that would leave a claim's quoted `words` or `stated` figure outside its passages is
held back too: the claim needs a person.

What is repaired: the citations of claims and relations (`exact`, with the `prefix`,
`suffix` and `occurrence` `citation()` gives, the ones no longer needed removed; `source`
and `note` stay), and the passages of sources' quality notes (which may occur any number of
times, so several matches are no ambiguity). Only citations that themselves validate, of
sources whose text was read, are looked at.

Nothing here writes but `apply_repairs`, through `tui.storage.fact_edit.edit` (atomic, the
file's comments and formatting kept, checked by the loader before it replaces the file):
`repaired_text` changes only the repaired values, with tomlkit.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.capture.anchor import (
    CANDIDATES,
    CLOSE_ENOUGH,
    Candidate,
    Normalised,
    citation,
    nearest,
    normalise,
    toml_string,
)
from tui.domain.loading.problems import Problem, line_of_offset
from tui.domain.loading.toml_lines import LineIndex
from tui.domain.loading.toml_lines import Path as KeyPath
from tui.domain.present.safe_text import clean

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from tui.domain.facts.factbase import FactBase
    from tui.domain.facts.model import Citation
    from tui.domain.loading.passages import PassageFinder
    from tui.storage.fact_edit import Edited

RIVAL = 5.0
"""A second stretch scoring within this many points of the best makes a near match
ambiguous: either could be the passage."""

_BOM = "\ufeff"
_CONTEXT_KEYS = ("prefix", "suffix", "occurrence")


@dataclass(frozen=True, slots=True)
class Cited:
    """A citation's passage as the file has it (or as a repair writes it)."""

    source: str
    exact: str
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None


@dataclass(frozen=True, slots=True)
class Nearby:
    """A stretch of the current source text close to the passage."""

    exact: str
    line: int
    """Its line in the source text."""
    score: float


@dataclass(frozen=True, slots=True)
class Repair:
    """One broken citation and what can be done about it."""

    where: KeyPath
    """Its key path in the fact file: ("claims", 3, "citations", 0); a quality note's
    passage: ("sources", 0, "quality", 1, "passages", 2)."""
    line: int
    """Its line in the fact file (the loader reports its problem there)."""
    subject: str
    """What it belongs to, as the loader names it: `claim 'x'`, `relation #2`, `source 'y'`."""
    what: str
    """`citation 1` (counted from 1), `quality note 1, passage 2`."""
    problem: str
    old: Cited
    new: Cited | None
    """The repaired citation, when the repair is unambiguous and close; else None."""
    score: float = 0.0
    """The new passage's score (100: the same passage after normalising)."""
    nearby: tuple[Nearby, ...] = ()
    """When not repaired: the closest stretches, best first."""
    reason: str = ""
    """When not repaired: why not."""

    @property
    def quality(self) -> bool:
        return self.where[0] == "sources"


@dataclass(slots=True)
class Repairs:
    path: Path
    text: str | None
    """The fact file's text the repairs were found in (None: the file is unusable)."""
    repairs: list[Repair] = field(default_factory=list)
    """Every broken citation, in the file's order."""
    problems: list[Problem] = field(default_factory=list)
    """What the loader reported (every problem, not only the broken citations)."""

    @property
    def unusable(self) -> bool:
        """True when nothing could be looked at: the file is unreadable or not TOML."""
        return self.text is None

    @property
    def repairable(self) -> list[Repair]:
        return [r for r in self.repairs if r.new is not None]

    @property
    def left(self) -> list[Repair]:
        """The broken citations that will stay broken."""
        return [r for r in self.repairs if r.new is None]


class StaleRepairs(ValueError):
    """The fact file no longer holds what a repair was found in."""


def find_repairs(path: Path | str) -> Repairs:
    """Load the fact file and find every broken citation's repair; writes nothing."""
    from tui.domain.facts.factbase import content_digest
    from tui.domain.loading.loader import load_facts

    path = Path(path)
    result = load_facts(path)
    if result.facts is None:
        return Repairs(path, None, problems=result.problems)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
        if content_digest(data) != result.facts.digest:
            raise ValueError("it changed while it was being read; try again")
        if not result.problems:  # every citation loads
            return Repairs(path, text)
        doc = _parse(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        return Repairs(path, None, problems=[Problem(str(path), 1, f"cannot be read: {error}")])
    texts = _Texts(result.facts)
    lines = LineIndex(text.removeprefix(_BOM))
    repairs = [*_claims_and_relations(doc, texts, lines), *_quality(doc, texts, lines)]
    repairs.sort(key=lambda r: r.line)
    return Repairs(path, text, _held_back(doc, repairs), result.problems)


def _parse(text: str) -> dict[str, Any]:
    from tui.domain.loading import long_integers

    return long_integers.loads(text.removeprefix(_BOM))


class _Texts:
    """The source texts, each with its passages' finder and normalised form, made once."""

    def __init__(self, facts: FactBase) -> None:
        self._facts = facts
        self._texts: dict[str, str] = {}
        self._finders: dict[str, PassageFinder] = {}
        self._normalised: dict[str, Normalised] = {}

    def text(self, source: str) -> str | None:
        if source not in self._texts:
            if source not in self._facts.texts:
                return None
            self._texts[source] = self._facts.texts[source]
        return self._texts[source]

    def look_for(self, wanted: dict[str, dict[str, int]]) -> None:
        """Find these passages of each text (source id -> passage -> occurrences kept) at
        once, as the loader does."""
        from tui.domain.loading.passages import PassageFinder

        for source, passages in wanted.items():
            self._finders[source] = PassageFinder(self._texts[source], passages)

    def finder(self, source: str) -> PassageFinder:
        from tui.domain.loading.passages import PassageFinder

        if source not in self._finders:
            self._finders[source] = PassageFinder(self._texts[source], {})
        return self._finders[source]

    def normalised(self, source: str) -> Normalised:
        if source not in self._normalised:
            self._normalised[source] = normalise(self._texts[source])
        return self._normalised[source]


def _claims_and_relations(doc: dict[str, Any], texts: _Texts, lines: LineIndex
                          ) -> Iterator[Repair]:
    from tui.domain.loading.passages import kept
    from tui.domain.loading.resolve import HintBudget, needle, resolve

    cited = [each for each in _citations(doc) if texts.text(each[3].source) is not None]
    wanted: dict[str, dict[str, int]] = {}
    for *_, model in cited:  # what the loader looks for, so that it resolves as there
        passages = wanted.setdefault(model.source, {})
        whole, _ = needle(model)
        passages[whole] = max(passages.get(whole, 0), kept(model.occurrence))
        passages.setdefault(model.exact, kept(None))
    texts.look_for(wanted)
    for where, subject, what, model in cited:
        label = f"source {model.source!r}"
        verdict = resolve(texts.finder(model.source), model, label, HintBudget(0))
        if verdict.error is not None:
            old = Cited(model.source, model.exact, model.prefix, model.suffix,
                        model.occurrence)
            yield _proposal(Repair(where, lines.line_of((*where, "exact")), subject, what,
                                   verdict.error, old, None), texts)


def _citations(doc: dict[str, Any]) -> Iterator[tuple[KeyPath, str, str, Citation]]:
    """(where, subject, `citation N`, the citation) of every claim's and relation's
    citation that validates."""
    for key, noun in (("claims", "claim"), ("relations", "relation")):
        for index, item in _tables(doc, key):
            ident = item.get("id")
            subject = f"{noun} {ident!r}" if isinstance(ident, str) else f"{noun} #{index + 1}"
            cited = item.get("citations")
            for n, raw in enumerate(cited if isinstance(cited, list) else []):
                model = _citation(raw)
                if model is not None:
                    yield (key, index, "citations", n), subject, f"citation {n + 1}", model


def _quality(doc: dict[str, Any], texts: _Texts, lines: LineIndex) -> Iterator[Repair]:
    for index, item in _tables(doc, "sources"):
        ident, notes = item.get("id"), item.get("quality")
        if not isinstance(ident, str) or texts.text(ident) is None or \
                not isinstance(notes, list):
            continue
        for q, note in enumerate(notes):
            passages = note.get("passages") if isinstance(note, dict) else None
            for p, passage in enumerate(passages if isinstance(passages, list) else []):
                if not isinstance(passage, str) or not passage or \
                        texts.finder(ident).occurrences(passage).count:
                    continue
                where: KeyPath = ("sources", index, "quality", q, "passages", p)
                yield _proposal(Repair(
                    where, lines.line_of(where), f"source {ident!r}",
                    f"quality note {q + 1}, passage {p + 1}",
                    "quality passage not found in the source text", Cited(ident, passage),
                    None), texts)


def _tables(doc: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = doc.get(key)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield index, item


def _citation(raw: object) -> Citation | None:
    """The citation as the loader reads it; None when it does not validate (its own error is
    reported, and is no anchor's to repair)."""
    from pydantic import ValidationError

    try:
        return _citation_adapter().validate_python(raw)
    except ValidationError:
        return None


@cache
def _citation_adapter() -> TypeAdapter[Citation]:
    from pydantic import TypeAdapter

    from tui.domain.facts.model import Citation

    return TypeAdapter(Citation)


def _proposal(broken: Repair, texts: _Texts) -> Repair:
    """`broken` with its repair, or with why there is none and the closest stretches."""
    source = broken.old.source
    text = texts.text(source)
    assert text is not None
    found = nearest(text, broken.old.exact, texts.normalised(source))
    if found.matches:
        return _matched(broken, text, found.matches)
    if not found.candidates:
        return replace(broken, reason=f"nothing in source {source!r} is like it")
    wanted = normalise(broken.old.exact).text
    spans = [(c.start, c.end) for c in found.candidates]
    normalised = texts.normalised(source)
    candidates = sorted((_refined(text, normalised, c, wanted, spans)
                         for c in found.candidates), key=lambda c: -c.score)
    nearby = tuple(_nearby(text, c) for c in candidates)
    best, *others = candidates
    if best.score < CLOSE_ENOUGH:
        return replace(broken, nearby=nearby, reason=(
            f"nothing in source {source!r} is close enough (score {CLOSE_ENOUGH:g} or more)"))
    rivals = [c for c in others if c.score >= best.score - RIVAL]
    copy = _same_copy(broken.old, text, [best, *rivals])
    if copy is not None:
        best, rivals = copy, []
    if rivals:
        return replace(broken, nearby=nearby, reason=(
            f"two passages of source {source!r} are about as close (scores {best.score:g} "
            f"and {others[0].score:g}): ambiguous"))
    return replace(broken, new=_cited(text, source, best.start, best.end, broken.quality),
                   score=best.score)


_REACH = 40
"""The most characters a near match's edge moves to fit the old passage better."""


def _refined(text: str, source: Normalised, candidate: Candidate, wanted: str,
             spans: list[tuple[int, int]]) -> Candidate:
    """`candidate` with its edges moved to where the stretch is most like the old passage
    (`wanted`, normalised), out to whole words, and scored as a whole against it
    (rapidfuzz's ratio, 0-100); never into another candidate's stretch (`spans`).

    The matcher's stretch is as long as the old passage: where the source gained a word, it
    ends short of the passage's end; where it lost one, it runs into the next sentence.
    Each edge is moved in turn, twice, to the place of the fewest edits (then of the
    length nearest the old passage's: a changed last mark is taken in, not left out). The
    edges move in the normalised text (`source`), so no stretch is normalised again."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    def at(offset: int) -> int:  # the normalised index of a source offset
        return bisect_left(source.back, offset)

    reach = min(_REACH, max(4, len(wanted) // 4))
    floor = max([e for _, e in spans if e <= candidate.start], default=0)
    ceiling = min([s for s, _ in spans if s >= candidate.end], default=len(text))
    low, high, normal = at(floor), at(ceiling), source.text

    def cost(start: int, end: int) -> tuple[int, int]:
        got = normal[start:end].strip(" ")  # a space at an edge is no part of the passage
        return Levenshtein.distance(wanted, got), abs(len(got) - len(wanted))

    start, end = at(candidate.start), max(at(candidate.end), at(candidate.start) + 1)
    best = cost(start, end)
    for _ in range(2):
        for moved in range(max(start + 1, end - reach), min(high, end + reach) + 1):
            if (found := cost(start, moved)) < best:
                best, end = found, moved
        for moved in range(max(low, start - reach), min(end - 1, start + reach) + 1):
            if (found := cost(moved, end)) < best:
                best, start = found, moved
    first, past = _whole_words(text, source.back[start], source.back[end - 1] + 1, floor,
                               ceiling)
    return Candidate(first, past, round(fuzz.ratio(wanted, normalise(text[first:past]).text), 1))


def _whole_words(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """[start, end) out to whole words (within [low, high)) and in past white space."""
    while low < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < high and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _matched(broken: Repair, text: str, spans: list[tuple[int, int]]) -> Repair:
    """The passage is in the text after normalising: repaired when once, or when its old
    prefix/suffix still picks out one of several (a quality note's passage may be anywhere
    any number of times: the first)."""
    source = broken.old.source
    if len(spans) > 1 and not broken.quality:
        fitting = [span for span in spans if _fits(text, span, broken.old)]
        if len(fitting) == 1:
            spans = fitting
        else:
            copy = _same_copy(broken.old, text, [Candidate(a, b, 100.0) for a, b in spans])
            if copy is not None:
                spans = [(copy.start, copy.end)]
    if len(spans) == 1 or broken.quality:
        start, end = spans[0]
        return replace(broken, new=_cited(text, source, start, end, broken.quality),
                       score=100.0)
    nearby = tuple(Nearby(text[s:e], line_of_offset(text, s), 100.0)
                   for s, e in spans[:CANDIDATES])
    return replace(broken, nearby=nearby, reason=(
        f"the passage occurs {len(spans)} times in source {source!r}: ambiguous (give a "
        "prefix, suffix or occurrence by hand)"))


def _same_copy(old: Cited, text: str, found: list[Candidate]) -> Candidate | None:
    """The `occurrence`-th of `found` when the old citation chose one by `occurrence` and
    what is found is that many copies or more of the same words (a page printing its body
    twice): the citation said which copy, and the copies are still alike. None otherwise."""
    if not old.occurrence or len(found) < old.occurrence:
        return None
    words = {normalise(text[c.start:c.end]).text for c in found}
    if len(words) != 1:
        return None
    return sorted(found, key=lambda c: c.start)[old.occurrence - 1]


def _fits(text: str, span: tuple[int, int], old: Cited) -> bool:
    """Whether the old prefix (suffix) stands right before (after) `span`, normalised; only
    asked when it has one of them."""
    if not old.prefix and not old.suffix:
        return False
    start, end = span
    if old.prefix:
        want = normalise(old.prefix).text
        if not normalise(text[max(0, start - 2 * len(old.prefix) - 16):start]).text.endswith(
                want):
            return False
    if old.suffix:
        want = normalise(old.suffix).text
        if not normalise(text[end:end + 2 * len(old.suffix) + 16]).text.startswith(want):
            return False
    return True


def _cited(text: str, source: str, start: int, end: int, passage_only: bool) -> Cited:
    if passage_only:  # a quality note's passage: the words alone
        return Cited(source, text[start:end])
    picked = citation(text, start, end)
    return Cited(source, picked.exact, picked.prefix, picked.suffix, picked.occurrence)


def _nearby(text: str, candidate: Candidate) -> Nearby:
    return Nearby(text[candidate.start:candidate.end], line_of_offset(text, candidate.start),
                  candidate.score)


def _held_back(doc: dict[str, Any], repairs: list[Repair]) -> list[Repair]:
    """`repairs`, with those held back that would take a claim's quoted words or stated
    figure out of its passages (the loader would refuse the change)."""
    by_claim: dict[int, list[int]] = {}
    for n, repair in enumerate(repairs):
        if repair.where[0] == "claims" and repair.new is not None:
            by_claim.setdefault(int(repair.where[1]), []).append(n)
    out = list(repairs)
    for index, numbers in by_claim.items():
        claim = doc["claims"][index]
        old = {n: _exact(raw) for n, raw in enumerate(claim.get("citations", []))}
        new = dict(old)
        for n in numbers:
            new[int(out[n].where[3])] = _new_exact(out[n])
        for name, words in _verbatim(claim):
            if any(words in p for p in old.values()) and \
                    not any(words in p for p in new.values()):
                for n in numbers:
                    out[n] = replace(out[n], new=None, reason=(
                        f"the claim's {name} {words!r} would no longer be in its passages: "
                        "repair it by hand"))
    return out


def _exact(raw: object) -> str:
    exact = raw.get("exact") if isinstance(raw, dict) else None
    return exact if isinstance(exact, str) else ""


def _new_exact(repair: Repair) -> str:
    assert repair.new is not None
    return repair.new.exact


def _verbatim(claim: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """The claim's words that must stand in one of its passages (as the loader checks)."""
    figure, quote = claim.get("figure"), claim.get("quote")
    if isinstance(figure, dict):
        if isinstance(figure.get("stated"), str):
            yield "stated figure", figure["stated"]
        growth = figure.get("growth")
        if isinstance(growth, dict) and isinstance(growth.get("stated"), str):
            yield "stated growth", growth["stated"]
    if isinstance(quote, dict) and isinstance(quote.get("words"), str):
        yield "quoted words", quote["words"]


# ── writing ───────────────────────────────────────────────────────────────────────────


def repaired_text(text: str, repairs: Iterable[Repair]) -> str:
    """`text` with the repaired citations' values changed, and nothing else.

    tomlkit keeps a file's comments and formatting, but not the order of an array of tables
    whose elements are apart (`[[claims]]`, `[[relations]]`, `[[claims]]` again: it writes
    the claims together), so the whole file is never written by it. Each claim, relation or
    source holding a repair is cut out of the text on its own (from its `[[...]]` header to
    the next header not its own; a static array `claims = [...]` from its key to the next
    key), parsed and written by tomlkit, which must give its text back unchanged before any
    change, and put back in its place. In it, an inline table is written again (its keys in
    their order: `source`, `note` and any other key as they were), a `[[...citations]]`
    table has its keys changed in place, a quality passage is replaced. Raises StaleRepairs
    when a citation is no longer what the repair was found for, or its part of the file
    cannot be written back exactly."""
    bom = _BOM if text.startswith(_BOM) else ""
    body = text.removeprefix(_BOM)
    chosen = [r for r in repairs if r.new is not None]
    if not chosen:
        return text
    index = LineIndex(body)
    lines = body.splitlines(keepends=True)
    parts: dict[tuple[int, int], list[tuple[KeyPath, Repair]]] = {}
    for repair in chosen:
        first, past, inner = _part(index, len(lines), repair.where)
        parts.setdefault((first, past), []).append((inner, repair))
    for (first, past), inside in sorted(parts.items(), reverse=True):
        lines[first - 1:past - 1] = [_rewritten("".join(lines[first - 1:past - 1]), inside)]
    return bom + "".join(lines)


def _part(index: LineIndex, count: int, where: KeyPath) -> tuple[int, int, KeyPath]:
    """The lines [first, past) of the item `where` is in, and its path inside them."""
    item = where[:2]
    for n, (line, path) in enumerate(index.headers):
        if path == item:  # `[[claims]]`: to the next header of something else
            past = next((later for later, inner in index.headers[n + 1:]
                         if inner[:2] != item), count + 1)
            return line, past, (where[0], 0, *where[2:])
    start = index.lines.get(where[:1])  # `claims = [ {...}, ... ]` among the top keys
    if start is None:
        raise StaleRepairs(f"{where[0]} are no longer where they were")
    headers = {line for line, _ in index.headers}
    past = min((line for path, line in index.lines.items()
                if line > start and (len(path) == 1 or line in headers)), default=count + 1)
    return start, past, where


def _rewritten(part: str, inside: list[tuple[KeyPath, Repair]]) -> str:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(part)
        if tomlkit.dumps(document) != part:
            raise StaleRepairs("tomlkit cannot write its part of the file back as it is; "
                               "repair it by hand")
        for inner, repair in inside:
            assert repair.new is not None
            parent: Any = document
            for step in inner[:-1]:
                parent = parent[step]
            current = parent[inner[-1]]
            if _as_cited(repair.old.source, current) != repair.old:
                raise StaleRepairs(f"{repair.subject} {repair.what} has changed since")
            parent[inner[-1]] = _written(current, repair.new)
        return tomlkit.dumps(document)
    except (TOMLKitError, KeyError, IndexError, TypeError) as error:
        raise StaleRepairs(f"its part of the file no longer reads as it did ({error})"
                           ) from error


def _as_cited(source: str, item: Any) -> Cited:
    value = item.unwrap() if hasattr(item, "unwrap") else item
    if isinstance(value, str):
        return Cited(source, value)
    if not isinstance(value, dict):
        return Cited("", "")
    return Cited(value.get("source", ""), value.get("exact", ""), value.get("prefix"),
                 value.get("suffix"), value.get("occurrence"))


def _value(text: str) -> Any:
    """A tomlkit item from its TOML text."""
    import tomlkit

    return tomlkit.parse(f"x = {text}")["x"]


def _context(new: Cited) -> dict[str, str]:
    """The new prefix, suffix and occurrence as TOML values (those it needs)."""
    values = {"prefix": new.prefix, "suffix": new.suffix, "occurrence": new.occurrence}
    return {key: toml_string(value) if isinstance(value, str) else str(value)
            for key, value in values.items() if value is not None and value != ""}


def _written(current: Any, new: Cited) -> Any:
    from tomlkit.items import InlineTable, Table

    exact = toml_string(new.exact)
    if isinstance(current, str):  # a quality passage
        return _value(exact)
    context = _context(new)
    if isinstance(current, Table):  # [[claims.citations]]: one key a line, changed in place
        current["exact"] = _value(exact)
        for key in _CONTEXT_KEYS:
            if key in context:
                current[key] = _value(context[key])
            elif key in current:
                del current[key]
        return current
    assert isinstance(current, InlineTable)
    parts: list[str] = []
    for written, item in current.value.body:
        if written is None:
            continue  # the white space between the keys
        name, shown = written.key, written.as_string().strip()
        if name == "exact":
            parts.append(f"{shown} = {exact}")
            parts.extend(f"{k} = {v}" for k, v in context.items() if k not in current)
        elif name in _CONTEXT_KEYS:
            if name in context:
                parts.append(f"{shown} = {context[name]}")
        else:
            parts.append(f"{shown} = {item.as_string().strip()}")
    return _value("{ " + ", ".join(parts) + " }")


def apply_repairs(found: Repairs) -> Edited:
    """Write every unambiguous, close repair of `found` into its fact file, in one change
    through `tui.storage.fact_edit.edit`. Raises `EditRefused` (nothing changed) when the
    file has changed since the repairs were found or the change would bring a problem;
    OSError when it cannot be written."""
    from tui.storage.fact_edit import EditRefused, edit

    chosen = found.repairable

    def change(text: str) -> str:
        if text != found.text:
            raise EditRefused(f"{found.path}: changed since the repairs were found; nothing "
                              "was changed, try again")
        try:
            return repaired_text(text, chosen)
        except StaleRepairs as error:
            raise EditRefused(f"{found.path}: {error}; nothing was changed") from error

    return edit(found.path, change)


# ── showing ───────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    """Safe to show: controls made visible, on one line."""
    changed: bool


_DIFF_MOST = 1_000_000
"""Words compared pairwise (old × new) before the passages are shown whole as changed:
difflib is quadratic."""
_KEEP = 24
"""Characters kept at each side of a long unchanged stretch; the rest is an ellipsis."""


_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


def changes(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The old and the new passage as pieces, the words and marks that differ marked
    `changed`, a long unchanged stretch shortened to its ends, every piece safe to show on
    one line (a changed line break or tab shows as a symbol)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    codes: Sequence[tuple[str, int, int, int, int]]
    if len(a) * len(b) > _DIFF_MOST:
        codes = [("replace", 0, len(a), 0, len(b))]
    else:
        codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    before = [("".join(a[i1:i2]), tag != "equal") for tag, i1, i2, _, _ in codes]
    after = [("".join(b[j1:j2]), tag != "equal") for tag, _, _, j1, j2 in codes]
    return _shown(before), _shown(after)


def _shown(pieces: list[tuple[str, bool]]) -> list[Piece]:
    merged: list[tuple[str, bool]] = []
    for text, changed in pieces:
        if not text:
            continue
        if merged and merged[-1][1] == changed:
            merged[-1] = (merged[-1][0] + text, changed)
        else:
            merged.append((text, changed))
    out = []
    for n, (text, changed) in enumerate(merged):
        if changed:
            out.append(Piece(clean(text, multiline=False), True))
            continue
        shown = clean(text.replace("\r\n", " ").replace("\n", " "), multiline=False)
        first, last = n == 0, n == len(merged) - 1
        if len(shown) > 2 * _KEEP + 1:
            shown = ("" if first else shown[:_KEEP]) + "…" + ("" if last else shown[-_KEEP:])
        out.append(Piece(shown, False))
    return out


def context_changes(old: Cited, new: Cited) -> list[str]:
    """How the prefix, suffix and occurrence change: `prefix removed`, `suffix ' and' added`,
    `occurrence 1 → 2` (values shown with repr, so nothing in them is read as layout)."""
    said = []
    for key in _CONTEXT_KEYS:
        was, now = getattr(old, key), getattr(new, key)
        if was == now or (not was and not now):
            continue
        if not now:
            said.append(f"{key} {was!r} removed")
        elif not was:
            said.append(f"{key} {now!r} added")
        else:
            said.append(f"{key} {was!r} → {now!r}")
    return said
