"""`chery-tui check --fix-anchors [--dry-run]`: repair the citations a changed source text
broke (`tui.domain.capture.repair`), listing every one.

For each broken citation: `FILE:LINE: claim 'ID': citation N: ` and what became of it, then
the old and the new passage (side by side on a wide terminal, one above the other on a
narrow one) with what changed marked `[-old-]` and `{+new+}`, or the closest passages with
their scores when it was not repaired; then a summary. Only the unambiguous, close repairs
are written, all in one checked change (`--dry-run`: none). Exit 0 nothing is left broken,
1 some citations are not repaired (or the change was refused), 2 the file is unusable.
"""

from __future__ import annotations

import shutil
import textwrap
from itertools import zip_longest
from pathlib import Path

from rich.cells import cell_len

from tui.cli import output as safe_output
from tui.domain.capture.repair import Piece, Repair, Repairs, changes, context_changes
from tui.domain.present.safe_text import one_line

EXIT_OK, EXIT_LEFT, EXIT_UNUSABLE = 0, 1, 2

SIDE_BY_SIDE = 100
"""The least terminal width at which old and new are shown side by side."""
_GAP = " | "
_LONGEST = 100
"""Characters of a closest passage shown."""


def run_fix_anchors(path: Path, dry_run: bool = False, width: int | None = None) -> int:
    from tui.domain.capture.repair import find_repairs
    from tui.gc_policy import bulk_step

    out, err = safe_output.stdout(), safe_output.stderr()
    with bulk_step():
        found = find_repairs(path)
    if found.unusable:
        if err is not None:
            for problem in found.problems:
                err.write(f"{problem}\n")
            err.write(f"chery-tui check --fix-anchors: {path} cannot be read as a fact file; "
                      "nothing was changed\n")
        return EXIT_UNUSABLE
    written, refusal = _apply(found, dry_run)
    if refusal is not None and err is not None:
        err.write(f"chery-tui check --fix-anchors: {refusal[0]}\n")
        for line in refusal[1]:
            err.write(f"  {line}\n")
    width = width or shutil.get_terminal_size().columns
    for repair in found.repairs:
        for line in repair_lines(found, repair, _status(repair, written, dry_run), width):
            out.write(line + "\n")
    out.write(summary(found, written, dry_run) + "\n")
    if found.left or (found.repairable and not written and not dry_run):
        return EXIT_LEFT
    return EXIT_OK


def _apply(found: Repairs, dry_run: bool) -> tuple[bool, tuple[str, list[str]] | None]:
    """(written, the refusal's message and problems) of writing the repairs."""
    from tui.domain.capture.repair import apply_repairs
    from tui.storage.fact_edit import EditRefused

    if dry_run or not found.repairable:
        return False, None
    try:
        apply_repairs(found)
    except EditRefused as refused:
        return False, (str(refused), refused.problems)
    except OSError as error:
        return False, (f"{found.path}: cannot be written ({error.strerror or error}); "
                       "nothing was changed", [])
    return True, None


def _status(repair: Repair, written: bool, dry_run: bool) -> str:
    if repair.new is None:
        return f"not repaired: {repair.reason}"
    score = f"score {repair.score:g}"
    if written:
        return f"repaired ({score})"
    if dry_run:
        return f"would be repaired ({score}; dry run, not written)"
    return f"not repaired: the change was refused ({score})"


def repair_lines(found: Repairs, repair: Repair, status: str, width: int) -> list[str]:
    """The lines that show one broken citation (unterminated; the writer makes them safe)."""
    lines = [f"{found.path}:{repair.line}: {repair.subject}: {repair.what}: {status}"]
    if repair.new is None:
        lines.append(f"  old: {_clipped(repair.old.exact)}")
        if repair.nearby:
            lines.append("  closest:")
        lines.extend(f"    {near.score:5.1f}  line {near.line}: {_clipped(near.exact)}"
                     for near in repair.nearby)
        return lines
    old, new = changes(repair.old.exact, repair.new.exact)
    lines.extend(_old_and_new(_marked(old, "[-", "-]"), _marked(new, "{+", "+}"), width))
    also = context_changes(repair.old, repair.new)
    if also:
        lines.append(f"  and: {'; '.join(also)}")
    return lines


def _old_and_new(old: str, new: str, width: int) -> list[str]:
    if width < SIDE_BY_SIDE:
        return [f"  old: {old}", f"  new: {new}"]
    column = (width - len(_GAP) - 2) // 2
    left = textwrap.wrap(f"old: {old}", column, drop_whitespace=False) or [""]
    right = textwrap.wrap(f"new: {new}", column, drop_whitespace=False) or [""]
    return [f"  {a}{' ' * max(0, column - cell_len(a))}{_GAP}{b}".rstrip()
            for a, b in zip_longest(left, right, fillvalue="")]


def _marked(pieces: list[Piece], opening: str, closing: str) -> str:
    return "".join(f"{opening}{p.text}{closing}" if p.changed else p.text for p in pieces)


def _clipped(text: str) -> str:
    shown = one_line(text)
    return shown if len(shown) <= _LONGEST else shown[:_LONGEST - 1] + "…"


def summary(found: Repairs, written: bool, dry_run: bool) -> str:
    if not found.repairs:
        return f"{found.path}: no broken citations{_others(found)}"
    broken = len(found.repairs)
    noun = "citation" if broken == 1 else "citations"
    fixable, left = len(found.repairable), len(found.left)
    if not fixable:
        done = "none can be repaired"
    elif written:
        done = f"{fixable} repaired" + (f", {left} not repaired" if left else "")
    else:
        how = "can be repaired (dry run: nothing written)" if dry_run else \
            "could be repaired but the change was refused"
        done = f"{fixable} {how}" + (f", {left} cannot" if left else "")
    return f"{found.path}: {broken} broken {noun}: {done}{_others(found)}"


def _others(found: Repairs) -> str:
    """The file's other problems, which this does not touch (told, not listed)."""
    lines = {r.line for r in found.repairs}
    others = [p for p in found.problems if p.file != str(found.path) or p.line not in lines]
    if not others:
        return ""
    noun = "problem" if len(others) == 1 else "problems"
    return f"; {len(others)} other {noun} (chery-tui check lists them)"
