"""Coded passages: reached from the codebook, search hits and analysis cells; filtered,
read with context, opened in the transcript and exported, all from the keyboard."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pilot_helpers import (
    interview_project,
    open_analysis,
    open_codebook,
    settle_workers,
    wait_for_screen,
    wait_for_search,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static

from storage import Store
from tui.app import SuhbatApp
from tui.passages_request import PassagesRequest, find_passages
from tui.screens.passages import PassagesScreen
from tui.screens.search import SearchScreen
from tui.screens.transcript import TranscriptScreen
from tui.widgets.stats_table import StatsTable

SIZE = (120, 40)


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    """Interview 07 in Russian and English; a theme with two codes; two coders."""
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir, languages=("ru", "en")) as store:
        layer = store.transcripts.layers()[0]
        me, other = store.coders.get("aigerim"), store.coders.get("daniyar")
        theme = store.codes.add({"ru": "Государство", "en": "State"}, is_codable=False)
        delays = store.codes.add({"ru": "Задержки", "en": "Delays"}, parent_id=theme.id)
        fear = store.codes.add({"ru": "Страх", "en": "Fear"}, parent_id=theme.id)
        for code, phrase, coder in (
            (delays, "через три дня", me),
            (delays, "через три дня", other),  # same segment, second coder: one passage
            (fear, "обвинения", me),
        ):
            start = layer.text.index(phrase)
            coding = store.codings.add(code.id, layer.id, start, start + len(phrase), coder.id)
        store.codings.set_valence(coding.id, -1)
    return path


async def _passages(pilot: Pilot[None], app: SuhbatApp) -> PassagesScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, PassagesScreen))
    await _loaded(pilot)
    screen = app.screen
    assert isinstance(screen, PassagesScreen)
    return screen


async def _loaded(pilot: Pilot[None]) -> None:
    """Let the passages screen take in its filters and find the passages (a worker)."""
    await pilot.pause()
    await settle_workers(pilot)


async def test_theme_passages_from_the_codebook_filter_context_jump_and_export(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot)
        await pilot.press("g")  # the theme is highlighted first
        screen = await _passages(pilot, app)
        assert screen.listing is not None
        texts = [p.text for p in screen.listing.passages]
        assert sorted(texts) == ["обвинения", "через три дня"]  # one passage per segment
        delays = next(p for p in screen.listing.passages if p.text == "через три дня")
        assert delays.translation and "three days" in delays.translation
        assert len(delays.coder_ids) == 2

        await pilot.press("x")
        await pilot.pause()
        shown = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "…" in shown  # the utterance before is shown

        # valence filter: only the negative passage
        select = screen.query_one("#filter-valence", Select)
        select.value = "-1"
        await _loaded(pilot)
        assert [p.text for p in screen.listing.passages] == ["обвинения"]
        select.value = "*"
        await _loaded(pilot)

        # attribute filter that matches nobody, then the coder filter
        await pilot.press("f")
        assert screen.query_one("#filter-coder", Select).has_focus
        field = screen.query_one("#filter-where", Input)
        field.focus()
        await pilot.press(*"gender=F", "enter")
        await _loaded(pilot)
        assert field.value == "gender=F"  # no such attribute: an error, the list stays
        field.value = ""
        await pilot.press("enter")
        screen.query_one("#filter-coder", Select).value = "daniyar"
        await _loaded(pilot)
        assert [p.text for p in screen.listing.passages] == ["через три дня"]

        await pilot.press("e")  # export: DOCX and CSV beside the project
        await pilot.pause()
        docx = tmp_path / "study-State.docx"
        rows = list(csv.reader((tmp_path / "study-State.csv").open(encoding="utf-8-sig")))
        assert rows[1][5] == "через три дня" and rows[1][7] == "daniyar"
        body = "\n".join(p.text for p in Document(str(docx)).paragraphs)
        assert "через три дня" in body and "three days" in body
        await pilot.press("e")  # a second export never replaces the first
        await pilot.pause()
        assert (tmp_path / "study-State (2).docx").exists()

        screen.query_one("OptionList").focus()
        await pilot.press("enter")  # open the passage in its transcript
        coding = await wait_for_screen(pilot, TranscriptScreen)
        await pilot.pause()
        pane = coding.view.focused_pane()
        selected = pane.selected_range()
        assert selected is not None
        assert pane.text[selected[0] : selected[1]] == "через три дня"


async def test_enter_on_a_frequency_cell_and_g_on_a_search_hit(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        analysis = await open_analysis(pilot)
        table = analysis.query_one(StatsTable)
        table.focus()
        row = next(
            i for i, r in enumerate(table.table.rows if table.table else ()) if r[0] == "Delays"
        )
        table.move_cursor(row=row, column=2)
        await pilot.press("enter")
        screen = await _passages(pilot, app)
        assert screen.listing is not None
        assert [p.text for p in screen.listing.passages] == ["через три дня"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is analysis

        await pilot.press("f8")
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"обвинения")
        await wait_for_search(pilot, search)
        await pilot.press("down", "g")
        screen = await _passages(pilot, app)
        assert screen.listing is not None
        assert [p.text for p in screen.listing.passages] == ["обвинения"]
        await settle_workers(pilot)


async def test_valence_table_cell_lists_the_negative_passages(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        analysis = await open_analysis(pilot)
        analysis.query_one("#kind", Select).value = "valence"
        await settle_workers(pilot)
        table = analysis.query_one(StatsTable)
        assert table.table is not None and table.table.key == "valence"
        table.focus()
        theme_row = 0
        negative = table.table.column_keys.index("negative")
        assert table.table.rows[theme_row][negative] == 1
        table.move_cursor(row=theme_row, column=negative)
        await pilot.press("enter")
        screen = await _passages(pilot, app)
        assert screen.listing is not None
        assert [p.text for p in screen.listing.passages] == ["обвинения"]


async def test_filters_changed_fast_show_the_last_filters_passages_loaded_off_the_ui_thread(
    tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older, slower request never replaces the list of the newest filters."""
    import tui.screens.passages as passages_module

    path = _project(tmp_path, fixtures_dir)

    def slow_for_aigerim(store: Store | None, request: PassagesRequest, **options: Any) -> Any:
        if request.filters.coders == ("aigerim",):
            time.sleep(0.6)  # this request's answer comes after the newer ones'
        return find_passages(store, request, **options)

    monkeypatch.setattr(passages_module, "find_passages", slow_for_aigerim)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot)
        await pilot.press("g")
        screen = await _passages(pilot, app)
        coder = screen.query_one("#filter-coder", Select)
        valence = screen.query_one("#filter-valence", Select)
        status = screen.query_one("#passages-status", Static)
        coder.value = "aigerim"
        await pilot.pause()
        # Loading: the screen says so and still answers keys (the UI thread is free).
        assert screen.loading_list
        assert str(status.content) == "Loading passages…"
        await pilot.press("x")
        assert screen.context
        valence.value = "-1"
        coder.value = "daniyar"
        valence.value = "*"
        await _loaded(pilot)
        assert screen.listing is not None and not screen.loading_list
        assert screen.request.filters.coders == ("daniyar",)
        assert [p.text for p in screen.listing.passages] == ["через три дня"]
        assert screen.query_one(OptionList).option_count == 1
        assert str(status.content) == "State · 1 passage"
        await pilot.pause(0.8)  # the slow, older answer has come and gone
        assert [p.text for p in screen.listing.passages] == ["через три дня"]


