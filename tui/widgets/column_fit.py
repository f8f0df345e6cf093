"""Column widths that fit a table into the width it has: text gives way before figures.

Pure arithmetic, no Textual: the Sales table gives each column its natural width, a minimum
and a tier; when the columns are wider than the pane, the widest column of the first tier
gives one cell at a time (so the long ones end up alike), then the next tier's, down to
their minimums. A column cut this way shows its cells with an ellipsis (the table's `Text`
cells say `overflow="ellipsis"`).
"""

from __future__ import annotations

from collections.abc import Sequence


def fit_widths(natural: Sequence[int], minimum: Sequence[int],
               tiers: Sequence[Sequence[int]], available: int, padding: int = 0) -> list[int]:
    """The widths of columns `natural` wide (each with `padding` cells either side) within
    `available` cells: `tiers` lists column indices, the first tier to shrink first; a column
    never goes below its `minimum`, nor is one outside the tiers shrunk. What still does not
    fit after every tier is at its minimum stays too wide (the table scrolls)."""
    widths = list(natural)
    excess = sum(widths) + 2 * padding * len(widths) - available
    for tier in tiers:
        while excess > 0:
            candidates = [i for i in tier if widths[i] > minimum[i]]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: (widths[i], -i))
            # down to the next widest in one step (a hostile 10,000-cell label is one cut)
            others = [widths[i] for i in candidates if i != widest]
            floor = max([minimum[widest], *others])
            cut = min(excess, max(1, widths[widest] - floor))
            widths[widest] -= cut
            excess -= cut
    return widths
