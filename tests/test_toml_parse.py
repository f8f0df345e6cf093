"""The fast TOML path (toml-rs) reads exactly what tomli reads, and where it is not sure to,
leaves the text to tomli: the same loaded facts and the same problems either way."""

from __future__ import annotations

import datetime as dt
import math
import platform
import sys
from itertools import pairwise
from pathlib import Path
from typing import Any, cast

import pytest
import tomli

from tests.conftest import VALID_TOML, FactWriter
from tests.test_loader_errors import ONE_PROBLEM
from tui.bench.generate import generate
from tui.bundled import bundled_facts_path
from tui.domain.loading import chunked, toml_parse
from tui.domain.loading import loader as loader_module
from tui.domain.loading.loader import LoadResult, load_facts


def test_toml_rs_is_there_wherever_pyproject_asks_for_it() -> None:
    # pyproject.toml depends on it for CPython on Linux, macOS and Windows (wheels exist)
    if platform.python_implementation() == "CPython" and sys.platform in {
            "linux", "darwin", "win32"}:
        assert toml_parse.available()


@pytest.fixture
def without_toml_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toml_parse, "toml_rs", None)


def _same(a: Any, b: Any, where: str = "$") -> str | None:
    """Where two parsed values differ, types included (True == 1 and 1 == 1.0 in Python), or
    None."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} against {type(b).__name__}"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{where}: keys {list(a)} against {list(b)}"
        return next((d for k in a if (d := _same(a[k], b[k], f"{where}.{k}"))), None)
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items against {len(b)}"
        return next((d for n, (x, y) in enumerate(zip(a, b, strict=True))
                     if (d := _same(x, y, f"{where}[{n}]"))), None)
    if isinstance(a, float) and math.isnan(a):
        return None if math.isnan(b) and math.copysign(1, a) == math.copysign(1, b) \
            else f"{where}: {a!r} against {b!r}"
    if isinstance(a, dt.datetime | dt.time) and (a.tzinfo is None) != (b.tzinfo is None):
        return f"{where}: {a!r} against {b!r}"
    if isinstance(a, dt.datetime | dt.time) and a.tzinfo is not None and \
            (type(a.tzinfo) is not type(b.tzinfo) or a.utcoffset() != b.utcoffset()):
        return f"{where}: {a!r} against {b!r}"
    return None if a == b and repr(a) == repr(b) else f"{where}: {a!r} against {b!r}"


VALUES = {
    "dates and times": """
odt1 = 1979-05-27T07:32:00Z
odt2 = 1979-05-27T00:32:00-07:00
odt3 = 1979-05-27T00:32:00.999999-07:00
odt4 = 1979-05-27 07:32:00+05:30
odt5 = 1979-05-27t07:32:00z
ldt1 = 1979-05-27T07:32:00
ldt2 = 1979-05-27T00:32:00.5
ldt3 = 1979-05-27T00:32:00.123456789
ld = 1979-05-27
lt1 = 07:32:00
lt2 = 00:32:00.999999
dates = [2024-02-29, 0001-01-01, 9999-12-31]
""",
    "integers": """
ints = [+99, 42, 0, -17, 1_000, 5_349_221, 0xDEADBEEF, 0xdead_beef, 0o755, 0b11010110, -0]
big = 9223372036854775807
small = -9223372036854775808
""",
    "floats": """
floats = [+1.0, 3.1415, -0.01, 5e+22, 1e06, -2E-2, 6.626e-34, 224_617.445_991_228, 0.1,
  1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 0.30000000000000004,
  9007199254740993.0, 1e400, -1e400, 1e-400, -0.0, +0.0]
long = 0.1000000000000000055511151231257827021181583404541015625000000000000001
special = [inf, +inf, -inf, nan, +nan, -nan]
""",
    "strings": (r'basic = "tab\tnewline\nquote\"backslash\\é\u00e9\U0001F600"' "\n"
                r"literal = 'C:\Users\nodejs'" "\n"
                'multi = """\nRoses are red\n  Violets are blue"""\n'
                'folded = """The quick brown \\\n\n\n  fox."""\n'
                "raw = '''\nThe first newline is\ntrimmed in raw strings.'''\n"
                'quotes = """Here are two quotation marks: "". Simple enough."""\n'),
    "keys and nested arrays of tables": """
