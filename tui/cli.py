"""The `chery-tui` command line: the browser, `check` and `--version`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TextIO

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def _version() -> str:
    try:
        return version("chery-tui")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chery-tui",
        description="Browse a cited fact base about Chery's expansion in the terminal.",
        epilog="With no command, opens the browser. Exit status of 'check': 0 clean, "
        "1 problems found, 2 unusable invocation or unreadable file.",
    )
    parser.add_argument("--version", action="version", version=f"chery-tui {_version()}")
    facts_help = "the fact file to use (default: the bundled Chery fact file)"
    parser.add_argument("--facts", metavar="FILE", type=Path, help=facts_help)
    parser.add_argument("--no-cache", action="store_true",
                        help="neither use nor write the caches (the snapshot of a large fact "
                        "file, the result of a check)")
    parser.add_argument("--no-state", action="store_true",
                        help="neither restore nor save the basket, history and position")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="load a fact file, print every problem as FILE:LINE: message, then counts",
        description="Load and cross-check a fact file. Prints every problem as "
        "FILE:LINE: message, then a summary line with counts. Exit 0 clean, 1 problems found, "
        "2 unusable invocation or unreadable file.",
    )
    check.add_argument("--facts", metavar="FILE", type=Path, help=facts_help,
                       default=argparse.SUPPRESS)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="output format (default: text)")
    check.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS,
                       help="check from scratch, ignoring (and not writing) the result cache")
    cite = commands.add_parser(
        "cite",
        help="print the citation of a claim (or the reference of a source) to standard output",
        description="Print a claim's citations, or a source's reference, for pasting.",
    )
    cite.add_argument("id", help="a claim or source id")
    cite.add_argument("--facts", metavar="FILE", type=Path, help=facts_help,
                      default=argparse.SUPPRESS)
    cite.add_argument("--style", choices=("plain", "markdown", "quote"), default="plain",
                      help="citation style (default: plain)")
    return parser


def run_cite(path: Path, ident: str, style: str) -> int:
    from tui.domain.citations import claim_citations, source_reference
    from tui.domain.loader import load_facts

    result = load_facts(path)
    if result.problems or result.facts is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        return EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
    facts = result.facts
    if ident in facts.claims:
        print(claim_citations(facts, facts.claims[ident], style))  # type: ignore[arg-type]
        return EXIT_OK
    if ident in facts.sources:
        print(source_reference(facts, ident))
        return EXIT_OK
    kind = "an entity" if ident in facts.entities else "no claim or source"
    print(f"chery-tui cite: {ident!r} is {kind}; give a claim or source id", file=sys.stderr)
    return EXIT_UNUSABLE


def _facts_path(args: argparse.Namespace) -> Path:
    if args.facts is not None:
        return Path(args.facts)
    from tui.bundled import bundled_facts_path

    return bundled_facts_path()


def run_check(path: Path, output_format: str, use_cache: bool = True) -> int:
    from tui import check_cache

    use_cache = use_cache and check_cache.enabled() and path.is_file()
    if use_cache:
        hit = check_cache.lookup(path, output_format)
        if hit is not None:
            status, output = hit
            sys.stdout.write(output)
            return status
    recording = check_cache.Recording(path, output_format) if use_cache else None
    out = _Tee(sys.stdout, recording) if recording is not None else sys.stdout
    status, sources = _check(path, output_format, out)
    if recording is not None and status != EXIT_UNUSABLE:
        recording.finish(status, sources)
    return status


class _Tee:
    """Writes to the terminal and to the cache's recording at once."""

    def __init__(self, *targets: TextIO | Any) -> None:
        self.targets = targets

    def write(self, text: str) -> int:
        for target in self.targets:
            target.write(text)
        return len(text)


def _check(path: Path, output_format: str, out: TextIO | _Tee) -> tuple[int, list[Path]]:
    """Check and write the result to `out`; the exit status and the source texts it depends on.

    The output is written in pieces, never held whole: at 100,000 claims it reports tens of
    thousands of findings.
    """
    from tui.domain.loader import load_facts
    from tui.domain.xref import CrossIndex

    result = load_facts(path)
    sources = [path.parent / s.path for s in result.facts.sources.values()] \
        if result.facts is not None else []
    counts = result.facts.counts() if result.facts is not None else None
    status = EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS if result.problems else EXIT_OK
    # Findings never change the exit status: they are about the sources, not the file.
    index = CrossIndex(result.facts) if result.facts is not None else None
    if output_format == "json":
        payload: dict[str, object] = {
            "file": str(path),
            "ok": result.ok,
            "problems": [p.to_json() for p in result.problems],
            "counts": None,
        }
        if counts is not None:
            payload["counts"] = {f: getattr(counts, f) for f in counts.__slots__}
        from tui.report import health_json, write_json

        after = {"health": health_json(index.health())} if index is not None else {}
        write_json(payload, index.findings if index is not None else None, after, out)
        out.write("\n")
        return status, sources
    for problem in result.problems:
        out.write(f"{problem}\n")
    if index is not None:
        from tui.report import findings_lines, health_text

        for line in findings_lines(index.findings):
            out.write(line + "\n")
        out.write(health_text(index.health()) + "\n")
    noun = "problem" if len(result.problems) == 1 else "problems"
    found = f"{len(result.problems)} {noun}" if result.problems else "no problems"
    summary = counts.summary() if counts is not None else "nothing loaded"
    out.write(f"{path}: {found}; {summary}\n")
    return status, sources


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = _facts_path(args)
    try:
        if args.command == "check":
            return run_check(path, args.format, use_cache=not args.no_cache)
        if args.command == "cite":
            return run_cite(path, args.id, args.style)
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    from tui.app import run_app

    return run_app(path, use_cache=not args.no_cache, use_state=not args.no_state)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
