"""Every kind of bad input yields `FILE:LINE: message`, all at once, and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import VALID_TOML, FactWriter
from tui.domain.loading.loader import load_facts


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def messages(path: Path) -> list[str]:
    return [str(p) for p in load_facts(path).problems]


def test_valid_file_loads_with_every_citation_resolved(write_facts: FactWriter) -> None:
    result = load_facts(write_facts())
    assert result.problems == []
    assert result.facts is not None
    counts = result.facts.counts()
    assert (counts.sources, counts.entities, counts.claims, counts.citations,
            counts.relations) == (1, 2, 2, 2, 1)
    claim = result.facts.claims["acme-sales-2024"]
    start, end = claim.citations[0].span
    assert result.facts.texts["daily"][start:end] == claim.citations[0].exact


def test_toml_syntax_error_names_its_line(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace('kind = "company"', 'kind = "company')
    path = write_facts(toml)
    [message] = messages(path)
    line = line_of(toml, 'kind = "company')
    assert message.startswith(f"{path}:{line}: TOML syntax error")


# (what to change in the valid file, the line's text, which hit, the expected message)
ONE_PROBLEM = [
    pytest.param([("value = 1234", 'value = "1234"')], "value = ", 1,
                 "claim 'acme-sales-2024' figure: 'value' should be a number, not the string "
                 "'1234'", id="wrong-type"),
    pytest.param([('kind = "company"', 'kind = "company"\ncolour = "red"')], "colour", 1,
                 "entity 'acme': unknown key 'colour'", id="unknown-key"),
    pytest.param([('about = ["acme"]', 'about = ["acme", "acme-motors"]')], "acme-motors", 1,
                 "claim 'acme-sales-2024' about: unknown entity 'acme-motors'",
                 id="unknown-reference"),
    pytest.param([('to = "acme-sales-2024"', 'to = "acme"')], "to = ", 1,
                 "relation #1: unknown claim 'acme' ('acme' is an entity)",
                 id="reference-to-wrong-kind"),
    pytest.param([("value = 1234", "value = 1243")], "value = 1243", 1,
                 "claim 'acme-sales-2024' figure: value 1243 does not match the stated "
                 "'1,234 cars'", id="stated-figure-mismatch"),
    pytest.param([('cells = { units = "acme-sales-2024" }', 'cells = { units = "roe-growing" }')],
                 "roe-growing", 3,
                 "table 'sales' rows[0].cells: cell names claim 'roe-growing', which is a quote, "
                 "not a figure", id="cell-names-non-figure"),
    pytest.param([('exact = "Acme Motors sold 1,234 cars in 2024, up 5.5%" }',
                   'exact = "Acme Motors sold 1,234 cars in 2024, up 5.5%", _span = [0, 5] }')],
                 "_span", 1,
                 "claim 'acme-sales-2024' citations[0]: unknown key '_span'",
                 id="internal-field-is-not-an-input"),
    pytest.param([('date = "2025-01-05"', 'date = "2025-02-30"')], "2025-02-30", 1,
                 "source 'daily' published: 'date': no such day: '2025-02-30'", id="bad-date"),
]


@pytest.mark.parametrize(("edits", "needle", "nth", "expected"), ONE_PROBLEM)
def test_one_problem_reported_at_its_line(write_facts: FactWriter, edits: list[tuple[str, str]],
                                          needle: str, nth: int, expected: str) -> None:
    toml = VALID_TOML
    for old, new in edits:
        assert old in toml
        toml = toml.replace(old, new)
    path = write_facts(toml)
    assert messages(path) == [f"{path}:{line_of(toml, needle, nth)}: {expected}"]


def test_missing_source_file(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace("sources/daily.txt", "sources/weekly.txt")
    path = write_facts(toml)
    assert messages(path) == [
        f"{path}:{line_of(toml, 'weekly.txt')}: source 'daily': source text not found: "
        f"{str(path.parent / 'sources' / 'weekly.txt')!r}"
    ]


def test_missing_field_points_at_its_table(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace('outlet = "The Daily"\n', "")
    path = write_facts(toml)
    problems = messages(path)
    assert f"{path}:{line_of(toml, '[[sources]]')}: source 'daily': missing required key 'outlet'" \
        in problems


def test_duplicate_id_points_at_the_second(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace('id = "roe-growing"', 'id = "acme"')
    toml = toml.replace('from = "roe-growing"', 'from = "acme-sales-2024"')
    toml = toml.replace('to = "acme-sales-2024"', 'to = "acme"')
    path = write_facts(toml)
    problems = messages(path)
    line = line_of(toml, 'id = "acme"', 2)
    assert (f"{path}:{line}: claim 'acme': duplicate id 'acme': "
            "already the id of an entity") in problems


def test_duplicate_found_even_when_the_first_copy_is_invalid(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace('kind = "company"', 'kind = "compnay"')
    toml = toml.replace('id = "jane-roe"', 'id = "acme"')
    path = write_facts(toml)
    assert any("duplicate id 'acme'" in m for m in messages(path))


def test_quote_not_in_source_names_source_and_closest_passage(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace("said: “We are growing fast.”", 'said: "We are growing fast."')
    toml = toml.replace('words = "We are growing fast."', "words = 'We are growing fast.'")
    path = write_facts(toml.replace('exact = "said: "We are growing fast.""',
                                    "exact = 'said: \"We are growing fast.\"'"))
    [message] = [m for m in messages(path) if "not found" in m]
    assert message.startswith(f"{path}:")
    assert "passage not found verbatim in source 'daily'" in message
    assert "closest passage (line 2): 'said: “We are growing fast.”'" in message
    assert "first difference at character 7: the source has '“' where the citation has '\"'" \
        in message


def test_ambiguous_passage_needs_prefix_suffix_or_occurrence(write_facts: FactWriter) -> None:
    ambiguous = VALID_TOML.replace(
        "[[relations]]",
        '[[claims]]\nid = "record"\nkind = "statement"\ntext = "Record."\nabout = ["acme"]\n'
        'status = "reported"\n'
        'citations = [{ source = "daily", exact = "Acme Motors sold more cars than ever." }]\n\n'
        "[[relations]]",
    )
    path = write_facts(ambiguous)
    assert messages(path) == [
        f"{path}:{line_of(ambiguous, 'than ever')}: claim 'record' citations[0]: ambiguous "
        "passage: occurs 2 times in source 'daily' (lines 3, 4); add 'prefix'/'suffix' or "
        "'occurrence': 'Acme Motors sold more cars than ever.'"
    ]
    by_occurrence = ambiguous.replace('exact = "Acme Motors sold more cars than ever." }',
                                      'exact = "Acme Motors sold more cars than ever.", '
                                      "occurrence = 2 }")
    result = load_facts(write_facts(by_occurrence))
    assert result.problems == []
    assert result.facts is not None
    start, _ = result.facts.claims["record"].citations[0].span
    assert start == result.facts.texts["daily"].rindex("Acme Motors sold more")


def test_prefix_that_never_matches_is_an_error(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace('exact = "said: “We are growing fast.”" }',
                              'exact = "said: “We are growing fast.”", prefix = "nobody " }')
    path = write_facts(toml)
    assert any("never with the given prefix/suffix" in m for m in messages(path))


def test_fact_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('format = 1\ntitle = "Caf\xe9"\n'.encode("latin-1"))
    result = load_facts(path)
    assert result.unreadable
    assert [str(p) for p in result.problems] == [
        f"{path}:2: not valid UTF-8: byte 0xe9 at column 13"
    ]


def test_source_text_that_is_not_utf8(write_facts: FactWriter) -> None:
    path = write_facts(source=b"Line one\nAcme \xff sold\n")
    problems = messages(path)
    source_path = path.parent / "sources" / "daily.txt"
    assert (f"{source_path}:2: not valid UTF-8: byte 0xff at column 6 (text of source 'daily')"
            in problems)
    # the citations into the unreadable text are not reported again, one by one
    assert len(problems) == 1


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("  \n\n")
    assert messages(path) == [f"{path}:1: the file is empty"]


def test_directory_given_as_the_file(tmp_path: Path) -> None:
    result = load_facts(tmp_path)
    assert result.unreadable
    assert [str(p) for p in result.problems] == [f"{tmp_path}:1: is a directory, not a file"]


def test_missing_path(tmp_path: Path) -> None:
    result = load_facts(tmp_path / "nope.toml")
    assert result.unreadable
    assert [str(p) for p in result.problems] == [f"{tmp_path / 'nope.toml'}:1: no such file"]


def test_stated_figure_must_stand_in_a_passage(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace('stated = "1,234 cars"', 'stated = "1,234 vehicles"')
    path = write_facts(toml)
    assert any("stated figure '1,234 vehicles' is not in any of the claim's passages" in m
               for m in messages(path))


def test_every_problem_is_reported_at_once(write_facts: FactWriter) -> None:
    toml = (VALID_TOML.replace('kind = "company"', 'kind = "company"\ncolour = "red"')
            .replace("value = 1234", 'value = "x"')
            .replace('to = "acme-sales-2024"', 'to = "nothing"')
            .replace("sources/daily.txt", "sources/gone.txt"))
    path = write_facts(toml)
    problems = messages(path)
    assert len(problems) == 4, problems
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


def test_native_toml_dates_are_accepted(write_facts: FactWriter) -> None:
    toml = VALID_TOML.replace('date = "2025-01-05"', "date = 2025-01-05")
    result = load_facts(write_facts(toml))
    assert result.problems == []
    assert result.facts is not None
    assert result.facts.sources["daily"].published.precision == "day"
