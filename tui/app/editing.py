"""`e`: the fact file in the user's editor, at the selected item's entry
(issue 14). The app is suspended while the editor runs, as git and lazygit do, and reloads when
it returns (a saved file reloads by itself as well)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

from tui.app.loading import LoadingApp
from tui.domain.facts.location import Location
from tui.domain.loading.problems import line_of_offset

_GOTO_STYLE = {"code", "code-insiders", "codium", "subl", "zed"}
"""Editors that take `FILE:LINE` after `--goto`/`-g` rather than `+LINE FILE`."""


def editor_command(editor: str, path: Path, line: int) -> list[str]:
    """The command that opens `path` at `line` in `editor` (as `$EDITOR` holds it)."""
    words = shlex.split(editor)
    name = Path(words[0]).name if words else ""
    if name in _GOTO_STYLE:
        return [*words, "--wait" if name != "subl" else "-w", "-g" if name == "subl"
                else "--goto", f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]


def line_of_id(text: str, ident: str) -> int:
    """The line of `id = "IDENT"` (ids are unique across a fact file); 1 when not found."""
    pattern = re.compile(rf"""^\s*id\s*=\s*(["']){re.escape(ident)}\1""", re.MULTILINE)
    found = pattern.search(text)
    return line_of_offset(text, found.start()) if found else 1


class EditingApp(LoadingApp):
    def action_edit_facts(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor or not shlex.split(editor):
            self.notify("Set $EDITOR to edit from here, e.g. export EDITOR=nano (or vim, "
                        "'code --wait')", severity="warning", timeout=6)
            return
        path, line = self._edit_target(self.selected())
        command = editor_command(editor, path, line)
        try:
            with self.suspend():
                done = subprocess.run(command, check=False)
        except OSError as error:
            self.notify(f"Could not run {command[0]}: {error.strerror or error}",
                        severity="error", markup=False, timeout=6)
            return
        except Exception as error:  # SuspendNotSupported: no terminal to give the editor
            self.notify(f"Cannot hand the terminal to an editor here ({type(error).__name__})",
                        severity="warning", timeout=6)
            return
        if done.returncode:
            self.notify(f"{command[0]} ended with status {done.returncode}", timeout=4,
                        markup=False)
        self.action_reload("edited")

    def _edit_target(self, location: Location | None) -> tuple[Path, int]:
        """The fact file, at the selected item's entry: in the reader, the claim whose
        passage it is (its citation lives there), else the source's."""
        if self.facts is None or location is None:
            return self.facts_path, 1
        ident = location.claim if location.kind == "source" and location.claim else \
            location.ident
        try:
            text = self.facts_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return self.facts_path, 1
        return self.facts_path, line_of_id(text, ident)
