"""Recording a live session on the silent backend: consent first, the session's clock, recovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import wait_until

from storage import Store
from storage.live_store import epoch_ms
from tui.app import SuhbatApp
from tui.audio.recorder import Recorder
from tui.dialogs.confirm_modal import ConfirmModal
from tui.screens.live_session import LiveSessionScreen


async def test_recording_asks_about_consent_and_lands_on_the_sessions_clock(
    demo_path: Path,
) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "enter", "y")  # the first session (it has a transcript) goes live
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen)
        await pilot.press("escape", "r")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = str(app.screen.query_one("#confirm-question").render())
        assert "Record Interview R1?" in question
        await pilot.press("y")
        control = screen.recorder
        await wait_until(pilot, lambda: control.recording.active)
        await wait_until(pilot, lambda: "● REC" in str(screen.query_one("#live-rec").render()))
        await wait_until(pilot, lambda: (control.recording.recorder.duration_ms or 0) > 800)  # type: ignore[union-attr]
        await pilot.press("escape", "R")
        assert not control.recording.active
        await wait_until(pilot, lambda: bool(app.store.media.all()), 30)
    with Store(demo_path, read_only=True) as store:
        session = store.sessions.find("Interview R1")
        assert session is not None
        (media,) = store.media.all(session_id=session.id)
        assert media.transcript_id is None and media.kind == "audio"
        assert media.duration_ms >= 800
        assert media.offset_ms <= 0  # note time t is at t + offset in the recording
    assert not list(demo_path.parent.glob(".*.recording.*"))


async def test_an_interrupted_recording_is_offered_and_recovered(demo_path: Path) -> None:
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        uuid = session.uuid
    left = Recorder(demo_path.parent, "crashed", session_uuid=uuid, started_at_ms=12_000)
    left.start()
    import time

    time.sleep(1.0)
    left.pause()  # the process "dies" here: the files stay as they are
    assert left.pcm.exists()

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "down", "enter", "y")  # start it although it has a transcript
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "was interrupted" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("y")
        await wait_until(pilot, lambda: bool(app.store.media.all()), 30)
    with Store(demo_path, read_only=True) as store:
        (media,) = store.media.all()
        assert media.offset_ms == -12_000 and media.path == "crashed.m4a"
    assert (demo_path.parent / "crashed.m4a").exists()
    assert not left.pcm.exists()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_consent_question_names_who_has_not_consented(demo_path: Path, language: str) -> None:
    from i18n import set_language
    from tui.screens.live_recording import consent_question

    set_language(language)
    with Store(demo_path) as store:
        session = store.sessions.find("Focus group Kordai")
        assert session is not None
        for link in store.sessions.participants(session.id):
            store.sessions.link_participant(session.id, link.participant_id, consent=False)
        text = consent_question(store, session)
    assert "Focus group Kordai" in text and "P1" in text
    assert epoch_ms() > 0
