"""Where the bundled fact file lives: inside the wheel, or in the source checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

FACT_FILE_NAME = "chery.toml"


def bundled_facts_path() -> Path:
    # A wheel carries data/ as tui/data (hatch force-include); a checkout has it at the top.
    packaged = Path(str(files("tui"))) / "data" / FACT_FILE_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "data" / FACT_FILE_NAME
