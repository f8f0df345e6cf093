"""Key latency from outside (`make bench-keys`, and part of `make bench`): chery-tui and a bare
Textual app run under a pseudo-terminal of 120 by 40, keys written to it as bytes, and each key
timed from the write to the screen settled (the last output before 150 ms without any; see
`tui.bench.pty_session`). Every key of chery-tui is set against the bare app's key that does
the same kind of thing, measured in the same run.

`python -m tui.bench.keys [--facts FILE] [--large FILE] [--reps N]` prints the table.

What it cannot tell apart: a focused text field's cursor blinks every 0.5 s after its last
key, so a key that focuses one (`/`) or types into it and is still drawing ~350 ms later is
counted up to that blink; and escape includes Textual's wait for a longer escape sequence
(ESCDELAY, 100 ms), in both apps alike.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tui.bench.pty_session import GAP, PtySession, summary

_BARE_APP = """
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
WHAT = ("sales rose in", "exports went to", "a plant opened in", "new models came to",
        "the brand entered")
WHERE = ("Brazil", "Spain", "Russia", "Turkey", "Mexico", "Italy", "Egypt")
ITEMS = [f"{2000 + i % 25}: {WHAT[i % 5]} {WHERE[i % 7]}, {i * 37 % 1000} thousand cars"
         for i in range(150)]
class List(OptionList):
    BINDINGS = [Binding("j", "cursor_down"), Binding("k", "cursor_up")]
class Search(Input):
    BINDINGS = [Binding("escape", "leave")]
    def action_leave(self):
        self.app.query_one(List).focus()
class Help(ModalScreen):
    DEFAULT_CSS = "Help { align: center middle; } #box { width: 90%; height: 90%; }"
    BINDINGS = [Binding("escape", "app.pop_screen")]
    def compose(self):
        with VerticalScroll(id="box"):
            yield Static("\\n".join(f"key {i}   what it does, in a sentence" for i in range(60)))
