"""VirtualList's lookup of a location: right after its rows change, and scanning rows once."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui.domain.facts.location import Location
from tui.widgets.virtual_list import VirtualList


class _ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield VirtualList(id="rows")


def _claim(ident: str) -> Location:
    return Location("claim", ident)


class _Counted:
    """A `location_at` that counts how often it is asked."""

    def __init__(self, locations: list[Location | None]) -> None:
        self.locations, self.calls = locations, 0

    def __call__(self, index: int) -> Location | None:
        self.calls += 1
        return self.locations[index]


def _show(rows: VirtualList, locations: list[Location | None], *, keep: bool = True) -> _Counted:
    counted = _Counted(locations)
    rows.show_lazy(len(locations), counted, lambda i: Text(str(i)), keep=keep, announce=False)
    counted.calls = 0
    return counted


async def test_index_of_finds_the_first_row_of_a_location_and_skips_headings() -> None:
    app = _ListApp()
    async with app.run_test(size=(40, 10)):
        rows = app.query_one(VirtualList)
        _show(rows, [None, _claim("a"), _claim("b"), None, _claim("a"), _claim("c")])
        assert rows.index_of(_claim("c")) == 5
        assert rows.index_of(_claim("a")) == 1  # seen on the way to c: the first, not the 4
        assert rows.index_of(_claim("b")) == 2
        assert rows.index_of(Location("source", "a")) == -1  # same ident, other kind


async def test_index_of_scans_each_row_once_however_many_lookups() -> None:
    app = _ListApp()
    async with app.run_test(size=(40, 10)):
        rows = app.query_one(VirtualList)
        counted = _show(rows, [_claim(str(n)) for n in range(1000)])
        assert rows.index_of(_claim("500")) == 500
        assert counted.calls == 501
        assert rows.index_of(_claim("10")) == 10
        assert rows.index_of(_claim("500")) == 500
        assert counted.calls == 501  # both were seen: no row asked again
        assert rows.index_of(_claim("missing")) == -1
        assert counted.calls == 1000  # the rest scanned once ...
        assert rows.index_of(_claim("also missing")) == -1
        assert rows.index_of(_claim("999")) == 999
        assert counted.calls == 1000  # ... and never again


async def test_index_of_after_the_rows_change_finds_the_new_row() -> None:
    app = _ListApp()
    async with app.run_test(size=(40, 10)):
        rows = app.query_one(VirtualList)
        _show(rows, [_claim("a"), _claim("b"), _claim("c")])
        assert rows.index_of(_claim("c")) == 2
        assert rows.index_of(_claim("d")) == -1
        _show(rows, [_claim("d"), _claim("c")], keep=False)
        assert rows.index_of(_claim("c")) == 1
        assert rows.index_of(_claim("d")) == 0
        assert rows.index_of(_claim("a")) == -1


async def test_kept_cursor_follows_its_location_to_its_new_row() -> None:
    app = _ListApp()
    async with app.run_test(size=(40, 10)):
        rows = app.query_one(VirtualList)
        _show(rows, [_claim("a"), _claim("b"), _claim("c")])
        assert rows.select_location(_claim("b"))
        _show(rows, [_claim("c"), None, _claim("x"), _claim("b")])
        assert rows.highlighted == 3
        assert rows.current_location == _claim("b")
        _show(rows, [None, _claim("y")])  # b is gone: the first item
        assert rows.highlighted == 1
