"""The reader's soft wrap, worked out from a few numbers per line: rows fit the width, nothing
is lost or reordered, and rows, lines and offsets map onto each other."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from tui.domain.crossref.cross_index import _toucher
from tui.domain.present.safe_text import clean
from tui.widgets.source_layout import _NARROW, MIN_WIDTH, SourceLayout
from tui.widgets.source_view import merged

_PIECES = ["word", "longerword", " ", " ", "  ", "\n", "\n", "\t", "\x1b]52;c;eA==\x07",
           "\x9b", "\u202e", "界", "e\u0301", "’", "[bold]", "x" * 45, "\x00", "\u200b", "👍",
           "❤\ufe0f", "👨\u200d👩", "\u200d"]
texts = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


def _check(text: str, width: int) -> None:
    layout = SourceLayout(text)
    layout.set_width(width)
    row = 0
    for line in range(layout.line_count):
        start, end = layout.span(line)
        shown = layout.shown(line)
        assert shown == clean(text[start:end])
        starts, ends = layout.wrap(line)
        assert len(starts) == layout.rows_of(line)
        assert layout.row_of_line(line) == row
        assert starts[0] == 0
        assert set(shown[ends[-1]:]) <= {" "}  # spaces a break drops
        for k in range(len(starts)):
            assert cell_len(shown[starts[k]:ends[k]]) <= width
            assert k == len(starts) - 1 or ends[k] > starts[k]
            if k:  # between two rows only the spaces a break drops
                assert set(shown[ends[k - 1]:starts[k]]) <= {" "}
                assert starts[k] >= ends[k - 1]
            assert layout.line_at_row(row + k) == (line, k)
        for offset in range(start, end + 1):
            within = layout.to_shown(line, offset)
            k = layout.row_of_offset(offset) - row
            assert 0 <= k < len(starts)
            assert starts[k] <= within
        row += len(starts)
        if line + 1 < layout.line_count and end > start and layout.span(line + 1)[1] > end + 1:
            assert layout.line_at_row(row) == (line, len(starts))  # the blank row after it
            row += 1
    assert row == layout.row_count


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(MIN_WIDTH, 60))
def test_rows_fit_the_width_and_keep_every_character(text: str, width: int) -> None:
    _check(text, width)


def test_a_text_of_only_narrow_characters() -> None:
    text = "Line one is short.\n\n" + "All work and no play. " * 20 + "\nlast"
    for width in (MIN_WIDTH, 33, 80, 500):
        _check(text, width)
    layout = SourceLayout(text)
    layout.set_width(80)
    assert layout.line_count == 4
    assert [layout.rows_of(i) for i in range(4)] == [1, 1, 6, 1]
    # paragraphs apart by one blank row whether or not the text leaves one
    assert [layout.row_of_line(i) for i in range(5)] == [0, 1, 2, 9, 10]


def test_a_final_newline_starts_no_line_and_an_empty_text_is_one_empty_line() -> None:
    assert SourceLayout("a\nb\n").line_count == 2
    empty = SourceLayout("")
    empty.set_width(40)
    assert empty.line_count == 1
    assert empty.row_count == 1
    assert empty.shown(0) == ""


def test_a_narrower_width_than_the_least_wraps_at_the_least() -> None:
    layout = SourceLayout("word " * 100)
    layout.set_width(3)
    assert layout.width == MIN_WIDTH


def test_offsets_map_past_characters_that_clean_lengthens() -> None:
    layout = SourceLayout("a\x9bb\u202ec")
    layout.set_width(40)
    assert layout.shown(0) == "a\\x9bb<U+202E>c"
    assert [layout.to_shown(0, o) for o in range(6)] == [0, 1, 5, 6, 14, 15]


def test_offsets_map_in_a_line_longer_than_a_block() -> None:
    raw = "ab\x9bc\u202e " * 2_000 + "界" * 3
    layout = SourceLayout(raw)
    layout.set_width(50)
    for offset in (0, 1, 3, 4095, 4096, 4097, 9_000, len(raw) - 1, len(raw)):
        assert layout.to_shown(0, offset) == len(clean(raw[:offset])), offset
    _check(raw, 50)


def test_characters_counted_as_one_cell_are_one_cell_and_left_alone_by_clean() -> None:
    # "\x20-\x7e\xa0-..." as (first, last) pairs
    pairs = [(ord(_NARROW[i]), ord(_NARROW[i + 2])) for i in range(0, len(_NARROW), 3)]
    assert pairs[0] == (0x20, 0x7E)
    for first, last in pairs:
        for code in range(first, last + 1):
            char = chr(code)
            assert get_character_cell_size(char) == 1, hex(code)
            assert clean(char) == char, hex(code)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 15))),
       st.lists(st.tuples(st.integers(0, 70), st.integers(0, 10)), max_size=20))
def test_the_health_views_span_index_agrees_with_asking_every_span(
        raw: list[tuple[int, int]], lines: list[tuple[int, int]]) -> None:
    spans = [(x, x + n) for x, n in raw]
    touches = _toucher(spans)
    for a, n in lines:
        b = a + n
        assert touches(a, b) == any(x < b and a < y for x, y in spans), (a, b)


def test_merged_spans_keep_touching_ones_apart() -> None:
    assert merged([(5, 9), (0, 3), (3, 4), (2, 6)]) == [(0, 9)]
    assert merged([(0, 3), (3, 5)]) == [(0, 3), (3, 5)]


def test_the_cursor_moves_a_row_in_its_column_and_passes_over_blank_rows() -> None:
    text = "abcdefghij klmnopqrst uvwxyz\nshort\n" + "x" * 10
    layout = SourceLayout(text)
    layout.set_width(MIN_WIDTH)
    second_row = layout.offset_at_row(1)
    assert layout.offset_rows_away(2, 1) == second_row + 2  # the same column, a row down
    assert layout.offset_rows_away(second_row + 2, -1) == 2
    # the last row of a paragraph down to the next one, past the blank row between them
    last_row = layout.row_of_offset(27)
    down = layout.offset_rows_away(27, 1)
    assert text[layout.offset_at_row(layout.row_of_offset(down)):].startswith("short")
    assert layout.row_of_offset(down) == last_row + 2
    # a shorter row: its end; the first and last rows are as far as it goes
    assert layout.offset_rows_away(text.index("uvwxyz") + 4, 1) == text.index("short") + 4
    assert layout.offset_rows_away(3, -1) == 3
    assert layout.offset_rows_away(len(text) - 1, 5) == len(text) - 1
