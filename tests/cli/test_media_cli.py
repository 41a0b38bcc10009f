"""``suhbat media``: recordings linked, found again after a move, bad files refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import run

from storage import Store

MEDIA = Path(__file__).resolve().parents[1] / "data" / "media"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project with one session and a recording beside it in ``audio/``."""
    path = tmp_path / "study.suhbat"
    assert run("init", path, "--languages", "en,ru")[0] == 0
    assert run("session", "add", path, "Interview 1")[0] == 0
    (tmp_path / "audio").mkdir()
    shutil.copy(MEDIA / "speech_en.m4a", tmp_path / "audio" / "Сұхбат 1.m4a")
    return path


def test_link_stores_a_relative_path_size_duration_and_checksum(project: Path) -> None:
    recording = project.parent / "audio" / "Сұхбат 1.m4a"
    code, out, err = run(
        "media",
        "link",
        project,
        recording,
        "--session",
        "Interview 1",
        "--offset",
        "00:00:02",
        "--json",
    )
    assert code == 0, err
    record = json.loads(out)
    assert record["path"] == "audio/Сұхбат 1.m4a"
    assert record["size"] == recording.stat().st_size
    assert 6000 <= record["duration_ms"] <= 6500
    assert record["checksum"].startswith("sha256:") and len(record["checksum"]) == 71
    assert record["offset_ms"] == 2000
    assert record["status"] == "ok"
    with Store(project, read_only=True) as store:
        (linked,) = store.media.all()
        assert linked.session_id == store.sessions.find("Interview 1").id  # type: ignore[union-attr]


def test_a_moved_recording_is_reported_and_relinked(project: Path, tmp_path: Path) -> None:
    recording = project.parent / "audio" / "Сұхбат 1.m4a"
    assert run("media", "link", project, recording, "--session", "Interview 1")[0] == 0
    moved = tmp_path / "elsewhere.m4a"
    recording.rename(moved)
    code, out, err = run("media", "list", project)
    assert code == 0  # a missing file never stops the project from opening
    assert "missing" in out and "relink" in err
    assert run("info", project)[0] == 0
    code, out, err = run("media", "relink", project, "1", moved)
    assert code == 0, err
    assert json.loads(run("media", "list", project, "--json")[1])[0]["status"] == "ok"


def test_relink_refuses_a_different_recording_unless_forced(project: Path) -> None:
    recording = project.parent / "audio" / "Сұхбат 1.m4a"
    assert run("media", "link", project, recording, "--session", "Interview 1")[0] == 0
    other = MEDIA / "speech_en.ogg"
    code, _out, err = run("media", "relink", project, "1", other)
    assert code == 1 and "not the recording that was linked" in err
    assert run("media", "relink", project, "1", other, "--force")[0] == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_media.m4a", "not an audio or video file"),
        ("truncated.m4a", "cut short"),
        ("zero_seconds.wav", "0 seconds long"),
    ],
)
def test_bad_files_are_refused_with_one_line_and_nothing_written(
    project: Path, name: str, message: str
) -> None:
    before = project.read_bytes()
    code, _out, err = run("media", "link", project, MEDIA / name, "--session", "Interview 1")
    assert code == 1
    assert message in err and name in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    with Store(project, read_only=True) as store:
        assert store.media.all() == []
    assert project.read_bytes() == before


def test_a_recording_shorter_than_its_transcript_is_refused(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "long.txt"
    text.write_text("[00:00:01] A: Hello.\n[00:05:00] B: Much later.\n", encoding="utf-8")
    code, _out, err = run("import", project, text, "--session", "Interview 1", "--language", "en")
    assert code == 0, err
    recording = project.parent / "audio" / "Сұхбат 1.m4a"
    code, _out, err = run("media", "link", project, recording, "--transcript", "long")
    assert code == 1 and "shorter than the transcript" in err
    assert run("media", "link", project, recording, "--transcript", "long", "--force")[0] == 0


def test_offset_and_unlink(project: Path) -> None:
    recording = project.parent / "audio" / "Сұхбат 1.m4a"
    assert run("media", "link", project, recording, "--session", "Interview 1")[0] == 0
    assert run("media", "offset", project, "1", "1.5")[0] == 0
    assert json.loads(run("media", "list", project, "--json")[1])[0]["offset_ms"] == 1500
    code, out, _err = run("media", "unlink", project, "1")
    assert code == 0 and "Сұхбат 1.m4a" in out
    assert recording.exists()
    assert json.loads(run("media", "list", project, "--json")[1]) == []


def test_machine_transcripts_are_reviewed_utterance_by_utterance(tmp_path: Path) -> None:
    project = tmp_path / "p.suhbat"
    assert run("init", project, "--languages", "en")[0] == 0
    text = tmp_path / "speech.txt"
    text.write_text("[00:00:00] S1: One.\n[00:00:02] S1: Two.\n", encoding="utf-8")
    assert run("import", project, text, "--session", "Recorded")[0] == 0
    with Store(project) as store:
        (transcript,) = store.transcripts.all()
        first, second = store.transcripts.utterances(transcript.id)
        store.media.mark_machine(transcript.id, engine="e", model="m", language="en")
        store.media.review_utterance(first.id)
        assert store.media.reviewed_utterances(transcript.id) == {first.id}
        store.media.review_utterance(first.id, reviewed=False)
        store.media.review_utterance(second.id)
        assert store.media.reviewed_utterances(transcript.id) == {second.id}
        store.media.mark_reviewed(transcript.id)
        machine = store.media.machine(transcript.id)
        assert machine is not None and machine.reviewed is not None


def test_a_moved_transcript_takes_its_recording_along(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "short.txt"
    text.write_text("[00:00:01] A: Hello.\n", encoding="utf-8")
    assert run("import", project, text, "--session", "Interview 1", "--language", "en")[0] == 0
    recording = project.parent / "audio" / "Сұхбат 1.m4a"
    assert run("media", "link", project, recording, "--transcript", "short")[0] == 0
    assert run("session", "add", project, "Interview 2")[0] == 0
    with Store(project) as store:
        transcript = store.transcripts.find("short")
        target = store.sessions.find("Interview 2")
        assert transcript is not None and target is not None
        store.transcripts.move(transcript.id, target.id)
        (media,) = store.media.all()
        assert media.session_id == target.id  # and suhbat check (after the test) agrees
