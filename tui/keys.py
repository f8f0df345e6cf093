"""Every key, in one table: the main screen's bindings are built from it and the help screen
lists it, so the two cannot drift apart (a test checks the panes' own bindings against it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Key:
    scope: str
    """Where it works: "Everywhere", "Lists", "Sales", "Source reader", "Search"."""
    keys: str
    """As shown to the user."""
    description: str
    binding: str = ""
    """Textual key name(s), comma-separated, when the main screen binds it."""
    action: str = ""
    show: bool = False
    id: str = ""
    label: str = ""
    """The footer's short label (`/ search`, `c cite`), when it shows there."""


KEYS: tuple[Key, ...] = (
    Key("Everywhere", "tab / shift+tab", "Next / previous pane"),
    Key("Everywhere", "tab", "Next pane", "tab", "cycle_pane(1)", False, "pane.next"),
    Key("Everywhere", "shift+tab", "Previous pane", "shift+tab", "cycle_pane(-1)", False,
        "pane.previous"),
    Key("Everywhere", "1 2 3 4", "Timeline, Brands, Sales, Quotes"),
    Key("Everywhere", "1", "Go to the Timeline", "1", "focus_pane('timeline')", id="pane.timeline"),
    Key("Everywhere", "2", "Go to the Brands", "2", "focus_pane('brands')", id="pane.brands"),
    Key("Everywhere", "3", "Go to the Sales tables", "3", "focus_pane('sales')", id="pane.sales"),
    Key("Everywhere", "4", "Go to the Quotes", "4", "focus_pane('quotes')", id="pane.quotes"),
    Key("Everywhere", "d", "Go to the Detail", "d", "focus_pane('detail')", id="pane.detail"),
    Key("Everywhere", "backspace / alt+left", "Back", "backspace,alt+left",
        "app.history_back", True, "history.back", label="back"),
    Key("Everywhere", "alt+right", "Forward", "alt+right", "app.history_forward", False,
        "history.forward"),
    Key("Everywhere", "/", "Search claims, quotes, entities, sources", "slash", "search", True,
        "search.open", label="search"),
    Key("Everywhere", "n / N", "Next / previous search match", "n", "search_step(1)", False,
        "search.next"),
    Key("Everywhere", "N", "Previous search match", "N", "search_step(-1)", False,
        "search.previous"),
    Key("Everywhere", "c", "Copy the citation of the selected item", "c", "app.copy_citation",
        True, "cite.copy", label="cite"),
    Key("Everywhere", "C", "Choose the citation style", "C", "app.choose_style", False,
        "cite.style"),
    Key("Everywhere", "space", "Mark / unmark the selected claim in the basket", "space",
        "app.toggle_basket", True, "basket.toggle", label="mark"),
    Key("Everywhere", "b", "Copy the basket as a reference list, in the citation style",
        "b", "app.copy_basket", False, "basket.copy"),
    Key("Everywhere", "B", "The basket: review, remove, copy or clear the marked claims", "B",
        "app.basket", False, "basket.view"),
    Key("Everywhere", "u", "Undo the basket's last removal or clearing", "u",
        "app.undo_basket", False, "basket.undo"),
    Key("Everywhere", "S", "The series of the selected figure: its measure over time, drawn",
        "S", "app.series", False, "app.series"),
    Key("Everywhere", "o", "Open the selected source's web page (a claim's: its source's)",
        "o", "app.open_source_url", False, "source.open"),
    Key("Everywhere", "E", "Export the basket, the current view, the table shown or the whole "
        "file (Markdown, CSV, CSL-JSON, BibTeX, Web Annotations, SQLite); a series' chart (SVG)",
        "E", "app.export",
        False, "app.export"),
    Key("Everywhere", "!", "Conflicts: every contradiction and tension, side by side",
        "exclamation_mark", "app.conflicts", True, "view.conflicts", label="conflicts"),
    Key("Everywhere", "H", "Health of the fact file", "H", "app.health", False,
        "view.health"),
    Key("Everywhere", "f", "Filter the panes to the selected entity (again: clear it)", "f",
        "app.filter", True, "filter.set", label="filter"),
    Key("Everywhere", "x", "Clear the entity filter (backspace returns to the view before)",
        "x", "app.clear_filter", False, "filter.clear"),
    Key("Everywhere", "z", "Maximise / restore the focused pane (escape restores too)", "z",
        "zoom", False, "pane.zoom", label="zoom"),
    Key("Everywhere", "e", "Edit the fact file at the selected item in $EDITOR (reloads after)",
        "e", "app.edit_facts", False, "app.edit"),
    Key("Everywhere", "ctrl+z", "Undo the last capture: the fact file back byte for byte",
        "ctrl+z", "app.undo_capture", False, "app.undo_capture"),
    Key("Everywhere", "F", "Fix anchors: repair the citations a changed source text broke "
        "(each shown old and new first)", "F", "app.fix_anchors", False, "app.fix_anchors"),
    Key("Everywhere", "ctrl+r", "Reload the fact file now (it also reloads itself when saved)",
        "ctrl+r", "app.reload", False, "app.reload"),
    Key("Everywhere", "ctrl+p", "Command palette: go to any claim, entity or source"),
    Key("Everywhere", "?", "This help", "question_mark", "app.help", True, "app.help",
        label="help"),
    Key("Everywhere", "q", "Quit", "q", "app.quit", False, "app.quit"),
    Key("Lists", "j / k, ↓ / ↑", "Move down / up"),
    Key("Lists", "g / G, home / end", "First / last"),
    Key("Lists", "enter", "Open the item; in the Detail, follow the link"),
    Key("Brands", "enter", "Open the entity (f filters the panes to it)"),
    Key("Brands", "space, ← / →", "Fold / unfold the branch; left: close, right: open"),
    Key("Sales", "[ / ]", "Previous / next table"),
    Key("Sales", "s", "Sort by the cursor's column (again: reverse)"),
    Key("Sales", "enter", "Open the claim behind the cell"),
    Key("Source reader", "n / ]", "Next cited passage"),
    Key("Source reader", "p / [", "Previous cited passage"),
    Key("Source reader", "enter", "Open the claim behind the passage"),
    Key("Source reader", "c", "Copy the citation of the current passage"),
    Key("Source reader", "v / V", "Select the word at the cursor (again: stop) / its sentence"),
    Key("Source reader", "→ ← (w)", "Cursor, or the selection's end, a word on / back"),
    Key("Source reader", ") (, shift+↓ ↑", "… a sentence on / back"),
    Key("Source reader", "j / k", "Scroll; once the cursor shows, the cursor (or the "
        "selection's end) a row down / up"),
    Key("Source reader", "a", "Add a claim from the selection (a form; ctrl+s saves)"),
    Key("Source reader", "t / T", "Next / previous figure or quotation no claim cites yet"),
    Key("Source reader", "escape / backspace", "Cancel the selection, else back"),
    Key("Conflicts", "↑ / ↓, enter", "Choose a finding; enter goes to its claims"),
    Key("Conflicts", "tab", "Between the findings and the claims side by side"),
    Key("Conflicts", "c", "On a finding: copy what each of its claims cites, with its source"),
    Key("Conflicts", "escape", "Back to the browser"),
    Key("Series view", "j / k, g / G", "Along the figures (and ↑ ↓, home end): the chart's "
        "cursor and the claim and passage under the list follow"),
    Key("Series view", "c / space / enter", "Cite / mark / open the figure's claim"),
    Key("Series view", "E", "Export: the chart as SVG first (as `chery-tui export --format svg "
        "--series`), or the claims"),
    Key("Series view", "escape / backspace", "Back to the browser, on the figure last under "
        "the cursor"),
    Key("Basket", "enter", "Open the claim"),
    Key("Basket", "d / delete", "Remove the claim from the basket (u undoes)"),
    Key("Basket", "X", "Clear the basket (u undoes)"),
    Key("Basket", "escape / backspace", "Back to the browser"),
    Key("Search", "enter / ↓", "Go to the results"),
    Key("Search", "escape", "Leave search"),
    Key("Problems", "f", "Fix anchors: repair the citations a changed source text broke (each "
        "shown old and new first)"),
    Key("Fix anchors", "y / enter", "Write the repairs shown: the unambiguous, close ones"),
    Key("Fix anchors", "escape", "Cancel: nothing is written"),
)


