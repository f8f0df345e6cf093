"""Snapshots reopen an unchanged fact file exactly as loading it would, and only then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FactWriter
from tests.ui_helpers import option_texts, ready
from tui.app import make_app
from tui.bench.generate import generate
from tui.bundled import bundled_facts_path
from tui.domain.crossref.links import Links
from tui.domain.facts.factbase import FactBase, content_digest
from tui.domain.facts.source_texts import SourceTexts
from tui.domain.loading import snapshot
from tui.domain.loading.loader import load_facts
from tui.domain.present.prepared import prepare, saved_state
from tui.storage import load_cache

KEY = b"k" * 32


def _copy_bundled(tmp_path: Path) -> Path:
    shutil.copytree(bundled_facts_path().parent, tmp_path / "data")
    return tmp_path / "data" / bundled_facts_path().name


def _load(path: Path) -> FactBase:
    result = load_facts(path)
    assert result.ok
    assert result.facts is not None
    return result.facts


def _spans(facts: FactBase) -> list[tuple[int, int] | None]:
    cited = [c for claim in facts.claims.values() for c in claim.citations]
    cited += [c for relation in facts.relations for c in relation.citations]
    return [c.span if c.resolved else None for c in cited]


def _assert_same(reopened: FactBase, loaded: FactBase) -> None:
    assert (reopened.title, reopened.description) == (loaded.title, loaded.description)
    assert reopened.sources == loaded.sources
    assert reopened.entities == loaded.entities
    assert reopened.claims == loaded.claims
    assert reopened.relations == loaded.relations
    assert reopened.tables == loaded.tables
    assert dict(reopened.texts) == dict(loaded.texts)
    assert list(reopened.claims) == list(loaded.claims)  # file order, which lists keep
    assert _spans(reopened) == _spans(loaded)
    assert reopened.digest == loaded.digest


@pytest.mark.parametrize("kind", ["bundled", "synthetic"])
def test_a_snapshot_rebuilds_exactly_what_loading_built(tmp_path: Path, kind: str) -> None:
    path = _copy_bundled(tmp_path) if kind == "bundled" else generate(300, tmp_path / "gen")
    loaded = _load(path)
    stamp = snapshot.Stamp(content_digest(path.read_bytes()), "code", KEY)
    fresh = prepare(loaded)
    snapshot.write(loaded, stamp, tmp_path / "snap", saved_state(fresh))
    reopened = snapshot.read(tmp_path / "snap", path, stamp)
    assert reopened is not None
    _assert_same(reopened.facts, loaded)
    again = prepare(reopened.facts, reopened.extras)
    assert again.timeline == fresh.timeline
    assert again.timeline_rows == fresh.timeline_rows
    for query in ("chery", "Chery", "liverpool", "JLR", "per cent", "2024", "ref c1", "zzzq"):
        assert again.search.search(query) == fresh.search.search(query)
    assert fresh.search.search("chery") or fresh.search.search("ref c1")
    assert not list(tmp_path.glob("*.tmp"))


def test_anything_changed_makes_it_a_miss(tmp_path: Path) -> None:
    path = _copy_bundled(tmp_path)
    loaded = _load(path)
    stamp = snapshot.Stamp(content_digest(path.read_bytes()), "code", KEY)
    target = tmp_path / "snap"
    snapshot.write(loaded, stamp, target)
    assert snapshot.read(target, path, stamp) is not None
    # another version of the code, another fact file content
    assert snapshot.read(target, path, snapshot.Stamp(stamp.facts_digest, "other", KEY)) is None
    assert snapshot.read(target, path, snapshot.Stamp("0" * 64, "code", KEY)) is None
    # a source text edited since
    source = next(iter(loaded.sources.values()))
    text_path = path.parent / source.path
    original = text_path.read_bytes()
    text_path.write_bytes(original + b" ")
    assert snapshot.read(target, path, stamp) is None
    text_path.unlink()
    assert snapshot.read(target, path, stamp) is None
    text_path.write_bytes(original)
    assert snapshot.read(target, path, stamp) is not None


def test_a_damaged_snapshot_is_a_miss_never_an_error(tmp_path: Path) -> None:
    path = _copy_bundled(tmp_path)
    loaded = _load(path)
    stamp = snapshot.Stamp(content_digest(path.read_bytes()), "code", KEY)
    target = tmp_path / "snap"
    snapshot.write(loaded, stamp, target)
    good = target.read_bytes()
    damaged = [b"", b"garbage", good[:100], good[: len(good) // 2], good[:-1],
               good[:40] + bytes([good[40] ^ 1]) + good[41:],
               good[: len(good) // 2] + bytes([good[len(good) // 2] ^ 0x55])
               + good[len(good) // 2 + 1 :]]
    for data in damaged:
        target.write_bytes(data)
        assert snapshot.read(target, path, stamp) is None
    target.unlink()
    assert snapshot.read(target, path, stamp) is None


def test_the_cache_keeps_one_snapshot_per_file_and_respects_no_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # its own cache folder: other tests in this process store snapshots too
    monkeypatch.setenv("CHERY_TUI_CACHE_DIR", str(tmp_path / "cache"))
    path = _copy_bundled(tmp_path)
    loaded = _load(path)
    load_cache.store(loaded)  # small files are not worth a snapshot
    assert load_cache.reopen(path) is None
    load_cache.store(loaded, worth_above=0)
    reopened = load_cache.reopen(path)
    assert reopened is not None
    _assert_same(reopened.facts, loaded)
    load_cache.store(loaded, worth_above=0)  # again: replaced, not added
    assert len(list(load_cache.snapshot_path(path).parent.glob("*"))) == 1
    path.write_bytes(path.read_bytes() + b"\n# edited\n")
    assert load_cache.reopen(path) is None
    monkeypatch.setenv("CHERY_TUI_NO_CACHE", "1")
    assert load_cache.reopen(path) is None


def test_loading_shares_repeated_short_strings(tmp_path: Path) -> None:
    facts = _load(generate(200, tmp_path / "gen"))
    sources = [c.source for claim in facts.claims.values() for c in claim.citations]
    by_value: dict[str, str] = {}
    for ident in sources:
        assert by_value.setdefault(ident, ident) is ident  # one object per distinct id


def test_source_texts_are_kept_as_utf8_and_read_as_text() -> None:
    texts = SourceTexts()
    texts["a"] = "Chery’s plant"
    texts.set_encoded("b", b"Halewood")
    assert texts["a"] == "Chery’s plant"
    assert texts.get("b") == "Halewood"
    assert texts.encoded("a") == "Chery’s plant".encode()
    assert list(texts) == ["a", "b"]
    assert len(texts) == 2
    assert "c" not in texts
    for n in range(20):  # more than are kept decoded
        texts[f"t{n}"] = f"text {n}"
    assert [texts[f"t{n}"] for n in range(20)] == [f"text {n}" for n in range(20)]
    del texts["a"]
    assert "a" not in texts
    assert texts.get("a") is None


async def test_the_second_start_reopens_the_snapshot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_cache, "WORTH_ABOVE", 0)
    path = _copy_bundled(tmp_path)
    shown = []
    for use_cache in (True, True, False):  # the third as with --no-cache
        app = make_app(path, use_cache)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            for _ in range(300):  # the snapshot is written after the cross-references
                if app.load_done.is_set():
                    break
                await pilot.pause(0.01)
            shown.append((app.reopened, option_texts(app.screen.query_one("#timeline"))))
    assert [reopened for reopened, _ in shown] == [False, True, False]
    assert shown[0][1] == shown[1][1] == shown[2][1]
    assert shown[0][1]


def test_the_links_come_back_from_the_snapshot_as_they_were_built(
        write_facts: FactWriter) -> None:
    """A reopened file takes its claims by entity and by source from the snapshot instead
    of walking its claims again; what it takes is what building them gives."""
    facts = load_facts(write_facts()).facts
    assert facts is not None
    data = prepare(facts)
    state = [list(piece) for piece in saved_state(data)["links"]]
    again = Links(facts, state)
    for entity in facts.entities:
        assert again.entity_claims(entity) == data.links.entity_claims(entity)
        assert again.entity_links(entity) == data.links.entity_links(entity)
    for source in facts.sources:
        assert again.source_claims(source) == data.links.source_claims(source)
    assert again.claim_counts() == data.links.claim_counts()
