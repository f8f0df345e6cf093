"""The App's actions behind c, C, space, b, B: copying citations (formatted by
`tui.domain.present.citations`) and keeping the citation basket."""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import TYPE_CHECKING

from textual import work

from tui.app.base import BrowserApp
from tui.app.clipboard import native_copy
from tui.domain.facts.location import Location
from tui.domain.present.safe_text import clean

if TYPE_CHECKING:  # the domain imports pydantic: kept off the path to the first screen
    from tui.domain.facts.factbase import FactBase
    from tui.domain.facts.model import Citation, Claim
    from tui.domain.present.citations import Style

_PREVIEW = 160


class CopyingApp(BrowserApp):
    """The part of the app that turns the selected item into citation text and copies it."""

    _copies = 0
    """How many copies were asked for: a native copy that a newer one overtook is skipped."""
    _clipboard_lock = threading.Lock()

    # ── copying ────────────────────────────────────────────────────────────────────

    def copy(self, text: str, what: str) -> None:
        """Copy by every route: OSC 52 (works over SSH and in tmux) at once, and a native tool
        in a thread (each may take up to 2 s), then say which routes took it."""
        text = clean(text)
        self.copy_to_clipboard(text)
        self._copies += 1
        if self.is_web:  # the page's clipboard; a tool here would copy on the server
            self._copied_to_page(text, what)
            return
        self._copy_natively(text, what, self._copies)

    def _copied_to_page(self, text: str, what: str) -> None:
        """In a browser tab: the page takes OSC 52 into its clipboard where the browser lets
        it (HTTPS, or this machine); elsewhere the text comes as a download instead."""
        import os

        if os.environ.get("CHERY_TUI_PAGE_CLIPBOARD", "1") != "0":
            self._copied(text, what, None, route="the browser's clipboard")
            return
        import io

        self.deliver_binary(io.BytesIO(text.encode("utf-8")), save_filename="citation.txt",
                            mime_type="text/plain")
        self.notify(f"This page cannot use the clipboard (not HTTPS): {what} is downloaded "
                    "as citation.txt", markup=False, title="Downloaded")

    @work(thread=True, group="clipboard")
    def _copy_natively(self, text: str, what: str, serial: int) -> None:
        with self._clipboard_lock:  # one tool at a time, so the newest copy is the last
            native = native_copy(text) if serial == self._copies else None
        with suppress(RuntimeError):  # the app has closed meanwhile
            self.call_from_thread(self._copied, text, what, native)

    def _copied(self, text: str, what: str, native: str | None,
                route: str = "terminal (OSC 52)") -> None:
        routes = [route, *([native] if native else [])]
        preview = text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"
        self.notify(f"Copied {what} via {' + '.join(routes)}:\n{preview}", markup=False,
                    title="Copied")

    def _citation_text(self, location: Location, style: Style) -> tuple[str, str] | None:
        from tui.domain.present.citations import (
            citation_text,
            claim_citations,
            source_reference,
        )

        facts = self.facts
        if facts is None:
            return None
        if location.kind == "claim" and location.ident in facts.claims:
            claim = facts.claims[location.ident]
            return claim_citations(facts, claim, style), f"citation of {claim.id}"
        if location.kind == "source" and location.ident in facts.sources:
            cited = _cited(facts, location)
            if cited is not None:
                claim, citation = cited
                return citation_text(facts, citation, claim, style), f"citation of {claim.id}"
            return (source_reference(facts, location.ident, style),
                    f"reference to {location.ident}")
        if location.kind == "finding" and self.xref is not None:
            # a contradiction or a tension in Conflicts: what each side cites, one after the
            # other, to write "X says …, Y says …" with both sources
            finding = next((f for f in self.xref.findings if f.key == location.ident), None)
            if finding is not None:
                ids = [c for c in dict.fromkeys(finding.claims) if c in facts.claims]
                if ids:
                    return ("\n\n".join(claim_citations(facts, facts.claims[c], style)
                                        for c in ids),
                            f"citations of the {len(ids)} claims of this {finding.kind}")
        return None

    def action_copy_citation(self) -> None:
        from tui.domain.present.citations import style_phrase

        location = self.selected()
        found = self._citation_text(location, self.session.cite_style) if location else None
        if found is None:
            self.notify("Select a claim, quote, table cell or source to cite", timeout=3)
            return
        text, what = found
        self.copy(text, f"{what} ({style_phrase(self.session.cite_style)})")

    def action_choose_style(self) -> None:
        from tui.domain.present.citations import STYLE_NAMES, preview
        from tui.screens.cite_style import CiteStyleScreen

        location = self.selected()
        previews: dict[Style, str] = {}
        for style in STYLE_NAMES:
            found = self._citation_text(location, style) if location else None
            if found:
                previews[style] = preview(clean(found[0]))

        def chosen(style: Style | None) -> None:
            if style is not None:
                self.session.cite_style = style
                self.notify(f"Citation style: {STYLE_NAMES[style]}", timeout=2, markup=False)

        self.push_screen(CiteStyleScreen(self.session.cite_style, previews), chosen)

    # ── a source's address ─────────────────────────────────────────────────────────

    def action_open_source_url(self) -> None:
        """o: the selected source's web page (a claim's: its first cited source with one), in
        the system's browser, or a new tab when chery-tui itself runs in one."""
        facts = self.facts
        location = self.selected()
        if facts is None or location is None:
            return
        if location.kind == "source":
            candidates = [location.ident]
        elif location.kind == "claim" and location.ident in facts.claims:
            candidates = [c.source for c in facts.claims[location.ident].citations]
        else:
            candidates = []
        url = next((facts.sources[s].url for s in candidates
                    if s in facts.sources and facts.sources[s].url), None)
        if url is None:
            self.notify("No web address for this: select a source (or a claim) whose source "
                        "has a url", timeout=3)
            return
        if not url.startswith(("https://", "http://")):
            self.notify(f"Not opened: {clean(url)} is not a web address", markup=False,
                        timeout=4)
            return
        self.open_url(url, new_tab=True)
        self.notify(f"Opened {clean(url)}", markup=False, timeout=3)

    # ── basket ─────────────────────────────────────────────────────────────────────

    def action_toggle_basket(self) -> None:
        location = self.selected()
        if location is not None and location.kind == "source" and location.claim is not None:
            location = Location("claim", location.claim)  # a cited passage: its claim
        if location is None or location.kind != "claim":
            self.notify("Only claims go in the basket: select a claim, quote or cell",
                        timeout=3)
            return
        if location.ident in self.session.basket:
            self.remove_from_basket(location.ident)  # removed, and undoable
            return
        self.session.toggle_basket(location.ident)
        self.redraw_session()
        self.notify(f"Added to the basket: {_holds(len(self.session.basket))} now; "
                    "B shows it", timeout=2)

    def action_copy_basket(self) -> None:
        from tui.domain.present.citations import reference_list

        basket = self.session.basket
        if not basket or self.facts is None:
            self.notify("The basket is empty: space marks a claim", timeout=3)
            return
        from tui.domain.present.citations import style_phrase

        claims = [self.facts.claims[c] for c in basket if c in self.facts.claims]
        style = self.session.cite_style
        self.copy(reference_list(self.facts, claims, style),
                  f"basket ({len(claims)} claims, {style_phrase(style)})")

    def action_clear_basket(self) -> None:
        count = self.session.clear_basket()
        if not count:
            self.notify("The basket is empty already", timeout=2)
            return
        self.redraw_session()
        self.notify(f"Basket cleared ({_claims(count)}): u brings them back", timeout=4)

    def remove_from_basket(self, claim_id: str) -> None:
        self.session.remove_from_basket(claim_id)
        self.redraw_session()
        self.notify(f"Removed from the basket: {_holds(len(self.session.basket))} now; "
                    "u undoes", timeout=3)

    def action_undo_basket(self) -> None:
        back = self.session.undo_basket()
        if back is None:
            self.notify("Nothing to undo in the basket", timeout=2)
            return
        self.redraw_session()
        self.notify(f"Back in the basket: {_claims(len(back))}; "
                    f"{_holds(len(self.session.basket))} now", timeout=3)

    def action_basket(self) -> None:
        from tui.screens.basket import BasketScreen

        if self.facts is not None and not isinstance(self.screen, BasketScreen):
            self.push_screen(BasketScreen(self.facts, self.session))


def _claims(count: int) -> str:
    return f"{count} claim{'' if count == 1 else 's'}"


def _holds(count: int) -> str:
    return f"{_claims(count)} in it" if count else "it is empty"


def _cited(facts: FactBase, location: Location) -> tuple[Claim, Citation] | None:
    """The claim and citation a source location names, when it names one of this source."""
    claim = facts.claims.get(location.claim) if location.claim is not None else None
    if claim is None or location.citation is None \
            or not 0 <= location.citation < len(claim.citations):
        return None
    citation = claim.citations[location.citation]
    return (claim, citation) if citation.source == location.ident else None
