"""Fact tables as tuples of their field values, and back, without validation.

The code for each class is generated from its dataclass fields (as `dataclasses` does for
`__init__`): a generic loop over the fields was much slower. Used for snapshots (tuples are
what `marshal` stores) and to share a freshly loaded fact base's short strings.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from tui.domain.facts.model import Citation, Claim, Entity, Relation, Source, Table

TOP: dict[str, type[Any]] = {"sources": Source, "entities": Entity, "claims": Claim,
                             "relations": Relation, "tables": Table}
"""The top-level arrays of a fact file and the table each holds."""

_SHARE_UP_TO = 40
"""Strings up to this length are shared: kinds, statuses, units, measures, source and entity
ids repeat across the claims (tens of megabytes of copies in a large file)."""

_CANON: dict[str, str] = {}
"""The one copy of each short string, while a fact base is being compacted or encoded. Not
`sys.intern`: marshal writes interned strings as such, and interning them again on reading
was a noticeable part of reopening a snapshot (docs/performance.md, "Snapshots"); a shared
(not interned) object is written once per piece and read back as references."""


def _shared(value: Any) -> Any:
    if type(value) is str:
        return _CANON.setdefault(value, value) if len(value) <= _SHARE_UP_TO else value
    if type(value) is list and value and type(value[0]) is str:
        return [_shared(v) for v in value]
    return value


def done_sharing() -> None:
    """Forget the shared copies (the objects that use them keep them)."""
    _CANON.clear()


def _nested(annotation: Any) -> tuple[str, type[Any]] | None:
    """("one", cls) or ("list", cls) when a field holds fact tables; None for plain values."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _nested(args[0])
    if origin in (typing.Union, types.UnionType):
        found = [_nested(a) for a in args if a is not type(None)]
        return found[0] if len(found) == 1 else None
    if origin is list and args and hasattr(args[0], "__pydantic_fields__"):
        return "list", args[0]
    if hasattr(annotation, "__pydantic_fields__"):
        return "one", annotation
    return None


class _Codec:
    """Per fact table: `encode` (to a tuple), `decode` (from one, without validation) and
    `compact` (share its short strings, in place)."""

    def __init__(self) -> None:
        self.encoders: dict[type[Any], Callable[[Any], tuple[Any, ...]]] = {}
        self.decoders: dict[type[Any], Callable[[tuple[Any, ...]], Any]] = {}
        self.compactors: dict[type[Any], Callable[[Any], None]] = {}
        for cls in TOP.values():
            self._add(cls)

    def _add(self, cls: type[Any]) -> None:
        if cls in self.decoders:
            return
        hints = typing.get_type_hints(cls, include_extras=True)
        names = [f.name for f in fields(cls) if f.name != "_span"]
        plan = [(name, _nested(hints[name])) for name in names]
        for _, nested in plan:
            if nested is not None:
                self._add(nested[1])
        namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, "i": _shared}
        enc = ["def encode(o):", "    return ("]
        dec = ["def decode(t):", "    o = new(cls)"]
        com = ["def compact(o):", "    pass"]
        for at, (name, nested) in enumerate(plan):
            if nested is None:
                enc.append(f"        i(o.{name}),")
                dec.append(f"    o.{name} = t[{at}]")
                com.append(f"    o.{name} = i(o.{name})")
                continue
            shape, inner = nested
            namespace[f"enc_{name}"] = self.encoders[inner]  # added above, depth first
            namespace[f"dec_{name}"] = self.decoders[inner]
            namespace[f"com_{name}"] = self.compactors[inner]
            if shape == "list":
                enc.append(f"        [enc_{name}(x) for x in o.{name}],")
                dec.append(f"    o.{name} = [dec_{name}(x) for x in t[{at}]]")
                com.append(f"    for x in o.{name}: com_{name}(x)")
            else:
                enc.append(f"        None if o.{name} is None else enc_{name}(o.{name}),")
                dec.append(f"    v = t[{at}]")
                dec.append(f"    o.{name} = None if v is None else dec_{name}(v)")
                com.append(f"    if o.{name} is not None: com_{name}(o.{name})")
        if cls is Citation:
            enc.append("        o._span,")
            dec.append(f"    o._span = t[{len(plan)}]")
        enc.append("    )")
        dec.append("    return o")
        for code in (enc, dec, com):
            exec("\n".join(code), namespace)  # made from the model's own fields, not data
        self.encoders[cls] = namespace["encode"]
        self.decoders[cls] = namespace["decode"]
        self.compactors[cls] = namespace["compact"]


_SHARED: _Codec | None = None


def codec() -> _Codec:
    global _SHARED
    if _SHARED is None:
        _SHARED = _Codec()
    return _SHARED




def share_strings(collections: typing.Mapping[str, typing.Iterable[Any]]) -> None:
    """Share the short strings of freshly validated tables (`TOP` name -> items): each
    repeated id, unit or measure is then held once, as when read from a snapshot."""
    tables = codec()
    try:
        for kind, items in collections.items():
            compact = tables.compactors[TOP[kind]]
            for item in items:
                compact(item)
    finally:
        done_sharing()
