"""The merge dialog tells the same report as ``suhbat merge``: deletions and what was left out."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from pilot_helpers import wait_for_screen, wait_until
from textual.widgets import Input

from storage import Store
from tui.app import SuhbatApp
from tui.cli import cli
from tui.dialogs.merge_modal import MergeModal
from tui.dialogs.report_modal import ReportModal


async def test_the_merge_dialog_shows_the_report_the_command_prints(
    demo_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "dana.suhbat"
    shutil.copyfile(demo_path, copy)
    with Store(copy) as store:
        gone = next(
            c for c in store.codes.all() if c.is_codable and store.codings.all(code_id=c.id)
        )
        store.codes.delete(gone.id)
        layer = store.transcripts.layers()[0]
        word = next(w for w in layer.text.split() if len(w) > 6 and layer.text.count(w) == 1)
        start = layer.text.index(word)
        code = next(c for c in store.codes.all() if c.is_codable)
        store.codings.add(code.id, layer.id, start, start + len(word), store.coders.get("Dana").id)
    with Store(demo_path) as store:
        store.transcripts.edit_layer_text(layer.id, start, start + len(word), "x" * len(word))
    result = CliRunner().invoke(
        cli, ["--lang", "en", "merge", "--dry-run", str(demo_path), str(copy)]
    )
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert "  delete 1 code" in printed
    assert any(word in line and "coder Dana" in line for line in printed)

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f10", "m")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeModal))
        app.screen.query_one("#picker-path", Input).value = str(copy)
        await pilot.press("enter")
        preview = await wait_for_screen(pilot, ReportModal)
        assert preview.text.splitlines() == printed
        await pilot.press("enter")  # Merge
        await wait_until(
            pilot, lambda: isinstance(app.screen, ReportModal) and not app.screen.confirm
        )
        done_report = app.screen
        assert isinstance(done_report, ReportModal)
        done = done_report.text.splitlines()
        assert done == printed[1:]  # the same, without the dry run's heading
    with Store(demo_path) as store:
        assert all(c.uuid != gone.uuid for c in store.codes.all())
