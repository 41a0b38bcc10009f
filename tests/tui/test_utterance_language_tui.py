"""The coding screen marks the utterance at the cursor as Kazakh inside a Russian layer."""

from __future__ import annotations

import asyncio
from pathlib import Path

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.coding_dialogs import TextPrompt
from tui.screens.transcript import TranscriptScreen


def test_g_sets_the_language_of_the_utterance_at_the_cursor(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = tmp_path / "study.suhbat"
    with Store.create(path, name="study", languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")

    async def scenario() -> None:
        app = SuhbatApp(path, coder="aigerim")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f6")
            for _ in range(5):
                await pilot.pause()
            assert isinstance(app.screen, TranscriptScreen)
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

    asyncio.run(scenario())
