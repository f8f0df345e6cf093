"""`chery-tui export --format FORMAT [--out PATH] [--claims ID,...|--basket|--table ID]`: the
fact file, or a part of it, in a format other tools read (`tui.domain.export`).

Exit 0 written, 1 the fact file has problems (they are printed, nothing is written: an export
spreads what it holds), 2 an unusable invocation: an unknown format or id, an output that
cannot be written, a binary format with no `--out`.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Callable, Container
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli import output as safe_output
from tui.domain.export import BINARY, FORMAT_NAMES, FORMATS, Format, format_named

if TYPE_CHECKING:
    from tui.domain.export.scope import Extract
    from tui.domain.facts.factbase import FactBase
    from tui.domain.present.citations import Style

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
_NEEDS_FINDINGS = frozenset({"markdown", "csv", "sqlite"})


def add_arguments(parser: argparse.ArgumentParser, facts_help: str) -> None:
    parser.add_argument("--format", required=True, metavar="FORMAT",
                        help="one of: " + "; ".join(f"{f}: {FORMAT_NAMES[f]}" for f in FORMATS)
                        + "; svg: the chart of one series (with --series)")
    parser.add_argument("--series", metavar="MEASURE",
                        help="with --format svg: the series to draw: a figure claim's id, or "
                        "a measure as the series view names it (\"exports: Chery Group\", or "
                        "\"exports\" when only one series measures it)")
    parser.add_argument("--facts", metavar="FILE", type=Path, help=facts_help,
                        default=argparse.SUPPRESS)
    parser.add_argument("--out", metavar="PATH", type=Path,
                        help="the file to write (csv: a folder, or a file ending .zip); "
                        "replaced atomically. Without it, a text format goes to standard "
                        "output")
    parser.add_argument("--style", choices=("markdown", "apa", "chicago"), default=None,
                        help="with --format markdown: cite with footnotes (markdown, the "
                        "default), or APA or Chicago in-text citations and a reference list")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--claims", metavar="ID,...",
                        help="only these claims (comma-separated), with what they cite and "
                        "concern")
    chosen.add_argument("--basket", action="store_true",
                        help="only the claims in the basket the browser saved for this file")
    chosen.add_argument("--table", metavar="ID", action="append",
                        help="only this table and its claims (may be given more than once)")


def _error(message: str) -> int:
    err = safe_output.stderr()
    if err is not None:
        err.write(f"chery-tui export: {message}\n")
    return EXIT_UNUSABLE


def run_export(path: Path, args: argparse.Namespace) -> int:
    if args.format == "svg" or args.series is not None:
        return _export_series(path, args)
    fmt = format_named(args.format)
    if fmt is None:
        near = difflib.get_close_matches(args.format, FORMATS, n=1, cutoff=0.5)
        hint = f" (did you mean {near[0]}?)" if near else ""
        return _error(f"unknown format {args.format!r}{hint}; give one of "
                      f"{', '.join(FORMATS)}")
    if args.style is not None and fmt != "markdown":
        return _error(f"--style is for --format markdown, not {fmt}")
    if args.out is None and fmt in BINARY:
        return _error(f"{fmt} is written to a file: give --out PATH")
    return _export(path, fmt, args)


def _loaded(path: Path) -> FactBase | int:
    """The fact file, or the exit status after its problems are printed: an export spreads
    what it holds, so a file with problems is not exported."""
    from tui.domain.loading.loader import load_facts
    from tui.gc_policy import bulk_step

    with bulk_step():
        result = load_facts(path)
    if result.problems or result.facts is None:
        err = safe_output.stderr()
        if err is not None:
            for problem in result.problems:
                err.write(f"{problem}\n")
            err.write("chery-tui export: the fact file has problems; nothing was written\n")
        return EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
    return result.facts


def _export(path: Path, fmt: Format, args: argparse.Namespace) -> int:
    from tui.domain.export.scope import UnknownIds, extract

    facts = _loaded(path)
    if isinstance(facts, int):
        return facts
    claim_ids = _claim_ids(args, path, facts.claims)
    if isinstance(claim_ids, int):
        return claim_ids
    findings = []
    if fmt in _NEEDS_FINDINGS:
        from tui.domain.crossref.consistency import find_all

        findings = find_all(facts)
    try:
        chosen = extract(facts, claim_ids, args.table, findings)
    except UnknownIds as exc:
        pool = list(facts.tables if str(exc).startswith("no such table") else facts.claims)
        near = [m for u in exc.unknown[:3]
                for m in difflib.get_close_matches(u, pool, n=1, cutoff=0.6)]
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        return _error(f"{exc}{hint}")
    return _write(chosen, fmt, args.out, args.style or "markdown")


def _export_series(path: Path, args: argparse.Namespace) -> int:
    if args.format != "svg":
        return _error("--series goes with --format svg")
    if args.series is None:
        return _error("--format svg draws one series: give --series MEASURE")
    from tui.domain.crossref.consistency import find_all
    from tui.domain.crossref.series import build, label_of, series_keys
    from tui.domain.export.series_svg import render
    from tui.domain.export.writing import write_file
    from tui.domain.present.safe_text import one_line

    facts = _loaded(path)
    if isinstance(facts, int):
        return facts
    keys = series_keys(facts)
    key = _series_named(args.series, {k: label_of(facts, ids) for k, ids in keys.items()},
                        keys)
    if isinstance(key, str):
        return _error(key)
    series = build(facts, key, [facts.claims[c] for c in keys[key]], find_all(facts))
    data = render(facts, series)
    if args.out is None:
        safe_output.stdout().write(data.decode("utf-8"))
        return EXIT_OK
    written = _saved(args.out, lambda: write_file(args.out, data))
    if isinstance(written, int):
        return written
    err = safe_output.stderr()
    if err is not None:
        err.write(f"chery-tui export: svg of the series {one_line(series.label)!r} "
                  f"({_count(len(series.stated), 'figure')}) written to {args.out}\n")
    return EXIT_OK


def _series_named(name: str, labels: dict[Any, str], keys: dict[Any, list[str]]
                  ) -> Any:
    """The key of the series `name` names (its label as the view shows it, the id of one of
    its figures, a measure or a part of a label only one series has), or what is wrong."""
    from tui.domain.present.safe_text import one_line

    wanted = name.strip().lower()
    matches = [k for k, ids in keys.items() if wanted in ids or labels[k].lower() == wanted]
    for looser in (lambda k: k[0] == wanted, lambda k: wanted in labels[k].lower()):
        if not matches:
            matches = [k for k in keys if looser(k)]
    if len(matches) == 1:
        return matches[0]
    listed = sorted(labels[k] for k in (matches or keys))
    near = difflib.get_close_matches(wanted, [x.lower() for x in listed], n=3, cutoff=0.4)
    which = "several series match it" if matches else "no such series"
    if near and not matches:
        return f"{which}: {name!r} (did you mean {'; '.join(near)}?)"
    shown = listed if matches else listed[:12]  # nothing close: what there is to choose from
    return (f"{which}: {name!r}; " + ("they are: " if matches else "the series: ") +
            "; ".join(one_line(x) for x in shown) + ("; …" if len(shown) < len(listed) else ""))


def _claim_ids(args: argparse.Namespace, path: Path, known: Container[str]
               ) -> list[str] | int | None:
    if args.claims is not None:
        ids = [c.strip() for c in args.claims.split(",") if c.strip()]
        return ids if ids else _error("--claims names no claim")
    if args.basket:
        return _basket(path, known)
    return None


def _basket(path: Path, known: Container[str]) -> list[str] | int:
    from tui.storage import state_file

    state = state_file.peek(path)
    if isinstance(state, str):
        return _error(state)
    basket = [c for c in state.basket if c in known]
    gone = [c for c in state.basket if c not in known]
    if gone:  # claims the file no longer holds: the browser drops them too
        err = safe_output.stderr()
        if err is not None:
            err.write(f"chery-tui export: the basket names claims the file no longer holds, "
                      f"left out: {', '.join(gone)}\n")
    return basket if basket else _error(
        "the basket saved for this fact file is empty (space in the browser marks a claim)")


def _write(chosen: Extract, fmt: Format, out: Path | None, style: Style) -> int:
    from tui.domain.export.writing import text_chunks, write_export

    if out is None:
        stdout = safe_output.stdout()
        for chunk in text_chunks(chosen, fmt, style):  # a chunk ends between characters
            stdout.write(chunk.decode("utf-8"))
        return EXIT_OK
    written = _saved(out, lambda: write_export(chosen, fmt, out, style))
    if isinstance(written, int):
        return written
    err = safe_output.stderr()
    if err is not None:
        where = str(out) if len(written) == 1 else f"{out} ({len(written)} files)"
        err.write(f"chery-tui export: {fmt} of {_count(len(chosen.claims), 'claim')} and "
                  f"{_count(len(chosen.sources), 'source')} written to {where}\n")
    return EXIT_OK


def _saved(out: Path, save: Callable[[], list[Path]]) -> list[Path] | int:
    """What `save` wrote, or exit 2 with why it could not (the old file untouched)."""
    from tui.domain.export.writing import ExportError

    try:
        return save()
    except ExportError as exc:
        return _error(f"cannot write there: {exc}")
    except OSError as exc:
        failed = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(out) else ""
        return _error(f"cannot write {out}{failed}: {exc.strerror or exc}")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
