"""The Analysis screen's language filter: a Kazakh turn in a Russian layer counts under kk only."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from code_switching_study import build_code_switching_study
from pilot_helpers import open_analysis, settle_workers
from textual.coordinate import Coordinate
from textual.widgets import Select

from storage import Store
from tui.app import SuhbatApp
from tui.screens.analysis import AnalysisScreen
from tui.widgets.stats_table import StatsTable


def codings_by_language(path: Path, language: str) -> Counter[str]:
    """Codings per code name whose utterance is in ``language`` (its own, else its layer's)."""
    with Store(path, read_only=True) as store:
        own = store.transcripts.utterance_languages()
        layers = {la.id: la for la in store.transcripts.layers()}
        found: Counter[str] = Counter()
        for coding in store.codings.all():
            for u in store.transcripts.utterances():
                start, end = u.spans[coding.layer_id]
                if start < coding.end and coding.start < end:
                    spoken = own.get((u.id, coding.layer_id), layers[coding.layer_id].language)
                    if spoken == language:
                        found[store.codes.get(coding.code_id).name()] += 1
                        break
        return found


def shown_codings(screen: AnalysisScreen) -> dict[str, int]:
    table = screen.query_one(StatsTable)
    assert table.table is not None
    column = table.table.columns.index("Codings")
    return {
        str(table.get_cell_at(Coordinate(r, 0))).strip(): int(
            str(table.get_cell_at(Coordinate(r, column))).strip()
        )
        for r in range(table.row_count)
    }


async def test_the_language_filter_counts_a_kazakh_turn_under_kk(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = build_code_switching_study(tmp_path / "study.suhbat", fixtures_dir)
    kazakh, russian = codings_by_language(path, "kk"), codings_by_language(path, "ru")
    assert kazakh == {"Language": 1, "Kazakh only": 1}

    app = SuhbatApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_analysis(pilot)
        assert shown_codings(screen) == {"Language": 2, "Kazakh only": 1, "Russian only": 1}
        choice = screen.query_one("#filter-language", Select)
        for _ in range(40):  # Tab through the options panel to the filter, as a user does
            if app.focused is choice:
                break
            await pilot.press("tab")
        assert app.focused is choice
        await pilot.press("enter", "k", "k", "enter")
        await settle_workers(pilot)
        assert choice.value == "kk"
        shown = shown_codings(screen)
        assert shown == {"Language": 1, "Kazakh only": 1, "Russian only": 0}
        assert {name: n for name, n in shown.items() if n} == kazakh
        choice.value = "ru"
        await settle_workers(pilot)
        shown = shown_codings(screen)
        assert {name: n for name, n in shown.items() if n} == russian
