"""`chery-tui serve` in a real headless browser: Debian's Chromium, driven by Playwright
(its own browser download cannot be used here), against the server on a free loopback port.
It types keys into the page's terminal and asserts on what the page was sent and shows, on
what was copied to the page's clipboard, and on what was downloaded.

What the terminal draws is a canvas: the text is read from the WebSocket frames the page
received (what xterm.js draws), and a screenshot is kept beside the test's files."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import HANG_SECONDS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# as the machine's notes advise: without the background-networking flags Chromium's
# connections are refused by the closed network, many at a time
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

_CSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="no Chromium: `make test` installs Debian's chromium as root"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`chery-tui serve` on a free loopback port; stopped when the test ends, even failing."""
    port = _free_port()
    env = {**os.environ, "CHERY_TUI_STATE_DIR": str(tmp_path / "state"),
           "CHERY_TUI_CACHE_DIR": str(tmp_path / "cache")}
    child = subprocess.Popen([sys.executable, "-m", "tui", "serve", "--port", str(port)],
                             cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: _answers(url) or child.poll() is not None, "the server to answer")
        assert child.poll() is None, child.stdout.read() if child.stdout else ""
        yield url
    finally:
        os.killpg(child.pid, signal.SIGTERM)  # the server and every tab's app under it
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


def _until(done: Callable[[], object], what: str,
           wait: Callable[[], object] = lambda: time.sleep(0.1)) -> None:
    """Poll until `done` (a bound that only catches a hang, never a timing)."""
    deadline = time.monotonic() + HANG_SECONDS
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        wait()


class Page:
    """The page, and the terminal output it has been sent since `mark`."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.frames: list[bytes] = []
        self.start = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._received))

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.frames.append(payload)

    def mark(self) -> None:
        self.start = len(self.frames)

    def sent(self) -> str:
        """The text sent since `mark`, its escape sequences taken out (a highlighted match
        splits a row's text with them)."""
        raw = b"".join(self.frames[self.start:]).decode("utf-8", "replace")
        return _CSI.sub("", raw)

    def wait(self) -> None:
        """A pause in which Playwright hands over the page's events (frames received): a
        plain sleep would not."""
        self.page.wait_for_timeout(100)

    def shows(self, *words: str) -> None:
        _until(lambda: all(w in self.sent() for w in words), f"the page to show {words}",
               self.wait)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(150)  # keys in order, each drawn: a pace only

    def clipboard(self) -> str:
        return str(self.page.evaluate("navigator.clipboard.readText()"))


def test_the_app_in_a_browser_tab(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800},
                                          accept_downloads=True)
            context.grant_permissions(["clipboard-read", "clipboard-write"],
                                      origin=server.rstrip("/"))
            page = Page(context.new_page())
            page.page.goto(server)
            # the four panes, the Detail and the footer's keys
            page.shows("Timeline", "Brands", "Sales", "Quotes", "Detail", "palette")
            page.page.screenshot(path=str(tmp_path / "browser.png"))
            assert (tmp_path / "browser.png").stat().st_size > 20_000  # drawn, not blank
            page.page.mouse.click(640, 200)  # the terminal takes the keys
            page.page.keyboard.press("Escape")

            # search finds a quote; c copies its citation to the page's clipboard
            page.mark()
            page.keys("Slash")
            # typed only once the search is open: on a loaded machine the letters came
            # first, and went to the browser's keys (j, e, r…), not the query
            page.shows("Search claims")
            page.page.keyboard.type("Jervis")
            page.shows("Tom Jervis")
            page.keys("Enter", "Enter")
            page.mark()
            page.keys("c")
            page.shows("Copied")
            _until(lambda: "Tom Jervis" in page.clipboard(), "the citation in the clipboard",
                   page.wait)
            assert "[source: gate-liverpool]" in page.clipboard()

            # an export arrives as a download
            page.keys("Escape")
            page.mark()
            page.keys("E")
            page.shows("Export", "Save to")
            with page.page.expect_download(timeout=HANG_SECONDS * 1000) as arriving:
                page.keys("Enter", "Enter", "Enter")
            download = arriving.value
            assert download.suggested_filename.endswith(".md")
            report = Path(download.path()).read_text(encoding="utf-8")
            assert report.startswith("# Chery's expansion")
            assert "[^jervis-halewood]:" in report
            assert not list(tmp_path.glob("*.md"))  # downloaded, not written on the server
        finally:
            browser.close()
