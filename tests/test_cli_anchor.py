"""`chery-tui anchor`: the citation for a pasted passage, in a real subprocess; what it prints
is pasted into the fact file and must load."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import VALID_TOML, FactWriter
from tui.domain.capture.anchor import toml_string
from tui.domain.loading.loader import load_facts


def _anchor(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "anchor", *args, "--facts", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)


def _citations(stdout: str) -> list[dict[str, object]]:
    return [tomllib.loads(f"c = {line}")["c"] for line in stdout.splitlines()
            if line.startswith("{")]


def _loads_with(path: Path, citation: dict[str, object]) -> bool:
    """The fact file with one more claim citing `citation` loads without problems."""
    fields = ", ".join(f"{k} = {toml_string(v) if isinstance(v, str) else v}"
                       for k, v in citation.items())
    path.write_text(path.read_text(encoding="utf-8") + (
        '\n[[claims]]\nid = "pasted"\nkind = "statement"\ntext = "Pasted."\n'
        f'about = ["acme"]\nstatus = "reported"\ncitations = [{{ {fields} }}]\n'),
        encoding="utf-8")
    result = load_facts(path)
    return not result.problems


def test_a_pasted_quote_with_straight_quotes_is_anchored_and_loads(
        write_facts: FactWriter) -> None:
    path = write_facts()
    done = _anchor(path, "daily", 'Jane Roe, said: "We are growing fast."')
    assert done.returncode == 0, done.stderr
    [citation] = _citations(done.stdout)
    assert citation == {"source": "daily",
                        "exact": "Jane Roe, said: “We are growing fast.”"}
    assert "line 2 of daily" in done.stdout
    assert _loads_with(path, citation)


def test_a_passage_that_occurs_twice_prints_both_and_each_loads(
        write_facts: FactWriter) -> None:
    path = write_facts()
    done = _anchor(path, "daily", "acme motors sold more cars than ever")
    assert done.returncode == 0, done.stderr
    assert "occurs 2 times" in done.stdout
    citations = _citations(done.stdout)
    assert len(citations) == 2
    for citation in citations:
        assert citation["exact"] == "Acme Motors sold more cars than ever"
        path.write_text(VALID_TOML, encoding="utf-8")
        assert _loads_with(path, citation), citation


def test_nothing_close_enough_exits_1_with_scored_candidates(write_facts: FactWriter) -> None:
    path = write_facts()
    done = _anchor(path, "daily", "Globex opened a plant in Spain")
    assert done.returncode == 1
    assert "no passage of daily is close enough" in done.stdout
    assert "line " in done.stdout.splitlines()[1]


def test_an_unknown_source_exits_2_with_a_suggestion(write_facts: FactWriter) -> None:
    done = _anchor(write_facts(), "dialy", "anything")
    assert done.returncode == 2
    assert "'dialy' is no source" in done.stderr
    assert "did you mean daily" in done.stderr
    assert "Traceback" not in done.stderr


def test_control_and_bidi_characters_are_escaped_not_printed(write_facts: FactWriter) -> None:
    path = write_facts(source="Acme said \u202eevil\u202c things\x1b[31m today.\n")
    done = _anchor(path, "daily", "said \u202eevil\u202c things")
    assert done.returncode == 0, done.stderr
    assert "\u202e" not in done.stdout
    assert "\x1b" not in done.stdout
    [citation] = _citations(done.stdout)
    assert citation["exact"] == "said \u202eevil\u202c things"  # exact, once parsed
