"""The consistency checks about dates and stated relations (a part of the engine)."""

from __future__ import annotations

from collections.abc import Iterable

from tui.domain.crossref.findings import FindingKind
from tui.domain.crossref.quantities import first_day, last_day
from tui.domain.facts.factbase import FactBase
from tui.domain.facts.figure import When
from tui.domain.facts.model import Relation
from tui.domain.present.safe_text import one_line


class DateChecks:
    """Relative dates against their article, the order of updates, plans that fell due, and
    the contradictions the sources themselves state. Mixed into the engine."""

    facts: FactBase
    relations: dict[str, list[Relation]]

    def add(self, kind: FindingKind, check: str, title: str, claims: Iterable[str],
            arithmetic: str, tolerance: str) -> None:
        raise NotImplementedError

    def _source_window(self, source_id: str) -> tuple[str | None, str | None]:
        """Earliest and latest possible publication (partial dates), or None if open."""
        when = self.facts.sources[source_id].published
        early = when.date or when.not_before
        late = when.date or when.not_after
        return early, late

    def dates(self) -> None:
        for cid, claim in self.facts.claims.items():
            when = claim.when
            if when is None or when.basis != "inferred" or not when.stated or not when.date:
                continue
            for source_id in dict.fromkeys(c.source for c in claim.citations):
                early, late = self._source_window(source_id)
                limit = late or early
                if limit is None:
                    continue
                ok = first_day(when.date) <= last_day(limit)
                self.add("consistent" if ok else "contradiction", "relative-date",
                         f"“{one_line(when.stated)}” in {cid} resolves to {when.date}, "
                         f"{'not after' if ok else 'after'} its source", [cid],
                         f"{when.date} {'≤' if ok else '>'} publication "
                         f"{self.facts.sources[source_id].published.date or limit}",
                         "dates compared at the precision given")
        for relation in self.relations["updates"] + self.relations["supersedes"]:
            new, old = relation.source_claim, relation.target_claim
            new_src = self.facts.claims[new].citations[0].source
            old_src = self.facts.claims[old].citations[0].source
            _, new_late = self._source_window(new_src)
            old_early, _ = self._source_window(old_src)
            if new_late and old_early and last_day(new_late) < first_day(old_early):
                self.add("contradiction", "order", f"{new} is dated before the claim it updates",
                         [new, old], f"{new_src} ≤ {new_late} < {old_src} ≥ {old_early}",
                         "publication dates")
            elif self.facts.sources[new_src].published.date and \
                    self.facts.sources[old_src].published.date:
                self.add("consistent", "order", f"{new} is later than {old}, as it says",
                         [new, old], f"{self.facts.sources[old_src].published.date} → "
                         f"{self.facts.sources[new_src].published.date}", "publication dates")
            else:
                self.add("gap", "order", f"The order of {old} and {new} rests on wording alone",
                         [new, old], f"{old_src}: {_window(self.facts.sources[old_src].published)}"
                         f"; {new_src}: {_window(self.facts.sources[new_src].published)}",
                         "the sources are not dated precisely enough to order them")
        latest = max((first_day(d) for s in self.facts.sources.values()
                      for d in (s.published.date, s.published.not_before) if d), default=None)
        updated = {r.target_claim for r in self.relations["updates"]}
        for cid, claim in self.facts.claims.items():
            if claim.due is None or claim.due.date is None:
                continue
            due = claim.due.not_after or claim.due.date
            if latest is not None and last_day(due) < latest and cid not in updated:
                self.add("gap", "plan-date", f"{cid}: it was due by {due} and no later claim "
                         "says what happened", [cid],
                         f"due by {due}; the newest source is dated from {latest.isoformat()}",
                         "dates at the precision given")

    # ── relations the sources state ────────────────────────────────────────────────

    def stated(self) -> None:
        for relation in self.relations["contradicts"]:
            a, b = relation.source_claim, relation.target_claim
            denied = self.facts.claims[b].status == "denied"
            title = (f"{a} denies {b}" if denied else f"{a} contradicts {b}")
            self.add("contradiction", "stated", title, [a, b],
                     one_line(relation.note or "recorded as a contradicts relation"),
                     "stated by the sources; no arithmetic")


def _window(when: When) -> str:
    if when.date:
        return when.date
    return f"{when.not_before or '?'}…{when.not_after or '?'}"
