"""Reading the sample transcripts in tests/data (good and bad) into parsed transcripts."""

from __future__ import annotations

import itertools
import shutil
import unicodedata
from pathlib import Path

import pytest

from exports.transcripts import ParsedTranscript, read_transcript
from storage.errors import InputError

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _speakers(parsed: ParsedTranscript) -> list[str]:
    return [u.speaker for u in parsed.utterances]


def _notes(parsed: ParsedTranscript) -> list[str]:
    return [note.format(**parsed.note_params) for note in parsed.notes]


def test_plain_text_interview(fixtures_dir: Path) -> None:
    parsed = read_transcript(fixtures_dir / "interview_07.ru.txt")
    assert parsed.format == "txt"
    assert parsed.encoding == "utf-8"
    assert parsed.path == "interview_07.ru.txt"
    assert parsed.title == "Интервью 7 · пресс-секретарь, аппарат акима · 14.03.2024"
    assert parsed.columns == ("",)
    assert len(parsed.utterances) == 10
    assert set(_speakers(parsed)) == {"Интервьюер", "Респондент 7"}
    first, last = parsed.utterances[0], parsed.utterances[-1]
    assert (first.speaker, first.start_ms, first.end_ms) == ("Интервьюер", 4_000, 11_000)
    assert first.texts == (
        "Расскажите, пожалуйста, как обычно проходит день в вашей пресс-службе?",
    )
    assert (last.speaker, last.start_ms, last.end_ms) == ("Респондент 7", 192_000, None)
    assert parsed.utterances[3].texts[0].startswith("Согласование занимает слишком много")
    kazakh = parsed.utterances[7]
    assert kazakh.start_ms == 160_000
    assert kazakh.texts[0].startswith("Біз халықпен ашық сөйлескіміз")
    assert set(kazakh.texts[0]) & KAZAKH_LETTERS >= set("ққәұ")
    assert parsed.notes == ()


def test_start_times_only_end_where_the_next_turn_starts(fixtures_dir: Path) -> None:
    parsed = read_transcript(fixtures_dir / "interview_07.ru.txt")
    utterances = parsed.utterances
    for current, following in itertools.pairwise(utterances):
        assert current.end_ms == following.start_ms
    assert utterances[-1].end_ms is None


def test_english_translation_lines_up_with_the_original(fixtures_dir: Path) -> None:
    ru = read_transcript(fixtures_dir / "interview_07.ru.txt")
    en = read_transcript(fixtures_dir / "interview_07.en.txt")
    assert len(en.utterances) == len(ru.utterances)
    assert [u.start_ms for u in en.utterances] == [u.start_ms for u in ru.utterances]
    assert set(_speakers(en)) == {"Interviewer", "Respondent 7"}
    assert en.utterances[4].texts[0].startswith("Sometimes a department sends")


def test_webvtt_focus_group_with_voice_tags(fixtures_dir: Path) -> None:
    parsed = read_transcript(fixtures_dir / "focus_group_oskemen.ru.vtt")
    assert parsed.format == "vtt"
    assert parsed.title is not None and parsed.title.startswith("Фокус-группа, Оскемен")
    assert _speakers(parsed) == ["Модератор", "P3", "P5", "P1", "P3", "P7"]
    first, last = parsed.utterances[0], parsed.utterances[-1]
    assert (first.start_ms, first.end_ms) == (2_000, 9_500)
    assert (last.start_ms, last.end_ms) == (52_900, 64_000)
    assert parsed.utterances[4].texts == (
        "Без взятки ничего не решается. Ёлки-палки, все это знают.",
    )
    assert all("<" not in u.texts[0] and ">" not in u.texts[0] for u in parsed.utterances)


def test_srt_focus_group_in_kazakh(fixtures_dir: Path) -> None:
    parsed = read_transcript(fixtures_dir / "focus_group_ryskulova.kk.srt")
    assert parsed.format == "srt"
    assert _speakers(parsed) == [
        "Модератор",
        "Қатысушы 2",
        "Қатысушы 4",
        "Қатысушы 6",
        "Қатысушы 2",
    ]
    first, last = parsed.utterances[0], parsed.utterances[-1]
    assert (first.start_ms, first.end_ms) == (1_000, 8_000)
    assert (last.start_ms, last.end_ms) == (41_200, 47_000)
    second = parsed.utterances[1].texts[0]
    assert second.startswith("Адал қызмет керек.")
    assert not second.startswith("Қатысушы")
    all_text = "".join(u.texts[0] for u in parsed.utterances)
    assert set("әқңөұүі") <= set(all_text)


