"""The README's "How the code is laid out" names every package of `tui/`, and only those."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_layout_table_names_every_package_and_each_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### How the code is laid out", 1)[1]
    named = set(re.findall(r"^\| `(tui/[\w/]+/)` \|", section, flags=re.MULTILINE))
    packages = {f"{p.parent.relative_to(ROOT).as_posix()}/" for p in (ROOT / "tui").rglob("*")
                if p.is_file() and p.suffix in {".py", ".tcss"} and p.parent != ROOT / "tui"
                and "__pycache__" not in p.parts}
    leaves = {p for p in packages if p != "tui/domain/"}
    assert named == leaves
    for folder in named:
        assert (ROOT / folder).is_dir(), folder
