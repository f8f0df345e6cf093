"""The one path every change to a user's fact file goes through (issue 14).

A change is made to the file's own text with tomlkit, which keeps its comments, order and
formatting; the new version is written beside the file, loaded and checked there as the
loader would check the file, and only then renamed over it (atomically, fsynced). A change
that brings problems the file did not have is refused with those problems, and nothing is
written; new files that come with it (a source text) are written first, never over an
existing one, and removed again when the change is refused or fails. The bytes the file had
are kept, so the change can be undone byte for byte (`undo`).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.domain.loading.problems import Problem
from tui.domain.present.safe_text import BIDI_CONTROLS
from tui.storage.atomic import write_bytes_atomically

Change = Callable[[str], str]
"""The fact file's new text from its text (the helpers below make it with tomlkit)."""


class EditRefused(Exception):
    """The change was not made; the file is as it was. `problems`: what the new version
    would have had (a line each, as `check` prints them)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Edited:
    path: Path
    before: bytes
    """The file's bytes before the change: what `undo` writes back."""
    after: bytes
    created: list[Path] = field(default_factory=list)
    """Files the change added (a source text)."""


def _problem_key(problem: Problem) -> str:
    """A problem without its numbers: the same problem on another line is no new one."""
    return re.sub(r"\d+", "#", problem.message)


def _problems(candidate: Path, shown_as: Path) -> list[Problem]:
    """The loader's problems with `candidate`, reported as if it were `shown_as`."""
    from tui.domain.loading.loader import load_facts

    return [Problem(str(shown_as) if p.file == str(candidate) else p.file, p.line, p.message)
            for p in load_facts(candidate).problems]


def edit(path: Path, change: Change, new_files: dict[Path, bytes] | None = None) -> Edited:
    """Apply `change` to the fact file at `path`, with `new_files` (relative to its folder)
    created alongside. Raises EditRefused, leaving every file as it was."""
    before = path.read_bytes()
    try:
        text = before.decode("utf-8")
    except UnicodeDecodeError as error:
        raise EditRefused(f"{path}: cannot be edited, it is not UTF-8 text") from error
    after = change(text).encode("utf-8")
    created = _create(path.parent, new_files or {})
    try:
        _replace_checked(path, before, after)
    except BaseException:
        for made in created:
            with contextlib.suppress(OSError):
                made.unlink()
        raise
    return Edited(path, before, after, created)


