"""Colours come from the theme: after a change of theme (as the command palette's "Change
theme" makes it), what is drawn has the new theme's colours — a hard-coded colour fails."""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from textual.color import Color
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.theme import BUILTIN_THEMES
from textual.widgets import Static

from tests.ui_helpers import app_for, ready, searched, view_rows
from tui.app import CheryApp
from tui.domain.facts.location import Location
from tui.screens.conflicts import ClaimSide, ConflictsScreen, FindingList
from tui.screens.health import HealthList, HealthScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.palette import (
    MIN_CONTRAST,
    ROLES,
    Palette,
    _contrast,
    current_palette,
    palette_for,
    palette_of_theme,
)
from tui.widgets.sales import SalesTable
from tui.widgets.search_panel import SearchPanel
from tui.widgets.timeline import TimelinePane

_THEMES = ("textual-light", "nord", "textual-dark")


def _colours(segments: Iterable[Segment], text: str) -> set[str]:
    """The colours (hex) of the segments drawn with `text` in them (the row under a cursor
    has the cursor's)."""
    found = {segment.style.color.get_truecolor().hex.lower() for segment in segments
             if text in segment.text and segment.style is not None and segment.style.color}
    assert found, f"{text!r} not drawn"
    return found


def _drawn(widget: ScrollView) -> list[Segment]:
    return [segment for strip in view_rows(widget) for segment in strip]


_ROLE_OF = {"text-error": "contradiction", "text-success": "basket", "text-primary": "link",
            "text-accent": "key"}


def _variable(app: CheryApp, name: str) -> str:
    """The colour the theme's `name` variable draws a role with: the variable's own, made
    readable on the theme's background where it is not (`palette.MIN_CONTRAST`)."""
    colour = getattr(current_palette(app), _ROLE_OF[name]).color
    assert colour is not None
    return str(colour.get_truecolor().hex).lower()


def test_every_role_is_a_palette_field_and_resolves_in_every_builtin_theme() -> None:
    assert set(ROLES) == set(Palette.__dataclass_fields__)
    for theme in BUILTIN_THEMES.values():
        palette = palette_of_theme(theme)
        assert palette.contradiction.color is not None, theme.name
        assert palette.contradiction.bold, theme.name
        assert palette.match.bgcolor is not None, theme.name


def test_every_role_reads_on_every_builtin_theme_s_background() -> None:
    """The light themes' own $text-warning and $text-success read at 2.5-3.5:1 on their
    background; each role is moved towards the foreground until it reads at 4.5:1 (WCAG AA),
    and is the theme's own colour where that already does."""
    for theme in BUILTIN_THEMES.values():
        variables = {**theme.to_color_system().generate(), **theme.variables}
        if variables["background"].startswith("ansi"):
            continue  # the terminal's own colours: not known here
        palette = palette_for(variables)
        grounds = [Color.parse(variables[k]) for k in ("background", "surface")]
        for role in ROLES:
            colour = getattr(palette, role).color
            if role == "match" or colour is None:
                continue
            drawn = Color.parse(colour.get_truecolor().hex)
            assert min(_contrast(drawn, g) for g in grounds) >= MIN_CONTRAST, (theme.name,
                                                                             role)
    dark = {**BUILTIN_THEMES["textual-dark"].to_color_system().generate()}
    error = palette_for(dark).contradiction.color
    assert error is not None
    assert error.get_truecolor().hex.lower() == Color.parse(dark["text-error"]).hex.lower()


async def test_marks_links_and_bars_take_the_colours_of_each_theme_chosen() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        timeline = screen.query_one(TimelinePane)
        app.navigate(Location("claim", "chery-exports-jan-nov"), "timeline")
        await pilot.pause()
        await pilot.press("1", "space", "j")  # the claim in the basket, the cursor off it
        await pilot.pause()
        assert app.session.basket
        detail = screen.query_one(DetailPane)
        seen: dict[str, tuple[str, ...]] = {}
        for name in _THEMES:
            app.theme = name
            for _ in range(3):
                await pilot.pause()
            error, success = _variable(app, "text-error"), _variable(app, "text-success")
            assert error in _colours(_drawn(timeline), "✗"), name  # a contradiction
            assert success in _colours(_drawn(timeline), "●"), name  # the basket
            assert _variable(app, "text-primary") in _colours(_drawn(detail), "▸"), name  # link
            seen[name] = (error, success)
        assert len(set(seen.values())) == len(_THEMES)  # each theme its own colours

        await pilot.press("3")  # the Sales pane: its bars and disputed rows
        await pilot.pause()
        table = screen.query_one(SalesTable)
        for name in _THEMES:
            app.theme = name
            for _ in range(3):
                await pilot.pause()
            assert _variable(app, "text-primary") in _colours(_drawn(table), "█"), name


