"""``suhbat transcribe`` with the real engine and a real (tiny, English) model, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from storage import Store

MEDIA = Path(__file__).resolve().parents[1] / "data" / "media"

pytestmark = pytest.mark.xdist_group("speech")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.suhbat"
    assert run("init", path, "--languages", "en,ru,kk")[0] == 0
    return path


def test_the_known_words_come_back_with_plausible_times(project: Path) -> None:
    code, out, err = run(
        "transcribe", project, MEDIA / "speech_en.m4a", "--language", "en",
        "--session", "Recorded interview", "--json",
    )  # fmt: skip
    assert code == 0, err
    record = json.loads(out)
    assert record["language"] == "en"
    with Store(project, read_only=True) as store:
        transcript = store.transcripts.find("speech_en")
        assert transcript is not None
        session = store.sessions.get(transcript.session_id)
        assert session.title == "Recorded interview"
        (layer,) = store.transcripts.layers(transcript.id)
        text = (layer.text or "").lower()
        for word in ("budget", "new school", "approved", "roads and water"):
            assert word in text
        utterances = store.transcripts.utterances(transcript.id)
        assert utterances[0].start_ms is not None and utterances[0].start_ms < 1000
        assert utterances[-1].end_ms is not None and 5000 <= utterances[-1].end_ms <= 6500
        words = [w for u in utterances for w in store.media.word_times(u.id)]
        assert "budget" in [w.strip(".,").lower() for _s, _e, w in words]
        assert all(0 <= start <= end <= 6500 for start, end, _w in words)
        assert [s for s, _e, _w in words] == sorted(s for s, _e, _w in words)
        machine = store.media.machine(transcript.id)
        assert machine is not None and machine.reviewed is None and machine.language == "en"
        (linked,) = store.media.all(transcript_id=transcript.id)
        assert linked.path.endswith("speech_en.m4a")


def test_a_model_folder_that_does_not_exist_is_one_line_and_nothing_written(
    project: Path, tmp_path: Path
) -> None:
    before = project.read_bytes()
    code, _out, err = run(
        "transcribe", project, MEDIA / "speech_en.m4a", "--model", tmp_path / "no-such-model"
    )
    assert code == 1 and "No speech model folder" in err
    assert len(err.strip().splitlines()) == 1
    assert project.read_bytes() == before


def test_a_file_that_is_not_a_recording_is_refused_before_any_work(project: Path) -> None:
    code, _out, err = run("transcribe", project, MEDIA / "not_media.m4a")
    assert code == 1 and "not_media.m4a" in err and "Traceback" not in err
    with Store(project, read_only=True) as store:
        assert store.transcripts.all() == []


def test_a_cancelled_run_stops_the_engine_and_writes_nothing(project: Path) -> None:
    from exports.media.transcribe_job import Cancelled, JobRequest, run_job
    from exports.media.transcription import resolve_model

    model, downloadable = resolve_model(None)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # the user presses Cancel while the model loads

    before = project.read_bytes()
    with pytest.raises(Cancelled):
        run_job(JobRequest(MEDIA / "speech_en.m4a", "en", model, downloadable), cancelled=cancelled)
    assert project.read_bytes() == before
