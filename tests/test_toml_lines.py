from tui.domain.loading.toml_lines import LineIndex

DOC = '''\
format = 1
title = "x # not a comment [[claims]]"
description = """
[[claims]]
id = "inside a string"
"""

[[claims]]
id = "a"
figure.value = 3

[claims.figure]
unit = "cars"

[[claims.citations]]
exact = "first"

[[claims.citations]]
exact = "second"

[[claims]]
id = "b"
citations = [
  { source = "s", exact = "one" },
  { source = "s", exact = "two" },
]
about = ["x", "y"]
'''


def test_headers_keys_and_array_elements_get_their_lines() -> None:
    index = LineIndex(DOC)
    assert index.line_of(("title",)) == 2
    assert index.line_of(("claims", 0)) == 8
    assert index.line_of(("claims", 0, "id")) == 9
    assert index.line_of(("claims", 0, "figure")) == 12
    assert index.line_of(("claims", 0, "figure", "unit")) == 13
    assert index.line_of(("claims", 0, "citations", 1, "exact")) == 19
    assert index.line_of(("claims", 1, "id")) == 22
    assert index.line_of(("claims", 1, "citations", 0, "exact")) == 24
    assert index.line_of(("claims", 1, "citations", 1)) == 25
    assert index.line_of(("claims", 1, "about", 1)) == 27


def test_multiline_strings_hide_their_content() -> None:
    index = LineIndex(DOC)
    # the [[claims]] inside the description string is not a header: claim 0 is at line 8
    assert index.line_of(("claims", 0)) == 8
    assert index.line_of(("description",)) == 3


def test_unknown_paths_fall_back_to_the_nearest_ancestor() -> None:
    index = LineIndex(DOC)
    assert index.line_of(("claims", 1, "quote", "speaker")) == 21
    assert index.line_of(("nothing",)) == 1


def test_dotted_keys() -> None:
    index = LineIndex(DOC)
    assert index.line_of(("claims", 0, "figure", "value")) == 10
