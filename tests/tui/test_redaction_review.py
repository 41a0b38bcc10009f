"""The redaction review screen (Export screen, D): each suggestion accepted or rejected
before it becomes a line of the redaction list; decisions kept in the project."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_export, settle_workers, wait_until
from textual.widgets import DataTable, Input

from exports.redaction_suggestions import load_decisions, suggest_redactions, term_key
from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.screens.export import ExportScreen
from tui.screens.redaction_review import RedactionReviewScreen


def named_project(tmp_path: Path, shared_dir: Path) -> Path:
    path = tmp_path / "names.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        store.participants.add("P07", real_name="Айгуль Жанбыршыкова")
        import_transcript(
            store, shared_dir / "redaction" / "interview_names.ru.txt", session="Interview 7"
        )
    return path


async def test_accept_reject_and_write_the_list(tmp_path: Path, shared_dir: Path) -> None:
    project = named_project(tmp_path, shared_dir)
    listing = tmp_path / "names.redactions.txt"

    app = SuhbatApp(project)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot)
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, RedactionReviewScreen)
        await settle_workers(pilot)
        table = screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        assert screen.query_one("#review-list", Input).value == str(listing)
        terms = [s.term for s in screen.suggestions]
        assert terms[:2] == ["Ерлан Касымов", "Кордай"]  # the most frequent first
        await pilot.press("a")  # accept Касымов
        # Кордай: NAME → PLACE → ORG → NAME → PLACE, accepted
        await pilot.press("t", "t", "t", "t", "a")
        await pilot.press("r")  # Айгуль Жанбыршыкова rejected
        assert not listing.exists()  # nothing written before Ctrl+S
        assert load_decisions(app.store) == {}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        # The export's redaction field now names the list written.
        assert app.screen.query_one("#export-redact", Input).value == str(listing)
        assert load_decisions(app.store) == {
            term_key("Ерлан Касымов"): "accepted",
            term_key("Кордай"): "accepted",
            term_key("Айгуль Жанбыршыкова"): "rejected",
        }
    assert listing.read_text(encoding="utf-8") == ("NAME: Ерлан Касымов\nPLACE: Кордай\n")
    with Store(project) as store:
        left = {s.term for s in suggest_redactions(store)}
    assert not left & {"Кордай", "Ерлан Касымов", "Айгуль Жанбыршыкова"} and "КНБ" in left


async def test_closing_writes_nothing(tmp_path: Path, shared_dir: Path) -> None:
    project = named_project(tmp_path, shared_dir)

    app = SuhbatApp(project)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f10", "d")
        await settle_workers(pilot)
        await pilot.press("a", "escape")
        assert isinstance(app.screen, ExportScreen)
        assert load_decisions(app.store) == {}
    assert not (tmp_path / "names.redactions.txt").exists()
