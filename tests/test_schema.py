"""`chery-tui schema`: the JSON Schema editors use, made from the models, committed under
docs/, and accepting the bundled file and the documented example as a standard validator
(jsonschema) does, while rejecting a wrong file."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tui.bundled import bundled_facts_path
from tui.domain.facts.schema import fact_file_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "docs" / "fact-file.schema.json"


def _as_json(value: Any) -> Any:
    """A parsed TOML document as a TOML language server hands it to the schema: its dates
    as strings."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _validator() -> jsonschema.protocols.Validator:
    schema = fact_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), \
        "run: chery-tui schema > docs/fact-file.schema.json"


def test_the_command_prints_it() -> None:
    done = subprocess.run([sys.executable, "-m", "tui", "schema"], capture_output=True,
                          text=True, timeout=120, check=False, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout == schema_text()


def test_fields_carry_their_documentation_for_hover() -> None:
    defs = fact_file_schema()["$defs"]
    assert defs["Citation"]["properties"]["exact"]["description"] == \
        "The passage, character for character as in the source text."
    assert "1.2 million is 1200000" in defs["Figure"]["properties"]["value"]["description"]
    assert defs["Claim"]["description"] == "One atomic statement with the passages that state it."
    assert "from" in defs["Relation"]["properties"]  # the key as written, not the field name


def test_the_bundled_file_names_the_schema_and_passes_it() -> None:
    path = bundled_facts_path()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "#:schema ../docs/fact-file.schema.json"
    assert (path.parent / first.split()[1]).resolve() == COMMITTED.resolve()
    document = _as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    errors = [e.message for e in _validator().iter_errors(document)]
    assert errors == []


def test_the_documented_example_passes_it() -> None:
    doc = (ROOT / "docs" / "fact-file.md").read_text(encoding="utf-8")
    section = doc.split("## A complete example", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```toml\n(.*?)```", section, re.S)
    assert example
    document = _as_json(tomllib.loads(example.group(1)))
    assert [e.message for e in _validator().iter_errors(document)] == []


@pytest.mark.parametrize(("change", "complaint"), [
    pytest.param(("kind = \"company\"", "kind = \"firm\""), "'firm' is not one of",
                 id="unknown-entity-kind"),
    pytest.param(("outlet = ", "outlett = "), "Additional properties are not allowed",
                 id="misspelt-key"),
    pytest.param(("published = { date = \"2025-01-09\" }",
                  "published = { date = \"9 January 2025\" }"), "does not match",
                 id="date-in-words"),
    pytest.param(("value = 12480", "value = \"12,480\""), "is not valid under any",
                 id="figure-as-text"),
])
def test_a_wrong_file_is_rejected(change: tuple[str, str], complaint: str) -> None:
    doc = (ROOT / "docs" / "fact-file.md").read_text(encoding="utf-8")
    section = doc.split("## A complete example", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```toml\n(.*?)```", section, re.S)
    assert example
    old, new = change
    assert old in example.group(1)
    document = _as_json(tomllib.loads(example.group(1).replace(old, new, 1)))
    messages = [e.message for e in _validator().iter_errors(document)]
    assert any(complaint in m for m in messages), messages
