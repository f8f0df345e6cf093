"""The breadcrumb: the last places, oldest first, elided from the left so that the newest
(where the user is) always shows."""

from __future__ import annotations

SEPARATOR = "  ›  "
ELIDED = "…"


def fit_crumbs(labels: list[str], width: int) -> list[str]:
    """The labels to show in `width` cells: the newest always, then as many older ones as
    fit before it, with `ELIDED` first when some were left out. The newest alone is cut at
    its end only when it is wider than everything."""
    if not labels or width <= 0:
        return []
    newest = labels[-1]
    if len(newest) >= width:
        return [newest[: max(0, width - 1)] + ELIDED]
    shown = [newest]
    used = len(newest)
    for label in reversed(labels[:-1]):
        room = width - used - len(SEPARATOR)
        left_out = len(labels) - len(shown) - 1 > 0
        # keep room for the elision mark while older crumbs remain unshown
        need = len(label) + (len(ELIDED) + len(SEPARATOR) if left_out else 0)
        if need > room:
            break
        shown.insert(0, label)
        used += len(SEPARATOR) + len(label)
    if len(shown) < len(labels) and used + len(SEPARATOR) + len(ELIDED) <= width:
        shown.insert(0, ELIDED)
    return shown
