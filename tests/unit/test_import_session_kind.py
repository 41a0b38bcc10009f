"""Without --kind, a new session's kind comes from the file name, else from who speaks."""

from __future__ import annotations

import shutil
from pathlib import Path

from exports.transcript_import import import_transcript
from storage import Store
from tui.exchange_reports import transcript_import_lines


def _kind(store: Store, report_transcript_session: int) -> str:
    return store.sessions.get(report_transcript_session).kind


def test_focus_group_with_a_neutral_name_is_told_by_its_speakers(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    neutral = tmp_path / "oskemen_2022.ru.vtt"
    shutil.copyfile(fixtures_dir / "focus_group_oskemen.ru.vtt", neutral)
    report = import_transcript(store, neutral)
    assert _kind(store, report.transcript.session_id) == "focus_group"
    assert (
        "note: oskemen_2022.ru.vtt: stored as a focus group: besides the moderator, 4 people"
        " speak in it (P3, P5, P1, P7); choose the kind with --kind or on the Sessions screen"
    ) in transcript_import_lines(report)


def test_interview_with_a_neutral_name_is_told_by_its_speakers(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    neutral = tmp_path / "astana_07.ru.txt"
    shutil.copyfile(fixtures_dir / "interview_07.ru.txt", neutral)
    report = import_transcript(store, neutral)
    assert _kind(store, report.transcript.session_id) == "interview"
    assert any("stored as an interview" in line for line in transcript_import_lines(report))


def test_i_and_r_labels_make_an_interview(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "talk.ru.txt"
    path.write_text("I: Как дела?\nR: Хорошо.\nI: Спасибо.\n", encoding="utf-8")
    report = import_transcript(store, path)
    assert _kind(store, report.transcript.session_id) == "interview"


def test_the_name_and_the_option_decide_first(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    report = import_transcript(store, fixtures_dir / "focus_group_ryskulova.kk.srt")
    assert _kind(store, report.transcript.session_id) == "focus_group"
    assert any("its name says so" in line for line in transcript_import_lines(report))
    neutral = tmp_path / "oskemen_2022.ru.vtt"
    shutil.copyfile(fixtures_dir / "focus_group_oskemen.ru.vtt", neutral)
    chosen = import_transcript(store, neutral, kind="interview")
    assert _kind(store, chosen.transcript.session_id) == "interview"
    assert not any("stored as" in line for line in transcript_import_lines(chosen))
