"""The coding screen marks the utterance at the cursor as Kazakh inside a Russian layer."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import interview_file, open_coding

from tui.app import SuhbatApp
from tui.dialogs.coding_dialogs import TextPrompt


async def test_g_sets_the_language_of_the_utterance_at_the_cursor(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = interview_file(tmp_path / "study.suhbat", fixtures_dir, translated=False)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("j", *"2:40", "enter")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+a", "ctrl+k", *"kk", "enter")
        await pilot.pause()
        store = app.store
        (layer,) = store.transcripts.layers()
        ((uid, lid),) = store.transcripts.utterance_languages()
        start, end = next(u for u in store.transcripts.utterances() if u.id == uid).spans[lid]
        assert layer.text[start:end].startswith("Біз халықпен")
        (hit,) = store.search.hits("халықпен", language="kk")
        assert hit.utterance_id == uid
        assert any(pane.tags for pane in screen.view.panes)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.transcripts.utterance_languages() == {}
        assert all(not pane.tags for pane in screen.view.panes)  # the tag is gone
