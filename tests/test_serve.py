"""`chery-tui serve`: what it warns of, what each tab runs, and `o` opening a source's page
(in a tab, the browser's). The page itself is tested in a real browser:
tests/test_serve_browser.py."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import VALID_TOML, FactWriter
from tui.cli.serve_command import is_loopback, secure_page, tab_command, warning


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False),
    ("facts.example.org", False),
])
def test_only_the_loopback_address_goes_without_a_warning(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    said = warning(host, 8000)
    assert (said is None) is loopback
    if said is not None:
        assert "no authentication" in said
        assert "anyone who can reach this address can read the fact file" in said


def test_the_page_gets_the_clipboard_only_where_browsers_allow_it() -> None:
    assert secure_page("http://127.0.0.1:8000", "127.0.0.1")
    assert secure_page("https://facts.example.org", "127.0.0.1")
    assert not secure_page("http://192.168.1.5:8000", "0.0.0.0")


def test_each_tab_runs_this_python_on_this_fact_file(tmp_path: Path) -> None:
    path = tmp_path / "my facts.toml"
    assert shlex.split(tab_command(path)) == [sys.executable, "-m", "tui", "--facts",
                                              str(path.resolve())]


def test_help_says_how_to_put_it_behind_a_proxy() -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "serve", "--help"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0
    assert "no authentication" in done.stdout
    assert "reverse_proxy 127.0.0.1:8000" in done.stdout
    assert "--public-url" in done.stdout


def test_a_missing_fact_file_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "serve", "--facts",
                           str(tmp_path / "none.toml")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr == f"chery-tui serve: {tmp_path / 'none.toml'}: no such file\n"


async def test_o_opens_the_source_s_web_page(write_facts: FactWriter) -> None:
    from tests.ui_helpers import app_for, ready
    from tui.domain.facts.location import Location

    path = write_facts(VALID_TOML.replace('outlet = "The Daily"',
                                          'outlet = "The Daily"\nurl = "https://daily.example/acme"'))
    app = app_for(path, use_state=False)
    opened: list[str] = []
    app.open_url = lambda url, *, new_tab=True: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "acme-sales-2024"))
        await pilot.pause()
        await pilot.press("d", "o")  # from the Detail of a claim: its source's page
        await pilot.pause()
        assert opened == ["https://daily.example/acme"]


async def test_copying_in_a_page_without_a_clipboard_downloads_the_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ui_helpers import app_for, ready
    from tui.app import CheryApp
    from tui.domain.facts.location import Location

    monkeypatch.setattr(CheryApp, "is_web", property(lambda _self: True))
    monkeypatch.setenv("CHERY_TUI_PAGE_CLIPBOARD", "0")  # served over plain http elsewhere
    app = app_for(use_state=False)
    delivered: list[tuple[bytes, str | None]] = []
    def deliver(file: Any, **options: Any) -> str:
        delivered.append((file.read(), options.get("save_filename")))
        return "key"

    natively: list[str] = []
    app.deliver_binary = deliver  # type: ignore[method-assign,assignment]
    app._copy_natively = lambda *a: natively.append("ran")  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.navigate(Location("claim", "chery-exports-2023"))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        [(data, name)] = delivered
        assert name == "citation.txt"
        assert data.decode("utf-8") == app.clipboard
        assert natively == []  # no tool on the server's machine copies for a browser
        assert any("downloaded as citation.txt" in n.message for n in app._notifications)
