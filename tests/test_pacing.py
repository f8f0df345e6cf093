"""Background work giving way to the user: `paced` calls the pause between steps, `GiveWay`
sleeps while the user has been active, never longer than its cap, and the cross-index and
the snapshot call it as they work."""

from __future__ import annotations

from pathlib import Path

from tui.bundled import bundled_facts_path
from tui.domain.crossref.cross_index import CrossIndex
from tui.domain.loading.loader import load_facts
from tui.domain.pacing import GiveWay, paced


def test_paced_pauses_before_the_first_item_and_after_every_n() -> None:
    calls: list[int] = []
    seen: list[int] = []
    for item in paced(range(10), lambda: calls.append(len(seen)), every=4):
        seen.append(item)
    assert seen == list(range(10))
    assert calls == [0, 4, 8]
    assert list(paced(iter("abc"), None)) == ["a", "b", "c"]


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_give_way_sleeps_until_the_user_has_been_quiet() -> None:
    clock = _Clock()
    give_way = GiveWay(quiet=0.25, longest=0.5, clock=clock, sleep=clock.sleep)
    give_way()  # nobody has touched anything: no sleep
    assert clock.slept == []
    give_way.touched()
    clock.now += 0.1
    give_way()
    assert clock.slept == [0.15]  # what was left of the quiet time
    give_way()  # quiet since: on at once
    assert clock.slept == [0.15]


def test_give_way_never_sleeps_longer_than_its_cap_in_one_call() -> None:
    clock = _Clock()
    give_way = GiveWay(quiet=0.25, longest=0.5, clock=clock, sleep=clock.sleep)
    original_sleep = clock.sleep

    def typing_on(seconds: float) -> None:  # a key held down: touched again while asleep
        original_sleep(seconds)
        give_way.touched()

    give_way._sleep = typing_on
    give_way.touched()
    give_way()
    assert abs(sum(clock.slept) - 0.5) < 1e-9


def test_the_cross_index_pauses_as_it_works_and_finds_the_same() -> None:
    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    pauses: list[None] = []
    paced_index = CrossIndex(facts, pause=lambda: pauses.append(None))
    plain = CrossIndex(facts)
    assert len(pauses) > 10  # each check, and every step of the long loops
    assert [(f.kind, f.check, f.claims, f.worded()) for f in paced_index.findings] == \
        [(f.kind, f.check, f.claims, f.worded()) for f in plain.findings]
    some = next(iter(facts.claims))
    assert paced_index.overlapping(some) == plain.overlapping(some)


def test_the_snapshot_pauses_between_its_pieces(tmp_path: Path) -> None:
    from tui.domain.loading import snapshot

    facts = load_facts(bundled_facts_path()).facts
    assert facts is not None
    pauses: list[None] = []
    stamp = snapshot.Stamp("d" * 64, "code", b"k" * 32)
    snapshot.write(facts, stamp, tmp_path / "snap", None, lambda: pauses.append(None))
    assert (tmp_path / "snap").is_file()
    assert len(pauses) >= 2
    assert snapshot.read(tmp_path / "snap", facts.path, stamp) is not None  # still whole
