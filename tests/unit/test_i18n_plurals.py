"""Counts in messages take the plural form the number needs, in English, Russian and Kazakh."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.transcripts import read_transcript
from i18n import set_language, translate_error, translate_message
from storage import Store
from storage.errors import NN_, SuhbatError, ValidationError
from storage.merge_report import MergeReport
from storage.models import TranscriptInput, UtteranceInput
from tui.exchange_reports import merge_lines

CUE = "{n}\n00:00:0{n},000 --> 00:00:0{n},500\n{text}\n\n"


def _srt_notes(tmp_path: Path, empty: int) -> list[str]:
    cues = [CUE.format(n=1, text="P1: Сәлем")] + [
        CUE.format(n=i + 2, text="") for i in range(empty)
    ]
    path = tmp_path / f"cues{empty}.srt"
    path.write_text("".join(cues), encoding="utf-8")
    parsed = read_transcript(path)
    return [translate_message(m, dict(parsed.note_params)) for m in parsed.notes]


@pytest.mark.parametrize(
    ("language", "one", "two", "five"),
    [
        ("en", "skipped 1 cue without", "skipped 2 cues without", "skipped 5 cues without"),
        ("ru", "пропущен 1 субтитр без", "пропущено 2 субтитра без", "пропущено 5 субтитров"),
        ("kk", "мәтінсіз 1 субтитр", "мәтінсіз 2 субтитр", "мәтінсіз 5 субтитр"),
    ],
)
def test_skipped_cues_are_counted_in_the_right_form(
    tmp_path: Path, language: str, one: str, two: str, five: str
) -> None:
    set_language(language)
    for count, expected in ((1, one), (2, two), (5, five)):
        (note,) = _srt_notes(tmp_path, count)
        assert expected in note
        assert "(s)" not in note


def test_merge_report_counts_read_naturally() -> None:
    report = MergeReport("copy.suhbat", False, added={"coders": 1, "codes": 5, "memos": 2})
    set_language("en")
    lines = merge_lines(report)
    assert "  add 1 coder" in lines
    assert "  add 5 codes" in lines
    set_language("ru")
    lines = merge_lines(report)
    assert "  добавить: 1 кодировщик" in lines
    assert "  добавить: 5 кодов" in lines


def test_errors_with_a_count_pick_the_form(store: Store) -> None:
    sid = store.sessions.add("I", "interview").id
    turns = tuple(UtteranceInput("P1", None, None, (t,)) for t in ("a", "b", "c"))
    transcript = store.transcripts.add(sid, TranscriptInput("t", ("ru",), turns))
    with pytest.raises(SuhbatError) as caught:
        store.transcripts.add_layer(transcript.id, "en", ["only one"])
    assert str(caught.value) == "The translation has 1 utterance, the transcript 3"
    set_language("ru")
    assert translate_error(caught.value) == "В переводе 1 реплика, в транскрипте 3"
    many = ValidationError(caught.value.message, got=22, want=3)
    assert translate_error(many) == "В переводе 22 реплики, в транскрипте 3"


def test_a_plural_msgid_falls_back_to_english_forms() -> None:
    message = NN_("{count} thing nobody translated", "{count} things nobody translated")
    assert translate_message(message, {"count": 1}) == "1 thing nobody translated"
    assert translate_message(message, {"count": "3"}) == "3 things nobody translated"
