"""The code finder creates ``Theme/Name`` with the theme when the theme does not exist."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import interview_file, open_coding
from textual.widgets import OptionList

from tui.app import SuhbatApp
from tui.dialogs.code_finder import CodeFinder


async def test_theme_and_code_are_created_together_and_undone_together(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = interview_file(tmp_path / "study.suhbat", fixtures_dir, translated=False)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_coding(pilot)
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