async def _cell_passages(
    pilot: Pilot[None], app: SuhbatApp, kind: str, row_name: str, column_key: str
) -> PassagesScreen:
    """The passages behind a cell of the ``kind`` table, opened as a user does (Enter)."""
    analysis = await open_analysis(pilot)
    analysis.query_one("#kind", Select).value = kind
    await settle_workers(pilot)
    table = analysis.query_one(StatsTable)
    assert table.table is not None
    table.focus()
    row = next(i for i, r in enumerate(table.table.rows) if r[0] == row_name)
    table.move_cursor(row=row, column=table.table.column_keys.index(column_key))
    await pilot.press("enter")
    return await _passages(pilot, app)


def _header(screen: PassagesScreen) -> str:
    return str(screen.query_one("#passages-status", Static).content)


@pytest.mark.parametrize("language", ["ru", "kk"])
async def test_a_cells_passages_header_follows_a_language_switch(
    tmp_path: Path, fixtures_dir: Path, language: str
) -> None:
    """The header's parts (code, count, the cell's column, the note on the count) are
    worded again in the new language: no English is left after a switch."""
    path = _project(tmp_path, fixtures_dir)
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _cell_passages(pilot, app, "valence", "Delays", "not rated")
        assert _header(screen) == (
            "State / Delays · 1 passage · not rated · "
            "the cell counts 2 codings: a segment coded more than once is one passage"
        )
        app.action_set_language(language)
        await _loaded(pilot)
        header = _header(screen)
        assert "Задержки" in header  # the code's Russian name (kk has none: ru comes next)
        assert re.findall("[A-Za-z]+", header) == [], header
        assert len(header.split(" · ")) == 4  # the cell's column and the note on its count
        app.action_set_language("en")
        await _loaded(pilot)
        assert _header(screen).startswith("State / Delays · 1 passage · not rated · ")


async def test_the_header_says_what_a_cell_counted_when_it_is_not_the_passages(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        # a count of segments is the number of passages: no note
        screen = await _cell_passages(pilot, app, "frequencies", "Delays", "Segments")
        assert _header(screen) == "State / Delays · 1 passage"
        await pilot.press("escape")
        # two coders coded the one segment: two codings, one passage
        screen = await _cell_passages(pilot, app, "frequencies", "Delays", "Codings")
        assert _header(screen).endswith(
            " · 1 passage · the cell counts 2 codings: a segment coded more than once is "
            "one passage"
        )
        assert screen.query_one(OptionList).option_count == 1
        # another filter: the list no longer answers the cell, so no note
        screen.query_one("#filter-coder", Select).value = "daniyar"
        await _loaded(pilot)
        assert _header(screen) == "State / Delays · 1 passage"
        await pilot.press("escape")
        screen = await _cell_passages(pilot, app, "frequencies", "State", "Sessions")
        assert _header(screen) == ("State · 2 passages · the cell counts 1 session, not passages")


async def test_a_sessions_matrix_of_codings_notes_two_codings_behind_one_passage(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)
    with Store(path, read_only=True) as store:
        session = store.sessions.all()[0]
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        analysis = await open_analysis(pilot)
        analysis.query_one("#kind", Select).value = "sessions-matrix"
        await settle_workers(pilot)
        analysis.query_one("#measure", Select).value = "codings"
        await settle_workers(pilot)
        table = analysis.query_one(StatsTable)
        assert table.table is not None and table.table.unit == "codings"
        row = next(i for i, r in enumerate(table.table.rows) if r[0] == "Delays")
        column = table.table.column_keys.index(session.title)
        assert table.table.rows[row][column] == 2
        table.focus()
        table.move_cursor(row=row, column=column)
        await pilot.press("enter")
        screen = await _passages(pilot, app)
        assert _header(screen) == (
            f"State / Delays · 1 passage · {session.title} · "
            "the cell counts 2 codings: a segment coded more than once is one passage"
        )
