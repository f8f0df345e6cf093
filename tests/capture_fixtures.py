"""Articles of our own for the capture tests (issue 14): not in the bundle, each with what
capture must cope with: curly quotes, a quotation that occurs twice, figures with units,
currencies and percentages, a date in words."""

from __future__ import annotations

from pathlib import Path

PRESS_RELEASE = """\
NORTHWIND MOTORS ANNOUNCES RECORD YEAR

Leeds, 14 January 2026 — Northwind Motors sold 48,250 vehicles in 2025, up 12.5% on the \
previous year, the company said on Tuesday.

“This is the best year in our history,” said chief executive Mara Quinn. She added that the \
firm would invest £120 million in a new plant in Leeds by 2028.

Exports reached 9,800 units. “This is the best year in our history,” Quinn repeated at the \
dealer conference in March 2026. She told reporters there that Northwind had sold \
49,000 vehicles last year.
"""

FACTS = """\
# Facts captured from Northwind's press release (a test file: comments must survive)
format = 1
title = "Northwind test facts"

[[sources]]
id = "release"
title = "Northwind Motors announces record year"
outlet = "Northwind Motors"
path = "sources/release.txt"
published = { date = "2026-01-14" }

# the company and its people
[[entities]]
id = "northwind"
name = "Northwind Motors"
kind = "company"
aliases = ["Northwind"]

[[entities]]
id = "mara-quinn"
name = "Mara Quinn"
kind = "person"
aliases = ["Quinn"]

[[claims]]
id = "northwind-sales-2025"
kind = "figure"
text = "Northwind Motors sold 48,250 vehicles in 2025."
about = ["northwind"]
status = "reported"
citations = [
  { source = "release", exact = "Northwind Motors sold 48,250 vehicles in 2025" },
]
[claims.figure]
measure = "vehicle sales"
value = 48250
unit = "vehicles"
stated = "48,250 vehicles"
period = { label = "2025", start = "2025", end = "2025" }
"""


def write_release(folder: Path, facts: str = FACTS, text: str = PRESS_RELEASE) -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "release.txt").write_text(text, encoding="utf-8")
    path = folder / "facts.toml"
    path.write_text(facts, encoding="utf-8")
    return path
