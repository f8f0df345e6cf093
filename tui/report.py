"""Findings and the health report as text and JSON, for `chery-tui check`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from tui.domain.findings import Finding
from tui.domain.safe import one_line
from tui.domain.xref import Health

_PLURAL = {"contradiction": "contradictions", "tension": "tensions", "gap": "gaps",
           "consistent": "consistent"}


def findings_summary(findings: list[Finding]) -> str:
    counts: Counter[str] = Counter(f.kind for f in findings)
    parts = [f"{counts.get(k, 0)} {_PLURAL[k]}" for k in _PLURAL]
    return f"{len(findings)} findings: {', '.join(parts)}"


def findings_lines(findings: list[Finding]) -> Iterator[str]:
    """The findings as text, a line at a time (a large file has tens of thousands)."""
    yield f"Findings — {findings_summary(findings)}"
    for f in findings:
        yield f"  {f.kind:<13} {f.check:<14} {one_line(f.title)}"
        yield f"      {one_line(f.arithmetic)}"
        yield f"      tolerance: {one_line(f.tolerance)}"
        yield f"      claims: {', '.join(f.claims)}"



def health_text(health: Health) -> str:
    lines = [
        "Health",
        f"  claims backed by a single source: {len(health.single_source)}",
        f"  entities no claim is about: {len(health.unclaimed_entities)}"
        + (f" ({', '.join(health.unclaimed_entities)})" if health.unclaimed_entities else ""),
        f"  sources never cited: {len(health.uncited_sources)}"
        + (f" ({', '.join(health.uncited_sources)})" if health.uncited_sources else ""),
        f"  source lines never cited: {len(health.uncited_passages)}",
        f"  unresolved contradictions: {len(health.unresolved)}",
    ]
    for relation in health.unresolved:
        lines.append(f"      {relation.source_claim} contradicts {relation.target_claim}")
    return "\n".join(lines)


def findings_json(findings: list[Finding]) -> list[dict[str, Any]]:
    return [{"kind": f.kind, "check": f.check, "title": f.title, "claims": list(f.claims),
             "arithmetic": f.arithmetic, "tolerance": f.tolerance} for f in findings]


def health_json(health: Health) -> dict[str, Any]:
    return {
        "single_source_claims": list(health.single_source),
        "unclaimed_entities": list(health.unclaimed_entities),
        "uncited_sources": list(health.uncited_sources),
        "uncited_passages": [{"source": s, "line": n, "text": t}
                             for s, n, t in health.uncited_passages],
        "unresolved_contradictions": [{"from": r.source_claim, "type": r.type,
                                       "to": r.target_claim} for r in health.unresolved],
    }
