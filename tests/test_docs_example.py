"""The complete example in docs/fact-file.md passes `check` exactly as printed."""

from __future__ import annotations

import re
from pathlib import Path

from tui.domain.loading.loader import load_facts

DOC = Path(__file__).resolve().parents[1] / "docs" / "fact-file.md"


def test_documented_example_is_valid(tmp_path: Path) -> None:
    doc = DOC.read_text(encoding="utf-8")
    section = doc.split("## A complete example", 1)[1].split("\n## ", 1)[0]
    source = re.search(r"```text\n(.*?)```", section, re.S)
    facts = re.search(r"```toml\n(.*?)```", section, re.S)
    assert source
    assert facts
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "harbour.txt").write_text(source.group(1), encoding="utf-8")
    (tmp_path / "harbour.toml").write_text(facts.group(1), encoding="utf-8")
    result = load_facts(tmp_path / "harbour.toml")
    assert [str(p) for p in result.problems] == []
    assert result.facts is not None
    counts = result.facts.counts()
    assert (counts.sources, counts.entities, counts.claims, counts.relations) == (1, 2, 3, 1)
    assert "1 sources, 2 entities, 3 claims, 3 citations, 1 relations" in doc
