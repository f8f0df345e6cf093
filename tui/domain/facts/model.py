"""The fact-file format as pydantic models.

A fact file is TOML; these models are its schema. Every model forbids unknown keys so a typo
is an error, not a silently ignored field. Cross-references (ids) are checked by the loader,
not here, so that every broken reference can be reported at once with its line.
"""

from __future__ import annotations

from dataclasses import field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, model_validator

from tui.domain.facts.fields import Id, NonEmpty, Str, fact_table
from tui.domain.facts.figure import Figure, Period, When
from tui.domain.facts.magnitude import Count


@fact_table
class Quote:
    """Words attributed to a speaker."""

    speaker: Id
    """The entity (usually a person) the words are attributed to."""
    mode: Literal["direct", "reported"]
    """`direct`: the source prints the words in quotation marks; `reported`: paraphrased."""
    words: NonEmpty
    """The attributed words, verbatim from the cited passage."""
    via: Id | None = None
    """The entity that relayed the words when the source quotes another outlet."""


@fact_table
class Citation:
    """A verbatim passage of a source, like a W3C Web Annotation TextQuoteSelector."""

    source: Id
    exact: NonEmpty
    """The passage, character for character as in the source text."""
    prefix: Str | None = None
    """Text immediately before `exact`, to pick one of several occurrences."""
    suffix: Str | None = None
    """Text immediately after `exact`, to pick one of several occurrences."""
    occurrence: Count | None = None
    """Which remaining occurrence (1 = first) when prefix and suffix cannot tell them apart,
    e.g. in a source whose whole body is printed twice."""
    note: Str | None = None

    _span: int | None = field(default=None, init=False, repr=False, compare=False)
    """Set by the loader (start << 32 | end); not an input (a `_span` key in a file is an
    unknown key)."""

    @property
    def span(self) -> tuple[int, int]:
        """Character offsets [start, end) in the source text, set by the loader."""
        if self._span is None:
            raise LookupError("citation has not been resolved against its source")
        return self._span >> 32, self._span & 0xFFFFFFFF

    @property
    def resolved(self) -> bool:
        """False when the passage was not found in its source (the loader reported it)."""
        return self._span is not None

    def resolve_to(self, start: int, end: int) -> None:
        # one int, not a tuple of two: a large file holds a span per citation
        self._span = start << 32 | end


QualityKind = Literal[
    "duplicated-text",
    "spam-phrase",
    "placeholder",
    "boilerplate",
    "reported-speech-only",
    "anonymous-sourcing",
    "unattributed-data",
    "internal-inconsistency",
    "unclear-period",
    "unclear-date",
    "missing-date",
    "missing-author",
    "editing-error",
    "other",
]


@fact_table
class QualityNote:
    """A problem with a source, recorded rather than silently fixed."""

    kind: QualityKind
    note: NonEmpty
    passages: list[NonEmpty] = Field(default_factory=list)
    """Verbatim examples of the problem; each must occur in the source (any number of times)."""


@fact_table
class Source:
    """A text the facts are drawn from."""

    id: Id
    title: NonEmpty
    outlet: NonEmpty
    """Publisher or outlet as it presents itself."""
    tag: Annotated[str, Strict(), Field(min_length=1, max_length=10)] | None = None
    """A short label for lists (e.g. "FT"); defaults to the start of the id."""
    author: Str | None = None
    url: Str | None = None
    published: When
    path: NonEmpty
    """The source text, relative to the fact file's folder (e.g. `sources/001.txt`)."""
    language: Str = "en"
    quality: list[QualityNote] = Field(default_factory=list)
    note: Str | None = None

    @property
    def short(self) -> str:
        return self.tag or self.id[:10]


EntityKind = Literal[
    "group",
    "company",
    "brand",
    "model",
    "platform",
    "technology",
    "facility",
    "person",
    "place",
    "government-body",
    "media-outlet",
    "organisation",
]

LinkType = Literal[
    "brand-of",
    "model-of",
    "owned-by",
    "subsidiary-of",
    "joint-venture-with",
    "works-for",
    "part-of",
    "located-in",
    "partner-of",
    "rival-of",
    "member-of",
    "platform-of",
    "uses",
    "sold-as",
]