class Other(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen")]
    def compose(self):
        with Horizontal():
            yield List(*ITEMS[::-1])
            yield Static(id="text")
class Bare(App):
    CSS = "List, #detail, Other #text { width: 1fr; }"
    BINDINGS = [Binding("tab", "switch", priority=True), Binding("slash", "search"),
                Binding("question_mark", "help"), Binding("exclamation_mark", "other"),
                Binding("z", "zoom")]
    def compose(self):
        yield Search()
        with Horizontal():
            yield List(*ITEMS)
            with VerticalScroll(id="detail"):
                yield Static(id="text")
    def on_mount(self):
        self.query_one(List).focus()
    def on_option_list_option_highlighted(self, event):
        self.query_one("#text", Static).update((str(event.option.prompt) + "\\n") * 12)
    def on_input_changed(self, event):
        found = [item for item in ITEMS if event.value.lower() in item.lower()]
        self.query_one(List).set_options(found)
    def action_switch(self):
        detail = self.query_one("#detail")
        (self.query_one(List) if detail.has_focus else detail).focus()
    def action_search(self):
        self.query_one(Search).focus()
    def action_help(self):
        self.push_screen(Help())
    def action_other(self):
        self.push_screen(Other())
    def action_zoom(self):
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.focused is not None:
            self.screen.maximize(self.focused)
Bare().run()
"""

ESC, CLEAR = b"\x1b", b"\x15"  # ctrl+u empties the search field
WORDS = ("sales", "export", "plant", "models")
"""Typed one letter at a time into search."""

Step = tuple[str | None, bytes]
"""A key's bytes, with the name it is reported under (None: pressed, not timed)."""
Unit = list[Step]
"""Keys pressed together in one app before the other app's turn (a screen opened and closed)."""
Plan = dict[str, list[Unit]]
"""Groups of units, in order; the two apps take turns unit by unit within a group."""

EQUIVALENT = {"j": "j", "k": "k", "tab": "tab", "2": "tab", "3": "tab", "?": "?",
              "escape ?": "escape ?", "!": "!", "escape !": "escape !", "z": "z", "/": "/",
              "search key": "search key", "S first": "!", "S": "!", "j in series": "j",
              "escape S": "escape !"}
"""chery-tui's key → the bare app's that does the same kind of thing. Panes switched by tab or
by number are a focus change, as the bare app's tab. Help and Conflicts are set against the
bare app opening a screen of its own, not against its list key: a list key redraws a few rows,
a new screen all 40, so a list key would ask a screen to be as cheap as a cursor step. Help is
a modal over the dimmed browser, as the bare `?` over its list; Conflicts replaces the screen
with a list and a text, as the bare `!`, and so does the series view (S); a cursor step along
the series redraws its chart's cursor as well as the list, set against the bare list key.
Escape in either pops that screen again."""

WHAT = {"j": "down in the list", "k": "up in the list", "tab": "next pane",
        "2": "Brands pane", "3": "Sales pane", "?": "help opens", "escape ?": "help closes",
        "!": "Conflicts opens", "escape !": "Conflicts closes", "z": "zoom / restore",
        "/": "search opens", "search key": "a letter typed into search",
        "S first": "series view, first open", "S": "series view opens again",
        "j in series": "down the series", "escape S": "series closes"}


LONG_QUIET = frozenset({"S first"})
"""Keys timed to a longer quiet (`LONG_GAP`): the series view's first opening writes a frame
of the browser at once, then composes and draws for longer than `GAP` writing nothing (10,000
figures at 100,000 claims), and was timed at that first frame (39 ms for ~370)."""
LONG_GAP = 0.5


def _each(unit: Unit, count: int) -> list[Unit]:
    return [list(unit) for _ in range(count)]


def _search(reps: int) -> list[Unit]:
    """A unit a word: search opened, the word typed, emptied, closed; about `reps` letters."""
    units: list[Unit] = []
    typed = 0
    for word in WORDS * (1 + reps // sum(map(len, WORDS))):
        if typed >= reps:
            break
        units.append([("/", b"/"), *[("search key", c.encode()) for c in word], (None, CLEAR),
                      (None, ESC)])
        typed += len(word)
    return units


def _series(reps: int, to_a_figure: Unit) -> list[Unit]:
    """The series view opened on a figure, a step along it, closed; the first opening (the
    screen composed, the series drawn) timed apart from the next (shown again, the drawing
    kept while the series is the same)."""
    return [to_a_figure, [("S first", b"S"), (None, ESC)],
            *_each([("S", b"S"), ("j in series", b"j"), ("escape S", ESC)], reps)]


def bundled_plan(reps: int) -> Plan:
    """Every kind of key, from the Timeline: lists, panes, screens, zoom and search; the
    series from the Sales pane (its first row is a figure)."""
    return {
        "lists": [[(None, b"1")], *_each([("j", b"j")], reps), *_each([("k", b"k")], reps)],
        "panes": [*_each([("tab", b"\t")], reps), [(None, b"1")],
                  *_each([("2", b"2"), ("3", b"3")], reps), [(None, b"1")]],
        "screens": [*_each([("?", b"?"), ("escape ?", ESC)], reps),
                    *_each([("!", b"!"), ("escape !", ESC)], reps)],
        "zoom": _each([("z", b"z"), ("z", b"z")], (reps + 1) // 2),
        "search": _search(reps),
        "series": _series(reps, [(None, b"3")]),
    }


def bare_plan(reps: int) -> Plan:
    back: list[Unit] = [[(None, b"\t")]] if reps % 2 else []  # the list focused again
    return {
        "lists": [*_each([("j", b"j")], reps), *_each([("k", b"k")], reps)],
        "panes": [*_each([("tab", b"\t")], reps), *back],
        "screens": [*_each([("?", b"?"), ("escape ?", ESC)], reps),
                    *_each([("!", b"!"), ("escape !", ESC)], reps)],
        "zoom": _each([("z", b"z"), ("z", b"z")], (reps + 1) // 2),
        "search": _search(reps),
    }


def large_plan(reps: int) -> Plan:
    """At the largest size: a list key, pane switches, search, and the series view on the
    generated file's long series (its first day is the Timeline's first row:
    `generate.LONG_SERIES_MEASURE`, 10,000 figures at 100,000 claims)."""
    return {"lists": [[(None, b"1")], *_each([("j", b"j")], reps)],
            "panes": [*_each([("tab", b"\t")], reps), [(None, b"1")],
                      *_each([("2", b"2"), ("3", b"3")], (reps + 1) // 2)],
            "search": _search(reps),
            "series": _series(reps, [(None, b"1"), (None, b"g")])}


def play(sessions: dict[str, PtySession], plans: dict[str, Plan]
         ) -> dict[str, dict[str, dict[str, float]]]:
    """Press each app's plan in its session, the apps taking turns unit by unit (so that the
    machine's load, which drifts, weighs on both alike); per app, the median and p90 latency
    of each named key, and how many presses drew nothing (`silent`)."""
    times: dict[str, dict[str, list[float | None]]] = {app: {} for app in plans}
    for group in dict.fromkeys(g for plan in plans.values() for g in plan):
        turns = [[(app, unit) for unit in plan.get(group, [])] for app, plan in plans.items()]
        for app, unit in (t for row in itertools.zip_longest(*turns) for t in row if t):
            for name, key in unit:
                took = sessions[app].press(key, gap=LONG_GAP if name in LONG_QUIET else GAP)
                if name is not None:
                    times[app].setdefault(name, []).append(took)
    return {app: {name: {**summary([t for t in got if t is not None]),
                         "silent": sum(t is None for t in got)}
                  for name, got in keys.items()}
            for app, keys in times.items()}


def _chery(path: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "--facts", str(path)]


def measure_keys(path: Path, reps: int = 20, large: Path | None = None) -> dict[str, Any]:
    """The bare app's keys and chery-tui's on `path`, side by side, each chery-tui key's median
    over its bare equivalent's; and (when given) chery-tui's on the large file `large`.
    Every app starts with a fresh state folder (no basket, history or position)."""
    with contextlib.ExitStack() as stack:
        sessions = {}
        for app, argv in (("bare", [sys.executable, "-c", _BARE_APP]), ("bundled", _chery(path))):
            state = stack.enter_context(tempfile.TemporaryDirectory())
            sessions[app] = stack.enter_context(
                PtySession(argv, {**os.environ, "CHERY_TUI_STATE_DIR": state}))
            sessions[app].wait_ready(120.0)  # one at a time: they do not load side by side
        got = play(sessions, {"bare": bare_plan(reps), "bundled": bundled_plan(reps)})
    result: dict[str, Any] = {"reps": reps, **got, "ratios": ratios(got["bundled"], got["bare"])}
    if large is not None:
        with tempfile.TemporaryDirectory() as state, \
                PtySession(_chery(large), {**os.environ, "CHERY_TUI_STATE_DIR": state}) as big:
            # cold (the caller's empty cache): cross-referencing runs after the browser shows
            busy = keys_while_busy(big)
            big.wait_ready(600.0)
            result["large"] = play({"large": big}, {"large": large_plan(reps)})["large"]
            result["large"]["j while busy"] = busy
        result["large"]["S first"] = first_openings(large, result["large"]["S first"])
    return result


FIRST_OPENINGS = 3
"""Sessions the series view's first opening is timed in: once a session, one press was the
whole figure, and this machine's load alone moved it by 100 ms from run to run."""


def first_openings(large: Path, first: dict[str, float], sessions: int = FIRST_OPENINGS
                   ) -> dict[str, float]:
    """`first` (the series view's first opening in the large session) with its first opening
    in `sessions - 1` more sessions of the large file (from the cache the first one left, and
    with its cross-references made: what the first session's was opened with)."""
    times = [first["median_ms"] / 1000] if first.get("n") else []
    silent = int(first.get("silent", 0))
    for _ in range(sessions - 1):
        with tempfile.TemporaryDirectory() as state, \
                PtySession(_chery(large), {**os.environ, "CHERY_TUI_STATE_DIR": state}) as again:
            again.wait_ready(600.0)
            got = play({"again": again}, {"again": {"series": _series(0, [(None, b"1"),
                                                                         (None, b"g")])}})
            opened = got["again"].get("S first", {})
            if opened.get("n"):
                times.append(opened["median_ms"] / 1000)
            silent += int(opened.get("silent", 0))
    return {**summary(times), "silent": silent}


BROWSER_DRAWN = "search"
"""A word of the hint bar: the browser is on screen (the loading screen never shows it)."""


def keys_while_busy(session: PtySession, key: bytes = b"j", presses: int = 20,
                    busy_share: float = 0.5) -> dict[str, float]:
    """`key` pressed `presses` times from the moment the browser shows, while the program
    still works in the background after a cold load (the snapshot for the next start,
    cross-referencing): the median and p90 latency, how many presses drew (`n`), and
    whether the work was still running after the last press (`busy_after`: 1.0, else 0.0,
    when some of the presses met no work). The work gives way to keys, so it is not seen
    while they come; it is looked for as they stop."""
    session.wait_for_text(BROWSER_DRAWN, 600.0)
    times: list[float] = []
    for _ in range(presses):
        took = session.press(key, gap=0.05)
        if took is not None:
            times.append(took)
    before, start = session.cpu_seconds(), time.perf_counter()
    time.sleep(0.3)
    used = session.cpu_seconds()
    busy = before is not None and used is not None and \
        (used - before) / (time.perf_counter() - start) >= busy_share
    return {**summary(times), "busy_after": 1.0 if busy else 0.0}


def ratios(ours: dict[str, dict[str, float]], bare: dict[str, dict[str, float]]
           ) -> dict[str, float]:
    out = {}
    for name, figures in ours.items():
        reference = bare.get(EQUIVALENT.get(name, ""), {}).get("median_ms", math.nan)
        out[name] = figures["median_ms"] / reference if reference > 0 else math.nan
    return out


def key_table(keys: dict[str, Any]) -> str:
    """One row per chery-tui key: what it does, the bare equivalent, the figures side by side."""
    large = keys.get("large", {})
    head = ["key", "what", "bare key", "bare p50", "bare p90", "ms p50", "ms p90", "ratio"]
    if large:
        head += ["large p50", "large p90"]
    body = []
    for name, ours in keys["bundled"].items():
        bare = keys["bare"].get(EQUIVALENT[name], {})
        row = [name, WHAT[name], EQUIVALENT[name], *(_ms(bare.get(k)) for k in _FIGURES),
               *(_ms(ours.get(k)) for k in _FIGURES), f"{keys['ratios'][name]:.2f}"]
        if large:
            row += [_ms(large.get(name, {}).get(k)) for k in _FIGURES]
        body.append(row)
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) if i < 3 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in [head, *body]]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    busy = large.get("j while busy")
    if busy:
        lines.append(f"large, `j` while it works in the background after a cold load (snapshot, "
                     f"cross-referencing): p50 {_ms(busy['median_ms'])} ms, p90 "
                     f"{_ms(busy['p90_ms'])} ms, {busy['n']:.0f} presses"
                     + ("" if busy.get("busy_after") else
                        " (the work ended before the last press)"))
    silent = [f"{app} `{name}` {figures['silent']}×" for app in ("bare", "bundled", "large")
              for name, figures in keys.get(app, {}).items() if figures.get("silent")]
    if silent:
        lines.append("drew nothing (not counted): " + ", ".join(silent))
    return "\n".join(line.rstrip() for line in lines)


_FIGURES = ("median_ms", "p90_ms")


def _ms(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.0f}"


def main(argv: list[str] | None = None) -> int:
    from tui.bundled import bundled_facts_path

    parser = argparse.ArgumentParser(prog="python -m tui.bench.keys",
                                     description="key latency, from outside, beside a bare app")
    parser.add_argument("--facts", type=Path, default=None,
                        help="the fact file (default: the bundled one)")
    parser.add_argument("--large", type=Path, default=None,
                        help="a large fact file to time a few keys on as well")
    parser.add_argument("--reps", type=int, default=20, help="presses of each key")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["CHERY_TUI_CACHE_DIR"] = cache  # never the user's own cache
        keys = measure_keys(args.facts or bundled_facts_path(), args.reps, args.large)
    print(key_table(keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
