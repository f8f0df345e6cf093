"""How a load says how far it has got: one callback type for loading a fact file, reopening
its snapshot and the app's own last step."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
"""`progress(phase, done, total)`, called from the thread that loads, as the load goes on:

- `phase`: the step under way: "parse", "validate" and "resolve" while a fact file loads
  (`loader.load_facts`), "snapshot" while a snapshot is reopened (`snapshot.read`), and
  "index" when the app builds the browser. The loading screen names each and gives it its
  share of the bar (`tui/screens/loading.py`).
- `done`, `total`: how far that step has got, `done` of `total` in the step's own unit
  (bytes parsed, items validated, snapshot pieces rebuilt); a step with no measure reports
  `0, 1` as it starts.
"""
