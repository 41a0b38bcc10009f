"""Coded passages opened from an analysis cell under a language filter show that filter
in their filter bar and keep it when another filter changes."""

from __future__ import annotations

from pathlib import Path

from code_switching_study import build_code_switching_study
from pilot_helpers import settle_workers
from textual.widgets import Select

from exports.study.analysis_request import Filters
from storage import Store
from tui.app import SuhbatApp
from tui.screens.passages import ANY, PassagesScreen


async def test_a_cells_language_filter_is_shown_and_kept(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = build_code_switching_study(tmp_path / "study.suhbat", fixtures_dir)
    with Store(path, read_only=True) as store:
        code = store.codes.find("Language")
        assert code is not None
        kind = store.sessions.all()[0].kind
    app = SuhbatApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        # what Enter on a cell of the Analysis table passes with its language filter set to kk
        screen = PassagesScreen(code.id, filters=Filters(languages=("kk",)))
        app.push_screen(screen)
        await settle_workers(pilot)
        assert screen.listing is not None
        assert len(screen.listing.passages) == 1  # the Kazakh turn; the Russian one is left out
        assert screen.query_one("#filter-language", Select).value == "kk"
        kinds = screen.query_one("#filter-kind", Select)
        kinds.value = kind
        await settle_workers(pilot)
        kinds.value = ANY
        await settle_workers(pilot)
        assert screen.query_one("#filter-language", Select).value == "kk"
        assert len(screen.listing.passages) == 1
