"""The series chart's layout (`tui.domain.present.series_chart`): each stated figure a bar
across its own period with its mark, implied values dashed, contradictions marked, read off
the characters drawn."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.conftest import FactWriter
from tui.bundled import bundled_facts_path
from tui.domain.crossref.consistency import find_all
from tui.domain.crossref.series import Series, series_of
from tui.domain.loading.loader import load_facts
from tui.domain.present.series_chart import layout, short_number


@pytest.fixture(scope="module")
def exports() -> Series:
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    return series_of(facts, "chery-exports-2023", find_all(facts))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 10)])
def test_every_figure_has_its_mark_and_contradictions_theirs(exports: Series,
                                                             size: tuple[int, int]) -> None:
    chart = layout(exports, *size)
    text = chart.text()
    assert text.count("✗") == 2  # the full-year 2023 and the Jan-Nov 2024 that contradict
    assert text.count("●") == 2  # 2022 and "nearly 1.2 million"
    assert "◇" in text  # implied values, drawn apart from stated ones
    assert "┄" in text
    stated = {k: c for k, c in chart.columns.items() if not k.startswith("◇")}
    assert set(stated) == {s.claim_id for s in exports.stated}
    assert len(set(stated.values())) == len(stated)  # no mark hides another
    assert all(len(row_text) <= size[0] for row_text in text.splitlines())


def test_a_part_year_is_drawn_as_what_it_covers(exports: Series) -> None:
    lines = layout(exports, 120, 40).text().splitlines()
    full = max(line.count("━") for line in lines)  # a whole year's bar
    part = max(line.count("─") for line in lines[:-2])  # Jan-Nov, the axis rows left out
    assert part < full  # eleven months are drawn shorter than twelve
    assert part >= full * 10 // 12 - 1


def test_the_cursor_s_figure_is_drawn_in_the_cursor_s_role(exports: Series) -> None:
    chart = layout(exports, 80, 24, cursor="chery-exports-2022")
    roles = {role for row in chart.rows for text, role in row if "●" in text or "━" in text}
    assert "cursor" in roles


def test_the_years_are_labelled(exports: Series) -> None:
    assert layout(exports, 80, 24).text().splitlines()[-1].split() == ["2022", "2023", "2024"]


def test_a_series_with_nothing_dated_says_so(write_facts: FactWriter) -> None:
    from tests.conftest import VALID_TOML

    toml = VALID_TOML.replace('period = { label = "2024", start = "2024", end = "2024" }\n',
                              "").replace(
        'growth = { value = 5.5, unit = "percent", stated = "up 5.5%", compared_with = '
        '"previous year" }\n', "")
    facts = load_facts(write_facts(toml)).facts
    assert facts is not None
    assert "nothing to draw in time" in layout(series_of(facts, "acme-sales-2024"), 80, 24).text()


@pytest.mark.parametrize(("value", "shown"), [
    (1_300_000, "1.3M"), (648_000, "648k"), (0, "0"), (2.4, "2.4"), (15e9, "15B"),
])
def test_short_numbers(value: float, shown: str) -> None:
    assert short_number(value) == shown


def test_the_series_leaves_the_terminal_as_svg(tmp_path: Path) -> None:
    import subprocess
    import sys
    import xml.etree.ElementTree as ElementTree

    out = tmp_path / "exports.svg"
    done = subprocess.run([sys.executable, "-m", "tui", "export", "--format", "svg",
                           "--series", "exports: Chery Group", "--out", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg)  # well-formed
    assert root.tag.endswith("svg")
    drawn = "".join(root.itertext()).replace("\xa0", " ")
    assert "exports: Chery Group" in drawn
    assert "✗" in drawn
    assert "◇" in drawn
    assert "#e0555e" in svg  # the contradictions in their colour
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == "exports: Chery Group"
    assert "url(\"http" not in svg  # no font fetched from a CDN when the document opens
    # under the chart, each figure in its source's words, and where they come from
    assert "less than 500,000  [Surge]" in drawn
    assert "“The speed at which Chery has scaled its exports" in drawn
    assert "~2024-01…2024-11  1,199,590" in drawn  # the year the file infers, marked
    assert "465,895 to 466,127  implied by chery-exports-2023" in drawn
    assert done.stderr == (f"chery-tui export: svg of the series 'exports: Chery Group' "
                           f"(4 figures) written to {out}\n")
    several = subprocess.run([sys.executable, "-m", "tui", "export", "--format", "svg",
                              "--series", "sales by brand"], capture_output=True, text=True,
                             timeout=120, check=False)
    assert several.returncode == 2
    assert several.stderr.startswith("chery-tui export: several series match it: "
                                     "'sales by brand'; they are: sales by brand: Chery")
    wrong = subprocess.run([sys.executable, "-m", "tui", "export", "--format", "svg",
                            "--series", "nonsense"], capture_output=True, text=True,
                           timeout=120, check=False)
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("chery-tui export: no such series: 'nonsense'")
    import os

    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)  # written as every export is: never a file put in a pipe's place
    piped = subprocess.run([sys.executable, "-m", "tui", "export", "--format", "svg",
                            "--series", "exports", "--out", str(fifo)], capture_output=True,
                           text=True, timeout=120, check=False)
    assert piped.returncode == 2
    assert "is not a regular file" in piped.stderr
    assert not fifo.is_file()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_year_labels_never_run_together(width: int) -> None:
    """At 80 columns JLR's 2010-2023 read "20112012": each label now has a space around it,
    at an even step."""
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    series = series_of(facts, "jlr-china-sales-2010")
    assert series.label == "JLR sales in China: China, JLR"  # the measure as written
    years = [int(y) for y in layout(series, width, 12).text().splitlines()[-1].split()]
    assert years[0] == 2010
    assert all(len(str(y)) == 4 for y in years)
    steps = {b - a for a, b in itertools.pairwise(years)}
    assert len(steps) == 1, years


def _crowded() -> Series:
    """Five figures of one day at one value: more than the couple of columns a mark may
    move aside, the last one that fits contradicted."""
    from tui.domain.crossref.quantities import Interval, date_range
    from tui.domain.crossref.series import Stated

    day = date_range("2020-06-01", "2020-06-01")
    stated = tuple(Stated(f"c{n}", ("src",), day, 100.0, Interval(100.0, 100.0), True)
                   for n in range(5))
    other = Stated("late", ("src",), date_range("2021-06-01", "2021-06-01"), 50.0,
                   Interval(50.0, 50.0), True)
    return Series(("m", frozenset({"x"}), "vehicles", None), "m: X", (*stated, other), (),
                  (("c2", "late"),))


def test_a_contradiction_s_mark_is_never_drawn_over() -> None:
    """A dense series drew later figures' ● over an earlier ✗ in the same cell."""
    text = layout(_crowded(), 40, 8).text()
    assert text.count("✗") == 2


