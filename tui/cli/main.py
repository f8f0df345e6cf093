"""The `chery-tui` command line: the browser, `check`, `cite`, `anchor`, `add-source`,
`export`, `schema`, `serve`, `--version`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

from tui.cli import output as safe_output

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
EXIT_INTERRUPTED = 130
"""128 + SIGINT, as shells report a command ended by ctrl+c."""


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
    check.add_argument("--fix-anchors", action="store_true",
                       help="repair the citations a changed source text broke: list each "
                       "one (old and new passage), write only the unambiguous, close ones; "
                       "exit 0 nothing left broken, 1 some not repaired, 2 unusable file")
    check.add_argument("--dry-run", action="store_true",
                       help="with --fix-anchors: show the repairs, write nothing")
    cite = commands.add_parser(
        "cite",
        help="print the citation of a claim (or the reference of a source) to standard output",
        description="Print a claim's citations, or a source's reference, for pasting.",
    )
    cite.add_argument("id", help="a claim or source id")
    cite.add_argument("--facts", metavar="FILE", type=Path, help=facts_help,
                      default=argparse.SUPPRESS)
    cite.add_argument("--style", choices=("plain", "markdown", "quote", "apa", "chicago"),
                      default="plain",
                      help="citation style (default: plain); apa and chicago (author-date) "
                      "give each passage its in-text citation, then the reference list")
    anchor = commands.add_parser(
        "anchor",
        help="find a pasted passage in a source and print the citation to paste",
        description="Find a passage pasted from an article in a source's text, even when its "
        "quotes, dashes, spaces or line breaks differ or a character or two is off, and print "
        "the citation that picks it out (exact text, with prefix/suffix or occurrence when it "
        "occurs more than once). Exit 0 found, 1 nothing close enough (the closest are printed "
        "with their scores), 2 no such source or an unusable fact file.",
    )
    anchor.add_argument("source", metavar="SOURCE_ID", help="the source's id")
    anchor.add_argument("passage", metavar="PASSAGE", help="the passage, as pasted")
    anchor.add_argument("--facts", metavar="FILE", type=Path, help=facts_help,
                        default=argparse.SUPPRESS)
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the fact-file format (for editors' TOML servers)",
        description="Print the JSON Schema of the fact-file format, made from its models with "
        "each field's documentation. docs/fact-file.md says how editors use it.")
    from tui.cli.serve_command import PROXY_HELP
    from tui.cli.serve_command import add_arguments as add_serve_arguments

    add_serve_arguments(commands.add_parser(
        "serve",
        help="open the browser in web browser tabs (textual-serve), on this machine only by "
        "default",
        description="Serve chery-tui to web browsers with textual-serve: each tab runs its "
        "own app, with the same keys and screens. Listens on 127.0.0.1 unless told otherwise.",
        epilog=PROXY_HELP, formatter_class=argparse.RawDescriptionHelpFormatter), facts_help)
    from tui.cli.add_source_command import add_arguments
    from tui.cli.export_command import add_arguments as add_export_arguments

    add_export_arguments(commands.add_parser(
        "export",
        help="write the fact file (or some claims) as Markdown, CSV, CSL-JSON, BibTeX, Web "
        "Annotations or SQLite",
        description="Write the fact file, or the claims chosen, in a format other tools read. "
        "The file is replaced atomically: an interrupted export leaves the old one. Exit 0 "
        "written, 1 the fact file has problems (nothing written), 2 an unknown format or id, "
        "or an output that cannot be written."), facts_help)

    add_arguments(commands.add_parser(
        "add-source",
        help="add a saved article (text or HTML) to the fact file as a source",
        description="Add a saved article to the fact file: a text file is copied as it is, "
        "an HTML page made into its article text (its title, author, date and outlet are "
        "proposed from the page, to confirm or override). The text goes beside the other "
        "source texts and a [[sources]] entry is added; the file keeps its comments and "
        "formatting, is checked before it is replaced, and nothing existing is overwritten. "
        "Exit 0 added, 1 not confirmed, 2 a clash, an unusable file or an invalid change."),
        facts_help)
    return parser


def run_cite(path: Path, ident: str, style: str, outcome: Outcome) -> int:
    from tui.domain.loading.loader import load_facts
    from tui.domain.present.citations import claim_citations, source_reference, style_named
    from tui.gc_policy import bulk_step

    out, err = safe_output.stdout(), safe_output.stderr()
    with bulk_step():
        result = load_facts(path)
    if result.problems or result.facts is None:
        outcome.status = EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS
        if err is not None:
            for problem in result.problems:
                err.write(f"{problem}\n")
        return outcome.status
    facts = result.facts
    outcome.status = EXIT_OK
    if ident in facts.claims:
        out.write(claim_citations(facts, facts.claims[ident], style_named(style) or "plain")
                  + "\n")
        return EXIT_OK
    if ident in facts.sources:
        out.write(source_reference(facts, ident, style_named(style) or "plain") + "\n")
        return EXIT_OK
    kind = "an entity" if ident in facts.entities else "no claim or source"
    outcome.status = EXIT_UNUSABLE
    if err is not None:
        import difflib

        near = difflib.get_close_matches(ident, [*facts.claims, *facts.sources], n=3,
                                         cutoff=0.6)
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        err.write(f"chery-tui cite: {ident!r} is {kind}; give a claim or source id{hint}\n")
    return EXIT_UNUSABLE


class Outcome:
    """The exit status a command has settled on, known before its output is written: when
    the reader of a pipe goes away (`check | head`), the status still says what was found."""

    status: int | None = None


def _facts_path(args: argparse.Namespace) -> Path:
    if args.facts is not None:
        return Path(args.facts)
    from tui.bundled import bundled_facts_path

    return bundled_facts_path()


def run_check(path: Path, output_format: str, outcome: Outcome, use_cache: bool = True
              ) -> int:
    from tui.storage import check_cache

    out = safe_output.stdout(output_format)
    use_cache = use_cache and check_cache.enabled() and path.is_file()
    if use_cache:
        hit = check_cache.lookup(path, output_format)
        if hit is not None:
            outcome.status, output = hit
            out.write(output)
            return outcome.status
    with check_cache.Recording(path, output_format, enabled=use_cache) as recording:
        status, sources = _check(path, output_format, _Tee(out, recording), outcome)
        if status != EXIT_UNUSABLE:
            recording.finish(status, sources)
    return status


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


class _Tee:
    """Writes to the terminal and to the cache's recording at once."""

    def __init__(self, *targets: Any) -> None:
        self.targets = targets

    def write(self, text: str) -> int:
        for target in self.targets:
            target.write(text)
        return len(text)


