"""The Import dialog adds a file as the translation of a transcript already imported."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import wait_for_screen, wait_until
from textual.widgets import Input

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.import_modal import ImportModal
from tui.dialogs.report_modal import ReportModal
from tui.screens.home import HomeScreen


async def test_translation_of_adds_a_layer_instead_of_a_second_transcript(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    project = tmp_path / "study.suhbat"
    with Store.create(project, languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")

    app = SuhbatApp(project, coder="Aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        modal = await wait_for_screen(pilot, ImportModal)
        modal.query_one("#picker-path", Input).value = str(fixtures_dir / "interview_07.en.txt")
        modal.query_one("#import-file-translation-of", Input).focus()
        await pilot.press(*"interview_07")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportModal))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    with Store(project) as store:
        (transcript,) = store.transcripts.all()
        languages = [x.language for x in store.transcripts.layers(transcript.id)]
        assert languages == ["ru", "en"]
