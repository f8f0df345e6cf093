"""The App's E: what can be exported from where the user is, and the export itself, in a
thread (100,000 claims take seconds), told when done."""

from __future__ import annotations

import io
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from tui.app.base import BrowserApp

if TYPE_CHECKING:
    from tui.domain.facts.factbase import FactBase
    from tui.screens.export import ExportChoice, ExportRequest


class ExportingApp(BrowserApp):
    def export_choices(self) -> tuple[list[ExportChoice], int]:
        """What can be exported now, most particular first, and which to offer first: the
        chart of the series view, else the basket when it holds claims, else the whole
        file."""
        from tui.domain.capture.proposal import slug
        from tui.domain.present.safe_text import one_line
        from tui.screens.export import ExportChoice
        from tui.screens.main import MainScreen
        from tui.screens.series import SeriesScreen

        facts = self.facts
        assert facts is not None
        choices: list[ExportChoice] = []
        basket = tuple(c for c in self.session.basket if c in facts.claims)
        if basket:
            choices.append(ExportChoice(f"The basket ({_claims(len(basket))})", "basket",
                                        basket))
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        viewed = main.claims_in_view() if main is not None else None
        if viewed is not None and main is not None and main.filter_entity:
            entity = facts.entities.get(main.filter_entity)
            name = entity.name if entity else main.filter_entity
            choices.append(ExportChoice(f"The current view: {name} ({_claims(len(viewed))})",
                                        "view", tuple(viewed)))
        table = main.table_in_view() if main is not None else None
        if table is not None and table in facts.tables:
            choices.append(ExportChoice(f"The table in Sales: {facts.tables[table].title}",
                                        table, None, (table,)))
        choices.append(ExportChoice(f"The whole file ({_claims(len(facts.claims))}, "
                                    f"{len(facts.sources)} sources)", ""))
        if isinstance(self.screen, SeriesScreen):
            series = self.screen.series
            choices.insert(0, ExportChoice(f"The chart of this series: {one_line(series.label)}",
                                           f"series-{slug(series.label, 8)}", series=series))
            return choices, 0
        return choices, 0 if basket else len(choices) - 1

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        if self.facts is None or isinstance(self.screen, ExportScreen):
            return
        choices, chosen = self.export_choices()

        def chosen_request(request: ExportRequest | None) -> None:
            if request is not None:
                self.notify(f"Exporting {request.fmt} to {request.path}…", timeout=2,
                            markup=False)
                self._export(request)

        self.push_screen(ExportScreen(choices, Path.cwd(), self.facts.path.stem, chosen,
                                      self.session.cite_style), chosen_request)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest) -> None:
        from tui.domain.export.scope import UnknownIds

        facts = self.facts
        if facts is None:
            return
        try:
            what, where = self._written(facts, request)
        except Exception as exc:  # said, never a crash of the browser over an export
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            if not isinstance(exc, OSError | UnknownIds):
                reason = f"{type(exc).__name__}: {reason}"
            with suppress(RuntimeError):  # the app has closed meanwhile
                self.call_from_thread(self.notify, f"Could not export to {request.path}: "
                                      f"{reason}", severity="error", timeout=8, markup=False)
            return
        with suppress(RuntimeError):
            self.call_from_thread(self.notify, f"Exported {what} to {where}", title="Exported",
                                  timeout=6, markup=False)

    def _written(self, facts: FactBase, request: ExportRequest) -> tuple[str, str]:
        """What the export wrote and where (in the export's thread): a series' chart as SVG,
        as `chery-tui export --format svg --series` writes it, or the chosen claims."""
        from tui.domain.export import series_svg
        from tui.domain.export.scope import extract
        from tui.domain.export.writing import render, write_export, write_file

        choice, fmt = request.choice, request.fmt
        if choice.series is not None or fmt == "svg":
            assert choice.series is not None
            data = series_svg.render(facts, choice.series)
            what = f"the chart of {choice.series.label}"
            if not self.is_web:
                write_file(request.path, data)
                return what, str(request.path)
        else:
            xref = self.xref
            if xref is not None:
                findings = list(xref.findings)
            else:
                from tui.domain.crossref.consistency import find_all

                findings = find_all(facts)
            part = extract(facts, choice.claim_ids, choice.table_ids, findings)
            what = f"{fmt} of {_claims(len(part.claims))}"
            if not self.is_web:
                written = write_export(part, fmt, request.path, request.style)
                return what, str(request.path) + (f" ({len(written)} files)"
                                                  if len(written) > 1 else "")
            data = render(part, fmt, request.style)
        # a browser tab: the file is downloaded, not written here
        self.call_from_thread(self.deliver_binary, io.BytesIO(data),
                              save_filename=request.path.name)
        return what, f"download {request.path.name}"


def _claims(count: int) -> str:
    return f"{count:,} claim{'' if count == 1 else 's'}"