def test_docx_with_bold_speaker_paragraphs(fixtures_dir: Path) -> None:
    parsed = read_transcript(fixtures_dir / "interview_03.ru.docx")
    assert (parsed.format, parsed.encoding) == ("docx-paragraphs", "docx")
    assert parsed.title == "Интервью 3 — пресс-офицер, аппарат акима. Дата: 02.04.2024"
    assert _speakers(parsed) == ["Интервьюер", "Респондент 3", "Интервьюер", "Респондент 3"]
    assert [u.start_ms for u in parsed.utterances] == [5_000, 12_000, 62_000, 69_000]
    assert [u.end_ms for u in parsed.utterances] == [12_000, 62_000, 69_000, None]
    assert parsed.utterances[0].texts == ("Как строится обмен информацией между отделами?",)
    assert parsed.utterances[3].texts[0].startswith("Руководители боятся")


def test_docx_table_gives_one_text_per_language_column(fixtures_dir: Path) -> None:
    parsed = read_transcript(fixtures_dir / "focus_group_astana.kk-ru-en.docx")
    assert parsed.format == "docx-table"
    assert parsed.columns == ("Түпнұсқа / Original", "English")
    assert parsed.title == "Фокус-топ / Focus group — Нұр-Сұлтан, 08.07.2022"
    assert len(parsed.utterances) == 6
    assert all(len(u.texts) == 2 and all(u.texts) for u in parsed.utterances)
    first, last = parsed.utterances[0], parsed.utterances[-1]
    assert (first.speaker, first.start_ms, first.end_ms) == ("Модератор", 3_000, 10_000)
    assert "«Еститін мемлекет»" in first.texts[0]
    assert "'Listening State'" in first.texts[1]
    assert (last.speaker, last.start_ms, last.end_ms) == ("Участник 3", 49_000, None)
    assert last.texts[0].startswith("В поликлинике очереди")
    assert "Қатысушы 1" in _speakers(parsed)


def test_cp1251_file_reads_like_the_utf8_original_with_a_note(fixtures_dir: Path) -> None:
    clean = read_transcript(fixtures_dir / "interview_07.ru.txt")
    legacy = read_transcript(fixtures_dir / "bad" / "interview_07.cp1251.txt")
    assert legacy.encoding == "cp1251"
    assert legacy.title == clean.title
    assert _notes(legacy) == ["interview_07.cp1251.txt: read as cp1251 (legacy Cyrillic encoding)"]
    assert len(legacy.utterances) == len(clean.utterances)
    for old, new in zip(legacy.utterances, clean.utterances, strict=True):
        assert (old.speaker, old.start_ms, old.end_ms) == (new.speaker, new.start_ms, new.end_ms)
        # cp1251 has no Kazakh letters: the one Kazakh turn is in Russian in that file.
        if not set(new.texts[0]) & KAZAKH_LETTERS:
            assert old.texts == new.texts
    assert "ё" in legacy.utterances[1].texts[0]  # "планёрка": ё survives the legacy encoding


def test_bom_and_crlf_file_reads_like_the_original_with_a_note(fixtures_dir: Path) -> None:
    clean = read_transcript(fixtures_dir / "interview_07.ru.txt")
    windows = read_transcript(fixtures_dir / "bad" / "interview_07.bom-crlf.txt")
    assert windows.encoding == "utf-8-sig"
    assert windows.utterances == clean.utterances
    assert windows.title == clean.title
    assert _notes(windows) == ["interview_07.bom-crlf.txt: converted CRLF line ends"]
    assert all("\r" not in u.texts[0] and "\ufeff" not in u.texts[0] for u in windows.utterances)