def _create(folder: Path, files: dict[Path, bytes]) -> list[Path]:
    created: list[Path] = []
    try:
        for relative, data in files.items():
            target = folder / relative
            if relative.is_absolute() or ".." in relative.parts or \
                    not target.parent.resolve().is_relative_to(folder.resolve()):
                raise EditRefused(f"{relative}: outside the fact file's folder")
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError as error:
                raise EditRefused(f"{target}: already exists; nothing was changed") from error
            created.append(target)
            with os.fdopen(descriptor, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
    except BaseException:
        for made in created:
            with contextlib.suppress(OSError):
                made.unlink()
        raise
    return created


def _replace_checked(path: Path, before: bytes, after: bytes) -> None:
    """Write `after` beside `path`, check it, and rename it over `path` when it brings no new
    problem and `path` still holds `before`."""

    def checked(candidate: Path) -> None:
        new = _problems(candidate, path)
        if new:
            old = {_problem_key(p) for p in _problems(path, path)}
            fresh = [p for p in new if _problem_key(p) not in old]
            if fresh:
                raise EditRefused(f"{path}: the change would make the file invalid; nothing "
                                  "was changed", [str(p) for p in fresh])
        if path.read_bytes() != before:
            raise EditRefused(f"{path}: changed on disk while the change was being made; "
                              "nothing was changed, try again")

    write_bytes_atomically(path, after, checked)


def undo(edited: Edited) -> None:
    """Put the file back byte for byte as it was before `edited`, and remove the files the
    change created; refused when the file has changed since."""
    if edited.path.read_bytes() != edited.after:
        raise EditRefused(f"{edited.path}: changed since; not undone")
    write_bytes_atomically(edited.path, edited.before)
    for made in edited.created:
        with contextlib.suppress(OSError):
            made.unlink()


def append_table(text: str, array: str, table: dict[str, Any],
                 sub_tables: Collection[str] = ()) -> str:
    """`text` with `table` added to its array of tables `array` (`[[array]]`), written by
    tomlkit: after the array's last table and its sub-tables, before the comments that open
    what follows, so the file reads as if written by hand. Nothing else changes."""
    import tomlkit

    from tui.domain.loading.toml_lines import LineIndex

    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
    document = tomlkit.document()
    tables = tomlkit.aot()
    tables.append(_as_written(table, sub_tables))
    document.add(array, tables)
    rendered = _hand_written(_visible(tomlkit.dumps(document))).replace("\n", newline)
    index = LineIndex(text)
    first = index.lines.get((array,))
    if first is not None and not text.splitlines()[first - 1].lstrip().startswith("[["):
        return _append_inline(text, array, table)  # `array = [ {…}, … ]`, a static array
    count = sum(1 for key in index.lines if len(key) == 2 and key[0] == array)
    if not count:
        return _with_blank_line(text, newline) + rendered
    last = index.lines[(array, count - 1)]
    later = [line for key, line in index.lines.items()
             if line > last and key[:2] != (array, count - 1)]
    lines = text.splitlines(keepends=True)
    if not later:
        return _with_blank_line(text, newline) + rendered
    at = min(later) - 1  # the next header, 0-based
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1  # its comments and the blank lines before them go with it
    head = "".join(lines[:at])
    return _with_blank_line(head, newline) + rendered + newline + "".join(lines[at:]).lstrip(
        "\r\n")


def _as_written(table: dict[str, Any], sub_tables: Collection[str] = ()) -> Any:
    """`table` as a fact file is written by hand (the bundled one): a table of plain values
    inline (`when = { date = "2025" }`), a table holding tables or named in `sub_tables` as
    a sub-table (`[claims.figure]`), a list of tables one inline table a line
    (`citations = [`)."""
    import tomlkit

    out = tomlkit.table()
    for key, value in table.items():
        if isinstance(value, dict):
            out.add(key, _as_written(value) if key in sub_tables or any(
                isinstance(v, dict) for v in value.values()) else _inline(value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            items = tomlkit.array()
            items.extend(_inline(v) for v in value)
            items.multiline(True)
            out.add(key, items)
        else:
            out.add(key, value)
    return out


def _inline(values: dict[str, Any]) -> Any:
    import tomlkit

    inline = tomlkit.inline_table()
    inline.update(values)
    return inline


_INVISIBLE_RE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def _hand_written(rendered: str) -> str:
    """tomlkit's `{a = 1}` and four-space array items as the bundled file writes them,
    `{ a = 1 }` and two: outside the strings (a brace in a quotation stays as it is)."""
    out: list[str] = []
    for line in rendered.split("\n"):
        if line.startswith("    {"):
            line = line[2:]
        out.append(_spaced_braces(line))
    return "\n".join(out)


def _spaced_braces(line: str) -> str:
    pieces: list[str] = []
    quote = ""
    escaped = False
    for char in line:
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = ""
            pieces.append(char)
        elif char in "\"'":
            quote = char
            pieces.append(char)
        elif char == "{":
            pieces.append("{ ")
        elif char == "}":
            pieces.append(" }" if pieces and pieces[-1] != "{ " else "}")
        else:
            pieces.append(char)
    return "".join(pieces).replace("{ }", "{}")


def _visible(rendered: str) -> str:
    """tomlkit escapes the C0 controls in a string; these too, as `\\uXXXX`, so an editor or
    a terminal showing the file shows them for what they are (they are only ever inside the
    basic strings tomlkit writes: keys and the rest are ours)."""
    return _INVISIBLE_RE.sub(lambda m: f"\\u{ord(m.group()):04X}", rendered)


def _append_inline(text: str, array: str, table: dict[str, Any]) -> str:
    import tomlkit

    document = tomlkit.parse(text)
    inline = tomlkit.inline_table()
    inline.update(table)
    document[array].append(inline)
    return tomlkit.dumps(document)


def _with_blank_line(text: str, newline: str) -> str:
    """`text` ending in one blank line (none when it is empty)."""
    if not text.strip():
        return text
    return text.rstrip("\r\n") + newline + newline
