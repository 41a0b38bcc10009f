"""The concordance screen: every occurrence of a word's forms in context, exact forms,
sorting by the left words, Enter jumps to the utterance, export as CSV read back;
reachable with F12 and with K from the search screen."""

from __future__ import annotations

import csv
from pathlib import Path

from pilot_helpers import settle_workers, wait_for_screen, wait_for_search, wait_until
from textual.pilot import Pilot
from textual.widgets import Input
from transcript_data import add_transcript

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.concordance_export_modal import ConcordanceExportModal
from tui.screens.concordance import ConcordanceScreen
from tui.screens.search import SearchScreen
from tui.screens.transcript import TranscriptScreen

SIZE = (120, 40)


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with Store.create(path, name="study", languages=("ru", "kk")) as store:
        texts = (
            "Без согласования акимата ничего не делают.",
            "Мы пошли в акимат, а там сказали ждать.",
            "Жалоба на акимат района.",
        )
        add_transcript(store, texts)
    return path


async def _lines_of(pilot: Pilot[None], screen: ConcordanceScreen, query: str) -> None:
    def shown() -> bool:
        expected = screen.store.search.occurrences(query, language=screen.language)
        return bool(expected) and screen.occurrences == expected

    await wait_until(pilot, shown)


async def test_concordance_forms_exact_sort_jump_and_export(tmp_path: Path) -> None:
    path = _project(tmp_path)
    out = tmp_path / "акимат.csv"

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        screen = await wait_for_screen(pilot, ConcordanceScreen)
        await pilot.press(*"акимат")
        await _lines_of(pilot, screen, "акимат")
        assert [line.keyword for line in screen.lines] == ["акимата", "акимат", "акимат"]
        await pilot.press("down", "x")  # the exact form only
        await _lines_of(pilot, screen, '"акимат"')
        assert [line.left for line in screen.lines] == ["Мы пошли в", "Жалоба на"]
        await pilot.press("s")  # by the left words: «в» before «на»
        assert screen.order == "left"
        await pilot.press("x", "s")  # every form, by the right words
        await _lines_of(pilot, screen, "акимат")
        assert [line.right for line in screen.lines] == [
            ", а там сказали ждать.",
            "ничего не делают.",
            "района.",
        ]
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ConcordanceExportModal))
        field = app.screen.query_one("#concordance-export-path", Input)
        field.value = str(out)
        await pilot.press("enter")
        await wait_until(pilot, out.exists)
        await settle_workers(pilot)
        await pilot.press("enter")  # the first line opens in its transcript
        coding = await wait_for_screen(pilot, TranscriptScreen)
        await wait_until(pilot, lambda: coding.view.focused_pane().selected_text != "")
        assert coding.view.focused_pane().selected_text == "акимат"
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[5] for row in rows[1:]] == ["акимат", "акимата", "акимат"]


async def test_search_opens_the_concordance_of_its_query(tmp_path: Path) -> None:
    path = _project(tmp_path)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        search = await wait_for_screen(pilot, SearchScreen)
        await pilot.press(*"согласование")
        await wait_for_search(pilot, search)
        assert [h.matched for h in search.hits] == ["согласования"]
        await pilot.press("down", "k")
        screen = await wait_for_screen(pilot, ConcordanceScreen)
        await _lines_of(pilot, screen, "согласование")
        assert [(x.left, x.keyword) for x in screen.lines] == [("Без", "согласования")]
