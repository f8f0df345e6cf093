"""A fact file whose every text field carries terminal payloads: OSC 52 (clipboard), OSC 8
(links), cursor movement, C1 controls, bidi overrides and Rich markup. Nothing of it may reach
the terminal or the clipboard as anything but visible characters, on any screen."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Input

from tests.ui_helpers import app_for, copied, option_texts, ready, searched
from tui.domain.facts.location import Location
from tui.domain.present.citations import Style
from tui.widgets.search_panel import SearchPanel

# As written in TOML (escapes); each becomes the raw control characters once parsed.
OSC52 = "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007"
OSC8 = "\\u001b]8;;https://evil.example\\u001b\\\\click\\u001b]8;;\\u001b\\\\"
CURSOR = "\\u001b[2J\\u001b[H\\u001b[31m\\r"
C1 = "\\u009b31m\\u0090q\\u009c"
BIDI = "\\u202egnp.exe\\u202c\\u2066"
MARKUP = "[bold red]M[/] [/] [link=https://x]L[/link]"
PAYLOAD = f"{MARKUP} {OSC52} {OSC8} {CURSOR} {C1} {BIDI}"

SOURCE = ("Acme sold 1,234 cars. \x1b]52;c;cHduZWQ=\x07 \x1b[2J Boss said: “Grow \u202efast”.\n"
          "An uncited line \x9b with a C1 control and \x1b]8;;https://evil\x1b\\a link.\n")

FACTS = f"""\
format = 1
title = "Facts {PAYLOAD}"
description = "About {PAYLOAD}"

[[sources]]
id = "src"
title = "Source {PAYLOAD}"
outlet = "Outlet {PAYLOAD}"
author = "Author {PAYLOAD}"
url = "https://example.com/{PAYLOAD}"
tag = "T\\u001b[1m"
path = "sources/s.txt"
published = {{ date = "2024-05", stated = "May {PAYLOAD}" }}
note = "Note {PAYLOAD}"
quality = [{{ kind = "other", note = "Quality {PAYLOAD}", passages = ["Acme sold"] }}]

[[entities]]
id = "acme"
name = "Acme {PAYLOAD}"
kind = "company"
aliases = ["Alias {PAYLOAD}"]
note = "Entity note {PAYLOAD}"

[[entities]]
id = "boss"
name = "Boss {PAYLOAD}"
kind = "person"
role = "Role {PAYLOAD}"
links = [{{ type = "works-for", target = "acme", note = "Link {PAYLOAD}" }}]

[[claims]]
id = "sales"
kind = "figure"
text = "Claim {PAYLOAD}"
about = ["acme"]
status = "reported"
notes = ["Claim note {PAYLOAD}"]
[[claims.citations]]
source = "src"
exact = "Acme sold 1,234 cars. \\u001b]52;c;cHduZWQ=\\u0007"
note = "Cite {PAYLOAD}"
[claims.figure]
measure = "sales {PAYLOAD}"
value = 1234
unit = "cars {PAYLOAD}"
stated = "1,234 cars"
period = {{ label = "2024 {PAYLOAD}", start = "2024", end = "2024" }}
growth = {{ value = 5, unit = "percent", stated = "cars", compared_with = "last year {PAYLOAD}" }}

[[claims]]
id = "quote"
kind = "quote"
text = "Quote {PAYLOAD}"
about = ["boss"]
status = "reported"
when = {{ date = "2024-05", stated = "in May {PAYLOAD}" }}
quote = {{ speaker = "boss", mode = "direct", words = "Grow \\u202efast" }}
citations = [{{ source = "src", exact = "Boss said: “Grow \\u202efast”." }}]

[[relations]]
from = "quote"
type = "corroborates"
to = "sales"
note = "Relation {PAYLOAD}"