def test_the_cursor_s_figure_is_drawn_over_its_neighbours() -> None:
    from tui.domain.present.series_chart import draw

    drawing = draw(_crowded(), 40, 8)
    for cursor in ("c0", "c4"):  # c4's mark is where c3's would have been: on top now
        chart = drawing.chart(cursor)
        at = chart.columns[cursor]
        row = next(r for r in chart.rows if any(role == "cursor" for _, role in r))
        cells = [(ch, role) for text, role in row for ch in text]
        assert cells[at][1] == "cursor"
    assert drawing.chart(None).text() == layout(_crowded(), 40, 8).text()


def test_an_implied_value_shows_in_a_short_chart(exports: Series) -> None:
    """At 80x24 the view gives the chart six rows: both of the exports' implied values fell
    under stated bars and were not drawn at all."""
    text = layout(exports, 80, 8).text()
    assert text.count("◇") == len(exports.implied) == 2
    assert text.count("✗") == 2
    assert text.count("●") == 2


def test_figures_past_the_room_beside_their_day_share_the_last_place() -> None:
    """A mark moves at most two columns from its day; the figures after that are drawn
    there (the drawing of a dense series skips painting them again)."""
    from tui.domain.present.series_chart import draw

    drawing = draw(_crowded(), 40, 8)
    columns = drawing.chart(None).columns
    day = columns["c0"]
    assert [columns[f"c{n}"] - day for n in range(5)] == [0, 1, 2, 2, 2]
    row = next(r for r in drawing.body if any(ch in "●✗" for ch, _ in r))
    marks = "".join(ch for ch, _ in row).strip(" ━─")
    assert marks == "●●✗"  # c3 and c4 took the last place, never over c2's ✗


def test_the_cursor_on_an_implied_value_marks_that_value(exports: Series) -> None:
    """Its list row opens the claim that implies it, but the chart marks the value itself,
    not that claim's bar."""
    from tui.domain.present.series_chart import draw, implied_key

    drawing = draw(exports, 100, 16)
    for n, implied in enumerate(exports.implied):
        chart = drawing.chart(implied_key(n))
        cursor = [(r, text) for r, row in enumerate(chart.rows) for text, role in row
                  if role == "cursor"]
        assert cursor, implied
        assert any("◇" in text for _, text in cursor)
        assert {r for r, _ in cursor} == {drawing.places[implied_key(n)][0]}


@pytest.mark.parametrize("width", [30, 78, 118])
def test_the_legend_breaks_between_its_items(width: int) -> None:
    """At 80 columns it broke between ✗ and "contradicted"."""
    from tui.domain.present.series_chart import LEGEND_ITEMS, legend

    lines = legend(width).splitlines()
    assert all(len(line) <= width for line in lines)
    assert [item for line in lines for item in line.split("  ")] == list(LEGEND_ITEMS)
