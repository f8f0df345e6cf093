"""The reader and Health on sources that froze them (issue 11): one widget per line took 90 s
to open 10,000 lines and grew past 3.7 GB at 200,000; Health took 15 s for 10,000 uncited
lines. Both now draw only what is on screen; these tests hold them to that by counting
widgets, and rows made, never by timing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.big_source import cited_head, line_text, write_big_source
from tests.test_hostile_display import assert_harmless, assert_screen_harmless
from tests.ui_helpers import app_for, option_texts, ready, static_text, styled_text, view_rows
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import clean, one_line
from tui.screens.health import HealthList, HealthScreen
from tui.screens.reader import SourceReader
from tui.widgets.source_view import SourceView

_FEW_WIDGETS = 50
"""The reader is a header, a title, the text and a footer (with its keys): a few dozen widgets
at most, whatever the length of the text."""

LIT = "source-view--current"


def lit(reader: SourceReader) -> str:
    return styled_text(reader.query_one(SourceView), LIT)


def shown(reader: SourceReader) -> list[str]:
    return [strip.text.strip() for strip in view_rows(reader.query_one(SourceView))]


async def _open(pilot: Any, location: Location) -> SourceReader:
    pilot.app.navigate(location)
    await pilot.pause()
    reader = pilot.app.screen
    assert isinstance(reader, SourceReader)
    return reader


@pytest.mark.parametrize("lines", [10_000, pytest.param(200_000, marks=pytest.mark.slow)])
async def test_a_long_source_opens_with_a_few_widgets_at_a_far_passage(
        tmp_path: Path, lines: int) -> None:
    first, middle, last = 10, lines // 2, lines - 10
    app = app_for(write_big_source(tmp_path, lines, (first, middle, last)), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        reader = await _open(pilot, Location("source", "long", claim=f"line-{middle}",
                                             citation=0))
        assert len(reader.query("*")) < _FEW_WIDGETS
        assert reader.passages[reader.current].claim_id == f"line-{middle}"
        assert lit(reader) == cited_head(middle)  # on screen, and lit
        assert "Passage 2/3: What line" in static_text(reader.query_one("#reader-title"))
        await pilot.press("n")
        assert lit(reader) == cited_head(last)
        await pilot.press("n")  # round to the first
        assert lit(reader) == cited_head(first)
        await pilot.press("p")
        assert lit(reader) == cited_head(last)
        current = app.session.current
        assert current is not None
        assert current.claim == f"line-{last}"
        await pilot.resize_terminal(70, 30)  # wrapped again to the new width, still in view
        await pilot.pause()
        assert lit(reader) == cited_head(last)
        await pilot.press("c")
        assert cited_head(last) in app.clipboard
        await pilot.press("end")
        await pilot.pause()
        assert any(row.startswith(f"Line {lines:06d} ") for row in shown(reader))
        await pilot.press("home")
        await pilot.pause()
        assert shown(reader)[0].startswith("Line 000001 of the long source")
        assert len(reader.query("*")) < _FEW_WIDGETS


async def test_a_step_draws_again_only_the_rows_of_the_two_passages(tmp_path: Path) -> None:
    app = app_for(write_big_source(tmp_path, 2_000, (2, 7, 1_500)), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        reader = await _open(pilot, Location("source", "long"))
        view = reader.query_one(SourceView)
        made: list[tuple[int, int]] = []
        render_row = view._render_row

        def counting(line: int, within: int, width: int, *marks: Any) -> Any:
            made.append((line, within))
            return render_row(line, within, width, *marks)

        view._render_row = counting  # type: ignore[method-assign,assignment]
        assert lit(reader) == cited_head(2)
        top = int(view.scroll_y)
        await pilot.press("n")  # line 7, on screen already: nothing scrolls
        await pilot.pause()
        assert lit(reader) == cited_head(7)
        assert {line for line, _ in made} == {1, 6}  # the two passages' lines (from 0)
        assert int(view.scroll_y) == top
        made.clear()
        await pilot.press("n")  # far away: the rows it scrolls to are drawn, no others
        await pilot.pause()
        assert lit(reader) == cited_head(1_500)
        assert 0 < len(set(made)) <= view.scrollable_content_region.height + 2


async def test_health_with_10000_uncited_lines_makes_only_the_rows_on_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_for(write_big_source(tmp_path, 10_001, (1,)), use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        made = 0

        def counting(text: str) -> str:
            nonlocal made
            made += 1
            return one_line(text)

        monkeypatch.setattr("tui.screens.health.one_line", counting)
        await pilot.press("H")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HealthScreen)
        assert len(screen.query("*")) < _FEW_WIDGETS
        assert 0 < made < 1_000  # the rows on screen, not the 10,000
        listing = screen.query_one(HealthList)
        texts = option_texts(listing)
        assert any("Source lines never cited (10000)" in t for t in texts)
        uncited = [i for i, t in enumerate(texts) if t.startswith("▸ long:")]
        assert len(uncited) == 10_000
        assert texts[uncited[0]] == f"▸ long:2 {line_text(2)}"
        row = next(i for i in uncited if f"Line {9_000:06d} " in texts[i])
        listing.highlighted = row
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, SourceReader)
        assert shown(reader)[0] == line_text(9_000)  # the line at the top of the reader


_HOSTILE_LINE = ("\x1b]52;c;cHduZWQ=\x07 \x9b31m \u202egnp.exe\u202c [bold]not bold[/bold] "
                 + "filler words " * 20 + "Quoted passage [red]here[/red] and \u202ethere.")


async def test_a_hostile_source_shows_literally_and_lights_exactly_its_passage(
        tmp_path: Path) -> None:
    body = ["A first line.", _HOSTILE_LINE, "A \x00 last \t line \x7f."]
    app = app_for(write_big_source(tmp_path, 0, (), source_lines=body), use_state=False)
    facts_path = tmp_path / "facts.toml"
    facts_path.write_text(facts_path.read_text(encoding="utf-8") + """
[[claims]]
id = "hostile"
kind = "statement"
text = "The passage after the payloads."
about = ["acme"]
status = "reported"
citations = [{ source = "long", exact = "Quoted passage [red]here[/red] and \\u202ethere" }]
""", encoding="utf-8")
    async with app.run_test(size=(80, 30)) as pilot:
        await ready(pilot)
        reader = await _open(pilot, Location("source", "long", claim="hostile", citation=0))
        rows = shown(reader)
        every = "\n".join(rows)
        assert_harmless(every, "reader rows")
        joined = " ".join(every.split())
        for literal in ("␛]52;c;cHduZWQ=␇", "\\x9b31m", "<U+202E>gnp.exe<U+202C>",
                        "[bold]not bold[/bold]", "␀ last", "␡."):
            assert literal in joined, literal
        # the lit words are the passage's, after the payloads lengthened the line before it
        assert lit(reader) == " ".join(clean("Quoted passage [red]here[/red] and "
                                             "\u202ethere").split())
        assert_screen_harmless(app, "reader")
