"""Fix anchors from the app (issue 14): the citations a changed source text broke, repaired
where the repair is unambiguous and close (`tui.domain.capture.repair`), each shown old and
new before anything is written. `f` on the problems screen (the file did not open) and `F` in
the browser (a reload found problems; the last good version is on screen) both ask it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.app.capturing import CapturingApp

if TYPE_CHECKING:
    from tui.domain.capture.repair import Repairs


class RepairingApp(CapturingApp):
    def action_fix_anchors(self) -> None:
        """Find the repairs in a thread (it loads the file, and matches passages), then show
        them; nothing is written before the user confirms."""
        if any(w.group == "fix-anchors" and not w.is_finished for w in self.workers):
            return
        self.notify("Looking for the nearest passages of the broken citations…", timeout=2)
        self.run_worker(self._find_repairs, thread=True, group="fix-anchors")

    def _find_repairs(self) -> None:
        from tui.domain.capture.repair import find_repairs

        found = find_repairs(self.facts_path)
        self._to_ui_thread(self._offer_repairs, found)

    def _offer_repairs(self, found: Repairs) -> None:
        from tui.screens.fix_anchors import FixAnchorsScreen

        if found.unusable:
            self.notify("The file cannot be read as a fact file: no citation can be repaired "
                        "until it can", severity="warning", timeout=5)
        elif not found.repairs:
            self.notify("No broken citation to repair", timeout=4)
        else:
            self.push_screen(FixAnchorsScreen(found),
                             lambda confirmed: self._repairs_confirmed(found, confirmed))

    def _repairs_confirmed(self, found: Repairs, confirmed: bool | None) -> None:
        if confirmed and found.repairable:
            self.run_worker(lambda: self._write_repairs(found), thread=True,
                            group="fix-anchors")

    def _write_repairs(self, found: Repairs) -> None:
        from tui.domain.capture.repair import apply_repairs
        from tui.storage.fact_edit import EditRefused

        try:
            apply_repairs(found)
        except EditRefused as refused:
            message = "\n".join([str(refused), *refused.problems[:5]])
            self._to_ui_thread(self._tell_refused, message)
            return
        except OSError as error:
            self._to_ui_thread(self._tell_refused,
                               f"Cannot write {self.facts_path}: {error.strerror or error}")
            return
        self._to_ui_thread(self._repairs_written, found)

    def _to_ui_thread(self, callback: Callable[..., object], *args: object) -> None:
        """`callback(*args)` on the UI thread, unless the app has closed meanwhile."""
        with contextlib.suppress(RuntimeError):  # the app is no longer running
            self.call_from_thread(callback, *args)

    def _tell_refused(self, message: str) -> None:
        from tui.domain.present.safe_text import clean

        self.notify(clean(message), severity="error", timeout=8, markup=False)

    def _repairs_written(self, found: Repairs) -> None:
        from tui.screens.fix_anchors import repaired_message

        self.notify(repaired_message(found.repairable), timeout=4, markup=False)
        # the file watcher would notice too; the reload is not left to it
        self.action_reload("citations repaired")
