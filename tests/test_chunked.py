"""Parsing a large file in pieces gives the same document, and the same errors, as a whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli

from tests.conftest import SOURCE_TEXT, VALID_TOML
from tui.bench.generate import generate
from tui.domain.loading import chunked
from tui.domain.loading import loader as loader_module
from tui.domain.loading.loader import load_facts


def merge(data: bytes, size: int, progress: Any = None) -> dict[str, Any] | None:
    """The document from its pieces, as the loader assembles them; None: parse it whole."""
    doc: dict[str, Any] = {}
    kinds: dict[str, bool] = {}
    try:
        for piece, part in chunked.iter_parts(data, size, progress):
            if not chunked.add_part(kinds, piece, part):
                return None
            for key, value in part.items():
                if key in doc:
                    doc[key].extend(value)
                else:
                    doc[key] = value
    except chunked.PieceError:
        return None
    return doc


def test_pieces_give_the_same_document(tmp_path: Path) -> None:
    data = generate(2_000, tmp_path).read_bytes()
    seen: list[int] = []
    doc = merge(data, size=20_000, progress=lambda done, total: seen.append(done))
    assert doc == tomli.loads(data.decode())
    assert len(seen) > 10  # it did go piece by piece
    assert seen[-1] == len(data)


def test_a_piece_that_is_not_valid_is_left_to_the_whole_parse() -> None:
    broken = VALID_TOML.replace('title = "Acme grows"', 'title = "Acme grows')
    assert merge(broken.encode(), size=10) is None
    # `claims` as an array of tables, then as a table: an error in TOML, split across pieces
    redefined = 'format = 1\n[[claims]]\nid = "a"\n[[entities]]\nid = "e"\n[claims]\nx = 1\n'
    assert merge(redefined.encode(), size=5) is None


def test_a_static_array_is_never_joined_with_a_later_array_of_tables(
        tmp_path: Path, monkeypatch: Any) -> None:
    # `claims = [...]` then, in a later piece, `[[claims]]`: TOML forbids adding to a static
    # array, and joining the two pieces' arrays would have hidden that
    text = ('format = 1\nclaims = [{ id = "a" }]\n[[entities]]\nid = "e"\n'
            '[[claims]]\nid = "b"\n')
    assert merge(text.encode(), size=5) is None
    path = tmp_path / "facts.toml"
    path.write_text(text)
    whole = [str(p) for p in load_facts(path).problems]
    monkeypatch.setattr(loader_module, "_CHUNKED_ABOVE", 10)  # take the piecewise path
    assert [str(p) for p in load_facts(path).problems] == whole
    assert "TOML syntax error" in whole[0]


def test_cuts_inside_multiline_strings_are_harmless() -> None:
    text = ('format = 1\ntitle = "t"\n[[claims]]\nid = "a"\nnote = """\n[[claims]]\nstill '
            'the note"""\n[[claims]]\nid = "b"\n')
    doc = merge(text.encode(), size=1)
    assert doc is None or doc == tomli.loads(text)


def test_big_file_errors_keep_their_exact_lines(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(loader_module, "_CHUNKED_ABOVE", 10)  # take the piecewise path
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "daily.txt").write_text(SOURCE_TEXT)
    path = tmp_path / "facts.toml"
    path.write_bytes(VALID_TOML.replace('kind = "company"', 'kind = "company').encode())
    [problem] = load_facts(path).problems
    line = next(i for i, ln in enumerate(VALID_TOML.splitlines(), 1) if 'kind = "company"' in ln)
    assert str(problem).startswith(f"{path}:{line}: TOML syntax error")
    path.write_bytes(VALID_TOML.encode().replace(b"Acme grows", b"Acme gr\xffows"))
    [problem] = load_facts(path).problems
    line = next(i for i, ln in enumerate(VALID_TOML.splitlines(), 1) if "Acme grows" in ln)
    assert str(problem).startswith(f"{path}:{line}: not valid UTF-8: byte 0xff")
    path.write_bytes(VALID_TOML.encode())
    assert load_facts(path).problems == []
