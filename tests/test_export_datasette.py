"""The SQLite export of the bundled fact file opens in Datasette as it is, as a team would
publish it: a real `datasette serve` process asked over HTTP on the loopback address shows
every table, answers SQL with a named parameter, and finds by full-text search exactly the
claims and citations whose words hold the term — the same rows sqlite3 and the fact file give."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.conftest import HANG_SECONDS
from tui.bundled import bundled_facts_path
from tui.domain.facts.factbase import FactBase
from tui.domain.loading.loader import load_facts

pytestmark = pytest.mark.slow

TABLES = ["citations", "claim_entities", "claims", "entities", "fact_tables", "finding_claims",
          "findings", "relations", "sources", "table_cells"]
SQL = ("select c.exact, s.title from citations c join sources s on s.id = c.source"
       " where c.claim = :claim order by c.number")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("datasette")
    db = folder / "facts.db"
    done = subprocess.run([sys.executable, "-m", "tui", "export", "--format", "sqlite", "--out",
                           str(db)], capture_output=True, text=True, timeout=120, check=False,
                          encoding="utf-8",
                          env={**os.environ, "CHERY_TUI_STATE_DIR": str(folder / "state")})
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="module")
def client(database: Path) -> Iterator[httpx.Client]:
    """An HTTP client on a Datasette serving `database`, stopped afterwards whatever happened."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = database.with_suffix(".log")
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(database),
                                   "--host", "127.0.0.1", "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=HANG_SECONDS) as http:
            deadline = time.monotonic() + HANG_SECONDS  # a bound for a hang, not a speed
            while True:
                assert server.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "Datasette never answered"
                try:
                    if http.get("/-/versions.json").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
            yield http
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


@pytest.fixture(scope="module")
def facts() -> FactBase:
    loaded = load_facts(bundled_facts_path()).facts
    assert loaded is not None
    return loaded


def _get(client: httpx.Client, path: str, **params: str) -> list[dict[str, object]]:
    answer = client.get(path, params={**params, "_shape": "array"})
    assert answer.status_code == 200, answer.text
    assert 'rel="next"' not in answer.headers.get("link", ""), "only the first page came"
    rows: list[dict[str, object]] = answer.json()
    return rows


def test_every_table_is_shown_and_both_searches_are_found(client: httpx.Client) -> None:
    answer = client.get("/facts.json")
    assert answer.status_code == 200, answer.text
    shown = {t["name"]: t for t in answer.json()["tables"] if not t["hidden"]}
    assert sorted(shown) == TABLES
    assert {n: t["fts_table"] for n, t in shown.items() if t["fts_table"]} == {
        "claims": "claims_fts", "citations": "citations_fts"}


def test_sql_with_a_named_parameter(client: httpx.Client, database: Path,
                                    facts: FactBase) -> None:
    rows = _get(client, "/facts.json", sql=SQL, claim="jervis-halewood")
    with closing(sqlite3.connect(database)) as direct:
        expected = direct.execute(SQL, {"claim": "jervis-halewood"}).fetchall()
    assert [(r["exact"], r["title"]) for r in rows] == expected
    cited = [c.exact for c in facts.claims["jervis-halewood"].citations]
    assert cited
    assert [r["exact"] for r in rows] == cited


@pytest.mark.parametrize(("table", "word"), [("citations", "Halewood"), ("claims", "Halewood"),
                                             ("claims", "Merseyside")])
def test_full_text_search(client: httpx.Client, database: Path, facts: FactBase,
                          table: str, word: str) -> None:
    rows = _get(client, f"/facts/{table}.json", _search=word, _size="max")
    found = sorted(str(r["id"]) for r in rows)
    with closing(sqlite3.connect(database)) as direct:
        by_fts = sorted(i for (i,) in direct.execute(
            f"select id from {table} where rowid in"
            f" (select rowid from {table}_fts where {table}_fts match ?)", (word,)))
    has = re.compile(rf"\b{word}\b", re.IGNORECASE).search
    if table == "claims":
        by_file = sorted(c.id for c in facts.claims.values() if has(c.text))
    else:
        by_file = sorted(f"{c.id}:{n}" for c in facts.claims.values()
                         for n, cite in enumerate(c.citations, 1) if has(cite.exact))
    assert found
    assert found == by_fts == by_file
