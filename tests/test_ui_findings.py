"""Conflicts and Health views, badges, and following a finding to its claims and sources."""

from __future__ import annotations

from tests.ui_helpers import app_for, copied, last_notice, option_texts, ready, static_text
from tui.domain.facts.location import Location
from tui.screens.conflicts import ClaimSide, ConflictsScreen, FindingList
from tui.screens.health import HealthList, HealthScreen
from tui.screens.main import MainScreen
from tui.screens.reader import SourceReader
from tui.widgets.detail_pane import DetailPane
from tui.widgets.quotes import QuotesPane
from tui.widgets.timeline import TimelinePane


async def test_conflicts_view_shows_claims_side_by_side_with_the_arithmetic() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConflictsScreen)
        findings = option_texts(screen.query_one(FindingList))
        # 2 for the export inconsistency, 10 denials: since the second audit of the fact file,
        # both denials cover all five details of the 36kr platform report
        assert len(findings) == 12
        # the claims by their words, not their ids
        assert findings[0].startswith("✗ growth: Chery Group's exports in the first eleven")
        assert "chery-exports-jan-nov" not in findings[0]
        # the export inconsistency is a growth finding and a stated one; the 10 denials stated
        assert sum(f.startswith("✗ stated: ") for f in findings) == 11
        head = static_text(screen.query_one("#finding-head"))
        assert "1,199,590 / (1 + 14.7%) = 1,045,394 to 1,046,306" in head
        assert "Tolerance:" in head
        left = option_texts(screen.query_one("#side-0", ClaimSide))
        right = option_texts(screen.query_one("#side-1", ClaimSide))
        assert "Value: 1,199,590" in left
        assert "Value: 937,148" in right
        assert any(t.startswith("▸ [Surge]") for t in right)
        await pilot.press("j", "j")  # a denial
        await pilot.pause()
        assert "jin-denial" in option_texts(screen.query_one("#side-0", ClaimSide))[0]
        await pilot.press("enter")  # into the claims
        await pilot.pause()
        assert app.focused is screen.query_one("#side-0", ClaimSide)
        await pilot.press("enter")  # the first link: the claim itself
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.history.current == Location("claim", "jin-denial")


async def test_a_source_link_in_the_conflicts_view_opens_the_reader() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark", "enter", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        assert app.screen.source_id == "export-surge"
        await pilot.press("backspace")  # leaves the reader only: back in Conflicts
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_health_view_lists_the_report_and_follows_lines_to_the_source() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("H")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HealthScreen)
        texts = option_texts(screen.query_one(HealthList))
        assert any("Contradictions the file states, not settled (1)" in t for t in texts)
        assert any("Entities no claim is about (0)" in t for t in texts)
        assert any("Claims backed by a single source" in t for t in texts)
        line = next(i for i, t in enumerate(texts) if "Conclusion: An Analyst’s View" in t)
        screen.query_one(HealthList).highlighted = line
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceReader)
        assert reader.source_id == "export-surge"


async def test_escape_from_a_reader_opened_in_health_returns_to_health() -> None:
    """It returned to the browser: escape leaves what was opened last, the reader."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-2023"), "timeline")
        await pilot.pause()
        await pilot.press("H")
        await pilot.pause()
        health = app.screen
        assert isinstance(health, HealthScreen)
        listing = health.query_one(HealthList)
        texts = option_texts(listing)
        line = next(i for i, t in enumerate(texts) if "Conclusion: An Analyst’s View" in t)
        listing.highlighted = line
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        await pilot.press("n", "escape")  # however far it stepped
        await pilot.pause()
        back: object = app.screen
        assert back is health
        assert listing.highlighted == line
        # the history went back a step too: the browser under Health shows where it was
        assert app.session.current == Location("claim", "chery-exports-2023")
        assert app.main.shown == Location("claim", "chery-exports-2023")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.main.shown == Location("claim", "chery-exports-2023")


async def test_detail_lists_findings_and_follows_them_to_the_other_claim() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-2023"), "timeline")
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        texts = option_texts(detail)
        assert any(t.strip().startswith("Cross-references · backed by 1 source (Surge)")
                   for t in texts)
        row = next(i for i, t in enumerate(texts) if "✗ contradiction · growth" in t)
        assert "1,045,394" in texts[row + 1]
        assert any("✓ consistent · growth" in t for t in texts)  # 2022 agrees
        detail.highlighted = row
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.history.current == Location("claim", "chery-exports-jan-nov")


async def test_lists_mark_disputes_and_two_sources_and_nothing_else() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        texts = option_texts(app.screen.query_one(TimelinePane))
        disputed = next(t for t in texts if "Chery Group's full-year 2023 exports" in t)
        assert disputed.startswith(" ✗ 2023")
        assert "sources" not in disputed  # one source: no badge
        quiet = next(t for t in texts if "JLR sold 26,100 vehicles in China in 2010" in t)
        assert quiet.startswith("   2010  ")
        # Since the second audit of the fact file no dated claim is corroborated by another
        # article (Halewood's decline only relates to Gate's "uncertain prospects", and the
        # Liverpool headquarters claims carry no date), so the badge is checked in the Quotes:
        # Robinson's welcome (Gate) corroborates liverpool-base's headquarters report.
        quotes = option_texts(app.screen.query_one(QuotesPane))
        corroborated = next(t for t in quotes if "Liam Robinson" in t)
        assert corroborated.endswith(" · 2 sources")
        assert corroborated.startswith("   Liam Robinson: ")


async def test_conflicts_and_health_are_in_the_palette() -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Conflicts: every contradiction and tension, side by side" in titles
        assert "Health of the fact file" in titles


async def test_c_on_a_finding_copies_what_each_of_its_claims_cites() -> None:
    """Found by a tester: `c` on a finding in Conflicts said "Select a claim…"."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        await pilot.press("c")
        await copied(pilot)
        copied_text = app.clipboard
        # the export inconsistency: both claims' passages, each with its source
        assert "1,199,590 units" in copied_text
        assert "937,148 units" in copied_text
        assert last_notice(app).startswith("Copied citations of the 2 claims of this "
                                           "contradiction")
