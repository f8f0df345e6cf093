"""VisiData as a reference (issue 13): the same claims as JSON lines, loaded by VisiData, its
time and peak memory beside chery-tui's first open, reopen and memory of the fact file.

VisiData is the terminal tool people load data of this size into; the comparison is kind to
it (it parses JSON and keeps rows as dicts: no citation is verified, no cross-index built).
It is measured in a process of its own, as chery-tui's starts are: its import and its load
until every row is in (`ensureLoaded` and `sync`, as its loading thread finishes), and the
process's peak resident memory. Installed by `make bench` (the `bench` extra); when missing,
the run says so and its targets are left out, never guessed."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

_LOAD = """
import resource, sys, time
start = time.perf_counter()
from visidata import vd
sheet = vd.openSource(sys.argv[1])
sheet.ensureLoaded()
vd.sync()
rows = len(sheet.rows)
seconds = time.perf_counter() - start
try:  # this process's own peak: ru_maxrss can keep a large parent's across fork and exec
    with open("/proc/self/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, peak, rows)
"""


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("visidata") is not None


def claims_as_json_lines(facts: Path, out: Path) -> Path:
    """The fact file's claims, one JSON object a line (made once, beside the file)."""
    if not out.exists():
        with facts.open("rb") as raw:
            claims = tomllib.load(raw).get("claims", [])
        partial = out.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as lines:
            for claim in claims:
                lines.write(json.dumps(claim, ensure_ascii=False) + "\n")
        partial.replace(out)
    return out


def measure(facts: Path, runs: int = 3) -> dict[str, Any] | None:
    """VisiData loading the claims of `facts`: the median load (s) of `runs` and its peak
    memory (MB); None when VisiData is not installed."""
    if not available():
        return None
    path = claims_as_json_lines(facts, facts.with_name("claims.jsonl"))
    loads: list[float] = []
    peaks: list[float] = []
    rows = ""
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", _LOAD, str(path)], capture_output=True,
                              text=True, timeout=600, check=True)
        seconds, peak_kb, rows = done.stdout.split()
        loads.append(float(seconds))
        peaks.append(int(peak_kb) / 1024)
    loads.sort()
    return {"load_s": loads[len(loads) // 2], "peak_mb": max(peaks), "rows": int(rows)}
