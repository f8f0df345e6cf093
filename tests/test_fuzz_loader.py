"""Property-based tests: whatever a fact file holds, loading it ends with a fact base or with
`FILE:LINE: message` problems, never an uncaught exception, and in bounded time."""

from __future__ import annotations

import json
import math
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SOURCE_TEXT, VALID_TOML
from tui.bundled import bundled_facts_path
from tui.domain.loading.loader import LoadResult, load_facts

_SETTINGS = settings(max_examples=250, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])
_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): \S")


def _folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    if not folder.exists():
        shutil.copytree(bundled_facts_path().parent, folder)
        (folder / "sources" / "daily.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return folder


def _load(path: Path, data: bytes) -> LoadResult:
    path.write_bytes(data)
    started = time.monotonic()
    result = load_facts(path)  # must not raise, whatever `data` is
    assert time.monotonic() - started < 20
    _assert_well_formed(result)
    return result


def _assert_well_formed(result: LoadResult) -> None:
    assert result.facts is not None or result.problems
    for problem in result.problems:
        text = str(problem)
        match = _PROBLEM.match(text)
        assert match, text
        assert int(match.group("line")) >= 1
        assert "Traceback" not in text


# ── arbitrary TOML documents ──────────────────────────────────────────────────────────

def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("nan" if math.isnan(value)
                                                         else "inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return json.dumps(value)  # JSON's escapes are TOML's
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


_KEYS = st.sampled_from(["format", "title", "id", "kind", "text", "about", "status",
                         "citations", "source", "exact", "figure", "value", "unit", "stated",
                         "quote", "speaker", "words", "when", "date", "path", "name",
                         "published", "outlet", "type", "from", "to", "cells"]) | st.text(
    min_size=1, max_size=8)
_SCALARS = (st.booleans() | st.integers(-2**63, 2**63 - 1) | st.floats(allow_nan=True)
            | st.text(max_size=30) | st.sampled_from(["2024", "2024-13", "claim", "figure"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(_KEYS, inner, max_size=5), max_leaves=25)
_ARRAYS = st.sampled_from(["sources", "entities", "claims", "relations", "tables"])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = []
    for key, value in draw(st.dictionaries(_KEYS, _VALUES, max_size=5)).items():
        lines.append(f"{json.dumps(key)} = {_toml_value(value)}")
    for name in draw(st.lists(_ARRAYS, max_size=3, unique=True)):
        items = draw(st.lists(st.dictionaries(_KEYS, _VALUES, max_size=6), max_size=3))
        lines.append(f"{name} = {_toml_value(items)}")
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@_SETTINGS
@given(document=_documents())
def test_any_toml_document_loads_or_is_explained(tmp_path: Path, document: str) -> None:
    _load(_folder(tmp_path, "any") / "facts.toml", document.encode())


# ── mutations of the bundled file ─────────────────────────────────────────────────────

_BUNDLED = bundled_facts_path().read_text(encoding="utf-8")
_LINES = _BUNDLED.splitlines(keepends=True)
_KEY_LINE = re.compile(r"^\s*[A-Za-z_]+\s*=")
_ODD = st.sampled_from(["\x00", "\u202e", "\u2066", "\u0301", "\u200d", "\x1b[2J", "\x7f",
                        "\ufeff", "\ud7ff", "🚗", "[/]", '"', "'", "\\", "\n", "]]", "{"])


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    lines = list(_LINES)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "swap", "unicode", "duplicate", "truncate"]))
        keys = [n for n, line in enumerate(lines) if _KEY_LINE.match(line)]
        if action in ("delete", "swap") and not keys:
            continue
        if action == "delete":
            del lines[draw(st.sampled_from(keys))]
        elif action == "swap":
            n = draw(st.sampled_from(keys))
            key = lines[n].split("=", 1)[0]
            other = draw(st.sampled_from(['"text"', "42", "4.2", "true", "[]", "{}",
                                          "[1, \"a\"]", "1979-05-27", '{ x = 1 }']))
            lines[n] = f"{key}= {other}\n"
        elif action == "unicode" and lines:
            n = draw(st.integers(0, len(lines) - 1))
            at = draw(st.integers(0, len(lines[n])))
            lines[n] = lines[n][:at] + draw(_ODD) + lines[n][at:]
        elif action == "duplicate":
            text = "".join(lines)
            starts = [m.start() for m in re.finditer(r"^\[\[\w+\]\]", text, re.M)]
            if len(starts) > 1:
                i = draw(st.integers(0, len(starts) - 2))
                block = text[starts[i]:starts[i + 1]]
                lines = (text[:starts[i + 1]] + block + text[starts[i + 1]:]).splitlines(
                    keepends=True)
        elif action == "truncate":
            text = "".join(lines)
            lines = [text[: draw(st.integers(0, len(text)))]]
    return "".join(lines).encode("utf-8", "surrogatepass")


@pytest.mark.slow
@_SETTINGS
@given(data=_mutated())
def test_mutations_of_the_bundled_file_load_or_are_explained(tmp_path: Path,
                                                               data: bytes) -> None:
    _load(_folder(tmp_path, "mutated") / "chery.toml", data)


@pytest.mark.slow
@_SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_explained(tmp_path: Path, data: bytes) -> None:
    result = _load(_folder(tmp_path, "bytes") / "facts.toml", data)
    assert result.problems or result.facts is not None


@pytest.mark.slow
def test_truncation_at_every_byte_of_a_small_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "truncated")
    data = VALID_TOML.encode()
    for end in range(len(data) + 1):
        _load(folder / "facts.toml", data[:end])


@pytest.mark.slow
@_SETTINGS
@given(text=st.text(max_size=200))
def test_any_source_text_loads_or_is_explained(tmp_path: Path, text: str) -> None:
    folder = _folder(tmp_path, "source")
    (folder / "sources" / "daily.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    _load(folder / "facts.toml", VALID_TOML.encode())
