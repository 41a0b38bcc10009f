"""The Export screen with a redaction list: the file is redacted, the report written
beside it and named on the screen; a list that cannot be read writes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

from docx_dump import dump_docx
from pilot_helpers import export_status, open_export, wait_until
from redaction_study import build_redaction_study, leaks, stored_state
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import SuhbatApp


async def export_with_list(app: SuhbatApp, pilot: Pilot[None], out: Path, listing: Path) -> None:
    screen = await open_export(pilot)
    field = screen.query_one("#export-redact", Input)
    await pilot.click("#export-redact")
    field.value = str(listing.parent) + "/"
    await pilot.press("end", *listing.name)  # the user finishes typing the name
    assert field.value == str(listing)
    screen.query_one("#export-out", Input).value = str(out)
    await pilot.click("#export-button")
    await wait_until(pilot, lambda: not screen.busy and bool(export_status(app.screen)))


async def test_a_redacted_transcript_export_and_its_report(demo_path: Path, tmp_path: Path) -> None:
    study = build_redaction_study(demo_path, tmp_path)
    before = stored_state(study.path)
    out = tmp_path / "transcripts.docx"
    report = tmp_path / "transcripts.docx.redactions.csv"

    app = SuhbatApp(study.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await export_with_list(app, pilot, out, study.redaction_list)
        await wait_until(pilot, lambda: "Wrote" in export_status(app.screen))
        assert str(report) in export_status(app.screen)
        assert "keep it private" in export_status(app.screen)
    dump = dump_docx(out)
    cells = [cell for table in dump.tables() for row in table for cell in row]
    assert leaks([*dump.paragraphs(), *cells, *(c.anchored for c in dump.comments)]) == []
    assert any("В [PLACE] R1 сказала" in cell for cell in cells)
    with open(report, encoding="utf-8-sig", newline="") as handle:
        terms = {row["term"] for row in csv.DictReader(handle)}
    assert {"Алматы", "Almaty", "Семёнов"} <= terms
    assert stored_state(study.path) == before


async def test_a_list_that_cannot_be_read_writes_nothing(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "transcripts.docx"

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await export_with_list(app, pilot, out, tmp_path / "missing.txt")
        await wait_until(pilot, lambda: "Nothing was written" in export_status(app.screen))
        assert "missing.txt" in export_status(app.screen)
    assert not out.exists()
    assert list(tmp_path.glob("*.redactions.csv")) == []
