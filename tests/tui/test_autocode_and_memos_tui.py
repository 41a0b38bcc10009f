"""Autocoding from Project home (preview, one undo step) and the Memos screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import interview_project, settle
from textual.widgets import DataTable, Input

from tui.app import SuhbatApp
from tui.dialogs.autocode_dialog import AutocodePreview
from tui.dialogs.code_finder import CodeFinder
from tui.dialogs.coding_dialogs import ChoiceDialog, MemoDialog
from tui.dialogs.memos import MemosScreen
from tui.screens.home import HomeScreen
from tui.screens.transcript import TranscriptScreen


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir) as store:
        ru = next(x for x in store.transcripts.layers() if x.language == "ru")
        code = store.codes.add("Бюрократия")
        start = ru.text.index("Согласование")
        coding = store.codings.add(code.id, ru.id, start, start + 12, store.coders.get("a").id)
        store.codings.update(coding.id, memo="сроки согласования")
        store.memos.add("project", None, "Вопросы о доверии задавать в конце")
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_autocode_a_speaker_with_a_new_code_and_undo(
    tmp_path: Path, fixtures_dir: Path, size: tuple[int, int]
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="Daniyar")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # every utterance of a speaker
        await settle(pilot)
        await pilot.press(*"Респ", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)  # which layer: the original is first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"Роли/Респондент", "enter")  # a new theme and code
        await settle(pilot)
        preview = app.screen
        assert isinstance(preview, AutocodePreview)
        store = app.store
        turns = [u for u in store.transcripts.utterances() if u.speaker == "Респондент 7"]
        assert len(preview.passages) == len(turns)
        await pilot.press("y")
        await settle(pilot)
        theme = store.codes.find("Роли", None)
        assert theme is not None
        code = store.codes.find("Респондент", theme.id)
        assert code is not None
        coders = {c.id: c.name for c in store.coders.all()}
        mine = [c for c in store.codings.all() if c.code_id == code.id]
        assert len(mine) == len(turns) and {coders[c.coder_id] for c in mine} == {"Daniyar"}

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.codes.find("Роли", None) is None
        assert len(store.codings.all()) == 1


async def test_autocode_a_query_in_the_translation_layer_only_when_asked(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    """The query «Telegram» hits a turn in both layers («телеграм-каналы»); the original
    is the default, the English layer is coded only when chosen, never both."""
    path = _project(tmp_path, fixtures_dir)
    app = SuhbatApp(path, coder="Daniyar")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        store = app.store
        layers = {la.language: la.id for la in store.transcripts.layers()}
        for layer_key, language in (("down", "en"), ("enter", "ru")):
            await pilot.press("a")
            await settle(pilot)
            await pilot.press("down", "down", "enter")  # every hit of a search query
            await settle(pilot)
            await pilot.press(*"Telegram", "enter")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ChoiceDialog)
            assert [label for _i, label in dialog.items][:1] == ["The original of each transcript"]
            if layer_key == "down":
                await pilot.press(*"English", "enter")
            else:
                await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, CodeFinder)
            await pilot.press(*"Мониторинг", "enter")
            await settle(pilot)
            preview = app.screen
            assert isinstance(preview, AutocodePreview)
            assert {p.layer_id for p in preview.passages} == {layers[language]}
            await pilot.press("y")
            await settle(pilot)
        code = store.codes.find("Мониторинг", None)
        assert code is not None
        coded = {c.layer_id for c in store.codings.all() if c.code_id == code.id}
        assert coded == {layers["en"], layers["ru"]}


async def test_memos_screen_lists_searches_adds_deletes_and_jumps(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="Daniyar")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MemosScreen)
        assert [e.kind for e in screen.shown] == ["project", "coding"]
        store = app.store

        await pilot.press("/", *"СОГЛАСОВАН")  # case and ё folded
        await settle(pilot)
        assert [e.text for e in screen.shown] == ["сроки согласования"]
        await pilot.press("escape")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, MemoDialog)
        await pilot.press("end", *" (три дня)", "ctrl+s")
        await settle(pilot)
        assert store.codings.all()[0].memo == "сроки согласования (три дня)"

        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"code", "enter")
        await settle(pilot)
        await pilot.press("enter")  # the only code
        await settle(pilot)
        assert isinstance(app.screen, MemoDialog)
        await pilot.press(*"Определение уточнить", "ctrl+s")
        await settle(pilot)
        (code_memo,) = store.memos.all("code", store.codes.all()[0].id)
        assert code_memo.text == "Определение уточнить" and code_memo.author == "Daniyar"

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.memos.all("code", store.codes.all()[0].id) == []

        screen.query_one("#memos-query", Input).clear()
        await settle(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=[e.kind for e in screen.shown].index("coding"))
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(5):
            await pilot.pause()
        transcript = app.screen
        assert isinstance(transcript, TranscriptScreen)
        pane = transcript.view.focused_pane()
        selected = pane.selected_range()
        ru = next(x for x in store.transcripts.layers() if x.language == "ru")
        assert selected is not None
        assert ru.text[selected[0] : selected[1]] == "Согласование"
