"""The capture form: a claim made from the passage selected in the reader (issue 14).

It opens filled with what the passage proposes (`tui.domain.capture.proposal`); the user
corrects it and saves with ctrl+s. The form stays open until the claim is written: a draft
with problems, or a change the fact file refuses, shows what is wrong beside the field and
loses nothing typed. Saving is done by the app (`save`), which writes through the one checked
path, in a thread: a large file takes seconds to check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, Select, Static

from tui.domain.capture.new_claim import (
    ENTITY_KINDS,
    KINDS,
    STATUSES,
    ClaimDraft,
    DraftProblems,
    Tables,
    claim_id,
    entity_named,
    new_entity,
    tables,
)
from tui.domain.capture.proposal import Proposal, completion
from tui.domain.facts.factbase import FactBase
from tui.domain.present.citations import preview
from tui.domain.present.safe_text import clean, one_line, verbatim_in

QUALIFIERS = ("exact", "about", "nearly", "over", "more-than", "less-than", "at-least",
              "up-to")

Save = Callable[[Tables], list[str]]
"""Writes the tables to the fact file; the problems that refused it (none: written)."""

_VERBATIM = ("words", "stated", "when_stated")
"""Fields that hold the passage's own words, shown cleaned (`clean`)."""
_INPUTS = ("ident", "text", "about", "when", "when_stated", "inference", "measure", "value",
           "unit", "currency", "stated", "period", "speaker", "words")
_SELECTS = {"kind": KINDS, "status": STATUSES, "new_entity_kind": ENTITY_KINDS,
            "qualifier": QUALIFIERS, "mode": ("direct", "reported")}
_LABELS = {"ident": "Id", "text": "Claim", "about": "About", "when": "When",
           "when_stated": "Stated as", "inference": "Worked out", "measure": "Measure",
           "value": "Value", "unit": "Unit", "currency": "Currency", "stated": "Stated",
           "period": "Period", "speaker": "Speaker", "words": "Words", "kind": "Kind",
           "status": "Status", "new_entity_kind": "New entity", "qualifier": "Qualifier",
           "mode": "Mode"}
_PLACEHOLDERS = {
    "ident": "made from the claim's words when left empty",
    "text": "what the passage states, in one plain sentence of yours",
    "about": "entities, comma-separated (tab completes: →); a new name adds an entity",
    "when": "YYYY, YYYY-MM or YYYY-MM-DD",
    "when_stated": "the passage's words for the date (\"last April\")",
    "inference": "how the date was worked out, when the passage does not state it",
    "measure": "what is counted: \"vehicle sales\", \"exports\"",
    "value": "the number in its unit: 1.2 million is 1200000",
    "unit": "vehicles, percent, currency, people…",
    "currency": "ISO 4217: GBP, USD, EUR, CNY",
    "stated": "the figure as the passage writes it",
    "period": "as the source puts it: 2025, 2010-2017, Jan-Nov",
    "speaker": "who says it (tab completes)",
    "words": "the words attributed, verbatim from the passage",
}
_GROUPS = {"figure": ("measure", "value", "unit", "currency", "stated", "qualifier",
                      "period"),
           "quote": ("speaker", "mode", "words")}


class EntitySuggester(Suggester):
    """Completes the last of a comma-separated list of entities, from the file's ids,
    names and aliases."""

    def __init__(self, facts: FactBase) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.facts = facts

    async def get_suggestion(self, value: str) -> str | None:
        last = value.rpartition(",")[2]
        piece = last.lstrip()
        found = completion(self.facts, piece)
        if found is None:
            return None
        return value + found[len(piece):]


class MeasureSuggester(Suggester):
    """Completes a measure from the file's figures': claims compare only when their
    measures are the same words ("vehicle sales"), so the same words are offered."""

    def __init__(self, facts: FactBase) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        self.measures = sorted({c.figure.measure for c in facts.claims.values()
                                if c.figure is not None}, key=len)

    async def get_suggestion(self, value: str) -> str | None:
        folded = value.casefold()
        for measure in self.measures:
            if value and measure.casefold().startswith(folded) and len(measure) > len(value):
                return value + measure[len(value):]
        return None


