"""Command palette providers: go to any claim, entity or source."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from tui.domain.facts.location import Location
from tui.domain.present.safe_text import one_line
from tui.messages import Open

if TYPE_CHECKING:
    from tui.domain.facts.factbase import FactBase

_DISCOVER = 12


def literal_highlight(matcher: Matcher, candidate: str) -> Content:
    """Like `Matcher.highlight`, which parses the candidate as markup, but literal."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _GoToProvider(Provider):
    noun: ClassVar[str] = ""
    _made: tuple[FactBase, list[tuple[str, Location, str]]] | None = None
    """The entries for the facts searched, made once while the palette is open, not at
    every keystroke (100,000 claims made 100,000 labels each time); gone when it closes."""

    def items(self, facts: FactBase) -> list[tuple[str, Location, str]]:
        raise NotImplementedError

    def _facts(self) -> FactBase | None:
        """The facts of the view the palette was opened on, or of the nearest view under it
        (help and the style picker hold none)."""
        from tui.domain.facts.factbase import FactBase

        for screen in (self.screen, *reversed(self.app.screen_stack)):
            facts = getattr(screen, "facts", None)
            if isinstance(facts, FactBase):
                return facts
        return None

    def _entries(self) -> list[tuple[str, Location, str]]:
        facts = self._facts()
        if facts is None:
            return []
        made = self._made
        if made is None or made[0] is not facts:
            made = (facts, [(f"{self.noun}: {label}", location, escape(help_text))
                            for label, location, help_text in self.items(facts)])
            self._made = made
        return made[1]

    def _go(self, location: Location) -> Callable[[], object]:
        # chosen: an Open up to the App, like enter on any list
        return partial(self.app.post_message, Open(location, "palette"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, location, help_text in self._entries():
            score = matcher.match(label)
            if score > 0:
                # help is rendered as markup by the palette: escaped data
                yield Hit(score, literal_highlight(matcher, label), self._go(location),
                          text=label, help=help_text)

    async def discover(self) -> Hits:
        for label, location, help_text in self._entries()[:_DISCOVER]:
            # a str display would be parsed as markup: hand the palette literal Content
            yield DiscoveryHit(Content(label), self._go(location), text=label, help=help_text)


class ClaimProvider(_GoToProvider):
    noun = "claim"

    def items(self, facts: FactBase) -> list[tuple[str, Location, str]]:
        return [(one_line(c.text), Location("claim", c.id),
                 f"{c.kind} · {c.status} · {c.id}") for c in facts.claims.values()]


class EntityProvider(_GoToProvider):
    noun = "entity"

    def items(self, facts: FactBase) -> list[tuple[str, Location, str]]:
        return [(one_line(e.name), Location("entity", e.id),
                 f"{e.kind}{' · ' + one_line(e.role) if e.role else ''} · {e.id}")
                for e in facts.entities.values()]


class SourceProvider(_GoToProvider):
    noun = "source"

    def items(self, facts: FactBase) -> list[tuple[str, Location, str]]:
        # found by its outlet and its tag too ("CnEVPost"), not only by its title
        return [(f"{one_line(s.title)} · {one_line(s.outlet)} [{one_line(s.short)}]",
                 Location("source", s.id), s.id) for s in facts.sources.values()]


class SeriesProvider(_GoToProvider):
    """A measure's series by its name ("exports: Chery Group"): the series view (S)."""

    noun = "series"

    def items(self, facts: FactBase) -> list[tuple[str, Location, str]]:
        from tui.domain.crossref.series import label_of, series_keys

        xref = getattr(self.app, "xref", None)
        keys = xref.series.keys if xref is not None and xref.facts is facts else \
            series_keys(facts)
        return [(one_line(label_of(facts, ids)), Location("claim", ids[0]),
                 f"{len(ids)} figure{'' if len(ids) == 1 else 's'}")
                for ids in keys.values()]

    def _go(self, location: Location) -> Callable[[], object]:
        show = getattr(self.app, "show_series", None)
        return partial(show, location.ident, at_current=True) if show is not None else \
            lambda: None
