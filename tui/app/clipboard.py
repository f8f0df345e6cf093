"""Copy text by every route that exists: OSC 52 through the terminal, and a native tool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

# (name, command, environment variable that must be set for it to make sense)
_NATIVE: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("wl-copy", ("wl-copy",), "WAYLAND_DISPLAY"),
    ("xclip", ("xclip", "-selection", "clipboard"), "DISPLAY"),
    ("xsel", ("xsel", "--clipboard", "--input"), "DISPLAY"),
    ("pbcopy", ("pbcopy",), None),
)


def native_copy(text: str) -> str | None:
    """Copy with the first native clipboard tool that works; its name, or None."""
    if os.environ.get("CHERY_TUI_NO_NATIVE_CLIPBOARD"):
        return None
    for name, command, needs in _NATIVE:
        if needs is not None and not os.environ.get(needs):
            continue
        if name == "pbcopy" and sys.platform != "darwin":
            continue
        if shutil.which(command[0]) is None:
            continue
        try:
            subprocess.run(command, input=text.encode("utf-8"), timeout=2, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        return name
    return None
