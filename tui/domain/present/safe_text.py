"""One sanitising path for every string from a fact file that reaches a screen or clipboard.

Control characters (C0 except newline, DEL, C1) become visible Unicode control pictures or
`\\x..` escapes, so ESC/CSI/OSC/DCS sequences can never drive the terminal; bidi overrides and
isolates become visible `<U+202E>` marks so they cannot reorder what a reader sees. Markup is
not this module's concern: the UI never interprets data as markup (it renders `Text` objects).
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE_RE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")
_UNSAFE_ALL_RE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _visible(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ control pictures
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


# str.translate does in C what a callback per match did in Python: a long line of controls
# (a hostile source, in the reader) took seconds
_TABLE = {ord(c): _visible(c) for c in map(chr, range(0xA0)) if _UNSAFE_RE.match(c)}
_TABLE |= {ord(c): _visible(c) for c in BIDI_CONTROLS}
_TABLE_ALL = {**_TABLE, ord("\n"): _visible("\n")}


def clean(text: str, *, multiline: bool = True) -> str:
    """`text` with every control and bidi-control character made visible and harmless."""
    pattern = _UNSAFE_RE if multiline else _UNSAFE_ALL_RE
    if pattern.search(text) is None:
        return text  # the usual case, at the regex's speed; translate looks at every character
    return text.translate(_TABLE if multiline else _TABLE_ALL)


def one_line(text: str) -> str:
    """`clean`, with line breaks and runs of white space folded to single spaces."""
    return " ".join(clean(text).split())


def verbatim_in(text: str, shown: str) -> str | None:
    """The characters of `text` that `clean(…, multiline=False)` shows as `shown`, if any:
    what a user copied from a cleaned view (a form field) back as the source has it."""
    if shown in text:
        return shown
    pieces = [clean(char, multiline=False) for char in text]
    joined = "".join(pieces)
    at = joined.find(shown)
    if at < 0 or not shown:
        return None
    offset, first, past = 0, None, None
    for index, piece in enumerate(pieces):
        if offset == at:
            first = index
        offset += len(piece)
        if offset == at + len(shown):
            past = index + 1
            break
    if first is None or past is None:
        return None  # `shown` starts or ends inside a character's picture
    return text[first:past]


JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")
"""What JSON text may hold raw but a terminal would act on (C1, DEL), or a reader could be
misled by (bidi controls, line separators); JSON escapes the C0 controls itself."""


def json_escape(match: re.Match[str]) -> str:
    """A matched character as a JSON `\\uXXXX` escape (a surrogate pair beyond U+FFFF)."""
    code = ord(match.group())
    if code > 0xFFFF:  # JSON has only UTF-16 escapes: a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(value: object, indent: int | None = 2) -> str:
    """`value` as JSON, every string exact (a reader gets it back) and nothing in it a
    terminal would act on: for exports, which a user may `cat`."""
    import json

    return JSON_UNSAFE.sub(json_escape, json.dumps(value, ensure_ascii=False, indent=indent))
