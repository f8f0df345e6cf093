"""The field types every table of the fact-file format shares (see `tui.domain.facts.model`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field, Strict
from pydantic.dataclasses import dataclass

Str = Annotated[str, Strict()]
"""A string, and only a string: no number is turned into one."""

Id = Annotated[str, Strict(), Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=120)]
"""An identifier: lower-case letters, digits, '.', '_' and '-'. Unique across the whole file."""

NonEmpty = Annotated[str, Strict(), Field(min_length=1)]

Basis = Literal["stated", "inferred", "unknown"]
"""How a date or period was established: the source says it, we inferred it, or nobody knows."""


CONFIG = ConfigDict(extra="forbid", populate_by_name=True)

# Every fact-file table is a pydantic dataclass with slots: validated like a model (unknown
# keys are errors, every field is strictly typed), but stored compactly: far smaller than
# BaseModel instances (docs/performance.md, "Memory held").
fact_table = dataclass(slots=True, kw_only=True, config=CONFIG)
