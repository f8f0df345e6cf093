"""Loads are ordered and cancellable, the loading thread touches no app state, a reload frees
the previous version, and copying never waits for a native clipboard tool on the UI thread."""

from __future__ import annotations

import gc
import inspect
import threading
import time
import weakref
from typing import Any

import pytest
from textual._styles_cache import StylesCache

from tests.conftest import VALID_TOML, FactWriter
from tests.ui_helpers import app_for, copied, option_texts, ready, until
from tui.app import CheryApp, copying
from tui.domain.facts.location import Location
from tui.domain.loading import loader
from tui.screens.main import MainScreen
from tui.screens.series import SeriesScreen


def _settled(app: CheryApp) -> bool:
    screen = app.screen
    return (isinstance(screen, MainScreen) and screen.ready and app.xref is not None
            and app.load_done.is_set())


class _RecordingApp(CheryApp):
    """Notes every attribute the app is given from a thread other than the UI thread."""

    CSS_PATH = CheryApp.CSS_PATH

    def __setattr__(self, name: str, value: object) -> None:
        if threading.current_thread() is not threading.main_thread():
            _from_threads.append(name)
        super().__setattr__(name, value)


_from_threads: list[str] = []


async def test_a_reload_during_a_load_replaces_it_and_a_stale_load_never_shows(
        write_facts: FactWriter, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_facts()
    real = loader.load_facts
    first_read = threading.Event()
    release_first = threading.Event()
    first_done = threading.Event()
    calls = 0

    def gated(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls > 1:
            return real(*args, **kwargs)
        result = real(*args, **kwargs)  # reads the first version
        first_read.set()
        release_first.wait(timeout=30)  # ...and is slow to finish
        first_done.set()
        return result

    monkeypatch.setattr(loader, "load_facts", gated)
    _from_threads.clear()
    app = _RecordingApp(path, use_cache=False, use_state=False)
    app.watch_every = 3600
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, first_read.is_set, "the first load to read the file")
        path.write_text(VALID_TOML.replace("Acme sold 1,234 cars in 2024.", "Second version."))
        app.action_reload()  # while the first load still runs
        await until(pilot, lambda: _settled(app), "the second load")
        assert any("Second version." in r for r in option_texts(app.screen.query_one(
            "#timeline")))
        newer = app.facts
        release_first.set()  # the stale first load now finishes: it must change nothing
        await until(pilot, first_done.is_set, "the first load to finish")
        await until(pilot, lambda: not any(w.group == "load" and not w.is_finished
                                            for w in app.workers), "its thread to end")
        await pilot.pause(0.1)
        assert app.facts is newer
        assert any("Second version." in r for r in option_texts(app.screen.query_one(
            "#timeline")))
    assert calls == 2
    assert _from_threads == []  # app state is touched on the UI thread only


async def test_a_load_done_at_once_opens_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A load that ends before the loading screen is mounted (a small file, warm imports)
    crashed in the loading screen's Header, or left the browser under it half filled."""
    from tui.bundled import bundled_facts_path

    done = loader.load_facts(bundled_facts_path())
    monkeypatch.setattr(loader, "load_facts", lambda *args, **kwargs: done)
    for _ in range(12):
        app = app_for(use_state=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: _settled(app), "the browser")  # noqa: B023
            assert [type(s).__name__ for s in app.screen_stack] == ["Screen", "MainScreen"]


async def test_leaving_during_a_load_stops_it(write_facts: FactWriter,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_facts()
    real = loader.load_facts
    started = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        started.set()
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_facts", slow)
    app = app_for(path, use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, started.is_set, "the load")
        await pilot.press("q")
    assert app.return_code == 0
    assert app.facts is None


async def test_reloads_free_the_previous_browser(write_facts: FactWriter) -> None:
    path = write_facts()
    app = app_for(path, use_state=False)
    app.watch_every = 3600
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: _settled(app), "the first load")
        app.navigate(Location("claim", "acme-sales-2024"))
        await pilot.press("S", "escape")  # the series view is kept for the next S
        await pilot.pause()
        assert isinstance(app.get_screen("series"), SeriesScreen)
        before = _orphan_styles(app)
        released = [weakref.ref(app.get_screen("series"))]  # the old version's, as its browser
        for n in range(3):
            old = app.screen
            released.append(weakref.ref(old))
            released.append(weakref.ref(app.xref))  # type: ignore[arg-type]
            del old
            app.action_reload()
            await until(pilot, lambda: _settled(app) and app.screen is not released[-2](),
                         f"reload {n + 1}")
        # no collection of ours: the app's own sweep after each reload must have freed them
        # (a collection would not reach what loading froze, as the bug did)
        gc.collect()
        assert [ref() for ref in released] == [None] * len(released)
        # and Textual's process-wide style cache keeps no widget of a released browser
        # (each reload left ~40 more behind; notifications come and go meanwhile)
        assert _orphan_styles(app) - before < 20, (before, _orphan_styles(app))


def _orphan_styles(app: CheryApp) -> int:
    """How many widgets' style caches are alive without their widget on a screen."""
    live = {id(getattr(widget, "_styles_cache", None)) for screen in app.screen_stack
            for widget in [screen, *screen.walk_children()]}
    gc.unfreeze()
    try:
        gc.collect()
        return sum(isinstance(o, StylesCache) and id(o) not in live for o in gc.get_objects())
    finally:
        gc.freeze()


async def test_copying_runs_the_native_tool_off_the_ui_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    copied_texts: list[str] = []

    def slow_tool(text: str) -> str:
        threads.append(threading.current_thread())
        time.sleep(0.3)  # a native tool can take up to 2 s
        copied_texts.append(text)
        return "slowcopy"

    monkeypatch.setattr(copying, "native_copy", slow_tool)
    app = app_for(use_state=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "jervis-halewood"))
        await pilot.press("c")
        first = app.clipboard
        assert first  # OSC 52 at once, before the tool has finished
        app.navigate(Location("claim", "jin-denial"))
        await pilot.press("c")
        second = app.clipboard
        await copied(pilot)
        notes = [n.message for n in app._notifications]
    assert threads
    assert all(t is not threading.main_thread() for t in threads)
    # the newest copy is the one the native clipboard ends with
    assert copied_texts[-1] == second
    assert first != second
    assert any("via terminal (OSC 52) + slowcopy" in n for n in notes)


def test_the_loading_thread_is_given_no_app_state() -> None:
    """What the thread finds reaches the app through the UI thread (a source-level guard
    for the paths the pilot test does not take: a reopened snapshot, problems)."""
    steps = (CheryApp._load_steps, CheryApp._read_facts, CheryApp._after_drawing)
    for step in steps:
        source = inspect.getsource(step)
        assert "self._to_ui(" in source, step
        for line in source.splitlines():
            stripped = line.strip()
            assert not (stripped.startswith("self.") and " = " in stripped.split("(")[0]), line