def test_text_that_is_not_nfc_comes_out_nfc(fixtures_dir: Path) -> None:
    path = fixtures_dir / "bad" / "emoji_combining.txt"
    raw = path.read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", raw)  # the fixture is what it claims to be
    parsed = read_transcript(path)
    assert _speakers(parsed) == ["P1", "P2"]
    first = parsed.utterances[0].texts[0]
    assert all(unicodedata.is_normalized("NFC", u.texts[0]) for u in parsed.utterances)
    assert "caf\u00e9" in first
    assert "👍🏽" in first and "𝒜𝒷𝒸" in first
    expected = unicodedata.normalize("NFC", raw.splitlines()[0].split(": ", 1)[1])
    assert first == expected
    assert parsed.utterances[1].texts == ("Қазақша 😀 мәтін.",)


@pytest.mark.parametrize(
    ("name", "line", "fragment"),
    [
        ("empty.txt", None, "empty"),
        ("invalid_utf8.txt", 2, "UTF-8"),
        ("not_a_docx.docx", None, "not a Word document"),
        ("truncated.docx", None, "damaged or truncated"),
        ("bad_timestamps.srt", 2, "ends before it starts"),
    ],
)
def test_bad_files_are_refused_naming_file_and_line(
    fixtures_dir: Path, name: str, line: int | None, fragment: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_transcript(fixtures_dir / "bad" / name)
    error = caught.value
    assert error.file == name
    assert error.line == line
    message = str(error)
    assert name in message
    assert fragment in message
    if line is not None:
        assert f"line {line}" in message


def test_bad_srt_reports_each_broken_cue_at_its_line(fixtures_dir: Path, tmp_path: Path) -> None:
    lines = (fixtures_dir / "bad" / "bad_timestamps.srt").read_text(encoding="utf-8").splitlines()
    second_cue = lines.index("2")
    minute_61 = tmp_path / "minute61.srt"
    minute_61.write_text("\n".join(lines[second_cue:]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_transcript(minute_61)
    assert str(caught.value) == (
        "minute61.srt, line 2: bad timestamp '00:61:00,000' (expected 00:00:01,000)"
    )
    third_cue = lines.index("three")
    garbage = tmp_path / "garbage.srt"
    good_first = "1\n00:00:01,000 --> 00:00:02,000\nP1: fine\n\n"
    garbage.write_text(good_first + "\n".join(lines[third_cue:]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_transcript(garbage)
    assert caught.value.line == 5
    assert "garbage.srt, line 5" in str(caught.value)
    assert "'three'" in str(caught.value)


def test_formats_are_detected_by_content_not_only_by_name(
    fixtures_dir: Path, tmp_path: Path
) -> None:
    vtt_as_txt = tmp_path / "captions.txt"
    shutil.copy(fixtures_dir / "focus_group_oskemen.ru.vtt", vtt_as_txt)
    assert read_transcript(vtt_as_txt).format == "vtt"
    srt_as_txt = tmp_path / "subtitles.txt"
    shutil.copy(fixtures_dir / "focus_group_ryskulova.kk.srt", srt_as_txt)
    assert read_transcript(srt_as_txt).format == "srt"
    docx_unnamed = tmp_path / "transcript.bin"
    shutil.copy(fixtures_dir / "focus_group_astana.kk-ru-en.docx", docx_unnamed)
    assert read_transcript(docx_unnamed).format == "docx-table"
    text_as_srt = tmp_path / "interview.srt"
    shutil.copy(fixtures_dir / "interview_07.ru.txt", text_as_srt)
    parsed = read_transcript(text_as_srt)
    assert parsed.format == "txt"
    assert len(parsed.utterances) == 10
    assert _notes(parsed) == [
        "interview.srt: no subtitle cues found; read as a plain-text transcript"
    ]


def test_every_text_is_one_stripped_nfc_line(fixtures_dir: Path) -> None:
    names = [
        "interview_07.ru.txt",
        "interview_07.en.txt",
        "focus_group_oskemen.ru.vtt",
        "focus_group_ryskulova.kk.srt",
        "interview_03.ru.docx",
        "focus_group_astana.kk-ru-en.docx",
    ]
    for name in names:
        parsed = read_transcript(fixtures_dir / name)
        assert parsed.utterances, name
        for utterance in parsed.utterances:
            assert len(utterance.texts) == len(parsed.columns)
            for text in utterance.texts:
                assert text == text.strip()
                assert len(text.splitlines()) <= 1
                assert unicodedata.is_normalized("NFC", text)
