"""Memos written from the item's own screen: a code (codebook), a participant, a session,
the project (Project home); marked in the item's row, emptied to delete, undone with Ctrl+Z."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pilot_helpers import settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.coding_dialogs import ChoiceDialog, MemoDialog
from tui.screens.codebook import CodebookScreen
from tui.screens.home import HomeScreen
from tui.screens.item_memo import MEMO_MARK
from tui.screens.participants import ParticipantsScreen
from tui.screens.sessions import SessionsScreen


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with Store.create(path, name="study", languages=("ru", "en")) as store:
        store.codes.add({"ru": "Доверие", "en": "Trust"})
        store.participants.add("P01")
        store.sessions.add("Интервью 1", "interview")
    return path


async def _write(pilot: Pilot[None], key: str, *typed: str) -> None:
    """Press the memo key, type into the memo editor, save."""
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, MemoDialog)
    await pilot.press(*typed, "ctrl+s")
    await settle(pilot)


def _first_cell(table: DataTable[object]) -> str:
    return str(table.get_row_at(0)[0])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_memo_on_a_code_from_the_codebook_marked_changed_deleted_and_undone(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = _project(tmp_path)

    app = SuhbatApp(path, coder="Daniyar")
    async with app.run_test(size=size) as pilot:
        await pilot.press("f7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CodebookScreen)
        code = app.store.codes.all()[0]
        table = screen.query_one("#code-table", DataTable)
        assert MEMO_MARK not in _first_cell(table)

        await _write(pilot, "o", *"Определение уточнить")
        (memo,) = app.store.memos.all("code", code.id)
        assert (memo.text, memo.author) == ("Определение уточнить", "Daniyar")
        assert MEMO_MARK in _first_cell(table)

        await pilot.press("щ")  # the Cyrillic layout's O: the same memo, to edit
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MemoDialog)
        assert dialog.text == "Определение уточнить"
        await pilot.press("end", *" и примеры", "ctrl+s")
        await settle(pilot)
        (memo,) = app.store.memos.all("code", code.id)
        assert memo.text == "Определение уточнить и примеры"

        await pilot.press("o", "ctrl+shift+k", "ctrl+s")  # the line deleted: no memo
        await settle(pilot)
        assert app.store.memos.all("code", code.id) == []
        assert MEMO_MARK not in _first_cell(table)

        await pilot.press("ctrl+z")
        await settle(pilot)
        (memo,) = app.store.memos.all("code", code.id)
        assert memo.text == "Определение уточнить и примеры"
        assert MEMO_MARK in _first_cell(table)


async def test_memos_on_a_participant_a_session_and_the_project(tmp_path: Path) -> None:
    path = _project(tmp_path)

    app = SuhbatApp(path, coder="Daniyar")
    async with app.run_test(size=(120, 40)) as pilot:
        store = app.store
        person = store.participants.all()[0]
        session = store.sessions.all()[0]

        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantsScreen)
        await _write(pilot, "o", *"Говорит быстро")
        (memo,) = store.memos.all("participant", person.id)
        assert memo.text == "Говорит быстро"
        table = app.screen.query_one(DataTable)
        assert _first_cell(table) == f"P01 {MEMO_MARK}"

        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        await _write(pilot, "o", *"Шумно")
        assert [m.text for m in store.memos.all("session", session.id)] == ["Шумно"]
        table = app.screen.query_one(DataTable)
        assert _first_cell(table) == f"Интервью 1 {MEMO_MARK}"

        await pilot.press("f1")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await _write(pilot, "p", *"Вопросы о доверии в конце")
        assert [m.text for m in store.memos.all("project", None)] == ["Вопросы о доверии в конце"]
        summary = str(home.query_one("#summary", Static).content)
        assert summary.startswith(f"study {MEMO_MARK} ·")


async def test_an_item_with_several_memos_asks_which_or_a_new_one(tmp_path: Path) -> None:
    path = _project(tmp_path)
    with Store(path) as store:
        person = store.participants.all()[0]
        store.memos.add("participant", person.id, "first")
        store.memos.add("participant", person.id, "second")

    app = SuhbatApp(path, coder="Daniyar")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # the second memo
        await settle(pilot)
        assert isinstance(app.screen, MemoDialog)
        await pilot.press("end", *" (edited)", "ctrl+s")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # the last choice: a new memo
        await settle(pilot)
        await pilot.press(*"third", "ctrl+s")
        await settle(pilot)
        texts = [m.text for m in app.store.memos.all("participant", person.id)]
        assert texts == ["first", "second (edited)", "third"]


@pytest.mark.parametrize(("language", "words"), [("ru", "Мемо"), ("kk", "Мемо")])
def test_the_memo_key_is_in_the_footer_translated(
    tmp_path: Path, language: str, words: str
) -> None:
    path = _project(tmp_path)

    async def scenario() -> None:
        app = SuhbatApp(path, coder="Daniyar")
        async with app.run_test(size=(120, 40)) as pilot:
            for key in ("f7", "f2", "f4"):
                await pilot.press(key)
                await settle(pilot)
                shown = {(k.key_display, k.description) for k in app.screen.query(FooterKey)}
                assert ("o", words) in shown, shown

    set_language(language)
    try:
        asyncio.run(scenario())
    finally:
        set_language("en")