def _check(path: Path, output_format: str, out: Writer, outcome: Outcome | None = None
           ) -> tuple[int, list[Path]]:
    """Check and write the result to `out`; the exit status and the source texts it depends on.

    The output is written in pieces, never held whole: a large file has tens of thousands of
    findings.
    """
    from tui.domain.crossref.cross_index import CrossIndex
    from tui.domain.loading.loader import load_facts
    from tui.gc_policy import bulk_step

    with bulk_step():
        result = load_facts(path)
    sources = [path.parent / s.path for s in result.facts.sources.values()] \
        if result.facts is not None else []
    counts = result.facts.counts() if result.facts is not None else None
    status = EXIT_UNUSABLE if result.unreadable else EXIT_PROBLEMS if result.problems else EXIT_OK
    if outcome is not None:
        outcome.status = status
    # Findings never change the exit status: they are about the sources, not the file.
    index = CrossIndex(result.facts, dates=False) if result.facts is not None else None
    if output_format == "json":
        payload: dict[str, object] = {
            "file": str(path),
            "ok": result.ok,
            "problems": [p.to_json() for p in result.problems],
            "counts": None,
        }
        if counts is not None:
            payload["counts"] = {f: getattr(counts, f) for f in counts.__slots__}
        from tui.cli.report import health_json, write_json

        after = {"health": health_json(index.health())} if index is not None else {}
        write_json(payload, index.findings if index is not None else None, after, out)
        out.write("\n")
        return status, sources
    for problem in result.problems:
        out.write(f"{problem}\n")
    if index is not None:
        from tui.cli.report import findings_lines, health_text

        for line in findings_lines(index.findings):
            out.write(line + "\n")
        out.write(health_text(index.health()) + "\n")
    noun = "problem" if len(result.problems) == 1 else "problems"
    found = f"{len(result.problems)} {noun}" if result.problems else "no problems"
    summary = counts.summary() if counts is not None else "nothing loaded"
    out.write(f"{path}: {found}; {summary}\n")
    return status, sources


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # ctrl+c while Python starts, before the app takes the keys
        _say("chery-tui: interrupted")
        return EXIT_INTERRUPTED


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        if args.dry_run and not args.fix_anchors:
            parser.error("--dry-run goes with check --fix-anchors")
        if args.fix_anchors and args.format != "text":
            parser.error("check --fix-anchors prints text only (no --format json)")
    return args


