"""The JSON Schema of the fact-file format, made from its pydantic models, with each field's
documentation (the string under it in `model` and `figure`) as its description, so that an
editor's TOML language server (Taplo, Tombi) shows it on hover and completes keys and values.

The models stay the one definition: `docs/fact-file.schema.json` is this, committed, and a
test holds the two equal. What the schema cannot say (ids that must exist, passages that must
occur in their source) `chery-tui check` says.
"""

from __future__ import annotations

import ast
import inspect
from typing import Any

_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE_FIELDS = {"date", "not_before", "not_after", "start", "end"}


def _field_docs(module: Any) -> dict[str, dict[str, str]]:
    """Class name -> field name -> the string literal written under the field."""
    tree = ast.parse(inspect.getsource(module))
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = docs.setdefault(node.name, {})
        for field, after in zip(node.body, node.body[1:], strict=False):
            if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name) and \
                    isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) and \
                    isinstance(after.value.value, str):
                fields[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def fact_file_schema() -> dict[str, Any]:
    from tui.domain.facts import figure, model

    schema: dict[str, Any] = model.FactFile.model_json_schema(by_alias=True)
    docs = _field_docs(model) | _field_docs(figure)
    aliases = {"source_claim": "from", "target_claim": "to"}
    for name, definition in [("FactFile", schema), *schema.get("$defs", {}).items()]:
        properties = definition.get("properties", {})
        for field, doc in docs.get(name, {}).items():
            key = aliases.get(field, field)
            if key in properties:
                properties[key].setdefault("description", doc)
        for key, prop in properties.items():
            if key in _DATE_FIELDS and name in ("When", "Period"):
                _date_pattern(prop)
        if "description" in definition:
            definition["description"] = inspect.cleandoc(definition["description"])
    _drop_null(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema,
            "title": "chery-tui fact file"}


def _drop_null(node: Any) -> None:
    """TOML has no null: an optional key is one left out. pydantic's `X | None` options of
    `null` (and their `default: null`) would only offer editors a value no file can hold."""
    if isinstance(node, list):
        for item in node:
            _drop_null(item)
        return
    if not isinstance(node, dict):
        return
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        del node["anyOf"]
        if len(rest) == 1:
            node.update({k: v for k, v in rest[0].items() if k not in node or k == "type"})
        else:
            node["anyOf"] = rest
        if node.get("default", 0) is None:
            del node["default"]
    for value in node.values():
        _drop_null(value)


def _date_pattern(prop: dict[str, Any]) -> None:
    """A partial date's form, which the loader's validator checks in code."""
    for option in prop.get("anyOf", [prop]):
        if option.get("type") == "string":
            option["pattern"] = _DATE_PATTERN
            option.setdefault("description", "YYYY, YYYY-MM or YYYY-MM-DD")


def schema_text() -> str:
    import json

    return json.dumps(fact_file_schema(), indent=2, ensure_ascii=False) + "\n"