class CaptureScreen(ModalScreen[str | None]):
    """Dismissed with the new claim's id once written; None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save the claim", id="capture.save"),
        Binding("escape", "cancel", "Cancel", id="capture.cancel"),
    ]

    def __init__(self, facts: FactBase, draft: ClaimDraft, proposal: Proposal,
                 save: Save, keep: Callable[[ClaimDraft], None] | None = None) -> None:
        super().__init__()
        self.facts = facts
        self.draft = draft
        self.proposal = proposal
        self._save = save
        self._keep = keep
        """Given what was typed when the form is cancelled: the same selection opens it so
        again (found by a tester: escape lost it)."""
        self._saving = False

    def compose(self) -> ComposeResult:
        source = self.facts.sources[self.draft.source]
        passage = self.facts.texts[self.draft.source][self.draft.start:self.draft.end]
        with Vertical(id="capture"):
            yield Static(Text.assemble(("New claim from ", "bold"),
                                       (one_line(source.title), "bold")), id="capture-title")
            yield Static(Text(preview(one_line(passage), 400)), id="capture-passage")
            with VerticalScroll(id="capture-fields"):
                with Horizontal(classes="capture-row"):
                    yield from self._field("kind")
                    yield from self._field("status")
                yield from self._row("text")
                yield from self._row("about")
                with Horizontal(classes="capture-row", id="capture-new-entities"):
                    yield from self._field("new_entity_kind")
                    yield Static(id="capture-new-names")
                yield from self._row("ident")
                with Horizontal(classes="capture-row"):
                    yield from self._field("when")
                    yield from self._field("when_stated")
                yield from self._row("inference")
                with Vertical(id="capture-figure", classes="capture-group"):
                    yield from self._row("measure")
                    with Horizontal(classes="capture-row"):
                        yield from self._field("value")
                        yield from self._field("unit")
                        yield from self._field("currency")
                    with Horizontal(classes="capture-row"):
                        yield from self._field("stated")
                        yield from self._field("qualifier")
                    yield from self._row("period")
                with Vertical(id="capture-quote", classes="capture-group"):
                    with Horizontal(classes="capture-row"):
                        yield from self._field("speaker")
                        yield from self._field("mode")
                    yield from self._row("words")
            yield Static(id="capture-problems")
            yield Static(Text.assemble(
                ("ctrl+s", "bold"), " save  ", ("tab", "bold"), " next  ",
                ("→", "bold"), " complete  ", ("ctrl+u", "bold"), " clear  ",
                ("esc", "bold"), " cancel"),
                id="capture-keys")

    def _row(self, name: str) -> ComposeResult:
        with Horizontal(classes="capture-row"):
            yield from self._field(name)

    def _field(self, name: str) -> ComposeResult:
        value = str(getattr(self.draft, name))
        yield Label(_LABELS[name], classes="capture-label", id=f"label-{name}")
        if name in _SELECTS:
            choices = _SELECTS[name]
            yield Select([(c, c) for c in choices], value=value if value in choices else
                         choices[0], allow_blank=False, id=f"capture-{name}",
                         classes="capture-field", compact=True)
        else:
            suggester: Suggester | None = None
            if name in {"about", "speaker"}:
                suggester = EntitySuggester(self.facts)
            elif name == "measure":
                suggester = MeasureSuggester(self.facts)
            # shown harmless: an escape sequence of the source reached the terminal through
            # a field (found by a tester); `current_draft` gives the verbatim fields back
            yield Input(clean(value, multiline=False), placeholder=_PLACEHOLDERS.get(name, ""),
                        suggester=suggester,
                        id=f"capture-{name}", classes="capture-field", compact=True,
                        # a key typed on arrival edits what is proposed, not replaces it
                        select_on_focus=False)

    def on_mount(self) -> None:
        self._show_kind(self.draft.kind)
        self._show_new_entities()
        self._show_id()
        self.query_one("#capture-text", Input).focus()

    @on(Input.Changed)
    @on(Select.Changed)
    def _show_id(self) -> None:
        """The id the claim will get unless one is typed, shown where it would be typed."""
        ident = self.query_one("#capture-ident", Input)
        if not ident.value:
            ident.placeholder = f"{claim_id(self.facts, self.current_draft())} (type another " \
                                "to choose)"

    # ── what the form shows ──────────────────────────────────────────────────────────

    @on(Select.Changed, "#capture-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self._show_kind(str(event.value))

    def _show_kind(self, kind: str) -> None:
        for group in _GROUPS:
            self.query_one(f"#capture-{group}").display = kind == group

    @on(Input.Changed, "#capture-about")
    @on(Select.Changed, "#capture-new_entity_kind")
    def _about_changed(self) -> None:
        self._show_new_entities()

    def _show_new_entities(self) -> None:
        typed = self.query_one("#capture-about", Input).value
        kind = str(self.query_one("#capture-new_entity_kind", Select).value)
        new = [new_entity(n.strip(), kind) for n in typed.split(",") if n.strip()]
        new = [(name, own) for name, own in new if entity_named(self.facts, name) is None]
        self.query_one("#capture-new-entities").display = bool(new)
        # the kind chosen here is for the names typed without one: none, and it goes
        typed_kinds = [n.strip().endswith(")") for n in typed.split(",") if n.strip()
                       and entity_named(self.facts, new_entity(n.strip(), kind)[0]) is None]
        for part in ("#capture-new_entity_kind", "#label-new_entity_kind"):
            self.query_one(part).display = not all(typed_kinds)
        self.query_one("#capture-new-names", Static).update(Text(
            "adds " + ", ".join(f"{preview(one_line(name), 40)} ({own})" for name, own in new)
            + "; type 'Name (kind)' for another kind", style="dim"))

    # ── keys ───────────────────────────────────────────────────────────────────────

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """enter moves on, as tab does: ctrl+s saves (an enter typed out of habit does not
        write a half-filled claim)."""
        event.stop()
        self.focus_next()

    def action_cancel(self) -> None:
        if not self._saving:
            if self._keep is not None:
                self._keep(self.current_draft())
            self.dismiss(None)

    def current_draft(self) -> ClaimDraft:
        draft = ClaimDraft(self.draft.source, self.draft.start, self.draft.end)
        passage = self.facts.texts[draft.source][draft.start:draft.end]
        for field in fields(ClaimDraft):
            if field.name in _INPUTS:
                value = self.query_one(f"#capture-{field.name}", Input).value
                if field.name in _VERBATIM:  # the passage's own characters
                    value = verbatim_in(passage, value) or value
                setattr(draft, field.name, value)
            elif field.name in _SELECTS:
                setattr(draft, field.name, str(self.query_one(f"#capture-{field.name}",
                                                              Select).value))
        return draft

    def action_save(self) -> None:
        if self._saving:
            return
        for widget in self.query(".capture-field"):
            widget.remove_class("-invalid")
        draft = self.current_draft()
        try:
            made = tables(self.facts, draft)
        except DraftProblems as problems:
            self._show_problems([f"{_LABELS.get(name, name)}: {message}"
                                 for name, message in problems.problems],
                                [name for name, _ in problems.problems])
            return
        self._saving = True
        self._show_problems(["Saving: writing and checking the fact file…"], [], busy=True)
        self._write(made)

    @work(thread=True, exclusive=True, group="capture-save")
    def _write(self, made: Tables) -> None:
        problems = self._save(made)
        self.app.call_from_thread(self._written, made, problems)

    def _written(self, made: Tables, problems: list[str]) -> None:
        self._saving = False
        if problems:
            self._show_problems(["The fact file refused the claim; nothing was changed:",
                                 *problems], [])
            return
        self.dismiss(str(made.claim["id"]))

    def _show_problems(self, lines: list[str], names: list[str], busy: bool = False) -> None:
        for name in names:
            found = self.query(f"#capture-{name}")
            if found:
                found.first().add_class("-invalid")
        shown = Text("\n".join(preview(one_line(line), 300) for line in lines),
                     style="" if busy else "bold")
        problems = self.query_one("#capture-problems", Static)
        problems.set_class(not busy and bool(lines), "-error")
        problems.update(shown)
        if names:
            first = self.query(f"#capture-{names[0]}")
            if first:
                first.first().focus()
