"""A finding of the consistency engine: its kind, the check, the claims, and its words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

FindingKind = Literal["consistent", "tension", "contradiction", "gap"]
KIND_ORDER: dict[str, int] = {"contradiction": 0, "tension": 1, "gap": 2, "consistent": 3}


Explanation = Callable[[], tuple[str, str, str]]


class Finding:
    """One finding. Its words (title, arithmetic, tolerance) are written only when read: a
    large file has tens of thousands of findings, and most are never displayed."""

    __slots__ = ("_explain", "_words", "check", "claims", "kind")

    def __init__(self, kind: FindingKind, check: str, claims: tuple[str, ...],
                 explain: Explanation) -> None:
        self.kind = kind
        self.check = check
        """Which check found it: growth, parts, subset, share, comparison, ratio,
        same-quantity, conversion, relative-date, order, plan-date, stated."""
        self.claims = claims
        self._explain: Explanation | None = explain
        self._words: tuple[str, str, str] | None = None

    def worded(self) -> tuple[str, str, str]:
        """(title, arithmetic, tolerance), without keeping them: for writing every finding
        of a large file once (a report), where keeping all the words would only cost memory."""
        if self._words is not None:
            return self._words
        assert self._explain is not None
        return self._explain()

    def _text(self, index: int) -> str:
        if self._words is None:
            assert self._explain is not None
            self._words = self._explain()
            self._explain = None
        return self._words[index]

    @property
    def title(self) -> str:
        return self._text(0)

    @property
    def arithmetic(self) -> str:
        return self._text(1)

    @property
    def tolerance(self) -> str:
        return self._text(2)

    @property
    def key(self) -> str:
        """A stable identifier, for tests and for following a finding."""
        return f"{self.check}:{'+'.join(self.claims)}"

    def __repr__(self) -> str:
        return f"Finding({self.kind!r}, {self.key!r})"
