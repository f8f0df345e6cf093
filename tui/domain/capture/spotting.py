"""The figures, quotations and dates a stretch of source text states (issue 14).

The reader marks the figures and quotations no claim cites yet (what is left to capture),
and the capture form proposes a figure's value, unit and period, or a quote's words, from
what the selection states. Both read the text the same way, here. What is found is the
source's own characters with their offsets: a proposal, never a figure put in the file
without the user seeing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from tui.domain.facts.numbers import stated_number, written_number

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH_RE = "|".join(m.capitalize() for m in _MONTHS)
_CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "CNY", "US$": "USD", "RMB": "CNY",
               "CNY": "CNY"}
_CURRENCY_WORDS = {"pounds": "GBP", "dollars": "USD", "euros": "EUR", "yuan": "CNY",
                   "renminbi": "CNY", "rmb": "CNY", "usd": "USD", "eur": "EUR", "gbp": "GBP",
                   "cny": "CNY"}
_QUALIFIERS = (("more than", "more-than"), ("fewer than", "less-than"),
               ("less than", "less-than"), ("at least", "at-least"), ("up to", "up-to"),
               ("nearly", "nearly"), ("almost", "nearly"), ("about", "about"),
               ("around", "about"), ("roughly", "about"), ("approximately", "about"),
               ("some", "about"), ("over", "over"))

_FIGURE_RE = re.compile(
    r"(?P<currency>US\$|[£$€¥]|RMB ?|CNY ?)?"
    r"(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,]*\d)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?:\s?(?P<percent>%|per ?cent\b|percentage points?\b)"
    r"|\s(?P<word>[a-zA-Z][a-zA-Z-]*s)\b)?",
)
"""A number as an article writes a figure: a currency sign, the digits, a scale word, then
% or a plural noun ("48,000 units", "£15 billion", "2.4%", "3,800 vehicles")."""
_DATE_RE = re.compile(
    rf"\b(?:(?P<month>{_MONTH_RE})\s+(?:(?P<day>\d{{1,2}}),?\s+)?(?P<year>(?:19|20)\d\d)"
    rf"|(?P<year_only>(?:19|20)\d\d))\b")
_QUOTE_RE = re.compile(r"“[^“”]{3,}?”|\"[^\"\n]{3,}?\"")
"""A passage in double quotation marks, curly or straight (single marks are too often
apostrophes to tell apart)."""


@dataclass(frozen=True, slots=True)
class SpottedFigure:
    start: int
    end: int
    stated: str
    """The figure as the text writes it ("£15 billion", "48,000 units")."""
    value: int | float | None
    """The number in its unit, as stated (1.2 million is 1200000); None when unreadable."""
    unit: str
    """"percent", "currency", the noun that follows ("units"), or "" when the text names
    none (the user says what is counted)."""
    currency: str | None = None
    qualifier: str = "exact"


@dataclass(frozen=True, slots=True)
class SpottedDate:
    start: int
    end: int
    stated: str
    date: str
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""


def _is_year(match: re.Match[str]) -> bool:
    number = match.group("number")
    return (len(number) == 4 and number[:2] in {"19", "20"} and not match.group("currency")
            and not match.group("scale") and not match.group("percent"))


def _after_month(text: str, start: int) -> bool:
    before = text[max(0, start - 10):start].rstrip().rsplit(None, 1)
    return bool(before) and before[-1].lower().rstrip(",") in _MONTHS


_THIN_SPACES = "\u00a0\u202f\u2009"
"""The spaces some write thousands with ("3 000")."""


def _part_of_a_word(text: str, match: re.Match[str]) -> bool:
    """"36kr", "1st", "192-line", the "11" of "1-11": a number that is part of a name or a
    range, not a figure on its own."""
    after = text[match.end("number"):match.end("number") + 2]
    before = text[max(0, match.start("number") - 2):match.start("number")]
    if not match.group("scale") and after[:1].isalpha():
        return True
    spaced_before = len(before) == 2 and before[1] in _THIN_SPACES and before[0].isdigit()
    spaced_after = len(after) == 2 and after[0] in _THIN_SPACES and after[1].isdigit()
    if spaced_before or spaced_after:
        return True  # "3 000" with a no-break space: one number, which this does not read
    if "\x1b" in text[max(0, match.start() - 4):match.start()]:
        return True  # the "31" of an escape sequence's "\x1b[31m"
    return (after[:1] == "-" and after[1:].isalnum()) or before[-1:] == "-"


def figures_in(text: str, start: int = 0, end: int | None = None, *, every: bool = False
               ) -> Iterator[SpottedFigure]:
    """The figures text[start:end] states, in order: a number with a currency, a scale
    word, a percentage or a plural noun, or one of several digits written with thousands
    separators. Years, days of a month, and numbers in names ("Jaecoo 7", "36kr") or list
    marks are left out; `every` keeps bare numbers ("7") too."""
    for match in _FIGURE_RE.finditer(text, start, len(text) if end is None else end):
        if _is_year(match) or _after_month(text, match.start("number")) or \
                _part_of_a_word(text, match):
            continue
        figure = _figure(text, match)
        if every or figure.unit or match.group("scale") or "," in match.group("number"):
            yield figure


def _figure(text: str, match: re.Match[str]) -> SpottedFigure:
    currency, percent, word = match.group("currency"), match.group("percent"), \
        match.group("word")
    unit, code = "", None
    if currency:
        unit, code = "currency", _CURRENCIES[currency.strip()]
    elif percent:
        unit = "percentage-points" if percent.startswith("percentage") else "percent"
    elif word and word.lower() in _CURRENCY_WORDS:
        unit, code = "currency", _CURRENCY_WORDS[word.lower()]
    elif word:
        unit = word.lower()
    stated = match.group()
    if word and not unit:
        stated = stated[: match.start("word") - match.start()].rstrip()
    number = stated_number(match.group("number") + (
        " " + match.group("scale") if match.group("scale") else ""))
    return SpottedFigure(match.start(), match.end(), stated, _plain(number), unit, code,
                         _qualifier(text, match.start()))


def _plain(number: Decimal | None) -> int | float | None:
    if number is None:
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def _qualifier(text: str, start: int) -> str:
    before = text[max(0, start - 16):start].lower().rstrip()
    for words, qualifier in _QUALIFIERS:
        if re.search(rf"\b{words}$", before):
            return qualifier
    return "exact"


def dates_in(text: str, start: int = 0, end: int | None = None) -> Iterator[SpottedDate]:
    """The dates text[start:end] names: "July 26, 2023", "October 2025", "2025"."""
    for match in _DATE_RE.finditer(text, start, len(text) if end is None else end):
        if match.group("year_only"):
            yield SpottedDate(match.start(), match.end(), match.group(), match.group())
            continue
        month = _MONTHS.index(match.group("month").lower()) + 1
        date = f"{match.group('year')}-{month:02d}"
        if match.group("day"):
            date += f"-{int(match.group('day')):02d}"
        yield SpottedDate(match.start(), match.end(), match.group(), date)


def quotations_in(text: str, start: int = 0, end: int | None = None
                  ) -> Iterator[tuple[int, int]]:
    """The passages of text[start:end] in double quotation marks, marks included."""
    for match in _QUOTE_RE.finditer(text, start, len(text) if end is None else end):
        yield match.start(), match.end()


def uncited(text: str, figures_cited: list[tuple[int, int, frozenset[str]]],
            quotes_cited: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The figures and quotations of `text` no claim of their kind captures yet, in order:
    what is left to capture. A figure is captured when a figure claim's citation holds it and
    states its number (`figures_cited`: each citation's span and the digits its claim's
    stated figures are written with, "48,000"); a quotation, when a quote claim's citation
    overlaps it. A claim about a whole sentence of figures captures none of them."""
    import bisect
    import itertools

    figures = list(figures_in(text))
    starts = [f.start for f in figures]
    done: set[int] = set()
    for a, b, digits in figures_cited:
        for n in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
            written = written_number(figures[n].stated)
            if figures[n].end <= b and written is not None and written[0] in digits:
                done.add(n)
    quoted = sorted(quotes_cited)
    quote_starts = [a for a, _ in quoted]
    reach = list(itertools.accumulate((b for _, b in quoted), max))
    """reach[i]: the furthest any of the first i + 1 quote citations ends."""

    def quote_captured(span: tuple[int, int]) -> bool:
        j = bisect.bisect_left(quote_starts, span[1])  # those starting before it ends
        return j > 0 and reach[j - 1] > span[0]

    left = [(f.start, f.end) for n, f in enumerate(figures) if n not in done]
    left += [q for q in quotations_in(text) if not quote_captured(q)]
    return sorted(set(left))
