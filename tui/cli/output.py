"""Standard output and error for the commands (`check`, `cite`): as literal as the screen.

Everything a command prints passes through one of these writers, whatever produced it (a
problem message, a path the user typed, a finding, a replayed cache entry), so no string from
a fact file can drive the terminal: text output gets the app's own sanitising
(`tui.domain.present.safe_text.clean`), and JSON keeps the data exact but writes C1 controls,
DEL, bidi controls and line separators as `\\uXXXX` escapes (JSON escapes the C0 controls itself).
Any other encoding gets ASCII with escapes: no UnicodeEncodeError, and no character that
UTF-16 or UTF-32 would write as an ESC byte.
"""

from __future__ import annotations

import codecs
import re
import sys
from typing import TextIO

from tui.domain.present.safe_text import JSON_UNSAFE, clean, json_escape

_NON_ASCII = re.compile("[^\x00-\x7f]")


def speaks_utf8(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


class SafeText:
    """Writes text with every control and bidi character made visible."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        # any other encoding gets ASCII only: in UTF-16 or UTF-32 a character such as
        # U+1B00 is written as the bytes 00 1B, an ESC to the terminal
        self._ascii = not speaks_utf8(stream)

    def write(self, text: str) -> int:
        shown = clean(text)
        if self._ascii:
            shown = shown.encode("ascii", "backslashreplace").decode("ascii")
        self.stream.write(shown)
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


class SafeJson(SafeText):
    """Writes JSON text (never anything else) with the characters a terminal would act on, or
    could not show, escaped; a JSON reader gets the same strings back."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._unsafe = _NON_ASCII if self._ascii else JSON_UNSAFE

    def write(self, text: str) -> int:
        self.stream.write(self._unsafe.sub(json_escape, text))
        return len(text)


def stdout(output_format: str = "text") -> SafeText:
    """The process's standard output, for `output_format`; raises OSError when there is
    none (started with it closed)."""
    if sys.stdout is None:
        raise OSError(9, "standard output is closed")
    return SafeJson(sys.stdout) if output_format == "json" else SafeText(sys.stdout)


def stderr() -> SafeText | None:
    return SafeText(sys.stderr) if sys.stderr is not None else None