def bindings() -> list[BindingType]:
    """The browser screen's: every key, in the order the footer shows them."""
    return _bindings(KEYS)


def app_bindings() -> list[BindingType]:
    """The keys that work on every screen (copy, the basket, the views, back, help, quit)
    also bound on the App, so the reader and Conflicts answer them as the browser does (the
    footer shows them where a screen binds them; these stay out of it)."""
    return _bindings(Key(k.scope, k.keys, k.description, k.binding, k.action.removeprefix("app."),
                         False, k.id and f"app.{k.id}", k.label)
                     for k in KEYS if k.binding and k.action.startswith("app."))


def _bindings(keys: Iterable[Key]) -> list[BindingType]:
    out: list[BindingType] = []
    for key in keys:
        if key.binding:
            # the footer shows the short label; help and the palette the description
            out.append(Binding(key.binding, key.action, key.label or key.description,
                               show=key.show, id=key.id or None, tooltip=key.description))
    return out


def help_rows() -> list[Key]:
    """The rows a person reads: without those that only bind a key described above them."""
    return [k for k in KEYS
            if not (k.binding and k.keys in {"1", "2", "3", "4", "N", "tab", "shift+tab"})]


def markdown_table() -> str:
    """The keys as a Markdown table, for the README (a test keeps the two equal)."""
    lines = ["| where | keys | what |", "| --- | --- | --- |"]
    for key in help_rows():
        lines.append(f"| {key.scope} | `{key.keys}` | {key.description} |")
    return "\n".join(lines)
