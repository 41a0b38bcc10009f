"""Live sessions in the Store: state, clock, draft notes, marks, and ending into a transcript."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import ConflictError, NotFoundError, Store, ValidationError

T0 = 1_700_000_000_000  # a fixed wall-clock time in epoch ms


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project with a guide of two questions (one with a probe) and a focus group."""
    path = tmp_path / "live.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        guide = store.guides.add("Focus groups")
        q1 = store.guides.add_question(
            guide.id, {"ru": "Как проходит день?", "kk": "Күн қалай өтеді?"}
        )
        store.guides.add_question(guide.id, {"ru": "Например?"}, kind="probe", parent_id=q1.id)
        store.guides.add_question(guide.id, {"ru": "Что изменить?"}, kind="closing")
        session = store.sessions.add("FG Astana", "focus_group", languages=("kk", "ru"))
        store.sessions.update(session.id, guide_id=guide.id)
        for code in ("P1", "P2"):
            p = store.participants.add(code)
            store.sessions.link_participant(session.id, p.id, "respondent", consent=True)
    return path


def _ids(store: Store) -> tuple[int, list[int], list[int]]:
    session = store.sessions.all()[0]
    questions = [q.id for q in store.guides.questions()]
    people = [p.id for p in store.participants.all()]
    return session.id, questions, people


def test_clock_runs_across_reopen_and_pauses(project: Path) -> None:
    with Store(project) as store:
        sid, _q, _p = _ids(store)
        store.live.start(sid, now_ms=T0)
        store.live.pause(sid, now_ms=T0 + 5_000)
        store.live.resume(sid, now_ms=T0 + 65_000)
    with Store(project) as again:
        state = again.live.state(sid)
        assert state is not None and state.running
        # 5 s before the pause, then 10 s after resuming; the minute of pause is not counted
        assert state.elapsed_at(T0 + 75_000) == 15_000
        again.live.pause(sid, now_ms=T0 + 75_000)
        paused = again.live.state(sid)
        assert paused is not None and paused.elapsed_at(T0 + 999_000) == 15_000


def test_draft_is_stored_on_every_change_and_stamped_at_first_key(project: Path) -> None:
    with Store(project) as store:
        sid, questions, people = _ids(store)
        store.live.start(sid, question_id=questions[0], speaker_id=people[0], now_ms=T0)
        store.live.set_draft(sid, "С", now_ms=T0 + 12_000)
        store.live.set_draft(sid, "Сәлем [00:00:04]", now_ms=T0 + 13_500)
    with Store(project) as again:
        state = again.live.state(sid)
        assert state is not None
        assert state.draft == "Сәлем [00:00:04]"
        assert state.draft_ms == 12_000
        note = again.live.commit_draft(sid, now_ms=T0 + 20_000)
        assert note is not None
        assert (note.text, note.elapsed_ms, note.question_id, note.speaker_id) == (
            "Сәлем [00:00:04]",
            12_000,
            questions[0],
            people[0],
        )
        cleared = again.live.state(sid)
        assert cleared is not None and (cleared.draft, cleared.draft_ms) == ("", None)
        assert again.live.commit_draft(sid, now_ms=T0 + 21_000) is None


def test_marks_and_state_changes_are_kept(project: Path) -> None:
    with Store(project) as store:
        sid, questions, people = _ids(store)
        store.live.start(sid, question_id=questions[0], now_ms=T0)
        store.live.mark_question(sid, questions[0], "answered")
        store.live.mark_question(sid, questions[2], "skipped")
        store.live.update(sid, question_id=questions[2], speaker_id=people[1], language="kk")
        store.live.mark_question(sid, questions[2], None)
        with pytest.raises(ValidationError):
            store.live.update(sid, title="nope")
    with Store(project) as again:
        assert again.live.marks(sid) == {questions[0]: "answered"}
        state = again.live.state(sid)
        assert state is not None
        assert (state.question_id, state.speaker_id, state.language) == (
            questions[2],
            people[1],
            "kk",
        )


