"""`clean`: every control and bidi character, and nothing else, becomes something visible."""

from __future__ import annotations

from tui.domain.present.safe_text import clean, one_line

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _expected(char: str, multiline: bool) -> str:
    code = ord(char)
    if char == "\n" and multiline:
        return char
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code < 0x7F:
        return char
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if char in _BIDI:
        return f"<U+{code:04X}>"
    return char


def test_every_character_of_the_first_planes_is_cleaned_as_documented() -> None:
    for code in [*range(0x3000), 0xFEFF, 0x1F600, 0x10FFFF]:
        char = chr(code)
        for multiline in (True, False):
            assert clean(char, multiline=multiline) == _expected(char, multiline), hex(code)


def test_a_text_is_cleaned_character_by_character() -> None:
    text = "a\x1b]52;c;eA==\x07b\n\x9b\u202ec\td\x7f[bold]"
    assert clean(text) == "a␛]52;c;eA==␇b\n\\x9b<U+202E>c d␡[bold]"
    assert clean(text, multiline=False) == "a␛]52;c;eA==␇b␊\\x9b<U+202E>c d␡[bold]"
    assert one_line(" x \n\n y\t") == "x y"
    plain = "Nothing to change here, not even “quotes”."
    assert clean(plain) is plain
