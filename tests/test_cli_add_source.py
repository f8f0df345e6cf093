"""`chery-tui add-source`: a text file and a saved HTML page added as sources, in a real
subprocess; proposals need a yes; clashes change nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import FactWriter
from tui.domain.loading.loader import load_facts

PAGE = """<!DOCTYPE html>
<html><head><title>Acme opens a plant | The Weekly</title>
<meta name="author" content="Sam Poe">
<meta property="og:site_name" content="The Weekly">
<meta property="og:title" content="Acme opens a plant">
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Acme opens a plant</h1>
<p>Acme Motors said on Tuesday that it will open a plant in Leeds, with 300 jobs at first.</p>
<p>\u201cWe are here to stay,\u201d said Jane Roe, its chief executive, at the opening, adding
that the plant would build 20,000 cars a year by 2027.</p></article>
<footer>Copyright The Weekly. All rights reserved.</footer></body></html>
"""


def _add(path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "add-source", *args, "--facts",
                           str(path)], capture_output=True, text=True, timeout=120,
                          input=stdin, check=False)


def test_a_text_file_is_copied_as_it_is(write_facts: FactWriter, tmp_path: Path) -> None:
    path = write_facts()
    saved = tmp_path / "release.txt"
    saved.write_bytes("Acme\u2019s press release.\r\nLine two.\n".encode())
    done = _add(path, str(saved), "--title", "Acme press release", "--outlet", "Acme Motors",
                "--published", "2025-02")
    assert done.returncode == 0, done.stderr
    assert "Added source acme-motors-2025-02" in done.stdout
    facts = load_facts(path).facts
    assert facts is not None
    source = facts.sources["acme-motors-2025-02"]
    assert source.path == "sources/acme-motors-2025-02.txt"
    assert (path.parent / source.path).read_bytes() == saved.read_bytes()


def test_a_page_proposes_its_title_author_date_and_outlet(write_facts: FactWriter,
                                                           tmp_path: Path) -> None:
    path = write_facts()
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    done = _add(path, str(saved), "--yes")
    assert done.returncode == 0, done.stderr
    assert "(from the page; --title to change)" in done.stdout
    facts = load_facts(path).facts
    assert facts is not None
    [new] = [s for s in facts.sources.values() if s.id != "daily"]
    assert (new.title, new.outlet, new.author, new.published.date) == \
        ("Acme opens a plant", "The Weekly", "Sam Poe", "2025-03-04")
    text = facts.texts[new.id]
    assert "open a plant in Leeds" in text
    assert "Home" not in text
    assert "All rights reserved" not in text


def test_what_a_page_proposes_needs_a_yes(write_facts: FactWriter, tmp_path: Path) -> None:
    path = write_facts()
    before = path.read_bytes()
    saved = tmp_path / "page.html"
    saved.write_text(PAGE, encoding="utf-8")
    done = _add(path, str(saved))
    assert done.returncode == 1
    assert "give --yes" in done.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in (path.parent / "sources").iterdir()) == ["daily.txt"]
    overridden = _add(path, str(saved), "--yes", "--outlet", "Weekly Post", "--id", "wp")
    assert overridden.returncode == 0, overridden.stderr
    facts = load_facts(path).facts
    assert facts is not None
    assert facts.sources["wp"].outlet == "Weekly Post"


def test_an_id_that_exists_is_a_clash_that_changes_nothing(write_facts: FactWriter,
                                                           tmp_path: Path) -> None:
    path = write_facts()
    before = path.read_bytes()
    saved = tmp_path / "release.txt"
    saved.write_text("Text.\n", encoding="utf-8")
    for ident in ("daily", "acme"):  # a source's id, an entity's
        done = _add(path, str(saved), "--id", ident, "--title", "T", "--outlet", "O",
                    "--published", "2025")
        assert done.returncode == 2
        assert "exists already" in done.stderr
    assert path.read_bytes() == before


def test_missing_fields_are_named_with_their_options(write_facts: FactWriter,
                                                     tmp_path: Path) -> None:
    path = write_facts()
    saved = tmp_path / "release.txt"
    saved.write_text("Text.\n", encoding="utf-8")
    done = _add(path, str(saved), "--title", "T")
    assert done.returncode == 2
    assert "no outlet, published given; give --outlet … --published …" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_same_article_added_again_is_refused(write_facts: FactWriter,
                                                tmp_path: Path) -> None:
    """Found by a tester: adding a page a second time made a second source, id `-2`."""
    facts = write_facts()
    saved = tmp_path / "again.txt"
    saved.write_text((facts.parent / "sources" / "daily.txt").read_text(encoding="utf-8"),
                     encoding="utf-8")
    before = facts.read_bytes()
    done = _add(facts, str(saved), "--title", "T", "--outlet", "O", "--published", "2025")
    assert done.returncode == 2
    assert "the same text as the source 'daily' has already; nothing added" in done.stderr
    assert facts.read_bytes() == before
