"""`chery-tui add-source FILE`: a saved article added to a fact file as a source (issue 14).

The text goes beside the fact file's other source texts and a `[[sources]]` entry is added,
through the one checked, atomic path every change to a fact file takes
(`tui.storage.fact_edit`). An HTML page's title, author, date and outlet are proposed from the
page and shown; the user confirms them (or `--yes`), or overrides any with its option.
Existing files and ids are never overwritten. Exit 0 added, 1 not confirmed, 2 a clash, an
unusable file or a change the fact file would not load with."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from tui.cli import output as safe_output

EXIT_OK, EXIT_DECLINED, EXIT_UNUSABLE = 0, 1, 2

_FIELDS = ("title", "outlet", "published", "author", "url")


def add_arguments(parser: argparse.ArgumentParser, facts_help: str) -> None:
    parser.add_argument("file", metavar="FILE", type=Path,
                        help="the saved article: a UTF-8 text file, or an HTML page")
    parser.add_argument("--facts", metavar="FILE", type=Path, help=facts_help,
                        default=argparse.SUPPRESS)
    parser.add_argument("--id", help="the source's id (default: from the outlet and date)")
    parser.add_argument("--title", help="the article's title")
    parser.add_argument("--outlet", help="the publisher, as it presents itself")
    parser.add_argument("--published", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--url", help="where the article was published")
    parser.add_argument("--author", help="the article's author")
    parser.add_argument("--yes", action="store_true",
                        help="use what is proposed from the page without asking")


def run_add_source(path: Path, args: argparse.Namespace) -> int:
    from tui.domain.capture.article import NotAnArticle, read_article
    from tui.domain.loading.limits import Limits
    from tui.storage.fact_edit import EditRefused

    out, err = safe_output.stdout(), safe_output.stderr()
    saved = Path(args.file)
    limit = Limits.from_environment().source_bytes
    try:
        if not saved.is_file():
            raise NotAnArticle(f"{saved}: not a regular file")
        if saved.stat().st_size > limit:
            raise NotAnArticle(f"{saved}: larger than a source may be ({limit:,} bytes)")
        article = read_article(saved.read_bytes(), str(saved))
        facts_doc = _read_facts(path)
    except (OSError, NotAnArticle) as error:
        return _fail(err, str(error))
    chosen, proposed = _fields(args, article)
    missing = [name for name in ("title", "outlet", "published") if not chosen.get(name)]
    if missing:
        return _fail(err, f"{saved}: no {', '.join(missing)} given"
                     + (" or found in the page" if article.from_html else "")
                     + "; give " + " ".join(f"--{m} …" for m in missing))
    same = _same_text(path, facts_doc, article.text)
    if same is not None:
        return _fail(err, f"{saved}: the same text as the source {same!r} has already; nothing "
                     "added")
    taken = _ids(facts_doc)
    ident = _ident(args.id, chosen, saved, taken)
    if ident is None:
        return _fail(err, f"{path}: a source, entity or claim {args.id!r} exists already; "
                     "give another --id")
    relative = _text_path(facts_doc, ident)
    out.write(_summary(ident, relative, chosen, proposed))
    if proposed and not args.yes and not _confirmed():
        out.write("Nothing added.\n")
        return EXIT_DECLINED
    try:
        _add(path, ident, relative, chosen, article.text)
    except EditRefused as refused:
        return _fail(err, str(refused), refused.problems)
    except OSError as error:
        return _fail(err, f"{path}: cannot be written: {error.strerror or error}")
    out.write(f"Added source {ident} ({relative}) to {path}.\n"
              f"Cite its passages: chery-tui anchor {ident} \"PASTED PASSAGE\"\n")
    return EXIT_OK


def _fail(err: Any, message: str, problems: list[str] | None = None) -> int:
    if err is not None:
        err.write(f"chery-tui add-source: {message}\n")
        for problem in problems or []:
            err.write(f"  {problem}\n")
    return EXIT_UNUSABLE


def _read_facts(path: Path) -> Any:
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        return tomlkit.parse(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, TOMLKitError) as error:
        raise OSError(f"{path}: does not parse as TOML ({error}); 'chery-tui check' "
                      "says where") from None


def _fields(args: argparse.Namespace, article: Any) -> tuple[dict[str, str], set[str]]:
    """What the entry will hold, and which of it only the page proposed."""
    chosen: dict[str, str] = {}
    proposed: set[str] = set()
    for name in _FIELDS:
        given = getattr(args, name)
        if given:
            chosen[name] = given
        elif getattr(article, name, None):
            chosen[name] = getattr(article, name)
            proposed.add(name)
    return chosen, proposed


def _same_text(path: Path, document: Any, text: str) -> str | None:
    """The source whose text is this one (the same article added again; found by a tester:
    it was added under an id with -2), if any. Only the fact file's folder is read."""
    folder = path.parent.resolve()
    wanted = text.encode("utf-8")
    for item in document.get("sources", []) or []:
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            continue
        candidate = (folder / item["path"]).resolve()
        if not candidate.is_relative_to(folder) or not candidate.is_file():
            continue
        try:
            if candidate.stat().st_size == len(wanted) and candidate.read_bytes() == wanted:
                return str(item.get("id", item["path"]))
        except OSError:
            continue
    return None


def _ids(document: Any) -> set[str]:
    taken: set[str] = set()
    for table in ("sources", "entities", "claims"):
        for item in document.get(table, []) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                taken.add(item["id"])
    return taken


def _ident(given: str | None, chosen: dict[str, str], saved: Path, taken: set[str]
           ) -> str | None:
    from tui.domain.capture.article import source_id

    if given:
        return None if given in taken else given
    outlet_date = f"{chosen.get('outlet', '')} {chosen.get('published', '')}".strip()
    return source_id(outlet_date, saved.stem, taken=taken)


def _text_path(document: Any, ident: str) -> str:
    """Beside the other source texts: the folder the first source's text is in, else
    `sources/`."""
    for item in document.get("sources", []) or []:
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            folder = PurePosixPath(item["path"]).parent
            if not folder.is_absolute() and ".." not in folder.parts:
                return str(folder / f"{ident}.txt")
    return f"sources/{ident}.txt"


def _summary(ident: str, relative: str, chosen: dict[str, str], proposed: set[str]) -> str:
    lines = [f"New source {ident}, its text in {relative}:"]
    for name in ("title", "outlet", "published", "author", "url"):
        if name in chosen:
            mark = "  (from the page; --" + name + " to change)" if name in proposed else ""
            lines.append(f"  {name:9} {chosen[name]}{mark}")
    return "\n".join(lines) + "\n"


def _confirmed() -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        out = safe_output.stderr()
        if out is not None:
            out.write("chery-tui add-source: what the page proposes needs a yes: run it in a "
                      "terminal, or give --yes\n")
        return False
    try:
        answer = input("Add this source? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


def _add(path: Path, ident: str, relative: str, chosen: dict[str, str], text: str) -> None:
    import tomlkit

    from tui.storage.fact_edit import append_table, edit

    entry: dict[str, Any] = {"id": ident, "title": chosen["title"], "outlet": chosen["outlet"]}
    entry.update({name: chosen[name] for name in ("author", "url") if name in chosen})
    published = tomlkit.inline_table()
    published.append("date", chosen["published"])
    entry["published"] = published
    entry["path"] = relative
    edit(path, lambda old: append_table(old, "sources", entry),
         {Path(relative): text.encode("utf-8")})
