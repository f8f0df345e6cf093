"""Sales pane: the fact file's tables, sortable by any column, with a magnitude bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from rich.console import JustifyMethod
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from tui.domain.facts.location import Location
from tui.domain.present.listings import TableView
from tui.domain.present.safe_text import one_line
from tui.messages import Open, Preview
from tui.widgets.column_fit import fit_widths
from tui.widgets.list_keys import LIST_KEYS
from tui.widgets.palette import Palette, current_palette, follow_theme

if TYPE_CHECKING:
    from tui.domain.crossref.cross_index import CrossIndex

_BAR_WIDTH = 10
_MARK = {False: " ▲", True: " ▼"}
"""After the sorted column's title: ascending, descending."""
_TEXT_MINIMUM = 10
"""The narrowest a label, period or growth column is made to fit the pane."""


def cell_text(text: str, style: str = "", justify: JustifyMethod = "left") -> Text:
    """A cell that, cut to its column, ends with an ellipsis."""
    return Text(text, style=style, justify=justify, no_wrap=True, overflow="ellipsis")


def bar(value: float | None, largest: float, style: Style | str = "") -> Text:
    if value is None or largest <= 0:
        return Text("")
    eighths = round(max(0.0, value) / largest * _BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    return Text("█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else ""), style=style)


def label_cell(label: str, disputed: bool, palette: Palette) -> Text:
    """A row's label, after '✗' when a contradiction or a tension disputes one of its
    figures."""
    cell = Text.assemble(("✗ " if disputed else "", palette.contradiction), one_line(label))
    cell.no_wrap, cell.overflow = True, "ellipsis"
    return cell


class SalesTable(DataTable[Text]):
    BINDINGS = [
        *LIST_KEYS,
        # the pane's own header says "[ ] switch · s sort": kept out of the hint bar, which
        # has room at 80 columns for the keys of every pane
        Binding("s", "sort_column", "Sort", show=False, id="sales.sort"),
        Binding("left_square_bracket", "switch(-1)", "Prev table", show=False, id="sales.prev"),
        Binding("right_square_bracket", "switch(1)", "Next table", show=False,
                id="sales.next"),
    ]

    def __init__(self) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, id="sales-table")
        self.view: TableView | None = None
        self.cell_claims: dict[tuple[str, str], str] = {}
        """(row key, column key) -> claim id."""
        self.sort_keys: dict[tuple[str, str], tuple[int, float | str]] = {}
        self._sorted: tuple[str, bool] | None = None
        self._label_rows: dict[int, str] = {}
        self._generation = 0
        self._quiet_at: Coordinate | None = None
        """Where a refill left the cursor: its highlight there previews nothing (the screen
        refilled the table under what the Detail shows), a move away does."""
        self._coloured: list[tuple[str, str, bool, float | None]] = []
        """Each row's key, label, whether disputed and bar value: its coloured cells."""
        self._bar_columns: tuple[str, str, float] = ("", "", 0.0)
        """The keys of the label and the bar columns, and the bar's largest value."""
        self._titles: dict[str, str] = {}
        """Column key -> its title, without a sort mark."""
        self._fit: tuple[list[int], list[int], list[list[int]]] = ([], [], [])
        """The columns' natural and least widths, and the tiers in which they give way."""

    def on_mount(self) -> None:
        follow_theme(self, SalesTable._recolour)

    def clear(self, columns: bool = False) -> Self:
        self._coloured = []
        return super().clear(columns)

    def _recolour(self) -> None:
        """The coloured cells made again in the theme's colours, in place: the rows, their
        order and the cursor stay."""
        palette = current_palette(self.app)
        label_column, bar_column, largest = self._bar_columns
        self._label_rows = {}
        for key, label, disputed, value in self._coloured:
            cell = label_cell(label, disputed, palette)
            self._label_rows[id(cell)] = key
            self.update_cell(key, label_column, cell)
            self.update_cell(key, bar_column, bar(value, largest, palette.bar))

    def show_view(self, view: TableView, xref: CrossIndex | None = None, *,
                  announce: bool = True) -> None:
        self.view = view
        self.clear(columns=True)
        self.cell_claims, self.sort_keys, self._label_rows = {}, {}, {}
        self._sorted = None
        # Fresh keys on every render, so that nothing cached for an earlier table (rendered
        # lines, sort keys, cell claims) can be taken for this one.
        self._generation += 1
        g = self._generation
        columns = [f"label.{g}", *(f"c{i}.{g}" for i in range(len(view.columns))), f"bar.{g}",
                   f"period.{g}", f"growth.{g}", f"sources.{g}"]
        titles = ["Row", *(one_line(c) for c in view.columns), "", "Period", "Growth", "Source"]
        first = [r.cells[0] for r in view.rows if r.cells and r.cells[0].value is not None]
        units = {c.unit for c in first}
        largest = max((c.value or 0.0 for c in first), default=0.0) if len(units) == 1 else 0.0
        rows: list[tuple[str, list[Text]]] = []
        palette = current_palette(self.app)
        self._coloured = []
        self._bar_columns = (columns[0], columns[-4], largest)
        for n, row in enumerate(view.rows):
            key = f"r{n}.{g}"
            disputed = xref is not None and any(
                xref.disputed(c.claim_id) for c in row.cells if c.claim_id)
            cells = [label_cell(row.label, disputed, palette)]
            self._label_rows[id(cells[0])] = key
            self.sort_keys[(key, columns[0])] = (0, one_line(row.label).lower())
            for i, cell in enumerate(row.cells):
                cells.append(cell_text(cell.text, justify="right"))
                if cell.claim_id:
                    self.cell_claims[(key, columns[1 + i])] = cell.claim_id
                self.sort_keys[(key, columns[1 + i])] = (0, cell.value) \
                    if cell.value is not None else (1, 0.0)
            first_value = row.cells[0].value if row.cells else None
            shown = first_value if largest else None
            cells.append(bar(shown, largest, palette.bar))
            self._coloured.append((key, row.label, disputed, shown))
            self.sort_keys[(key, columns[-4])] = (0, first_value) if first_value is not None \
                else (1, 0.0)
            for column, text in zip(columns[-3:], (row.period, row.growth, row.sources),
                                    strict=True):
                cells.append(cell_text(one_line(text), "" if "growth" in column else "dim"))
                self.sort_keys[(key, column)] = (0 if text else 1, text.lower())
            rows.append((key, cells))
        # Widths are computed here rather than left to DataTable's auto width, which rendered
        # rows added after clear() at the stale header widths.
        # Every title has room for a sort mark, so that sorting never moves a column.
        self._titles = dict(zip(columns, titles, strict=True))
        natural = [max([len(title) + len(_MARK[False]), *(cells[index].cell_len
                                                           for _, cells in rows)])
                   for index, title in enumerate(titles)]
        natural[-4] = _BAR_WIDTH + 1
        self._fit = self._fit_rules(natural, len(view.columns))
        for key, width in zip(columns, natural, strict=True):
            self.add_column(self._title(key), key=key, width=width)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        self._fit_columns()
        self._quiet_at = None if announce else self.cursor_coordinate

    @staticmethod
    def _fit_rules(natural: list[int], figures: int
                   ) -> tuple[list[int], list[int], list[list[int]]]:
        """What gives way when the columns are wider than the pane: first the period and
        the growth (what the Detail shows in full), then the row's label, then the sources;
        the figures only if that is not enough."""
        last = len(natural) - 1  # label, figures..., bar, period, growth, sources
        minimum = [min(width, _TEXT_MINIMUM) for width in natural]
        minimum[last] = min(natural[last], len("Source") + len(_MARK[False]))
        for index in range(1, 1 + figures):
            minimum[index] = min(natural[index], 6)
        tiers = [[last - 2, last - 1], [0], [last], list(range(1, 1 + figures))]
        return natural, minimum, tiers

    def _fit_columns(self) -> None:
        """The columns' widths made to fit the table's width, as far as they can."""
        natural, minimum, tiers = self._fit
        available = self.scrollable_content_region.width
        if available <= 0 or len(natural) != len(self.columns):
            return  # not laid out yet (a hidden pane): fitted on its first resize
        widths = fit_widths(natural, minimum, tiers, available, self.cell_padding)
        changed = False
        for column, width in zip(self.columns.values(), widths, strict=True):
            changed |= column.width != width
            column.width = width
        if changed:
            # as DataTable does when its cell padding changes: the size, then the caches
            total = sum(column.get_render_width(self) for column in self.columns.values())
            self.virtual_size = Size(total, self.virtual_size.height)
            self.notify_style_update()

    def on_resize(self, _: Resize) -> None:
        self._fit_columns()

    def _title(self, key: str, reverse: bool | None = None) -> Text:
        """A column's title, with the sort mark when `reverse` says which way it is sorted."""
        title = Text(self._titles.get(key, ""), style="bold", no_wrap=True, overflow="ellipsis")
        if reverse is not None:
            title.append(_MARK[reverse])
        return title

    def claim_at(self, coordinate: Coordinate) -> str | None:
        if not self.is_valid_coordinate(coordinate):
            return None
        cell = self.coordinate_to_cell_key(coordinate)
        row, column = str(cell.row_key.value), str(cell.column_key.value)
        claim = self.cell_claims.get((row, column))
        if claim is None:  # label, bar and derived columns stand for the row's first figure
            claim = next((c for (r, _), c in sorted(self.cell_claims.items()) if r == row), None)
        return claim

    @property
    def current_location(self) -> Location | None:
        claim = self.claim_at(self.cursor_coordinate)
        return Location("claim", claim) if claim else None

    def action_sort_column(self) -> None:
        """Sort by the cursor's column; again to reverse. Numbers sort by value, blanks last."""
        if not self.columns or not self.row_count:
            return
        column = str(self.coordinate_to_cell_key(self.cursor_coordinate).column_key.value)
        reverse = self._sorted == (column, False)
        if self._sorted is not None:
            self.columns[ColumnKey(self._sorted[0])].label = self._title(self._sorted[0])
        self._sorted = (column, reverse)
        self.columns[ColumnKey(column)].label = self._title(column, reverse)  # drawn by sort()
        # DataTable's key function sees cell values only; each row's label cell is a distinct
        # Text object, which identifies the row.
        rows = self._label_rows
        at = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        self.sort(key=lambda cells: self.sort_keys[(rows[id(cells[0])], column)],
                  reverse=reverse)
        # the cursor stays on its row, wherever the row went, and the Detail shows what it
        # is on (it showed the row the cursor was on before, and `c` copied another)
        self.move_cursor(row=self.get_row_index(at))
        location = self.current_location
        if location is not None:
            self.post_message(Preview(location, "sales"))
        name = self._titles.get(column) or "bar"
        self.notify(f"Sorted by {name}{', descending' if reverse else ''}", timeout=2,
                    markup=False)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))

    def action_switch(self, step: int) -> None:
        pane = self.parent
        if isinstance(pane, SalesPane):
            pane.switch(step)

    @on(DataTable.CellHighlighted)
    def _preview(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        claim = self.claim_at(event.coordinate)
        if self._quiet_at is not None:
            if event.coordinate == self._quiet_at:
                return
            self._quiet_at = None
        if claim:
            self.post_message(Preview(Location("claim", claim), "sales"))

    @on(DataTable.CellSelected)
    def _open(self, event: DataTable.CellSelected) -> None:
        event.stop()
        claim = self.claim_at(event.coordinate)
        if claim:
            self.post_message(Open(Location("claim", claim), "sales"))


class SalesPane(Vertical):
    BORDER_TITLE = "Sales"

    def __init__(self) -> None:
        super().__init__(id="sales", classes="pane")
        self.views: list[TableView] = []
        self.index = 0
        self.xref: CrossIndex | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="sales-title")
        yield SalesTable()

    @property
    def table(self) -> SalesTable:
        return self.query_one(SalesTable)

    def show_views(self, views: list[TableView], xref: CrossIndex | None = None, *,
                   announce: bool = True) -> None:
        """`announce`: a Preview of the cell under the cursor (not when the screen refills
        the panes under what it shows). The same tables again draw nothing: the cursor, the
        sort and the scroll stay."""
        if views is self.views and xref is self.xref:
            return
        self.xref = xref
        current = self.views[self.index].table_id if self.views else None
        self.views = views
        ids = [v.table_id for v in views]
        self.index = ids.index(current) if current in ids else 0
        self._render_current(announce)

    def switch(self, step: int) -> None:
        if self.views:
            self.index = (self.index + step) % len(self.views)
            self._render_current()

    def _render_current(self, announce: bool = True) -> None:
        title = self.query_one("#sales-title", Static)
        if not self.views:
            title.update(Text("No tables", style="dim"))
            self.table.clear(columns=True)
            return
        view = self.views[self.index]
        header = Text.assemble((one_line(view.title), "bold"),
                               (f"  {self.index + 1}/{len(self.views)}  [ ] switch · s sort",
                                "dim"))
        if view.note:
            header.append(f"\n{one_line(view.note)}", style="dim italic")
        title.update(header)
        self.table.show_view(view, self.xref, announce=announce)
