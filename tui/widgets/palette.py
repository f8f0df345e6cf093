"""The colours the app draws its texts with, all from the active Textual theme's variables.

Each role (a contradiction, the basket mark, a link…) is a Textual style with `$variables`
(the table below), resolved to a Rich `Style` once per theme: drawing a row costs a lookup,
not a parse. The `$text-*` variables are the ones Textual makes for text: the theme's colour
tinted towards the contrasting foreground, so that they read on light themes as on dark ones
(plain `$warning` on textual-light is 1.4:1 against its surface).

The texts are built from plain strings with these `Style` objects: data never goes through
markup. Widgets draw them again when the theme changes (`follow_theme`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import ref

from rich.style import Style
from textual.color import Color
from textual.dom import DOMNode
from textual.style import Style as TextualStyle

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme

N = TypeVar("N", bound=DOMNode)

ROLES: dict[str, str] = {
    "contradiction": "bold $text-error",
    "tension": "bold $text-warning",
    "gap": "$text-primary",
    "consistent": "$text-success",
    "basket": "$text-success",
    "corroborated": "$text-success",
    "link": "$text-primary",
    "date": "$text-secondary",
    "bar": "$text-primary",
    # underlined too: under the list's cursor (which sets the colours) and without colour
    # (NO_COLOR) a match still shows
    "match": "bold underline $foreground on $warning-muted",
    "warning": "$text-warning",
    # the entity the lists are filtered to, in the main screen's filter bar ($warning 15%)
    "filter": "bold $text-warning",
    "problem": "bold $text-error",
    "key": "bold $text-accent",
}
"""Role -> Textual style. Muted text is plain "dim" where it is drawn: not a colour."""


@dataclass(frozen=True, slots=True)
class Palette:
    """The Rich style of each role in one theme."""

    contradiction: Style
    tension: Style
    gap: Style
    consistent: Style
    basket: Style
    corroborated: Style
    link: Style
    date: Style
    bar: Style
    match: Style
    warning: Style
    filter: Style
    problem: Style
    key: Style

    def finding(self, kind: str) -> Style:
        """A finding's kind ('contradiction', 'tension', 'gap', 'consistent')."""
        style: Style = getattr(self, kind)
        return style


MIN_CONTRAST = 4.5
"""WCAG's least contrast for text (AA). Some themes' `$text-*` fall short on their own
background (textual-light's warning 3.0:1, atom-one-light's success 2.5:1): those are moved
towards the theme's foreground until they reach it."""


def palette_for(variables: Mapping[str, str]) -> Palette:
    """The roles' styles with a theme's CSS variables (`App.theme_variables`), each readable
    on the theme's background."""
    values = dict(variables)
    foreground = _colour(values.get("foreground"))
    # the panes draw on the background, the dialogs and bars on the surface
    grounds = [c for c in map(_colour, (values.get("background"), values.get("surface")))
               if c is not None]
    styles: dict[str, Any] = {}
    for role, spec in ROLES.items():
        style = TextualStyle.parse(spec, values).rich_style
        if grounds and foreground is not None:
            style = _readable(style, grounds, foreground)
        styles[role] = style
    return Palette(**styles)


def _colour(value: str | None) -> Color | None:
    from textual.color import ColorParseError

    if not value:
        return None
    try:
        colour = Color.parse(value)
    except ColorParseError:
        return None  # an ANSI theme's "ansi_default": the terminal's own, not known here
    return colour if colour.a == 1 else None


def _readable(style: Style, grounds: list[Color], foreground: Color) -> Style:
    """`style` with its colour moved towards `foreground` until it has `MIN_CONTRAST` on
    each of `grounds` (a style with a background of its own is left as it is)."""
    if style.color is None or style.bgcolor is not None or style.color.triplet is None:
        return style
    red, green, blue = style.color.triplet
    colour = Color(red, green, blue)
    for _ in range(10):
        if min(_contrast(colour, ground) for ground in grounds) >= MIN_CONTRAST:
            break
        colour = colour.blend(foreground, 0.2)
    return style + Style(color=colour.rich_color)


def _contrast(a: Color, b: Color) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.r) + 0.7152 * channel(colour.g)
            + 0.0722 * channel(colour.b))


def palette_of_theme(theme: Theme) -> Palette:
    """The roles' styles in `theme`, outside an app (the variables Textual makes of it)."""
    return palette_for({**theme.to_color_system().generate(), **theme.variables})


_last: tuple[dict[str, str], Palette] | None = None


def current_palette(app: App[Any]) -> Palette:
    """The roles' styles in the app's theme now. Cheap enough for every row drawn: the app
    makes a new `theme_variables` when its CSS is refreshed for another theme, and only then
    is the palette made again."""
    global _last
    variables = app.theme_variables
    if _last is None or _last[0] is not variables:
        _last = (variables, palette_for(variables))
    return _last[1]


def follow_theme(node: N, redraw: Callable[[N], object]) -> None:
    """Call `redraw(node)` after each change of theme, once the new theme's CSS is in force
    (the app's `theme` watcher runs before it; `theme_changed_signal` is published after).

    Nothing here holds `node`: the signal keeps its subscribers in a WeakKeyDictionary whose
    values are the callbacks, and a callback that held the node (a bound method, or
    Textual's own deferred callback) kept every screen a reload replaced alive, with its
    facts. So `redraw` takes the node: pass a function (`ItemList._recolour`), not a bound
    method."""
    held = ref(node)

    def changed(_theme: object) -> None:
        alive = held()
        if alive is not None:
            alive.call_next(redraw, alive)

    node.app.theme_changed_signal.subscribe(node, changed, immediate=True)