"quoted key" = 1
'literal key' = 2
bare-key_1 = 3
1234 = 4
dotted.inner.key = "x"
site."google.com" = true
z = 1
a = 2
[[fruits]]
name = "apple"
[fruits.physical]
color = "red"
[[fruits.varieties]]
name = "red delicious"
[[fruits.varieties]]
name = "granny smith"
[[fruits]]
name = "banana"
[[fruits.varieties]]
name = "plantain"
[table]
points = [ { x = 1, y = 2 }, { x = 7, y = 8 } ]
mixed = [1, 2.0, "x", { a = 1 }, [true], 1979-05-27, []]
nested = [ [ 1, 2 ], ["a", "b"], [[], [[]], [{}]] ]
""",
    "crlf line ends": 'a = 1\r\nb = """\r\nline1\r\nline2"""\r\nc = \'\'\'\r\nx\r\ny\'\'\'\r\n',
}


@pytest.mark.parametrize("text", list(VALUES.values()), ids=list(VALUES))
def test_toml_rs_reads_every_kind_of_value_as_tomli_does(text: str) -> None:
    data = text.encode()
    fast = toml_parse.fast(data, text)
    assert fast is not None  # toml-rs did read it
    assert _same(fast, tomli.loads(text)) is None


DECLINED = {
    "inline nesting past tomli's limit": "a = " + "[" * 20_000 + "]" * 20_000,
    "inline tables nested": "a = " + "{b = " * 5_000 + "1" + "}" * 5_000,
    "a key of many parts": ".".join(["k"] * 2_000) + " = 1",
    "an integer Python will not read": "a = " + "7" * 5_000,
    "a second byte order mark": "\ufeffa = 1",
}


@pytest.mark.parametrize("text", list(DECLINED.values()), ids=list(DECLINED))
def test_what_toml_rs_is_not_trusted_with_goes_to_tomli(text: str) -> None:
    # each of these made toml-rs crash the process, or read what tomli refuses
    assert not toml_parse.trusted(text.encode())
    assert toml_parse.fast(text.encode(), text) is None


REJECTED = {
    "TOML 1.1: a newline in an inline table": "a = { b = 1,\n c = 2 }",
    "TOML 1.1: an escape": 'a = "\\e"',
    "TOML 1.1: a time without seconds": "a = 07:32",
    "a newline before an inline table's =": "a = { b\n= 1 }",
    "a syntax error": 'a = "unterminated',
}


@pytest.mark.parametrize("text", list(REJECTED.values()), ids=list(REJECTED))
def test_what_toml_rs_rejects_is_left_to_tomli(text: str) -> None:
    assert toml_parse.trusted(text.encode())
    assert toml_parse.fast(text.encode(), text) is None


def _outcome(result: LoadResult) -> tuple[Any, ...]:
    problems = [str(p) for p in result.problems]
    facts = result.facts
    if facts is None:
        return problems, result.unreadable, None
    cited = [c for claim in facts.claims.values() for c in claim.citations]
    cited += [c for relation in facts.relations for c in relation.citations]
    return (problems, result.unreadable, facts.title, facts.description, facts.sources,
            facts.entities, list(facts.claims.items()), facts.relations, facts.tables,
            dict(facts.texts), [c.span if c.resolved else None for c in cited], facts.digest)


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """The load with toml-rs, after checking it equals the load with tomli alone."""
    fast = _outcome(load_facts(path))
    with monkeypatch.context() as hidden:
        hidden.setattr(toml_parse, "toml_rs", None)
        assert _outcome(load_facts(path)) == fast
    return fast


def _fixtures() -> dict[str, str]:
    cases = {"valid": VALID_TOML, "syntax error": VALID_TOML.replace(
        'kind = "company"', 'kind = "company'),
        "a TOML 1.1 inline table": VALID_TOML.replace(
            'links = [{ type = "works-for", target = "acme" }]',
            'links = [{\n  type = "works-for",\n  target = "acme",\n}]'),
        "a date-time for a date": VALID_TOML.replace('date = "2025-01-05"',
                                                     "date = 2025-01-05T10:00:00+01:00"),
        "a native date": VALID_TOML.replace('date = "2025-01-05"', "date = 2025-01-05"),
        "a long integer": VALID_TOML.replace("value = 1234", "value = " + "9" * 5_000),
        "deep nesting": VALID_TOML.replace('"acme"]', '"acme", ' + "[" * 3_000 + "]" * 3_000
                                           + "]", 1)}
    for param in ONE_PROBLEM:
        edits = cast(list[tuple[str, str]], param.values[0])
        text = VALID_TOML
        for old, new in edits:
            text = text.replace(old, new)
        cases[str(param.id)] = text
    return cases


FIXTURES = _fixtures()


@pytest.mark.parametrize("text", list(FIXTURES.values()), ids=list(FIXTURES))
def test_fast_and_fallback_load_the_same(write_facts: FactWriter, text: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _both_ways(write_facts(text), monkeypatch)


def test_the_bundled_file_loads_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    problems, *_ = _both_ways(bundled_facts_path(), monkeypatch)
    assert problems == []


@pytest.mark.parametrize("kind", ["clean", "with problems"])
def test_a_large_file_read_in_pieces_loads_the_same_both_ways(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    path = generate(1_500, tmp_path)
    if kind == "with problems":
        text = path.read_text(encoding="utf-8")
        text = text.replace('status = "reported"', 'status = "rumored"', 3)
        text = text.replace("value = ", "value = 1_", 2)  # a number that no longer matches
        text = text.replace('[[claims]]\nid = "c7"', '[[claims]]\nid = "c7"\nwhen = 07:32', 1)
        path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(loader_module, "_CHUNKED_ABOVE", 10)  # the piecewise path
    data = path.read_bytes()
    trusted = [trusted for first, last in pairwise(chunked._cuts(data, chunked.PIECE))
               for *_, trusted in chunked._spans(data, first, last)]
    assert sum(trusted) > 0.9 * len(trusted)  # toml-rs read nearly all pieces
    problems, *_ = _both_ways(path, monkeypatch)
    assert bool(problems) == (kind == "with problems")


def test_without_toml_rs_tomli_reads_everything(write_facts: FactWriter,
                                                 without_toml_rs: None) -> None:
    assert not toml_parse.available()
    assert toml_parse.fast(b"a = 1", "a = 1") is None
    assert load_facts(write_facts()).problems == []
