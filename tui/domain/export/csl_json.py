"""CSL-JSON of the sources (`present.csl_items`): Zotero, Pandoc and word processors import
it as it is."""

from __future__ import annotations

from tui.domain.export.scope import Extract
from tui.domain.present.csl_items import csl_item
from tui.domain.present.safe_text import json_text


def render(extract: Extract) -> bytes:
    return (json_text([csl_item(s) for s in extract.sources]) + "\n").encode("utf-8")
