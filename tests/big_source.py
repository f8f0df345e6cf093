"""A fact file with one long source: for the reader and Health at sizes that froze them."""

from __future__ import annotations

from pathlib import Path

FILLER = "of the long source, about the market and the cars it sold that year"


def line_text(number: int) -> str:
    """Line `number` (from 1): unique, so a citation of its head resolves; every seventh one
    long enough to wrap several times at any usual width."""
    text = f"Line {number:06d} {FILLER}."
    if number % 7 == 0:
        text += " And more words, so that this line wraps." * 8
    return text


def cited_head(number: int) -> str:
    return f"Line {number:06d} {FILLER}"


def write_big_source(folder: Path, lines: int, cited: tuple[int, ...],
                     source_lines: list[str] | None = None) -> Path:
    """Write a fact file whose one source has `lines` lines (or `source_lines`), with one
    claim citing the head of each line in `cited`; return the fact file's path."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    body = source_lines if source_lines is not None else [
        line_text(n) for n in range(1, lines + 1)]
    (folder / "sources" / "long.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    parts = ["format = 1", 'title = "A long source"', "",
             "[[sources]]", 'id = "long"', 'title = "The long source"', 'outlet = "The Daily"',
             'path = "sources/long.txt"', 'published = { date = "2025-01-05" }', "",
             "[[entities]]", 'id = "acme"', 'name = "Acme Motors"', 'kind = "company"', ""]
    for number in cited:
        parts += ["[[claims]]", f'id = "line-{number}"', 'kind = "statement"',
                  f'text = "What line {number} says."', 'about = ["acme"]',
                  'status = "reported"',
                  f'citations = [{{ source = "long", exact = "{cited_head(number)}" }}]', ""]
    path = folder / "facts.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
