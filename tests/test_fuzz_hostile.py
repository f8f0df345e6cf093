"""Hostile fact files, generated: whatever paths, special files, numbers, hierarchies and sizes
a file holds, it ends in a clear `FILE:LINE: message` or a load, within bounds (a hang or a
blow-up by orders of magnitude fails), never reads past its folder, and prints nothing a
terminal would act on."""

from __future__ import annotations

import io
import json
import os
import re
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import bounded
from tests.test_partial_facts import assert_closed, assert_explained, browse
from tui.cli.main import _check
from tui.cli.output import SafeJson, SafeText
from tui.domain.loading.loader import load_facts

SECRET = "SECRET-0f9d"
_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>[1-9]\d*): \S")
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MOST_BYTES = 1_000_000_000
"""Traced memory an example may reach: each needs a few megabytes; a blow-up needs gigabytes."""

PATHS = ["sources/a.txt", "sources/../sources/a.txt", "outside", "dot-dot", "symlink-out",
         "hidden", "fifo", "folder", "missing.txt", "loop", "/dev/zero", "/proc/self/environ",
         "sources/\u001b[2J.txt", "sources/big.txt"]
NUMBERS = ["0", "-0.0", "1", "1234", "2.5", "-100", "1e15", "1e16", "-1e308", "inf", "-inf",
           "nan", "5e-324", "1" + "0" * 30, "9" * 500, "0x" + "f" * 40]
TEXT = "Acme sold 1,234 cars. Acme sold 1,234 cars. “A quote.” a a a\n"


def _layout(folder: Path) -> None:
    """The folder a hostile file sits in, and what lies around it."""
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sources" / "big.txt").write_text("a" * 300_000 + TEXT, encoding="utf-8")
    outside = folder.parent / f"{folder.name}-outside.txt"
    outside.write_text(f"{SECRET}\n", encoding="utf-8")
    (folder / "sources" / "out.txt").symlink_to(outside)
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "key.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    os.mkfifo(folder / "sources" / "pipe.txt")
    (folder / "sources" / "folder").mkdir()
    (folder / "loop1").symlink_to(folder / "loop2")
    (folder / "loop2").symlink_to(folder / "loop1")


def _path_value(kind: str, folder: Path) -> str:
    return {"outside": str(folder.parent / f"{folder.name}-outside.txt"),
            "dot-dot": f"../{folder.name}-outside.txt", "symlink-out": "sources/out.txt",
            "hidden": ".hidden/key.txt", "fifo": "sources/pipe.txt",
            "folder": "sources/folder", "loop": "loop1"}.get(kind, kind)


@st.composite
def hostile(draw: st.DrawFn, folder: Path) -> str:
    sources = draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=4))
    lines = ["format = 1", 'title = "T"']
    for n, kind in enumerate(sources):
        lines += ["[[sources]]", f'id = "s{n}"', 'title = "S"', 'outlet = "O"',
                  f"path = {json.dumps(_path_value(kind, folder))}",
                  'published = { date = "2025-01-05" }']
    depth = draw(st.sampled_from([1, 2, 50, 3000]))
    cycle = draw(st.booleans())
    for n in range(depth):
        parent = n - 1 if n else (depth - 1 if cycle and depth > 1 else None)
        link = f'links = [{{ type = "brand-of", target = "e{parent}" }}]' if parent is not None \
            else ""
        lines += ["[[entities]]", f'id = "e{n}"', f'name = "E{n}"',
                  f'kind = "{"group" if n == 0 else "brand"}"', link]
    figures = draw(st.lists(st.tuples(st.sampled_from(NUMBERS), st.sampled_from(NUMBERS),
                                      st.sampled_from(["vehicles", "percent", "currency"])),
                            min_size=1, max_size=4))
    passages = draw(st.lists(st.sampled_from(["Acme sold 1,234 cars.", "a", "“A quote.”",
                                              "not in the text", "1,234"]),
                             min_size=len(figures), max_size=len(figures)))
    for n, ((value, growth, unit), exact) in enumerate(zip(figures, passages, strict=True)):
        source = f"s{draw(st.integers(0, len(sources) - 1))}"
        occurrence = draw(st.none() | st.sampled_from(["1", "2", "1000", "1001", "9" * 30]))
        picked = f", occurrence = {occurrence}" if occurrence else ""
        lines += ["[[claims]]", f'id = "c{n}"', 'kind = "figure"', 'text = "x"',
                  f'about = ["e{draw(st.integers(0, depth - 1))}"]', 'status = "reported"',
                  f"citations = [{{ source = {json.dumps(source)}, exact = {json.dumps(exact)}"
                  f"{picked} }}]",
                  "[claims.figure]", 'measure = "sales"', f"value = {value}",
                  f'unit = "{unit}"', 'stated = "1,234"'
                  + (', currency = "GBP"' if unit == "currency" else ""),
                  f'growth = {{ value = {growth}, unit = "percent", stated = "1,234" }}']
    for n in range(1, len(figures)):
        kind = draw(st.sampled_from(["part-of", "subset-of", "exceeds", "ratio-of"]))
        lines += ["[[relations]]", f'from = "c{n}"', f'type = "{kind}"', 'to = "c0"']
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_a_hostile_fact_file_ends_in_a_clear_message_or_a_load(
        data: st.DataObject, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    _layout(folder)
    path = folder / "facts.toml"
    path.write_text(data.draw(hostile(folder)), encoding="utf-8")

    tracemalloc.start()
    try:
        result = bounded(lambda: load_facts(path))
        assert_explained(result)
        facts = result.facts
        if facts is not None:
            assert_closed(facts)
            bounded(lambda: browse(facts))
        text, payload = io.StringIO(), io.StringIO()
        bounded(lambda: _check(path, "text", SafeText(text)))
        bounded(lambda: _check(path, "json", SafeJson(payload)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < _MOST_BYTES, peak
    for problem in result.problems:
        assert _PROBLEM.match(str(problem)), str(problem)
    for output in (text.getvalue(), payload.getvalue()):
        assert SECRET not in output  # only files outside the folder hold it
        assert not _UNSAFE.search(output), output[:300]
    json.loads(payload.getvalue())
    if result.facts is not None:
        for ident, source in result.facts.sources.items():
            if ident in result.facts.texts:
                assert SECRET not in result.facts.texts[ident], source.path

