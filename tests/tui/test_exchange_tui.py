"""REFI-QDA export, the Import dialog and merging a coder's copy, driven like a user would."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from pilot_helpers import export_status, open_export, wait_for_screen, wait_until
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, RadioButton, Static

from exports.refi import import_refi
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.import_modal import ImportModal
from tui.dialogs.merge_modal import MergeModal
from tui.dialogs.report_modal import ReportModal
from tui.screens.export import ExportScreen
from tui.screens.home import HomeScreen
from tui.screens.transcript import TranscriptScreen


def _report(app: SuhbatApp) -> ReportModal:
    """The report dialog that the test expects on top."""
    screen = app.screen
    assert isinstance(screen, ReportModal)
    return screen


def summary(app: SuhbatApp) -> str:
    return str(app.screen.query_one("#summary", Static).render())


async def test_export_screen_writes_a_qdpx_that_imports_into_a_fresh_project(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "study.qdpx"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("p")
        assert screen.query_one("#kind-qdpx", RadioButton).value
        assert screen.query_one("#export-out", Input).value.endswith("demo.qdpx")
        assert screen.query_one("#export-real-names", Checkbox).disabled
        await pilot.click("#export-sensitive")
        assert screen.query_one("#export-sensitive", Checkbox).value
        screen.query_one("#export-out", Input).value = str(out)
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.busy and "Wrote" in export_status(app.screen))
        assert str(out) in export_status(app.screen)
        # Another kind gives back the controls that REFI-QDA does not use.
        await pilot.press("w")
        assert not screen.query_one("#export-real-names", Checkbox).disabled
    with zipfile.ZipFile(out) as archive:
        assert "project.qde" in archive.namelist()
    with Store(demo_path) as master:
        expected = master.info()
        codings = {(c.start, c.end) for c in master.codings.all()}
    fresh = Store.create(tmp_path / "fresh.suhbat", languages=("ru", "kk", "en"))
    try:
        report = import_refi(fresh, out)
        info = fresh.info()
        assert (info.codes, info.transcripts, info.layers, info.codings, info.participants) == (
            expected.codes,
            expected.transcripts,
            expected.layers,
            expected.codings,
            expected.participants,
        )
        assert {(c.start, c.end) for c in fresh.codings.all()} == codings
        assert report.counts["codings"] == expected.codings
    finally:
        fresh.close()


async def test_export_screen_writes_a_qdc_codebook(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "codes.qdc"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("q")
        assert screen.query_one("#export-out", Input).value.endswith("demo-codebook.qdc")
        screen.query_one("#export-out", Input).value = str(out)
        await pilot.press("x")
        await wait_until(pilot, lambda: not screen.busy and "Wrote" in export_status(app.screen))
    fresh = Store.create(tmp_path / "fresh.suhbat", languages=("ru", "kk", "en"))
    try:
        import_refi(fresh, out)
        with Store(demo_path) as master:
            assert len(fresh.codes.all()) == len(master.codes.all())
    finally:
        fresh.close()


async def import_through_dialog(pilot: Pilot[None], app: SuhbatApp, path: Path) -> str:
    """Open the Import dialog from the home screen, import ``path``; return the report."""
    await pilot.press("i")
    await wait_until(pilot, lambda: isinstance(app.screen, ImportModal))
    app.screen.query_one("#picker-path", Input).value = str(path)
    await pilot.press("enter")
    report = await wait_for_screen(pilot, ReportModal)
    text = report.text
    assert str(report.query_one("#report-text", Static).render()) == text
    await pilot.press("enter")  # Close
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    return text


async def test_import_dialog_reads_a_transcript_and_a_refi_project(
    tmp_path: Path, fixtures_dir: Path, shared_dir: Path
) -> None:
    project = tmp_path / "study.suhbat"
    Store.create(project, languages=("ru", "kk", "en")).close()
    transcript = fixtures_dir / "interview_07.ru.txt"
    refi = shared_dir / "refi-qda" / "samples" / "qdpx-toolkit_hand_authored" / "project.qde"

    app = SuhbatApp(project, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "0 transcripts" in summary(app)
        await pilot.press("f6")  # the coding screen has nothing to show yet
        coding = app.screen
        assert isinstance(coding, TranscriptScreen) and coding.model is None
        await pilot.press("f1")
        text = await import_through_dialog(pilot, app, transcript)
        assert text.startswith("interview_07.ru.txt: ")
        # The home screen shows the new transcript as soon as the dialogs close.
        assert "1 transcript ·" in summary(app)
        assert app.screen.query_one("#transcripts", DataTable).row_count == 1

        text = await import_through_dialog(pilot, app, refi)
        lines = text.splitlines()
        assert lines[0] == "project.qde: imported REFI-QDA project"
        # The hand-authored sample: 4 codes; a text source and an audio transcript with
        # 3 coded text selections between them.
        assert "  codes: 4" in lines and "  codings: 3" in lines
        # Its picture source cannot be kept, and the user is told.
        assert any("picture source was not imported" in line for line in lines)
        assert "3 transcripts" in summary(app)
        await pilot.press("f6")
        await pilot.pause()
        assert coding.model is not None  # it opens a transcript once there is one
    with Store(project) as store:
        titles = {t.title for t in store.transcripts.all()}
        assert "interview_07" in titles and len(titles) == 3
        assert len(store.codes.all()) == 4 and len(store.codings.all()) == 3


async def test_import_dialog_reports_a_bad_file_and_writes_nothing(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    project = tmp_path / "study.suhbat"
    Store.create(project, languages=("ru", "kk", "en")).close()
    broken = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("project.qde", '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
        archive.writestr("../../outside.txt", "x")

    app = SuhbatApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        modal = await wait_for_screen(pilot, ImportModal)
        modal.query_one("#picker-path", Input).value = str(broken)
        await pilot.press("enter")
        status = modal.query_one("#import-file-status", Static)
        await wait_until(pilot, lambda: "Nothing was imported" in str(status.render()))
        assert "outside the archive" in str(status.render())
        assert app.screen is modal
    with Store(project) as store:
        assert store.info().transcripts == 0 and not store.codes.all()


async def test_merge_a_coders_copy_dry_run_then_confirm(demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "dana.suhbat"
    shutil.copyfile(demo_path, copy)
    with Store(copy) as store:
        layer = store.transcripts.layers()[0]
        code = store.codes.all()[1]
        store.codings.add(code.id, layer.id, 0, 20, store.coders.get("Dana").id)

    def dana_codings() -> int:
        with Store(demo_path) as store:
            coders = {c.id: c.name for c in store.coders.all()}
            return sum(coders[c.coder_id] == "Dana" for c in store.codings.all())

    with Store(demo_path) as store:
        codings_before = store.info().codings

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert f"{codings_before} codings" in summary(app)
        await pilot.press("f6")  # the coding screen shows the first transcript
        await pilot.pause()
        coding = app.screen
        assert isinstance(coding, TranscriptScreen) and coding.model is not None
        assert coding.model.transcript.id == layer.transcript_id
        shown = sum(len(v) for v in coding.model.codings.values())
        await pilot.press("f10", "m")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeModal))
        app.screen.query_one("#picker-path", Input).value = str(copy)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportModal))
        preview = app.screen
        assert isinstance(preview, ReportModal) and preview.confirm
        lines = preview.text.splitlines()
        assert lines[0].startswith("Dry run: nothing was written")
        assert "  add 1 coding" in lines and "  add 1 coder" in lines
        assert dana_codings() == 0  # the dry run wrote nothing
        await pilot.press("enter")  # the Merge button has the focus
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ReportModal) and not app.screen.confirm,
        )
        assert "  add 1 coding" in _report(app).text.splitlines()
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert dana_codings() == 1
        # Other screens show the merged data when they are next shown.
        await pilot.press("f1")
        assert f"{codings_before + 1} codings" in summary(app)
        await pilot.press("f6")
        assert "Dana" in coding.model.coders.values()
        assert sum(len(v) for v in coding.model.codings.values()) == shown + 1
        await pilot.press("f1")  # the home screen opens the dialog too

        # Merging the same copy again changes nothing and offers no Merge button.
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeModal))
        app.screen.query_one("#picker-path", Input).value = str(copy)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportModal))
        assert not _report(app).confirm
        assert "Nothing to merge" in _report(app).text
    assert dana_codings() == 1
