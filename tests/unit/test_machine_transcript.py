"""What speech recognition heard becomes a transcript: turns at pauses, languages per turn."""

from __future__ import annotations

import shutil
from pathlib import Path

from exports.media.machine_transcript import store_recognition
from exports.media.probe import probe
from exports.media.transcription import Recognition, Segment, Word
from storage import Store

SPEECH = Path(__file__).resolve().parents[1] / "data" / "media" / "speech_en.m4a"


def test_code_switching_is_kept_per_utterance(tmp_path: Path) -> None:
    audio = tmp_path / "focus group.m4a"
    shutil.copy(SPEECH, audio)
    heard = Recognition(
        language="ru",
        duration_ms=6000,
        segments=(
            Segment(
                0,
                1000,
                "Бюджет утвердили.",
                "ru",
                (Word(0, 400, "Бюджет"), Word(450, 990, "утвердили.")),
            ),
            Segment(1100, 2000, "Мектеп салынды.", "kk"),  # a switch to Kazakh: a new turn
            Segment(2100, 2900, "Да, в этом году.", "ru"),
            Segment(5000, 5900, "Спасибо.", "ru"),  # after a long pause: a new turn
        ),
        model="test",
    )
    with Store.create(tmp_path / "p.suhbat", languages=("ru", "kk")) as store:
        transcript_id = store_recognition(store, heard, audio, probe(audio))
        utterances = store.transcripts.utterances(transcript_id)
        assert [(u.start_ms, u.end_ms) for u in utterances] == [
            (0, 1000), (1100, 2000), (2100, 2900), (5000, 5900)
        ]  # fmt: skip
        (layer,) = store.transcripts.layers(transcript_id)
        assert layer.language == "ru"
        languages = store.transcripts.utterance_languages(transcript_id)
        assert languages == {(utterances[1].id, layer.id): "kk"}
        assert store.media.word_times(utterances[0].id) == [
            (0, 400, "Бюджет"),
            (450, 990, "утвердили."),
        ]
        assert store.media.word_times(utterances[1].id) == []
        machine = store.media.machine(transcript_id)
        assert machine is not None and machine.model == "test"
        assert store.media.for_transcript(transcript_id) is not None
