"""Fact-file text is shown literally everywhere: no markup, no escape sequences."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.ui_helpers import (
    app_for,
    copied,
    option_texts,
    ready,
    searched,
    static_text,
    table_texts,
    tree_labels,
)
from tui.domain.facts.location import Location
from tui.widgets.brands import EntityTree
from tui.widgets.detail_pane import DetailPane
from tui.widgets.quotes import QuotesPane
from tui.widgets.sales import SalesTable
from tui.widgets.search_panel import SearchPanel
from tui.widgets.timeline import TimelinePane

EVIL = "[bold]B[/] [/] [red]R"
ESC = "\\u001b[31mX"  # as written in TOML: an ESC that must never reach the terminal

SOURCE = "Acme [bold]B[/] [/] [red]R sold 1,234 cars in 2024. Boss said: “[b]Grow[/b].”\n"

FACTS = f"""\
format = 1
title = "Facts {EVIL}"

[[sources]]
id = "src"
title = "Source {EVIL}"
outlet = "Outlet {EVIL}"
tag = "[i]T"
path = "sources/s.txt"
published = {{ date = "2024-05" }}

[[entities]]
id = "acme"
name = "Acme {EVIL} {ESC}"
kind = "company"

[[entities]]
id = "boss"
name = "Boss {EVIL}"
kind = "person"
role = "Role {EVIL}"
links = [{{ type = "works-for", target = "acme" }}]

[[claims]]
id = "sales"
kind = "figure"
text = "Claim {EVIL} {ESC}"
about = ["acme"]
status = "reported"
notes = ["Note {EVIL}"]
citations = [{{ source = "src", exact = "Acme [bold]B[/] [/] [red]R sold 1,234 cars in 2024." }}]
[claims.figure]
measure = "sales {EVIL}"
value = 1234
unit = "vehicles"
stated = "1,234 cars"
period = {{ label = "2024", start = "2024", end = "2024" }}

[[claims]]
id = "quote"
kind = "quote"
text = "Quote {EVIL}"
about = ["boss"]
status = "reported"
quote = {{ speaker = "boss", mode = "direct", words = "[b]Grow[/b]." }}
citations = [{{ source = "src", exact = "Boss said: “[b]Grow[/b].”" }}]

[[tables]]
id = "t"
title = "Table {EVIL}"
columns = [{{ id = "units", title = "Units {EVIL}" }}]
rows = [{{ label = "Row {EVIL}", entity = "acme", cells = {{ units = "sales" }} }}]
"""


def write(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "evil.toml"
    path.write_text(FACTS, encoding="utf-8")
    return path


def literal(text: str) -> bool:
    return "[bold]B[/] [/] [red]R" in text or "[b]Grow[/b]" in text


async def test_markup_and_escapes_are_shown_literally_in_every_pane(tmp_path: Path) -> None:
    app = app_for(write(tmp_path))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert app.sub_title == f"Facts {EVIL}"
        timeline = option_texts(screen.query_one(TimelinePane))
        assert any(literal(t) and "␛[31mX" in t for t in timeline), timeline
        assert not any("\x1b" in t for t in timeline)
        labels = tree_labels(screen.query_one(EntityTree))
        assert f"Acme {EVIL} ␛[31mX" in labels
        assert f"Boss {EVIL} — Role {EVIL}" in labels
        table = table_texts(screen.query_one(SalesTable))
        assert table[0][0] == f"Row {EVIL}"
        assert "Table [bold]B[/]" in static_text(screen.query_one("#sales-title"))
        quotes = option_texts(screen.query_one(QuotesPane))
        assert any(f"Boss {EVIL}: “[b]Grow[/b].”" in q and f"— Role {EVIL} · " in q
                   for q in quotes)

        app.navigate(Location("claim", "sales"))
        await pilot.pause()
        detail = option_texts(screen.query_one(DetailPane))
        assert f"Claim {EVIL} ␛[31mX" in detail
        assert any(f"Note: Note {EVIL}" == d for d in detail)
        assert any(f"[[i]T] Source {EVIL} — Outlet {EVIL}" in d for d in detail)
        assert any("Acme [bold]B[/] [/] [red]R sold 1,234 cars in 2024." in d for d in detail)
        assert not any("\x1b" in d for d in detail)

        await pilot.press("c")
        await copied(pilot)
        assert "\x1b" not in app.clipboard
        assert "[bold]B[/]" in app.clipboard
        note = list(app._notifications)[-1]
        assert "[bold]B[/]" in note.message
        assert not note.markup

        await pilot.press("slash")
        screen.query_one(SearchPanel).query_one(Input).value = "[/]"
        await searched(pilot)
        results = option_texts(screen.query_one(SearchPanel).results)
        assert results
        assert all("[/]" in r for r in results)


async def test_palette_shows_data_literally(tmp_path: Path) -> None:
    app = app_for(write(tmp_path))
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        # Discovery lists items before any typing: it crashed on '[/]' in a name (the app's
        # exception would surface when run_test exits).
        await pilot.press("ctrl+p")
        await pilot.pause(0.4)
        from textual.command import CommandList

        await pilot.press(*"claim")
        await pilot.pause(0.4)
        hits = app.screen.query_one(CommandList)
        texts = option_texts(hits)
        assert any(f"claim: Claim {EVIL}" in t for t in texts), texts