async def test_search_matches_and_help_keys_follow_the_theme() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"halewood")
        await searched(pilot)
        results = app.screen.query_one(SearchPanel).results
        for name in _THEMES:
            app.theme = name
            for _ in range(3):
                await pilot.pause()
            muted = Color.parse(app.theme_variables["warning-muted"]).hex.lower()
            backgrounds = {s.style.bgcolor.get_truecolor().hex.lower()
                           for s in _drawn(results) if s.style and s.style.bgcolor
                           and s.style.underline}
            assert muted in backgrounds, name
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        for name in _THEMES:
            app.theme = name
            for _ in range(3):
                await pilot.pause()
            keys = app.screen.query_one("#help-keys")
            strips = keys.render_lines(Region(0, 0, keys.size.width, keys.size.height))
            assert _variable(app, "text-accent") in _colours(
                (s for strip in strips for s in strip), "shift+tab"), name


async def test_conflicts_and_health_follow_the_theme() -> None:
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        listing = app.screen.query_one(FindingList)
        head = app.screen.query_one("#finding-head", Static)
        side = app.screen.query_one("#side-0", ClaimSide)
        for name in _THEMES:
            app.theme = name
            for _ in range(3):
                await pilot.pause()
            error = _variable(app, "text-error")
            assert error in _colours(_drawn(listing), "✗"), name
            strips = head.render_lines(Region(0, 0, head.size.width, head.size.height))
            assert error in _colours((s for strip in strips for s in strip), "✗"), name
            assert _variable(app, "text-primary") in _colours(_drawn(side), "▸"), name
        await pilot.press("escape", "H")
        await pilot.pause()
        assert isinstance(app.screen, HealthScreen)
        health = app.screen.query_one(HealthList)
        # a row of one style keeps it (muted is dim, not a colour): headings, notes
        drawn = _drawn(health)
        heading = next(s for s in drawn if s.text.startswith("Contradictions the file"))
        note = next(s for s in drawn if s.text.startswith("  (Conflicts"))
        assert heading.style is not None
        assert heading.style.bold
        assert heading.style.underline
        assert note.style is not None
        assert note.style.dim
        for name in _THEMES:
            app.theme = name
            for _ in range(3):
                await pilot.pause()
            assert _variable(app, "text-primary") in _colours(_drawn(health), "▸"), name


async def test_kept_screens_take_a_theme_chosen_while_they_were_closed() -> None:
    """Help and Conflicts are made once and shown again: a theme chosen in between is the
    one they show."""
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape", "exclamation_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        for name in ("textual-light", "nord"):
            app.theme = name
            for _ in range(3):
                await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            keys = app.screen.query_one("#help-keys")
            strips = keys.render_lines(Region(0, 0, keys.size.width, keys.size.height))
            assert _variable(app, "text-accent") in _colours(
                (s for strip in strips for s in strip), "shift+tab"), name
            await pilot.press("escape", "exclamation_mark")
            await pilot.pause()
            assert isinstance(app.screen, ConflictsScreen)
            error = _variable(app, "text-error")
            assert error in _colours(_drawn(app.screen.query_one(FindingList)), "✗"), name
            head = app.screen.query_one("#finding-head", Static)
            strips = head.render_lines(Region(0, 0, head.size.width, head.size.height))
            assert error in _colours((s for strip in strips for s in strip), "✗"), name
            await pilot.press("escape")
            await pilot.pause()


async def test_the_reader_s_marks_take_the_readable_colours_of_the_theme() -> None:
    """The reader marked what is left to capture with the theme's own $text-accent, 3:1 on
    textual-light's background; it takes the palette's, which reads at 4.5:1."""
    from tui.screens.reader import SourceReader
    from tui.widgets.source_view import SourceView

    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        assert app.facts is not None
        text = app.facts.texts["gate-liverpool"]
        second = text.index("0.2%", text.index("0.2%") + 1)  # the body's second copy: uncited
        app.navigate(Location("source", "gate-liverpool", passage=second))
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, SourceReader)
        view = app.screen.query_one(SourceView)
        key = current_palette(app).key.color
        assert key is not None
        assert _colours(_drawn(view), "0.2%") == {key.get_truecolor().hex.lower()}
        assert key.get_truecolor().hex.lower() != _css(app, "text-accent")


def _css(app: CheryApp, name: str) -> str:
    return Color.parse(app.theme_variables[name]).hex.lower()
