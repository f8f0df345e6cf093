"""Key latency from outside (`tui.bench.keys`): the settling arithmetic on made-up timestamps,
the plans and the report's rendering; one slow test drives the bare app on a real
pseudo-terminal. No timing is asserted (how fast belongs in `make bench`)."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.bench.keys import (
    _BARE_APP,
    EQUIVALENT,
    WHAT,
    Plan,
    bare_plan,
    bundled_plan,
    key_table,
    large_plan,
    play,
    ratios,
)
from tui.bench.pty_session import PtySession, latency, percentile, quiet_for, settled_at, summary
from tui.bench.run import _keys_section, readme_section, targets

GAP = 0.15
# output before the key, then a burst of three frames, then a blink long after
STREAM = [0.2, 0.9, 1.004, 1.004, 1.030, 1.062, 1.700]


def test_settled_is_the_last_chunk_before_a_quiet_gap() -> None:
    assert settled_at(STREAM, 1.0, GAP, now=5.0) == 1.062
    assert latency(STREAM, 1.0, GAP, now=5.0) == pytest.approx(0.062)


def test_output_before_the_key_does_not_count() -> None:
    # the chunk at 0.9 came before the key; a key that drew only later starts at its output
    assert settled_at(STREAM, 1.5, GAP, now=5.0) == 1.700
    assert settled_at([0.2, 0.9], 1.0, GAP, now=5.0) is None


def test_not_settled_while_the_gap_has_not_passed() -> None:
    assert settled_at(STREAM[:-1], 1.0, GAP, now=1.1) is None
    assert settled_at(STREAM[:-1], 1.0, GAP, now=1.062 + GAP + 1e-9) == 1.062


def test_a_pause_shorter_than_the_gap_keeps_the_key_going() -> None:
    # two bursts 100 ms apart are one key; 200 ms apart the second is something else
    assert settled_at([1.01, 1.11], 1.0, GAP, now=3.0) == 1.11
    assert settled_at([1.01, 1.21], 1.0, GAP, now=3.0) == 1.01


def test_quiet_for() -> None:
    assert quiet_for(STREAM, now=2.0, since=0.0) == pytest.approx(0.3)
    assert quiet_for([], now=2.0, since=0.5) == pytest.approx(1.5)


def test_summary_and_percentile() -> None:
    values = [0.01 * n for n in range(1, 11)]  # 10 … 100 ms
    figures = summary(values)
    assert figures["median_ms"] == pytest.approx(55.0)
    assert figures["p90_ms"] == pytest.approx(90.0)
    assert figures["n"] == 10
    assert summary([0.02])["median_ms"] == pytest.approx(20.0)
    assert math.isnan(summary([])["median_ms"])
    assert math.isnan(percentile([], 0.5))


def _names(plan: Plan) -> set[str]:
    return {name for units in plan.values() for unit in units for name, _ in unit if name}


def test_every_key_has_a_bare_equivalent_and_a_description() -> None:
    bare = _names(bare_plan(5))
    for reps in (1, 4, 5, 20):
        ours = _names(bundled_plan(reps))
        assert ours <= set(EQUIVALENT) <= set(WHAT)
        assert {EQUIVALENT[name] for name in ours} <= bare
        assert _names(large_plan(reps)) <= ours


def test_plans_press_about_reps_of_each_key() -> None:
    plan = bundled_plan(6)
    pressed = [name for units in plan.values() for unit in units for name, _ in unit]
    for name in ("j", "k", "tab", "2", "3", "?", "escape ?", "!", "z"):
        assert pressed.count(name) == 6, name
    assert pressed.count("search key") >= 6


def _figures(median: float) -> dict[str, float]:
    return {"median_ms": median, "p90_ms": median * 1.5, "n": 5, "silent": 0}


def _keys(large: bool = True) -> dict[str, Any]:
    bare = {"j": _figures(40), "tab": _figures(50)}
    ours = {"j": _figures(60), "tab": _figures(120), "2": _figures(90)}
    keys: dict[str, Any] = {"reps": 5, "bare": bare, "bundled": ours,
                            "ratios": ratios(ours, bare)}
    if large:
        keys["large"] = {"j": _figures(70), "tab": _figures(130)}
    return keys


def test_ratios_are_medians_over_the_bare_equivalent() -> None:
    got = ratios({"j": _figures(60), "3": _figures(100), "k": _figures(10)},
                 {"j": _figures(40), "tab": _figures(50)})
    assert got["j"] == pytest.approx(1.5)
    assert got["3"] == pytest.approx(2.0)  # a pane switch against the bare tab
    assert math.isnan(got["k"])  # no bare k timed


def _row() -> dict[str, Any]:
    return {"claims": 10, "check_ratio": 0.4, "check_cold_s": 2.0, "tomllib_s": 1.0,
            "first_screen_s": 0.3, "loaded_cold_s": 2.0, "loaded_s": 1.0, "max_block_ms": 50,
            "search_median_ms": 10, "search_p95_ms": 20, "xref_lookup_ms": 0.1,
            "check_mb": 100, "app_cold_mb": 300, "app_mb": 300}


def test_key_targets_only_when_keys_were_timed() -> None:
    assert len(targets([_row()], {"ratio": 1.2}, {})) == 10
    verdicts = {name: (ok, value) for name, ok, value
                in targets([_row()], {"ratio": 1.2}, {}, _keys())}
    ratio_ok, worst = verdicts[
        "every key (bundled) settles ≤ 2× the bare app's equivalent key (p50)"]
    assert ratio_ok is False
    assert worst == "worst `tab` 2.40×"
    large_target = ("largest N: every key settles ≤ 100 ms (p50), or within its bare "
                    "equivalent when that is slower (a screen, escape)")
    assert verdicts[large_target] == (False, "worst `tab` 130 ms (≤ 100)")
    # a screen at 100,000 claims within the bare app's opening one: within its target
    screens = _keys()
    screens["bare"]["!"] = _figures(250)
    screens["large"] = {"j": _figures(70), "S": _figures(240), "S first": _figures(200)}
    verdicts = {name: (ok, value) for name, ok, value
                in targets([_row()], {"ratio": 1.2}, {}, screens)}
    assert verdicts[large_target] == (True, "worst `S` 240 ms (≤ 250)")
    screens["large"]["j"] = _figures(101)  # a list key is held to 100 ms whatever the bare's
    verdicts = {name: (ok, value) for name, ok, value
                in targets([_row()], {"ratio": 1.2}, {}, screens)}
    assert verdicts[large_target] == (False, "worst `j` 101 ms (≤ 100)")
    small = {name for name, _, _ in targets([_row()], {"ratio": 1.2}, {}, _keys(large=False))}
    assert not any(name.startswith("largest N: every key") for name in small)


def test_a_failed_key_run_is_a_failed_target() -> None:
    verdicts = targets([_row()], {"ratio": 1.2}, {}, {"error": "TimeoutError: hung"})
    assert verdicts[-1][1] is False
    assert "hung" in verdicts[-1][2]


def test_key_table_and_readme() -> None:
    lines = [[cell.strip() for cell in line.split("|")]
             for line in key_table(_keys()).splitlines()]
    assert lines[0] == ["key", "what", "bare key", "bare p50", "bare p90", "ms p50", "ms p90",
                        "ratio", "large p50", "large p90"]
    assert lines[2] == ["j", "down in the list", "j", "40", "60", "60", "90", "1.50", "70",
                        "105"]
    assert lines[4][-2:] == ["-", "-"]  # `2` was not timed on the large file
    assert "large" not in key_table(_keys(large=False))
    assert "drew nothing" not in key_table(_keys())
    quiet = _keys()
    quiet["bundled"]["2"] = {**_figures(90), "silent": 3}
    assert key_table(quiet).splitlines()[-1] == "drew nothing (not counted): bundled `2` 3×"
    assert _keys_section(None) == []
    committed = Path(__file__).resolve().parent.parent / "bench" / "latest.json"
    report = json.loads(committed.read_text(encoding="utf-8"))
    report.pop("keys", None)
    assert "bare p50" not in readme_section(report)
    assert key_table(_keys()) in readme_section({**report, "keys": _keys()})


@pytest.mark.slow
def test_the_bare_app_on_a_pseudo_terminal() -> None:
    plan: Plan = {"lists": [[("j", b"j")], [("j", b"j")], [("k", b"k")]],
            "panes": [[("tab", b"\t")]]}
    with PtySession([sys.executable, "-c", _BARE_APP], dict(os.environ)) as session:
        session.wait_ready(120.0)
        got = play({"bare": session}, {"bare": plan})["bare"]
        pid = session.child.pid
    assert set(got) == {"j", "k", "tab"}
    for figures in got.values():
        assert figures["silent"] == 0
        assert 0 < figures["median_ms"] < 30_000
        assert 0 < figures["p90_ms"] < 30_000
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the session's end took the app with it


@pytest.mark.slow
def test_the_first_opening_is_timed_in_more_sessions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One press a run was the whole figure of the series view's first opening."""
    from tui.bench.generate import generate
    from tui.bench.keys import first_openings

    monkeypatch.setenv("CHERY_TUI_CACHE_DIR", str(tmp_path / "cache"))
    facts = generate(1000, tmp_path / "n1000")
    got = first_openings(facts, {"median_ms": 50_000.0, "p90_ms": 50_000.0, "n": 1,
                                 "silent": 0}, sessions=2)
    assert got["n"] == 2
    assert got["silent"] == 0
    assert 0 < got["median_ms"] < 50_000  # the median of this session's and the one given
