"""The Import dialog checks the language typed and reports what a replacing import did."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import wait_for_screen, wait_until
from textual.widgets import Checkbox, Input, Static

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.import_modal import ImportModal
from tui.dialogs.report_modal import ReportModal
from tui.screens.home import HomeScreen


async def test_import_dialog_refuses_a_language_that_is_not_the_projects(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    project = tmp_path / "study.suhbat"
    Store.create(project, languages=("ru", "kk", "en")).close()

    app = SuhbatApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        modal = await wait_for_screen(pilot, ImportModal)
        modal.query_one("#picker-path", Input).value = str(fixtures_dir / "interview_07.ru.txt")
        modal.query_one("#import-file-language", Input).value = "русский"
        await pilot.press("enter")
        status = modal.query_one("#import-file-status", Static)
        await wait_until(pilot, lambda: "Nothing was imported" in str(status.render()))
        assert "this project's languages are ru, kk, en" in str(status.render())
        assert app.screen is modal
    with Store(project) as store:
        assert store.info().transcripts == 0 and store.sessions.all() == []


async def test_import_dialog_replaces_an_edited_transcript_and_counts_codings(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    project = tmp_path / "study.suhbat"
    edited = tmp_path / "interview_07.ru.txt"
    edited.write_text((fixtures_dir / "interview_07.ru.txt").read_text(encoding="utf-8"))
    with Store.create(project, languages=("ru", "kk", "en")) as store:
        transcript = import_transcript(store, edited).transcript
        layer = store.transcripts.layers(transcript.id)[0]
        start = layer.text.index("Согласование занимает")
        code = store.codes.add("Согласование")
        store.codings.add(code.id, layer.id, start, start + 21, store.coders.get("Aigerim").id)
    edited.write_text(edited.read_text(encoding="utf-8").replace("смотрим", "читаем"))

    app = SuhbatApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        modal = await wait_for_screen(pilot, ImportModal)
        modal.query_one("#picker-path", Input).value = str(edited)
        modal.query_one("#import-file-replace", Checkbox).value = True
        await pilot.press("enter")
        report = await wait_for_screen(pilot, ReportModal)
        assert "  replaced the text of 'interview_07'" in report.text.splitlines()
        assert (
            "  codings: 0 kept in place, 1 moved with the text, 0 kept on edited text, 0 dropped"
        ) in report.text.splitlines()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    with Store(project) as store:
        assert store.info().transcripts == 1
        layer = store.transcripts.layers()[0]
        (coding,) = store.codings.all()
        assert layer.text[coding.start : coding.end] == "Согласование занимает"
