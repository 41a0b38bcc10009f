"""Transcripts imported after a sessions register join their registered session, by the
date their heading names or the place their file name names (README's first-day steps)."""

from __future__ import annotations

import shutil
from pathlib import Path

from exports.registered_session import written_date
from exports.tables import import_table
from exports.transcript_import import import_transcript
from storage import Store

FOCUS_GROUPS = (
    "focus_group_astana.kk-ru-en.docx",  # heading: «… Нұр-Сұлтан, 08.07.2022»
    "focus_group_oskemen.ru.vtt",  # heading: «Фокус-группа, Оскемен, 20.07.2022 …»
    "focus_group_ryskulova.kk.srt",  # no heading: the file name names the place
)


def test_written_dates_are_read_day_first_and_checked() -> None:
    assert written_date(["Фокус-топ — Нұр-Сұлтан, 08.07.2022"]) == "2022-07-08"
    assert written_date(["Interview, 2022-07-20, Oskemen"]) == "2022-07-20"
    assert written_date(["8/7/2022"]) == "2022-07-08"
    assert written_date(["31.02.2022", "no date here"]) is None
    assert written_date(["reference 123.45.67890"]) is None


def test_transcripts_join_the_sessions_of_the_register(tmp_path: Path, fixtures_dir: Path) -> None:
    with Store.create(tmp_path / "study.suhbat") as store:
        import_table(store, "sessions", fixtures_dir / "focus_groups.csv")
        registered = {s.location: s.id for s in store.sessions.all()}
        reports = [import_transcript(store, fixtures_dir / name) for name in FOCUS_GROUPS]
        interview = import_transcript(store, fixtures_dir / "interview_03.ru.docx")
        sessions = {s.id: s for s in store.sessions.all()}
        session_of = {t.id: t.session_id for t in store.transcripts.all()}
    joined = [session_of[r.transcript.id] for r in reports]
    assert joined == [
        registered["Nur-Sultan (Astana)"],
        registered["Oskemen"],
        registered["Ryskulova"],
    ]
    assert [note for r in reports for note, _params in r.notes if "filed under" in note]
    assert session_of[interview.transcript.id] not in registered.values()
    assert len(sessions) == len(registered) + 1
    assert sessions[registered["Oskemen"]].date == "2022-07-20"  # the register's fields stay


def test_no_guess_when_two_sessions_fit_or_the_one_has_a_transcript(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    astana = tmp_path / FOCUS_GROUPS[0]
    shutil.copyfile(fixtures_dir / FOCUS_GROUPS[0], astana)
    with Store.create(tmp_path / "two.suhbat") as store:
        morning = store.sessions.add("FG Astana morning", "focus_group", date="2022-07-08")
        evening = store.sessions.add("FG Astana evening", "focus_group", date="2022-07-08")
        report = import_transcript(store, astana)
        session_id = store.transcripts.get(report.transcript.id).session_id
        assert session_id not in (morning.id, evening.id)  # a session of its own, as before
        assert len(store.sessions.all()) == 3
    with Store.create(tmp_path / "used.suhbat") as store:
        held = store.sessions.add("FG Astana", "focus_group", date="2022-07-08")
        first = import_transcript(store, astana)
        assert store.transcripts.get(first.transcript.id).session_id == held.id
        again = tmp_path / "astana_notes.ru.txt"  # another transcript of that day
        again.write_text(
            "# Заметки модератора · 08.07.2022\n[00:00:04] Модератор: Начинаем.\n",
            encoding="utf-8",
        )
        second = import_transcript(store, again)
        assert store.transcripts.get(second.transcript.id).session_id != held.id


def test_a_session_made_for_a_transcript_takes_the_date_its_heading_says(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    with Store.create(tmp_path / "study.suhbat") as store:
        # heading: «# Интервью 7 · пресс-секретарь, аппарат акима · 14.03.2024»
        report = import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        undated = import_transcript(store, fixtures_dir / "focus_group_ryskulova.kk.srt")
        session_of = {t.id: t.session_id for t in store.transcripts.all()}
        dated = store.sessions.get(session_of[report.transcript.id])
        other = store.sessions.get(session_of[undated.transcript.id])
    assert dated.date == "2024-03-14"
    assert other.date is None