def test_end_turns_notes_into_a_transcript_with_times_speakers_and_questions(
    project: Path,
) -> None:
    with Store(project) as store:
        sid, questions, people = _ids(store)
        store.live.start(sid, question_id=questions[0], speaker="Модератор", now_ms=T0)
        store.live.set_draft(sid, "Расскажите о себе", now_ms=T0 + 1_000)
        store.live.commit_draft(sid, now_ms=T0 + 3_000)
        store.live.update(sid, speaker_id=people[0], speaker="")
        store.live.set_draft(sid, "Я работаю в акимате", now_ms=T0 + 4_000)
        store.live.commit_draft(sid, now_ms=T0 + 9_000)
        store.live.update(sid, question_id=questions[2], speaker_id=people[1])
        # an uncommitted draft at the end still becomes the last utterance
        store.live.set_draft(sid, "Больше диалога", now_ms=T0 + 60_000)
        transcript = store.live.end(sid, now_ms=T0 + 90_000)
        assert transcript is not None
        utterances = store.transcripts.utterances(transcript.id)
        layer = store.transcripts.layers(transcript.id)[0]
        assert layer.language == "kk"  # the session's first language
        rows = [
            (
                u.speaker,
                u.participant_id,
                u.start_ms,
                u.end_ms,
                u.question_id,
                layer.text[u.spans[layer.id][0] : u.spans[layer.id][1]],
            )
            for u in utterances
        ]
        assert rows == [
            ("Модератор", None, 1_000, 4_000, questions[0], "Расскажите о себе"),
            ("P1", people[0], 4_000, 60_000, questions[0], "Я работаю в акимате"),
            ("P2", people[1], 60_000, 90_000, questions[2], "Больше диалога"),
        ]
        state = store.live.state(sid)
        assert state is not None and state.status == "ended" and not state.running
        assert state.transcript_id == transcript.id
        assert store.live.notes_transcript_ids() == {transcript.id}
        assert store.sessions.get(sid).duration_min == 1.5
        with pytest.raises(ConflictError):
            store.live.set_draft(sid, "x")
        with pytest.raises(ConflictError):
            store.live.start(sid)


def test_end_without_notes_makes_no_transcript(project: Path) -> None:
    with Store(project) as store:
        sid, _q, _p = _ids(store)
        store.live.start(sid, now_ms=T0)
        assert store.live.end(sid, now_ms=T0 + 1_000) is None
        assert store.transcripts.all(sid) == []


def test_notes_can_be_corrected_and_deleted(project: Path) -> None:
    with Store(project) as store:
        sid, _questions, people = _ids(store)
        store.live.start(sid, now_ms=T0)
        note = store.live.add_note(sid, "  first  ", elapsed_ms=500)
        assert note.text == "first"
        fixed = store.live.update_note(note.id, text="first, corrected", speaker_id=people[1])
        assert (fixed.text, fixed.speaker_id, fixed.elapsed_ms) == (
            "first, corrected",
            people[1],
            500,
        )
        with pytest.raises(ValidationError):
            store.live.update_note(note.id, text="  ")
        store.live.delete_note(note.id)
        assert store.live.notes(sid) == []
        with pytest.raises(NotFoundError):
            store.live.note(note.id)


def test_unstarted_session_is_reported(project: Path) -> None:
    with Store(project) as store:
        sid, _q, _p = _ids(store)
        assert store.live.state(sid) is None
        with pytest.raises(NotFoundError):
            store.live.set_draft(sid, "x")


def test_deleting_the_session_removes_its_live_state(project: Path) -> None:
    with Store(project) as store:
        sid, _q, _p = _ids(store)
        store.live.start(sid, now_ms=T0)
        store.live.add_note(sid, "note")
        store.sessions.delete(sid)
        assert store.live.states() == []
        assert store.conn.execute("SELECT COUNT(*) FROM live_note").fetchone()[0] == 0


def test_change_stamp_moves_with_writes_from_any_connection(project: Path) -> None:
    with Store(project) as store, Store(project) as other:
        stamp = store.change_stamp()
        assert store.change_stamp() == stamp  # reading changes nothing
        store.participants.all()
        assert store.change_stamp() == stamp
        other.participants.add("P9")
        moved = store.change_stamp()
        assert moved != stamp
        store.participants.add("P10")
        assert store.change_stamp() != moved