[[tables]]
id = "t"
title = "Table {PAYLOAD}"
note = "Table note {PAYLOAD}"
columns = [{{ id = "units", title = "Units {PAYLOAD}" }}]
rows = [{{ label = "Row {PAYLOAD}", entity = "acme", cells = {{ units = "sales" }} }}]
"""

_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f"
                        "\u061c]")


def write(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.txt").write_text(SOURCE, encoding="utf-8")
    path = tmp_path / "hostile.toml"
    path.write_text(FACTS, encoding="utf-8")
    return path


def assert_harmless(text: str, where: str) -> None:
    found = _FORBIDDEN.search(text)
    if found is not None:
        around = text[max(0, found.start() - 40) : found.end() + 40]
        raise AssertionError(f"{where}: {found.group()!r} in …{around!r}…")


def assert_screen_harmless(app: object, where: str) -> str:
    svg = app.export_screenshot()  # type: ignore[attr-defined]
    # the SVG escapes XML, not terminal controls: a control here would reach a terminal too
    assert_harmless(svg.replace("\n", " ").replace("\t", " "), where)
    assert "&#27;" not in svg, where
    assert "&#x1b;" not in svg.lower(), where
    return str(svg)


async def test_no_payload_reaches_the_screen_or_the_clipboard(tmp_path: Path) -> None:
    app = app_for(write(tmp_path))
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(pilot)
        assert not app.screen.__class__.__name__.startswith("Problems"), "the file loads"
        svg = assert_screen_harmless(app, "main screen")
        assert "␛]52;c;" in svg.replace("&#160;", " ") or "␛" in svg  # shown, visibly

        for location in (Location("claim", "sales"), Location("claim", "quote"),
                         Location("entity", "acme"), Location("entity", "boss")):
            app.navigate(location)
            await pilot.pause()
            assert_screen_harmless(app, f"detail of {location.ident}")
            styles: tuple[Style, ...] = ("plain", "markdown", "quote", "apa", "chicago")
            for style in styles:
                if location.kind != "claim":
                    break
                app.session.cite_style = style
                await pilot.press("c")
                await copied(pilot)
                assert_harmless(app.clipboard, f"{style} citation of {location.ident}")
                assert app.clipboard
                note = list(app._notifications)[-1]
                assert_harmless(note.message, "notification")
                assert not note.markup

        await pilot.press("escape")
        app.navigate(Location("claim", "sales"))
        await pilot.press("space")
        app.navigate(Location("claim", "quote"))
        await pilot.press("space", "b")
        assert_harmless(app.clipboard, "basket")
        assert app.clipboard.count("\n") >= 1

        app.navigate(Location("source", "src"))
        await pilot.pause()
        assert_screen_harmless(app, "source reader")
        await pilot.press("c")
        assert_harmless(app.clipboard, "reader citation")
        await pilot.press("escape")
        await pilot.pause()

        for key, name in (("question_mark", "help"), ("exclamation_mark", "conflicts"),
                          ("H", "health"), ("C", "citation style")):
            await pilot.press(key)
            await pilot.pause(0.2)
            assert_screen_harmless(app, name)
            await pilot.press("escape")
            await pilot.pause()

        await pilot.press("slash")
        panel = app.screen.query_one(SearchPanel)
        for query in ("claim", "52;c", "evil", "acme"):
            panel.query_one(Input).value = query
            await searched(pilot)
            for row in option_texts(panel.results):
                assert_harmless(row, f"search {query}")
            assert_screen_harmless(app, f"search {query}")
        await pilot.press("escape")

        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Acme")
        await pilot.pause(0.5)
        assert_screen_harmless(app, "palette")
        await pilot.press("escape")


async def test_a_hostile_file_name_is_shown_harmlessly(tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b[2J\x1b]52;c;eA==\x07\u202edir"
    folder.mkdir()
    path = write(folder)
    app = app_for(path)
    async with app.run_test(size=(160, 50)) as pilot:
        assert_screen_harmless(app, "loading screen")
        await ready(pilot)
        assert_screen_harmless(app, "browser")
        path.write_text("broken = [", encoding="utf-8")
        await pilot.press("ctrl+r")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.query_one("#reload-problems").display:
                break
        assert_screen_harmless(app, "reload problems")
        for note in app._notifications:
            assert_harmless(note.message, "notification")