@fact_table
class Link:
    """A typed edge from one entity to another, optionally backed by a claim."""

    type: LinkType
    target: Id
    claim: Id | None = None
    """The claim whose citations establish the link."""
    note: Str | None = None


@fact_table
class Entity:
    id: Id
    name: NonEmpty
    kind: EntityKind
    aliases: list[NonEmpty] = Field(default_factory=list)
    role: Str | None = None
    """For people: their role as the sources give it."""
    note: Str | None = None
    links: list[Link] = Field(default_factory=list)


ClaimKind = Literal["figure", "event", "quote", "relationship", "plan", "assessment", "statement"]
Status = Literal[
    "confirmed", "announced", "reported", "rumoured", "denied", "planned", "expected", "opinion"
]


@fact_table
class Claim:
    """One atomic statement with the passages that state it."""

    id: Id
    kind: ClaimKind
    text: NonEmpty
    """The statement in one plain sentence (ours; the citations hold the source's words)."""
    about: Annotated[list[Id], Field(min_length=1)]
    status: Status
    citations: Annotated[list[Citation], Field(min_length=1)]
    when: When | None = None
    """When it happened (events) or was said or announced (quotes, plans)."""
    due: When | None = None
    """For plans and expectations: when the thing is due to happen ("by 2030")."""
    figure: Figure | None = None
    quote: Quote | None = None
    notes: list[NonEmpty] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_fits(self) -> Claim:
        if self.kind == "figure" and self.figure is None:
            raise ValueError("a 'figure' claim needs a [figure] table")
        if self.kind != "figure" and self.figure is not None:
            raise ValueError(
                f"a '{self.kind}' claim cannot have a [figure] table; use kind 'figure'"
            )
        if self.kind == "quote" and self.quote is None:
            raise ValueError("a 'quote' claim needs a [quote] table")
        if self.kind != "quote" and self.quote is not None:
            raise ValueError(f"a '{self.kind}' claim cannot have a [quote] table; use kind 'quote'")
        if self.kind == "event" and self.when is None:
            raise ValueError("an 'event' claim needs a [when] table")
        return self

    @property
    def dated_by(self) -> When | Period | None:
        """What dates the claim, for the timeline and for overlapping dates alike: its `when`,
        else its `due`, else its figure's period; the first that names any date."""
        for moment in (self.when, self.due):
            if moment is not None and (moment.date or moment.not_before or moment.not_after):
                return moment
        period = self.figure.period if self.figure is not None else None
        if period is not None and (period.start or period.end):
            return period
        return None

    @property
    def concerns(self) -> list[Id]:
        """The entities the claim concerns: those it is about, then the speaker it quotes,
        each once (not to be changed: most claims hand back their own `about`)."""
        about = self.about
        if self.quote is None and len(about) == 1:
            return about
        return list(dict.fromkeys([*about, *([self.quote.speaker] if self.quote else [])]))


RelationType = Literal[
    "corroborates", "contradicts", "updates", "supersedes", "derived-from", "qualifies", "related",
    # arithmetic links between figures, checked by the consistency engine
    "part-of", "subset-of", "exceeds", "ratio-of",
]
ARITHMETIC_RELATIONS = frozenset({"part-of", "subset-of", "exceeds", "ratio-of"})


@fact_table
class Relation:
    """A directed link between two claims: `from` corroborates / contradicts / ... `to`."""

    source_claim: Id = Field(alias="from")
    type: RelationType
    target_claim: Id = Field(alias="to")
    note: Str | None = None
    citations: list[Citation] = Field(default_factory=list)
    """Passages where a source itself states the relation (e.g. a denial)."""


@fact_table
class Column:
    id: Id
    title: NonEmpty


@fact_table
class Row:
    label: NonEmpty
    entity: Id | None = None
    cells: dict[Str, Id] = Field(default_factory=dict)
    """Column id -> id of the figure claim shown in that cell."""


@fact_table
class Table:
    """A view over figure claims; a cell names a claim, no figure is stored twice."""

    id: Id
    title: NonEmpty
    note: Str | None = None
    columns: Annotated[list[Column], Field(min_length=1)]
    rows: list[Row] = Field(default_factory=list)


class FactFile(BaseModel):
    """The whole document (its header is validated; the arrays are validated item by item)."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    format: Literal[1]
    title: NonEmpty
    description: Str | None = None
    sources: list[Source] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)

