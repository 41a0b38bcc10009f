"""The code finder creates ``Theme/Name`` with the theme when the theme does not exist."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import OptionList

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.code_finder import CodeFinder
from tui.screens.transcript import TranscriptScreen


def test_theme_and_code_are_created_together_and_undone_together(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = tmp_path / "study.suhbat"
    with Store.create(path, name="study", languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")

    async def scenario() -> None:
        app = SuhbatApp(path, coder="aigerim")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f6")
            for _ in range(5):
                await pilot.pause()
            assert isinstance(app.screen, TranscriptScreen)
            await pilot.press("ctrl+shift+right", "c")
            await pilot.pause()
            assert isinstance(app.screen, CodeFinder)
            await pilot.press(*"Государство/Согласование")
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            last = options.get_option_at_index(options.option_count - 1)
            assert "Государство" in str(last.prompt) and "Согласование" in str(last.prompt)
            await pilot.press("enter")
            await pilot.pause()
            store = app.store
            theme = store.codes.find("Государство", None)
            assert theme is not None and theme.names == {"ru": "Государство"}
            code = store.codes.find("Согласование", theme.id)
            assert code is not None
            assert [c.code_id for c in store.codings.all()] == [code.id]
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert store.codes.all() == [] and store.codings.all() == []

    asyncio.run(scenario())
