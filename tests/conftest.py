"""Shared fixtures: a small valid fact file written into a temporary folder."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pytest

if TYPE_CHECKING:
    from tui.domain.facts.factbase import FactBase

SOURCE_TEXT = (
    "Acme Motors sold 1,234 cars in 2024, up 5.5% on the year before.\n"
    "Its chief executive, Jane Roe, said: “We are growing fast.”\n"
    "Acme Motors sold more cars than ever.\n"
    "Acme Motors sold more cars than ever.\n"
)

VALID_TOML = """\
format = 1
title = "Acme test facts"

[[sources]]
id = "daily"
title = "Acme grows"
outlet = "The Daily"
path = "sources/daily.txt"
published = { date = "2025-01-05" }

[[entities]]
id = "acme"
name = "Acme Motors"
kind = "company"

[[entities]]
id = "jane-roe"
name = "Jane Roe"
kind = "person"
role = "Chief executive"
links = [{ type = "works-for", target = "acme" }]

[[claims]]
id = "acme-sales-2024"
kind = "figure"
text = "Acme sold 1,234 cars in 2024."
about = ["acme"]
status = "reported"
citations = [{ source = "daily", exact = "Acme Motors sold 1,234 cars in 2024, up 5.5%" }]

[claims.figure]
measure = "sales"
value = 1234
unit = "vehicles"
stated = "1,234 cars"
period = { label = "2024", start = "2024", end = "2024" }
growth = { value = 5.5, unit = "percent", stated = "up 5.5%", compared_with = "previous year" }

[[claims]]
id = "roe-growing"
kind = "quote"
text = "Jane Roe: “We are growing fast.”"
about = ["acme", "jane-roe"]
status = "reported"
quote = { speaker = "jane-roe", mode = "direct", words = "We are growing fast." }
citations = [{ source = "daily", exact = "said: “We are growing fast.”" }]

[[relations]]
from = "roe-growing"
type = "corroborates"
to = "acme-sales-2024"

[[tables]]
id = "sales"
title = "Sales"
columns = [{ id = "units", title = "Units" }]
rows = [{ label = "2024", entity = "acme", cells = { units = "acme-sales-2024" } }]
"""

FactWriter = Callable[..., Path]

HANG_SECONDS = 300
"""The only time bound a test may hold: long enough that a busy two-core machine never
reaches it, short enough to end a hang. How fast something is belongs in `make bench`."""

T = TypeVar("T")


def bounded(call: Callable[[], T]) -> T:
    """`call()` in a thread: its result, or what it raised; a failure instead of a hung suite
    if it has not returned in HANG_SECONDS (a read blocked on a FIFO, a quadratic walk)."""
    box: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as exc:  # re-raised on the test's thread
            errors.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_SECONDS)
    assert not thread.is_alive(), "hung"
    if errors:
        raise errors[0]
    return box[0]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first: started early, they run beside the many quick ones on the other
    cores instead of finishing alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_configure() -> None:
    # `check` caches its results; the tests (and the processes they start) use their own
    # empty cache, never the user's
    os.environ["CHERY_TUI_CACHE_DIR"] = tempfile.mkdtemp(prefix="chery-tui-test-cache-")


@pytest.fixture(autouse=True)
def own_state_dir(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with no saved basket, history or position, and never the user's."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CHERY_TUI_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def write_facts(tmp_path: Path) -> FactWriter:
    """Write a fact file (default: the valid one) and its source text; return the file's path."""

    def write(toml: str = VALID_TOML, source: str | bytes = SOURCE_TEXT,
              name: str = "facts.toml") -> Path:
        (tmp_path / "sources").mkdir(exist_ok=True)
        target = tmp_path / "sources" / "daily.txt"
        if isinstance(source, bytes):
            target.write_bytes(source)
        else:
            target.write_text(source, encoding="utf-8")
        path = tmp_path / name
        path.write_text(toml, encoding="utf-8")
        return path

    return write


def facts_with(write_facts: FactWriter, *changes: tuple[str, str], more: str = ""
               ) -> FactBase:
    """The valid fact file with each (old, new) replaced once and `more` added, loaded; it
    must load without problems (each `old` must be there)."""
    from tui.domain.loading.loader import load_facts

    toml = VALID_TOML
    for old, new in changes:
        assert old in toml, old
        toml = toml.replace(old, new)
    result = load_facts(write_facts(toml + more))
    assert [str(p) for p in result.problems] == []
    assert result.facts is not None
    return result.facts
