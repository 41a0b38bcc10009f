"""The live session's commands over a real project file (the demo), without the app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storage import Store
from tui.screens.live_commands import LiveRun
from tui.screens.live_plan import start_or_resume

T0 = 1_700_000_000_000


def _run(store: Store, title: str) -> LiveRun:
    session = store.sessions.find(title)
    assert session is not None
    start_or_resume(store, session, now_ms=T0)
    return LiveRun(store, session.id)


def test_questions_speakers_and_languages_follow_the_keys(demo_path: Path) -> None:
    with Store(demo_path) as store:
        run = _run(store, "Interview R1")
        assert run.step_index() == 0
        first = run.steps[0].question
        assert run.question_text(first) == first.texts["ru"]
        assert run.next_language() == "kk"
        run.update(T0 + 1_000, language=run.next_language())
        assert run.question_text(first) == first.texts["kk"]
        assert "ru: " + first.texts["ru"] in run.other_languages(first)
        assert "kk: " not in run.other_languages(first)

        run.update(T0 + 2_000, question_id=run.steps[2].question.id)
        assert run.step_index() == 2
        speaker = run.current_speaker()
        assert speaker is not None and speaker.label == "R1"
        lead = run.cycled_speaker(-1)
        assert lead is not None and lead.key == 0
        assert run.speaker(0) == lead and run.speaker(9) is None

    with Store(demo_path) as store:  # everything was stored at once
        again = LiveRun(store, run.session.id)
        assert again.step_index() == 2
        assert again.state is not None and again.state.language == "kk"


def test_a_note_is_stamped_marks_are_kept_and_the_end_makes_a_transcript(
    demo_path: Path,
) -> None:
    with Store(demo_path) as store:
        run = _run(store, "Focus group Kordai")
        run.set_draft("Я", T0 + 5_000)
        note = run.commit_note("Я учитель", T0 + 9_000)
        assert note is not None and note.elapsed_ms == 5_000
        assert run.note_place(note) == ("1", run.speakers[0].label)
        assert run.commit_note("   ", T0 + 9_500) is None

        run.mark_current("answered")
        assert store.live.marks(run.session.id) == {run.steps[0].question.id: "answered"}

        paused = run.toggle_clock(T0 + 10_000)
        assert not paused.running and paused.elapsed_at(T0 + 60_000) == 10_000
        assert run.toggle_clock(T0 + 20_000).running

        transcript = run.end("last words", "Kordai (live notes)", T0 + 30_000)
        assert transcript is not None and transcript.title == "Kordai (live notes)"
        notes = [n.text for n in store.live.notes(run.session.id)]
        assert notes == ["Я учитель", "last words"]
        state = store.live.state(run.session.id)
        assert state is not None and state.status == "ended"


def test_the_live_commands_run_without_textual() -> None:
    probe = "import sys, tui.screens.live_commands; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