def _main(argv: Sequence[str] | None) -> int:
    args = _arguments(argv)
    path = _facts_path(args)
    if args.command is None:
        from tui.app import run_app

        return run_app(path, use_cache=not args.no_cache, use_state=not args.no_state)
    outcome = Outcome()
    _end_on_signals()
    try:
        _run_command(args, path, outcome)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, where a failure can still be told and counted
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly, as Unix tools do, with the status
        # of what was found
        _silence_stdout()
        return EXIT_PROBLEMS if outcome.status is None else outcome.status
    except KeyboardInterrupt:
        _say("chery-tui: interrupted")
        _silence_stdout()
        return EXIT_INTERRUPTED
    except OSError as exc:  # a full disk, a closed standard output
        _say(f"chery-tui: cannot write the output: {exc.strerror or exc}")
        _silence_stdout()
        return EXIT_UNUSABLE
    assert outcome.status is not None
    return outcome.status


def _run_command(args: argparse.Namespace, path: Path, outcome: Outcome) -> None:
    """Run the command named in `args`; its exit status goes in `outcome`."""
    if args.command == "check" and args.fix_anchors:
        from tui.cli.fix_anchors_command import run_fix_anchors

        outcome.status = run_fix_anchors(path, dry_run=args.dry_run)
    elif args.command == "check":
        run_check(path, args.format, outcome, use_cache=not args.no_cache)
    elif args.command == "add-source":
        from tui.cli.add_source_command import run_add_source

        outcome.status = run_add_source(path, args)
    elif args.command == "serve":
        from tui.cli.serve_command import run_serve

        outcome.status = run_serve(path, args)
    elif args.command == "schema":
        from tui.domain.facts.schema import schema_text

        safe_output.stdout("json").write(schema_text())
        outcome.status = EXIT_OK
    elif args.command == "export":
        from tui.cli.export_command import run_export

        outcome.status = run_export(path, args)
    elif args.command == "anchor":
        from tui.cli.anchor_command import run_anchor

        outcome.status = run_anchor(path, args.source, args.passage)
    else:
        run_cite(path, args.id, args.style, outcome)


def _end_on_signals() -> None:
    """SIGTERM and SIGHUP end a command as an exception would, so that what it leaves behind
    (a cache entry being recorded) is cleaned up; by default they end it on the spot."""
    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def _say(message: str) -> None:
    err = safe_output.stderr()
    if err is not None:
        try:
            err.write(message + "\n")
            err.flush()
        except OSError:
            pass


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush of what is still
    buffered cannot fail again (and print a traceback) on the way out."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
