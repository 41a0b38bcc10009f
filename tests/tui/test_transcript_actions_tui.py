"""Project home: rename, move, delete (and undo), layer language; the Speakers screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import interview_project, settle
from textual.widgets import DataTable, Static

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal
from tui.dialogs.speakers import SpeakersScreen
from tui.screens.home import HomeScreen


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir) as store:
        store.sessions.add("Интервью 8")
        ru = next(x for x in store.transcripts.layers() if x.language == "ru")
        code = store.codes.add("Бюрократия")
        store.codings.add(code.id, ru.id, 0, 10, store.coders.get("aigerim").id)
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_rename_move_language_delete_and_undo_from_home(
    tmp_path: Path, fixtures_dir: Path, size: tuple[int, int]
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        store = app.store
        (transcript,) = store.transcripts.all()

        await pilot.press("n", "ctrl+a", "ctrl+k", *"Интервью 7", "enter")
        await settle(pilot)
        assert store.transcripts.get(transcript.id).title == "Интервью 7"

        await pilot.press("v", *"Интервью 8", "enter")
        await settle(pilot)
        moved = store.transcripts.get(transcript.id)
        assert store.sessions.get(moved.session_id).title == "Интервью 8"

        await pilot.press("l")  # two layers: which one?
        await settle(pilot)
        await pilot.press(*"en", "enter")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *"kk", "enter")
        await settle(pilot)
        languages = [x.language for x in store.transcripts.layers(transcript.id)]
        assert languages == ["ru", "kk"]

        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "1 coding" in question and "Интервью 7" in question
        await pilot.press("y")
        await settle(pilot)
        assert store.transcripts.all() == [] and store.codings.all() == []
        assert app.screen.query_one("#transcripts", DataTable).row_count == 0

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [t.title for t in store.transcripts.all()] == ["Интервью 7"]
        assert len(store.codings.all()) == 1
        assert store.search.hits("согласование")


async def test_speakers_screen_creates_links_and_unlinks(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    def linked(store: Store, label: str) -> set[int | None]:
        return {u.participant_id for u in store.transcripts.utterances() if u.speaker == label}

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        labels = [r[0] for r in screen.rows]
        assert labels == sorted(labels) and "Респондент 7" in labels
        store = app.store

        table = screen.query_one(DataTable)
        table.move_cursor(row=labels.index("Респондент 7"))
        await pilot.press("n")  # a participant made of the label
        await settle(pilot)
        participant = store.participants.find("Респондент 7")
        assert participant is not None
        assert linked(store, "Респондент 7") == {participant.id}

        table.move_cursor(row=labels.index("Интервьюер"))
        store.participants.add("I1")
        await pilot.press("l", *"I1", "enter")
        await settle(pilot)
        interviewer = store.participants.find("I1")
        assert interviewer is not None
        assert linked(store, "Интервьюер") == {interviewer.id}

        await pilot.press("u")
        await settle(pilot)
        assert linked(store, "Интервьюер") == {None}
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
