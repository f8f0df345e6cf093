"""The source reader copies the citation of the passage it shows, and of no other claim.

Several claims' citations start at the same offset of a source (eleven in the bundled file):
the reader once looked the copy up again by that offset and copied another claim's passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tests.ui_helpers import app_for, ready, static_text
from tui.app import CheryApp
from tui.bundled import bundled_facts_path
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.loading.loader import load_facts
from tui.domain.present.citations import Style, format_citation, parts
from tui.domain.present.detail import claim_detail
from tui.screens.main import MainScreen
from tui.screens.reader import SourceReader
from tui.widgets.detail_pane import DetailPane


def _shared_starts(facts: FactBase) -> list[tuple[str, int]]:
    """(claim id, citation index) of every citation whose start another claim's shares."""
    by_start: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for claim in facts.claims.values():
        for n, citation in enumerate(claim.citations):
            by_start[(citation.source, citation.span[0])].append((claim.id, n))
    return [item for items in by_start.values()
            if len({claim for claim, _ in items}) > 1 for item in items]


@asynccontextmanager
async def _browser() -> AsyncIterator[tuple[CheryApp, Any, FactBase]]:
    """The app on the bundled file, loaded and cross-referenced."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.facts is not None
        yield app, pilot, app.facts


def _bundled() -> FactBase:
    result = load_facts(bundled_facts_path())
    assert result.facts is not None
    return result.facts


def test_the_bundled_file_has_citations_sharing_a_start() -> None:
    shared = _shared_starts(_bundled())
    assert ("jervis-halewood", 0) in shared
    assert ("jervis-role", 0) in shared
    assert len(shared) >= 11


async def test_every_passage_sharing_a_start_copies_its_own_claims_citation() -> None:
    async with _browser() as (app, pilot, facts):
        shared = _shared_starts(facts)
        # every such passage in the plain style, the first few in Markdown too
        runs: tuple[tuple[Style, list[tuple[str, int]]], ...] = (
            ("plain", shared), ("markdown", shared[:3]))
        for style, passages in runs:
            app.session.cite_style = style
            for claim_id, number in passages:
                claim = facts.claims[claim_id]
                citation = claim.citations[number]
                app.navigate(Location("source", citation.source, passage=citation.span[0],
                                      claim=claim_id, citation=number))
                await pilot.pause()
                reader = app.screen
                assert isinstance(reader, SourceReader)
                shown = reader.passages[reader.current]
                assert (shown.claim_id, shown.citation) == (claim_id, number)
                assert claim.text.split()[0] in static_text(reader.query_one("#reader-title"))
                await pilot.press("c")
                expected = format_citation(parts(facts, citation, claim), style)
                assert app.clipboard == expected, (claim_id, app.clipboard)


async def test_following_a_citation_link_in_the_detail_copies_that_claims_passage() -> None:
    """The user's path: the claim's Detail, its citation link, `c` in the reader."""
    async with _browser() as (app, pilot, facts):
        app.navigate(Location("claim", "jervis-halewood"))
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        detail = main.query_one(DetailPane)
        lines = claim_detail(facts, "jervis-halewood", main.data.links, app.xref)
        link = next(n for n, line in enumerate(lines)
                    if line.link is not None and line.link.kind == "source")
        await pilot.press("d")
        detail.highlighted = link
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        await pilot.press("c")
        claim = facts.claims["jervis-halewood"]
        assert app.clipboard == format_citation(parts(facts, claim.citations[0], claim),
                                                "plain")
        role = facts.claims["jervis-role"]  # its citation starts at the same offset
        assert app.clipboard != format_citation(parts(facts, role.citations[0], role), "plain")


async def test_reader_copy_is_the_whole_citation_of_the_current_passage() -> None:
    async with _browser() as (app, pilot, facts):
        app.navigate(Location("source", "export-surge"))
        await pilot.pause()
        await pilot.press("n", "n")
        reader = app.screen
        assert isinstance(reader, SourceReader)
        shown = reader.passages[reader.current]
        claim = facts.claims[shown.claim_id]
        await pilot.press("c")
        assert app.clipboard == format_citation(
            parts(facts, claim.citations[shown.citation], claim), "plain")
