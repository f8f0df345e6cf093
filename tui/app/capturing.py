"""Capture: a claim made from a passage selected in the reader, written to the fact file
through the one checked path, and undone byte for byte (issue 14).

The reader asks (`SourceReader.Capture`); the form proposes and the user corrects; the app
writes, in the form's thread, and reloads; the new claim is then shown, with what the engine
finds about it, once the new version is drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.editing import EditingApp
from tui.domain.facts.location import Location

if TYPE_CHECKING:
    from tui.domain.capture.new_claim import ClaimDraft, Tables
    from tui.screens.reader import SourceReader
    from tui.storage.fact_edit import Edited


class CapturingApp(EditingApp):
    _last_capture: Edited | None = None
    """The last capture written, to undo (ctrl+z)."""
    _last_captured = ""
    """Its claim's id, to say what the undo took back."""
    _show_after_reload: Location | None = None
    """The claim just captured: shown once the reload that brings it is drawn."""
    _unsaved: ClaimDraft | None = None
    """What was typed in a form cancelled: the same selection opens it again so."""

    def on_source_reader_capture(self, message: SourceReader.Capture) -> None:
        from tui.domain.capture.new_claim import draft_of
        from tui.domain.capture.proposal import propose
        from tui.screens.capture import CaptureScreen

        if self.facts is None:
            return
        reader = self.screen
        proposal = propose(self.facts, message.source_id, message.start, message.end,
                           message.focus)
        draft = draft_of(proposal, message.source_id, message.start, message.end)
        kept = self._unsaved
        if kept is not None and (kept.source, kept.start, kept.end) == (
                draft.source, draft.start, draft.end):
            draft = kept

        def keep(unsaved: ClaimDraft) -> None:
            self._unsaved = unsaved

        def done(ident: str | None) -> None:
            if ident is None:
                return  # cancelled: the selection stays, to capture again
            self._unsaved = None
            if hasattr(reader, "selection_done"):
                reader.selection_done()
            self._show_after_reload = Location("claim", ident)
            self.action_reload(f"Added the claim {ident}")

        self.push_screen(CaptureScreen(self.facts, draft, proposal, self.write_capture, keep),
                         done)

    def write_capture(self, made: Tables) -> list[str]:
        """Write the claim and its new entities (called in a thread); the problems that
        refused it, none when written."""
        from tui.storage.fact_edit import EditRefused, append_table, edit

        def change(text: str) -> str:
            for entity in made.entities:
                text = append_table(text, "entities", entity)
            return append_table(text, "claims", made.claim, sub_tables=("figure",))

        try:
            self._last_capture = edit(self.facts_path, change)
            self._last_captured = str(made.claim["id"])
        except EditRefused as refused:
            return [str(refused), *refused.problems]
        except OSError as error:
            return [f"{self.facts_path}: {error.strerror or error}; nothing was changed"]
        return []

    def action_undo_capture(self) -> None:
        """The fact file back, byte for byte, to what it was before the last capture."""
        from tui.storage.fact_edit import EditRefused, undo

        edited = self._last_capture
        if edited is None:
            self.notify("No capture to undo in this session", timeout=3)
            return
        try:
            undo(edited)
        except (EditRefused, OSError) as error:
            self.notify(str(error), severity="error", timeout=8, markup=False)
            return
        self._last_capture = None
        self.action_reload(f"Undid the capture of {self._last_captured}, the file back byte "
                           "for byte")

    def take_shown_after_reload(self) -> Location | None:
        location, self._show_after_reload = self._show_after_reload, None
        return location if location is not None and self.exists(location) else None
