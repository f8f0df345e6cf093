"""Parse TOML with a compiled Rust parser (toml-rs) where it is sure to give what tomli gives,
and with tomli everywhere else.

tomli stays the reference: it decides what is valid, its errors carry the line and column
that problems are reported at, and `long_integers` reads what it refuses. toml-rs, in its
TOML 1.0 mode, reads a large fact file in pieces several times as fast (docs/performance.md,
"Parsing and validating"), and gave the same Python values as tomli (types, key order, dates
and times, floats to the bit) on every file and mutation tried. Where the two were found to
differ, or toml-rs cannot be trusted, `fast` declines and the caller uses tomli:

- a text with more `[` and `{` than `_OPENS`: toml-rs has no nesting limit of its own and
  recurses deeply on the C stack (thousands of nested arrays crash the process, and a thread
  of 1 MB, the smallest stack Python threads get on common builds, holds a few hundred
  levels), while tomli refuses more than 400 levels (RecursionError, reported as "nested
  too deeply"). A text with at most `_OPENS` of them cannot nest deeper than that;
- a text with more dots than `_DOTS`: tomli refuses a key of more parts than the recursion
  limit (RecursionError), toml-rs reads it;
- a run of digits longer than Python reads as an integer (`sys.get_int_max_str_digits`):
  tomli raises ValueError (and `long_integers` stands in), toml-rs reads the number;
- a byte order mark at the start, which toml-rs skips and tomli refuses (the loader drops
  one before parsing; a second one is an error);
- anything toml-rs rejects or fails on: tomli parses it again, and its verdict (a value or
  the exact error) is the one used. toml-rs's TOML 1.0 mode also rejects what only TOML 1.1
  allows (newlines in inline tables, `\\e`, times without seconds), which tomli reads; its
  1.1 mode accepted a newline around an inline table's `=`, which TOML 1.1 does not allow.

Without toml-rs (no wheel for the platform), everything goes to tomli, as before.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

# toml-rs's Linux wheels allocate with their own mimalloc, which by default commits its
# first arena whole when the library loads: resident memory that loading a fact file never
# gave back (docs/performance.md, "Memory held"). Read once, as the library loads; a value
# the user set is kept.
os.environ.setdefault("MIMALLOC_ARENA_EAGER_COMMIT", "0")

try:  # a compiled wheel; the pure-Python path below needs only tomli
    import toml_rs
except ImportError:  # pragma: no cover - the tests hide it to run this path
    toml_rs = None  # type: ignore[assignment]

_OPENS = 200
"""Most `[` and `{` in a text given to toml-rs: the deepest nesting it can then meet, half
of tomli's own limit of 400 and within a 1 MB thread stack (docs/performance.md)."""
_DOTS = 200
"""Most dots in a text given to toml-rs: far below the parts of a key tomli refuses (the
recursion limit, normally 1,000)."""
_DIGIT_RUNS = bytes(48 if b in b"0123456789_" else 32 for b in range(256))
"""Maps every ASCII digit and `_` to `0` and every other byte to a space: a run of zeros in
the result is a run that could be one integer literal."""


def available() -> bool:
    """Whether toml-rs is installed and may be used here: on the main thread only (see
    `fast`)."""
    return toml_rs is not None and threading.current_thread() is threading.main_thread()


def trusted(data: bytes) -> bool:
    """Whether toml-rs may parse `data` (UTF-8 TOML): nothing in it that toml-rs and tomli
    were found to read differently, or that could exhaust toml-rs's stack (see the module
    docstring). Each test is one C-speed pass over the bytes."""
    if data.count(b"[") + data.count(b"{") > _OPENS or data.count(b".") > _DOTS:
        return False
    if data.startswith(b"\xef\xbb\xbf"):
        return False
    digits = sys.get_int_max_str_digits()
    return not digits or len(data) <= digits or b"0" * (digits + 1) not in data.translate(
        _DIGIT_RUNS)


def fast(data: bytes, text: str) -> dict[str, Any] | None:
    """The document `text` (`data` decoded) as tomli would read it, or None when toml-rs is
    missing, not trusted with this text, or rejects it, or when called off the main thread:
    the caller then asks tomli.

    Off the main thread: toml-rs crashed the process (SIGSEGV inside `toml_rs.loads`) about
    one run in three of tests/test_app.py, always in the app's loading thread while the UI
    thread ran; never in a thread of its own in a script, nor in `check` (the main thread).
    Until that is understood, the app reads with tomli (docs/performance.md)."""
    return parse_trusted(text) if available() and trusted(data) else None


def parse_trusted(text: str) -> dict[str, Any] | None:
    """`text` read by toml-rs, which `trusted` has found safe for it; None when toml-rs is
    missing, off the main thread, or rejects the text (tomli then reads it, and reports
    what is wrong)."""
    if toml_rs is None or not available():
        return None
    try:
        doc: dict[str, Any] = toml_rs.loads(text, toml_version="1.0.0")
    except Exception:  # its TOMLDecodeError, or anything else: tomli has the last word
        return None
    return doc
