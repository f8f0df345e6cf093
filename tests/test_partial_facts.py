"""A fact file with problems still loads what it can, and everything downstream copes with it.

An item with a schema error is left out; whatever refers to it (or to an id that does not
exist) is left out with it, so the part that loads is referentially closed. `check` (loader,
consistency engine, cross-index, health, text and JSON reports) and the browser's views then
run on that part and end in `FILE:LINE: message` problems, never a traceback.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ui_helpers import option_texts
from tui.bundled import bundled_facts_path
from tui.cli.main import EXIT_OK, EXIT_PROBLEMS, _check
from tui.cli.report import findings_lines, health_json, health_text
from tui.domain.crossref.cross_index import CrossIndex
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.loading.loader import LoadResult, load_facts
from tui.domain.present.citations import claim_citations, reference_list
from tui.domain.present.detail import detail_for
from tui.domain.present.listings import quote_rows, table_view, timeline
from tui.domain.present.prepared import prepare

_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>[1-9]\d*): \S")
_BUNDLED = bundled_facts_path().read_text(encoding="utf-8")
_LINES = _BUNDLED.splitlines(keepends=True)


# ── what every partial fact base must satisfy ─────────────────────────────────────────

def assert_closed(facts: FactBase) -> None:
    """Every reference inside the loaded fact base can be followed."""
    for source in facts.sources.values():
        assert source.id in facts.texts or not any(
            c.resolved for claim in facts.claims.values() for c in claim.citations
            if c.source == source.id), source.id
    for entity in facts.entities.values():
        for link in entity.links:
            assert link.target in facts.entities, (entity.id, link.target)
            assert link.claim is None or link.claim in facts.claims, (entity.id, link.claim)
    for claim in facts.claims.values():
        assert claim.about, claim.id
        assert all(e in facts.entities for e in claim.about), claim.id
        assert claim.citations, claim.id
        for citation in claim.citations:
            assert citation.source in facts.sources, (claim.id, citation.source)
            assert not citation.resolved or citation.source in facts.texts, claim.id
        if claim.quote is not None:
            assert claim.quote.speaker in facts.entities, claim.id
            assert claim.quote.via is None or claim.quote.via in facts.entities, claim.id
    for relation in facts.relations:
        assert relation.source_claim in facts.claims, relation
        assert relation.target_claim in facts.claims, relation
        assert all(c.source in facts.sources for c in relation.citations), relation
    for table in facts.tables.values():
        for row in table.rows:
            assert row.entity is None or row.entity in facts.entities, (table.id, row.label)
            assert all(c in facts.claims for c in row.cells.values()), (table.id, row.label)


def assert_explained(result: LoadResult) -> None:
    assert result.facts is not None or result.problems
    for problem in result.problems:
        assert _PROBLEM.match(str(problem)), str(problem)


def run_check(path: Path) -> tuple[int, str, dict[str, Any]]:
    """`chery-tui check` in text and in JSON, as the command runs it (without the cache)."""
    text, data = io.StringIO(), io.StringIO()
    status, _ = _check(path, "text", text)
    json_status, _ = _check(path, "json", data)
    assert json_status == status
    return status, text.getvalue(), json.loads(data.getvalue())


def browse(facts: FactBase) -> None:
    """What the browser computes from a fact base: its lists, every detail (with and without
    the cross-index), the tables, the quotes, search, health, findings, citations."""
    xref = CrossIndex(facts)
    data = prepare(facts)
    data.search.search("chery")
    data.search.search("2024")
    timeline(facts, set(facts.claims))
    quote_rows(facts, set(facts.claims))
    locations = [*(Location("claim", c) for c in facts.claims),
                 *(Location("entity", e) for e in facts.entities),
                 *(Location("source", s) for s in facts.sources),
                 *(Location("table", t) for t in facts.tables)]
    for location in locations:
        detail_for(facts, location, data.links, xref)
        detail_for(facts, location, data.links)  # before the cross-index is built
    for ident in facts.tables:
        table_view(facts, ident, set(facts.entities))
    for claim in facts.claims.values():
        claim_citations(facts, claim, "markdown")
    reference_list(facts, list(facts.claims.values()))
    for finding in xref.findings:
        finding.worded()
    health = xref.health()
    health_text(health)
    health_json(health)
    list(findings_lines(xref.findings))
    from textual.theme import BUILTIN_THEMES

    from tui.screens.conflicts import claim_rows
    from tui.widgets.palette import palette_of_theme

    palette = palette_of_theme(BUILTIN_THEMES["textual-dark"])
    for finding in xref.findings:
        for claim_id in finding.claims:
            claim_rows(facts, claim_id, palette)


def assert_check_explains(path: Path) -> tuple[int, str, dict[str, Any]]:
    result = load_facts(path)
    assert_explained(result)
    if result.facts is not None:
        assert_closed(result.facts)
        browse(result.facts)
    status, text, payload = run_check(path)
    assert status in (EXIT_OK, EXIT_PROBLEMS)
    lines = text.splitlines()
    assert lines[-1].startswith(f"{path}: ")
    if result.problems:
        assert status == EXIT_PROBLEMS
        assert not payload["ok"]
        assert lines[: len(result.problems)] == [str(p) for p in result.problems]
        assert [f"{p['file']}:{p['line']}: {p['message']}" for p in payload["problems"]] == \
            [str(p) for p in result.problems]
    else:
        assert status == EXIT_OK
        assert payload["ok"]
    return status, text, payload


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "facts"
    if not folder.exists():
        shutil.copytree(bundled_facts_path().parent, folder)
    return folder / "chery.toml"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _line_of(start: str, after: int = 0) -> int:
    """Index of the first line at or after line `after` that starts with `start`."""
    for n in range(after, len(_LINES)):
        if _LINES[n].startswith(start):
            return n
    raise AssertionError(start)


def _replaced(old: str, new: str, after: str | None = None) -> list[str]:
    """The bundled file with the line starting `old` (after the line `after`, an item's
    `id = "..."`) replaced by `new`: the lines are found, not numbered, as the bundled file
    is edited."""
    lines = list(_LINES)
    at = _line_of(old, _line_of(after + "\n") if after else 0)
    lines[at] = new + "\n"
    return lines


# ── the reported case and its relatives ───────────────────────────────────────────────

_BROKEN_GATE = ("tag = ", "tag = 5", 'id = "gate-liverpool"')


def test_a_source_with_a_schema_error_is_listed_not_a_traceback(tmp_path: Path) -> None:
    """The case of the report: `tag = 5` drops source gate-liverpool, which claims cite."""
    path = _write(_copy(tmp_path), _replaced(*_BROKEN_GATE))
    _, text, payload = assert_check_explains(path)
    line = _line_of("tag = ", _line_of('id = "gate-liverpool"\n')) + 1
    assert text.startswith(f"{path}:{line}: source 'gate-liverpool': 'tag' ")
    assert len(payload["problems"]) == 1
    facts = load_facts(path).facts
    assert facts is not None
    assert "gate-liverpool" not in facts.sources
    # the claims citing it are left out with it; the rest still loads and is checked
    whole = load_facts(bundled_facts_path()).facts
    assert whole is not None
    citing = {c.id for c in whole.claims.values()
              if any(x.source == "gate-liverpool" for x in c.citations)}
    assert citing
    assert not citing & set(facts.claims)
    assert set(facts.claims) == set(whole.claims) - citing
    assert "Findings — " in text
    assert "Health" in text


def test_the_engine_copes_with_a_relation_to_a_claim_of_a_dropped_source(
        tmp_path: Path) -> None:
    """The traceback of the report in its smallest form: an `updates` relation whose claims
    cite a source that was left out."""
    from tui.domain.crossref.consistency import find_all

    path = _write(_copy(tmp_path), _replaced(*_BROKEN_GATE))
    facts = load_facts(path).facts
    assert facts is not None
    find_all(facts)  # raised KeyError: 'gate-liverpool'


@pytest.mark.parametrize(("old", "new", "after", "gone"), [
    # an entity that quotes, links and table rows name
    ("kind = ", 'kind = "carmaker"', 'id = "chery"', "chery"),
    # a claim that a relation and a table cell name
    ("status = ", "status = 5", 'id = "chery-exports-2023"', "chery-exports-2023"),
    # a quoted speaker
    ("kind = ", "kind = 1", 'id = "gong-yueqiong"', "gong-yueqiong"),
    # a relation's end, a table cell and an about list naming ids that do not exist
    ('to = "liverpool-european-hq"', 'to = "no-such-claim"', None, None),
    ('id = "liverpool-european-hq"', 'id = "liverpool-european-hq-renamed"', None, None),
    ('id = "chery"', 'id = "chery-renamed"', None, None),
    # a source's text that is not there: its citations cannot be resolved
    ("path = ", 'path = "sources/missing.txt"', 'id = "gate-liverpool"', None),
    # a cell naming a claim that is not a figure, and a cell in a column the table lacks
    ('  { label = "Exports", entity = "chery"',
     '  { label = "Exports", entity = "chery", cells = { units = "jin-denial" } },', None, None),
    ('  { label = "Exports", entity = "chery"',
     '  { label = "Exports", entity = "chery", cells = { nowhere = "chery-exports-jan-nov" } },',
     None, None),
])
def test_a_dropped_item_or_dangling_reference_is_listed(
        tmp_path: Path, old: str, new: str, after: str | None, gone: str | None) -> None:
    path = _write(_copy(tmp_path), _replaced(old, new, after))
    status, _, payload = assert_check_explains(path)
    assert status == EXIT_PROBLEMS
    assert payload["problems"]
    facts = load_facts(path).facts
    assert facts is not None
    if gone is not None:
        assert gone not in {**facts.claims, **facts.entities, **facts.sources}


_SUBSET = ('from = "chery-one-in-three-2023"\ntype = "subset-of"\n'
           'to = "china-auto-exports-previous-year"\n')


@pytest.mark.parametrize("to", ["china-largest-exporter", "chery-one-in-three-2023"])
def test_an_arithmetic_relation_the_engine_cannot_compute_is_left_out(
        tmp_path: Path, to: str) -> None:
    """Found by the property test: a 'subset-of' to a statement (not a figure) raised
    KeyError in the engine; so would a relation from a claim to itself."""
    text = "".join(_LINES)
    assert _SUBSET in text
    path = _copy(tmp_path)
    path.write_text(text.replace(_SUBSET, _SUBSET.replace(
        '"china-auto-exports-previous-year"', f'"{to}"')), encoding="utf-8")
    status, _, payload = assert_check_explains(path)
    assert status == EXIT_PROBLEMS
    assert len(payload["problems"]) == 1


def test_an_unresolved_citation_shows_as_not_found_in_the_conflicts_screen(
        tmp_path: Path) -> None:
    """A claim whose passage is not in its source stays loaded (its problem is listed); the
    views that show passages say it was not found instead of failing on its missing span."""
    from textual.theme import BUILTIN_THEMES

    from tui.screens.conflicts import claim_rows
    from tui.widgets.palette import palette_of_theme

    lines = list(_LINES)
    at = next(n for n, line in enumerate(lines) if 'exact = "Chinese automotive' in line)
    lines[at] = lines[at].replace('exact = "Chinese automotive', 'exact = "Chinese carmaker')
    facts = load_facts(_write(_copy(tmp_path), lines)).facts
    assert facts is not None
    claim = facts.claims["liverpool-european-hq"]
    assert not claim.citations[0].resolved
    shown = " ".join(text.plain for text, _ in claim_rows(
        facts, claim.id, palette_of_theme(BUILTIN_THEMES["textual-dark"])))
    assert "passage not found" in shown


# ── many single mutations of the bundled file ─────────────────────────────────────────

_ITEM_HEADER = re.compile(r"^\[\[(sources|entities|claims|relations|tables)\]\]\s*$")
_KEY_LINE = re.compile(r"^[A-Za-z_]+ = ")
_ID_TOKEN = re.compile(r'"([a-z0-9][a-z0-9._-]*)"')


def _item_blocks() -> list[tuple[int, int]]:
    """[first, end) line ranges of each top-level item, its sub-tables included."""
    starts = [n for n, line in enumerate(_LINES) if _ITEM_HEADER.match(line)]
    ends = [*starts[1:], len(_LINES)]
    return list(zip(starts, ends, strict=True))


def _key_spans(first: int, end: int) -> list[tuple[int, int]]:
    """[first, end) line ranges of the keys of one item (a key and its continuation lines:
    a multi-line array or string)."""
    spans = []
    for n in range(first, end):
        if not _KEY_LINE.match(_LINES[n]):
            continue
        stop = n + 1
        while stop < end and _LINES[stop].strip() and not _KEY_LINE.match(_LINES[stop]) \
                and not _LINES[stop].startswith("["):
            stop += 1
        spans.append((n, stop))
    return spans


_BLOCKS = _item_blocks()
_PARSED = tomli.loads(_BUNDLED)
_IDS = sorted(item["id"] for key in ("sources", "entities", "claims", "tables")
              for item in _PARSED[key])
_WRONG = ["42", "4.2", "true", '"text"', "[]", "{}", '[1, "a"]', "1979-05-27", "{ x = 1 }",
          '["a", 2]', '{ date = 5 }']


class _Mutation:
    def __init__(self, what: str, text: str) -> None:
        self.what, self.text = what, text

    def __repr__(self) -> str:  # a failing example names the change, not the whole file
        changed = difflib.unified_diff(_LINES, self.text.splitlines(keepends=True), n=0)
        return f"{self.what}:\n{''.join(list(changed)[2:12])}"


@st.composite
def _single_mutation(draw: st.DrawFn) -> _Mutation:
    """One change to one item of the bundled file."""
    first, end = draw(st.sampled_from(_BLOCKS))
    lines = list(_LINES)
    action = draw(st.sampled_from(["wrong-type", "unknown-key", "delete-key", "delete-item",
                                   "bad-reference", "garble-passage"]))
    spans = _key_spans(first, end)
    if action == "wrong-type":
        a, b = draw(st.sampled_from(spans))
        key = lines[a].split(" = ", 1)[0]
        lines[a:b] = [f"{key} = {draw(st.sampled_from(_WRONG))}\n"]
    elif action == "unknown-key":
        headers = [n for n in range(first, end) if lines[n].startswith("[")]
        at = draw(st.sampled_from(headers))
        lines.insert(at + 1, "unknown_key = 1\n")
    elif action == "delete-key":
        a, b = draw(st.sampled_from(spans))
        del lines[a:b]
    elif action == "delete-item":
        del lines[first:end]
    elif action == "bad-reference":
        found = [(n, m.start(1), m.end(1)) for n in range(first, end)
                 for m in _ID_TOKEN.finditer(lines[n]) if m.group(1) in _IDS]
        if found:
            n, a, b = draw(st.sampled_from(found))
            other = draw(st.sampled_from(["no-such-id", *_IDS]))
            lines[n] = lines[n][:a] + other + lines[n][b:]
    else:
        passages = [n for n in range(first, end) if 'exact = "' in lines[n]]
        if passages:
            n = draw(st.sampled_from(passages))
            lines[n] = lines[n].replace('exact = "', 'exact = "garbled ', 1)
    return _Mutation(f"{action} in lines {first + 1}-{end}", "".join(lines))


@pytest.mark.slow
@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutation=_single_mutation())
def test_single_mutations_of_the_bundled_file_are_listed_or_load(
        tmp_path: Path, mutation: _Mutation) -> None:
    path = _copy(tmp_path)
    path.write_text(mutation.text, encoding="utf-8")
    assert_check_explains(path)


def test_the_mutations_reach_the_items_not_the_syntax() -> None:
    """The mutation strategy finds the items and their keys (a broken pattern would leave
    the property test changing nothing, or only breaking the TOML syntax)."""
    assert len(_BLOCKS) == sum(len(_PARSED[k]) for k in
                               ("sources", "entities", "claims", "relations", "tables"))
    for first, end in _BLOCKS[::7]:
        for a, b in _key_spans(first, end):
            lines = list(_LINES)
            del lines[a:b]
            tomli.loads("".join(lines))  # deleting a key keeps the file valid TOML


# ── the app on partial files ─────────────────────────────────────────────────────────

_PARTIAL = {
    "source dropped": _BROKEN_GATE,
    "entity dropped": ("kind = ", "kind = 1", 'id = "gong-yueqiong"'),
    "claim dropped (in a relation and a table)": (
        "status = ", "status = 5", 'id = "chery-exports-2023"'),
}


@pytest.mark.parametrize("case", sorted(_PARTIAL))
async def test_the_app_on_a_partial_file_lists_its_problems(tmp_path: Path, case: str
                                                            ) -> None:
    from tests.ui_helpers import ready
    from tui.app import make_app
    from tui.screens.problems import ProblemsScreen

    path = _write(_copy(tmp_path), _replaced(*_PARTIAL[case]))
    expected = [str(p) for p in load_facts(path).problems]
    assert expected
    app = make_app(path, use_cache=False, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert [str(p) for p in app.screen.problems] == expected


@pytest.mark.parametrize("case", sorted(_PARTIAL))
async def test_the_browser_on_a_partial_fact_base(tmp_path: Path, case: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Were the browser ever handed the part of a file that loaded (today it shows the
    problems instead), every screen works on it: detail, health, conflicts."""
    from tests.ui_helpers import ready
    from tui.app import make_app
    from tui.domain.loading import loader
    from tui.screens.conflicts import ConflictsScreen
    from tui.screens.health import HealthScreen
    from tui.screens.main import MainScreen
    from tui.screens.reader import SourceReader
    from tui.widgets.detail_pane import DetailPane

    path = _write(_copy(tmp_path), _replaced(*_PARTIAL[case]))
    partial = load_facts(path)
    assert partial.facts is not None
    assert partial.problems

    def handed(*args: object, **kwargs: object) -> LoadResult:
        return LoadResult(partial.facts, [])

    monkeypatch.setattr(loader, "load_facts", handed)
    facts = partial.facts
    app = make_app(path, use_cache=False, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for _ in range(300):  # `ready` gives up after 10 s; a busy machine may need longer
            if isinstance(app.screen, MainScreen) and app.screen.ready and app.xref:
                break
            await pilot.pause(0.1)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.ready
        assert app.facts is facts
        # the neighbours of what was dropped: claims in relations and tables, quotes, links
        visits = [Location("claim", c) for c in ("chery-exports-2022", "chery-exports-jan-nov",
                                                  "gong-british-business", "liverpool-rd-hq")
                  if c in facts.claims]
        visits += [Location("entity", e) for e in ("chery", "chery-commercial-vehicle", "jlr")]
        for location in visits:
            app.navigate(location)
            await pilot.pause()
            assert option_texts(main.query_one(DetailPane))
        for source_id in facts.sources:
            app.navigate(Location("source", source_id))
            await pilot.pause()
            assert isinstance(app.screen, SourceReader)
            await pilot.press("escape")
        await pilot.press("3")  # the Sales tables
        await pilot.pause()
        app.action_health()
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        await pilot.press("escape")
        app.action_conflicts()
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("escape")
        await pilot.pause()
        back: object = app.screen
        assert back is main
