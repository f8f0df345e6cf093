"""Conflicts: every contradiction and tension, the claims side by side, and the arithmetic."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from tui.domain.crossref.cross_index import CrossIndex
from tui.domain.crossref.findings import Finding
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.location import Location
from tui.domain.present.detail import FINDING_MARK, passage_line
from tui.domain.present.figures import amount, published
from tui.domain.present.safe_text import clean, one_line
from tui.messages import Open, Preview
from tui.widgets.detail_pane import render_line
from tui.widgets.hint_bar import HintBar
from tui.widgets.item_list import ItemList
from tui.widgets.palette import Palette, current_palette, follow_theme
from tui.widgets.screen_header import ScreenHeader

_SIDES = 4


def _short(facts: FactBase, claim_id: str, most: int = 45) -> str:
    claim = facts.claims.get(claim_id)
    text = one_line(claim.text) if claim is not None else claim_id
    return text if len(text) <= most else text[: most - 1] + "…"


class FindingList(ItemList):
    BORDER_TITLE = "Conflicts"
    BINDINGS = [Binding("enter", "select", "Claims", tooltip="Go to the finding's claims")]


class ClaimSide(ItemList):
    """One claim of a finding, with its sources."""

    BINDINGS = [Binding("enter", "select", "Open", tooltip="Open the claim or the source")]


def claim_rows(facts: FactBase, claim_id: str, palette: Palette
               ) -> list[tuple[Text, Location | None]]:
    from tui.domain.present.detail import DetailLine

    claim = facts.claims[claim_id]
    rows: list[tuple[Text, Location | None]] = [
        (Text(f"{claim.kind} · {claim.status} · {claim.id}", style="dim"), None),
        (render_line(DetailLine(clean(claim.text), "link", Location("claim", claim_id)),
                     palette), Location("claim", claim_id)),
    ]
    if claim.figure is not None:
        rows.append((Text(f"Value: {amount(claim.figure)}", style="bold"), None))
    for number, citation in enumerate(claim.citations):
        source = facts.sources[citation.source]
        if not citation.resolved or source.id not in facts.texts:
            # a passage not found in its source: a listed problem, and there is no span to
            # show or to open the reader at
            rows.append((render_line(DetailLine(
                f"[{one_line(source.short)}] passage not found: {one_line(citation.exact)}",
                "warning"), palette), None))
            continue
        start, end = citation.span
        rows.append((render_line(DetailLine(
            f"[{one_line(source.short)}] {one_line(source.outlet)}, {published(source)}",
            "link"), palette), Location("source", source.id,
                                        passage=start, claim=claim.id, citation=number)))
        rows.append((render_line(passage_line(facts.texts[source.id], start, end), palette),
                     None))
    return rows


class ConflictsScreen(Screen[None]):
    BINDINGS = [
        # the hint bar shows them in this order, after what enter does in the focused list
        Binding("tab", "cycle(1)", "Switch list", tooltip="Next list"),
        Binding("shift+tab", "cycle(-1)", "Previous list", show=False),
        # the App's, shown here: they answer on this screen as in the browser
        Binding("c", "app.copy_citation", "Cite", tooltip="Copy the citation"),
        Binding("space", "app.toggle_basket", "Mark", tooltip="Mark the claim"),
        Binding("question_mark", "app.help", "Help"),
        Binding("escape,backspace", "close", "Back", id="conflicts.close"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, facts: FactBase, xref: CrossIndex, focus: str | None = None) -> None:
        super().__init__()
        self.facts = facts
        self.xref = xref
        self.findings = [f for f in xref.findings if f.kind in {"contradiction", "tension"}]
        self.by_key: dict[str, Finding] = {}
        for finding in self.findings:
            self.by_key.setdefault(finding.key, finding)
        self.focus_key = focus
        self.finding_shown: Finding | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(id="conflicts"):
            yield FindingList(id="finding-list")
            with Vertical(id="finding"):
                yield Static(id="finding-head")
                with Horizontal(id="sides"):
                    for n in range(_SIDES):
                        yield ClaimSide(id=f"side-{n}", classes="side")
        yield HintBar()

    def on_mount(self) -> None:
        # Health counts another thing: contradictions the file states and nothing settles
        self.sub_title = (f"{len(self.findings)} contradictions and tensions the checks found "
                          "(Health lists the stated ones not settled)")
        self.query_one(FindingList).show_styled(self._finding_rows)
        follow_theme(self, ConflictsScreen._show_head)
        self.focus_finding(self.focus_key)

    def focus_finding(self, key: str | None) -> None:
        """The list on this finding (by its key), or where it was; the list focused."""
        listing = self.query_one(FindingList)
        for n, finding in enumerate(self.findings):
            if finding.key == key:
                listing.highlighted = n
        listing.focus()
        if self.findings:
            self.show_finding(self.findings[listing.highlighted or 0])

    def _finding_rows(self, palette: Palette) -> list[tuple[Text, Location | None]]:
        rows: list[tuple[Text, Location | None]] = []
        for finding in self.findings:
            # the claims by their words (the ids are in the finding's head, on the right)
            text = Text.assemble((f"{FINDING_MARK[finding.kind]} ", palette.finding(finding.kind)),
                                 (f"{finding.check}: ", "dim"),
                                 " ↔ ".join(_short(self.facts, c)
                                            for c in dict.fromkeys(finding.claims)))
            rows.append((text, Location("finding", finding.key)))
        if not rows:
            rows.append((Text("No contradictions or tensions", style="dim"), None))
        return rows

    def show_finding(self, finding: Finding) -> None:
        self.finding_shown = finding
        self._show_head()
        claims = list(dict.fromkeys(finding.claims))
        for n in range(_SIDES):
            side = self.query_one(f"#side-{n}", ClaimSide)
            if n < len(claims) and claims[n] in self.facts.claims:
                side.display = True
                side.border_title = f"Claim {n + 1}"
                side.show_styled(partial(claim_rows, self.facts, claims[n]), keep=False)
            else:
                side.display = False

    def _show_head(self) -> None:
        finding = self.finding_shown
        if finding is None:
            return
        palette = current_palette(self.app)
        head = Text.assemble((f"{FINDING_MARK[finding.kind]} {finding.kind}",
                              palette.finding(finding.kind)),
                             (f" · {finding.check}\n", "dim"),
                             (one_line(finding.title) + "\n", "bold"),
                             ("Arithmetic: ", "bold"), one_line(finding.arithmetic) + "\n",
                             ("Tolerance: ", "bold"), (one_line(finding.tolerance), "dim"))
        self.query_one("#finding-head", Static).update(head)

    @on(Preview)
    def _preview(self, message: Preview) -> None:
        message.stop()
        if message.location.kind == "finding":
            self.show_finding(self.by_key[message.location.ident])

    @on(Open)
    def _open(self, message: Open) -> None:
        if message.location.kind != "finding":
            return  # a claim or source: the App opens it
        message.stop()
        first = self.query_one("#side-0", ClaimSide)
        if first.display:
            first.focus()

    def action_cycle(self, step: int) -> None:
        lists = [w for w in self.query(ItemList) if w.display]
        if not lists:
            return
        focused = self.focused
        index = lists.index(focused) if focused in lists else -step
        lists[(index + step) % len(lists)].focus()

    def action_close(self) -> None:
        self.dismiss()
