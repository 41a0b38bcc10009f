"""Plain-text, WebVTT and SRT readers on small hand-written files: the shapes users write."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports.transcripts import ParsedTranscript, read_transcript
from storage.errors import InputError


def _read(tmp_path: Path, name: str, content: str | bytes) -> ParsedTranscript:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return read_transcript(path)


def _refused(tmp_path: Path, name: str, content: str | bytes) -> InputError:
    with pytest.raises(InputError) as caught:
        _read(tmp_path, name, content)
    assert name in str(caught.value)
    return caught.value


def _rows(parsed: ParsedTranscript) -> list[tuple[str, int | None, int | None, str]]:
    return [(u.speaker, u.start_ms, u.end_ms, u.texts[0]) for u in parsed.utterances]


# --- plain text ---------------------------------------------------------------------------


def test_all_three_turn_shapes_and_continuation_lines(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        "mixed.txt",
        "# Интервью 9\n"
        "\n"
        "Интервьюер (00:00:05): Как вас зовут?\n"
        "[00:00:09] Қатысушы 2: Менің атым\n"
        "   Айгүл.\n"
        "\n"
        "Модератор: Спасибо.\n"
        "Это всё на сегодня.\n"
        "Участник №3: И вам.\n",
    )
    assert parsed.title == "Интервью 9"
    assert _rows(parsed) == [
        ("Интервьюер", 5_000, 9_000, "Как вас зовут?"),
        ("Қатысушы 2", 9_000, None, "Менің атым Айгүл."),
        ("Модератор", None, None, "Спасибо. Это всё на сегодня."),
        ("Участник №3", None, None, "И вам."),
    ]


def test_time_ranges_fractions_and_short_timestamps(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        "ranges.md",
        "[00:00:01.5 - 00:00:04] P1: one\n[01:02] P2: two\n[1:02:03,250] three without speaker\n",
    )
    assert _rows(parsed) == [
        ("P1", 1_500, 4_000, "one"),
        ("P2", 62_000, 3_723_250, "two"),
        ("", 3_723_250, None, "three without speaker"),
    ]


def test_markdown_bold_labels(tmp_path: Path) -> None:
    parsed = _read(tmp_path, "notes.md", "**Interviewer:** Hello.\n**P3** (00:00:07): Hi!\n")
    assert _rows(parsed) == [("Interviewer", None, None, "Hello."), ("P3", 7_000, None, "Hi!")]


def test_colons_inside_text_do_not_start_turns(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        "colons.txt",
        "P1: see https://egov.kz at 10:30 today\n"
        "and the list: forms, queues\n"
        "a sentence of more than four words: still the same turn\n",
    )
    assert _rows(parsed) == [
        (
            "P1",
            None,
            None,
            "see https://egov.kz at 10:30 today and the list: forms, queues "
            "a sentence of more than four words: still the same turn",
        )
    ]


def test_text_before_the_first_turn_is_title_then_kept(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path, "preamble.txt", "Interview 4, Almaty\nRecorded outdoors.\n[00:00:01] P1: Hello\n"
    )
    assert parsed.title == "Interview 4, Almaty"
    assert _rows(parsed) == [("", None, None, "Recorded outdoors."), ("P1", 1_000, None, "Hello")]
    assert parsed.notes


def test_times_going_backwards_leave_the_end_open(tmp_path: Path) -> None:
    parsed = _read(tmp_path, "back.txt", "[00:05:00] A: x\n[00:01:00] B: y\n[00:02:00] A: z\n")
    assert [u.end_ms for u in parsed.utterances] == [None, 120_000, None]


def test_bad_timestamp_in_text_names_the_line(tmp_path: Path) -> None:
    error = _refused(tmp_path, "bad.txt", "[00:00:01] A: ok\n\n[00:75:00] B: minute 75\n")
    assert error.line == 3
    assert "bad.txt, line 3: bad timestamp '00:75:00'" in str(error)


def test_prose_without_any_turn_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, "essay.txt", "This is just an essay.\nWith two lines of prose.\n")
    assert "no utterances found" in str(error)


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    assert "no text" in str(_refused(tmp_path, "blank.txt", "  \n\t\n\n"))


def test_encodings_utf16_and_plausible_cp1251(tmp_path: Path) -> None:
    content = "[00:00:01] Респондент: Ёлки, согласование — «долго».\n"
    utf16 = _read(tmp_path, "u16.txt", content.encode("utf-16"))
    assert utf16.encoding == "utf-16"
    assert _rows(utf16) == [("Респондент", 1_000, None, "Ёлки, согласование — «долго».")]
    legacy = _read(tmp_path, "legacy.txt", content.encode("cp1251"))
    assert legacy.encoding == "cp1251"
    assert _rows(legacy) == _rows(utf16)
    assert legacy.notes == ("{file}: read as cp1251 (legacy Cyrillic encoding)",)
    assert legacy.note_params["file"] == "legacy.txt"


def test_broken_utf8_and_binary_are_refused_with_the_line(tmp_path: Path) -> None:
    broken = b"[00:00:01] P1: ok\n[00:00:02] P2: \xe2\x82 broken\n"
    error = _refused(tmp_path, "broken.txt", broken)
    assert error.line == 2 and "UTF-8" in str(error)
    error = _refused(tmp_path, "nul.txt", b"[00:00:01] P1: a\x00b\n")
    assert error.line == 1 and "NUL" in str(error)
    error = _refused(tmp_path, "random.txt", bytes(range(256)) * 4)
    assert error.file == "random.txt"


def test_odd_line_breaks_and_controls_never_reach_the_text(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        "odd.txt",
        "[00:00:01] P1: one\u2028two\tthree\x0bfour\r\n[00:00:02] P2: five\x07six\r",
    )
    assert _rows(parsed) == [
        ("P1", 1_000, 2_000, "one two three four"),
        ("P2", 2_000, None, "five six"),
    ]


def test_files_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(201 * 1024 * 1024)  # sparse: no real disk use
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    assert "huge.txt" in str(caught.value) and "too large" in str(caught.value)


def test_missing_file_and_directory_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.txt"):
        read_transcript(tmp_path / "nowhere.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match=r"folder\.txt"):
        read_transcript(tmp_path / "folder.txt")


# --- WebVTT -------------------------------------------------------------------------------

VTT = """WEBVTT - Фокус-группа 3
Kind: captions

STYLE
::cue { color: yellow }

NOTE Moderator: M.
Observers: none.

intro-1
00:00:01.000 --> 00:00:04.000 align:start line:0
<v.loud Модератор>Добрый день,
<i>коллеги</i>!</v>

00:05.250 --> 00:09.000
<v P1>Да &amp; нет.</v> <v P2>Не &lt;знаю&gt;.

00:00:09.000 --> 00:00:12.000
Zoom User: typed like Zoom

00:00:12.000 --> 00:00:13.000
<c.music>♪</c>

00:00:13.000 --> 00:00:15.000
<00:00:13.500>no speaker at all
"""


def test_vtt_voices_notes_settings_and_markup(tmp_path: Path) -> None:
    parsed = _read(tmp_path, "group.vtt", VTT)
    assert parsed.format == "vtt"
    assert parsed.title == "Фокус-группа 3"
    assert _rows(parsed) == [
        ("Модератор", 1_000, 4_000, "Добрый день, коллеги!"),
        ("P1", 5_250, 9_000, "Да & нет."),
        ("P2", 5_250, 9_000, "Не <знаю>."),
        ("Zoom User", 9_000, 12_000, "typed like Zoom"),
        ("", 12_000, 13_000, "♪"),
        ("", 13_000, 15_000, "no speaker at all"),
    ]


def test_vtt_title_falls_back_to_the_first_note(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        "n.vtt",
        "WEBVTT\n\nNOTE\nFirst note\n\nNOTE second\n\n00:01.000 --> 00:02.000\nhi\n",
    )
    assert parsed.title == "First note"
    assert _rows(parsed) == [("", 1_000, 2_000, "hi")]


def test_vtt_errors_name_the_line(tmp_path: Path) -> None:
    error = _refused(tmp_path, "e1.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nback\n")
    assert error.line == 3 and "ends before it starts" in str(error)
    error = _refused(tmp_path, "e2.vtt", "WEBVTT\n\ncue-7\nnot a timing line\n")
    assert error.line == 4 and "'not a timing line'" in str(error)
    error = _refused(tmp_path, "e3.vtt", "WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\ntext\n")
    assert error.line == 3 and "'00:0x:02.000'" in str(error)
    error = _refused(tmp_path, "e4.vtt", "WEBVTT\n\nNOTE nothing else\n")
    assert "no caption cue" in str(error)


def test_vtt_blocks_that_end_the_file_end_like_any_other(tmp_path: Path) -> None:
    """The last block, with no blank line after it, is checked and kept like the others."""
    error = _refused(tmp_path, "e5.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\ncue-9")
    assert error.line == 6 and "'cue-9'" in str(error) and "no timing line" in str(error)
    parsed = _read(tmp_path, "n2.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\nNOTE\nLast note")
    assert parsed.title == "Last note"
    assert _rows(parsed) == [("", 1_000, 2_000, "hi")]


def test_vtt_without_header_is_read_with_a_note(tmp_path: Path) -> None:
    parsed = _read(tmp_path, "bare.vtt", "00:00:01.000 --> 00:00:02.000\n<v A>hello\n")
    assert parsed.format == "vtt"
    assert _rows(parsed) == [("A", 1_000, 2_000, "hello")]
    assert parsed.notes == ("{file}: no WEBVTT header; read as WebVTT captions anyway",)


# --- SRT ----------------------------------------------------------------------------------


def test_srt_markup_several_speakers_and_missing_blank_line(tmp_path: Path) -> None:
    parsed = _read(
        tmp_path,
        "s.srt",
        "1\n00:00:01,000 --> 00:00:03,500\n<i>P1:</i> Сәлем,\nбәріне!\n"
        "2\n00:00:04,000 --> 00:00:06,000\nP2: Иә.\nP3: Жоқ.\n\n"
        "3\n00:00:07,000 --> 00:00:08,000\n{\\an8}♪ музыка ♪\n\n"
        "4\n00:00:09,000 --> 00:00:10,000\n\n",
    )
    assert _rows(parsed) == [
        ("P1", 1_000, 3_500, "Сәлем, бәріне!"),
        ("P2", 4_000, 6_000, "Иә."),
        ("P3", 4_000, 6_000, "Жоқ."),
        ("", 7_000, 8_000, "♪ музыка ♪"),
    ]
    assert parsed.notes == ("{file}: skipped {empty} cue without any text",)
    assert parsed.note_params == {"file": "s.srt", "empty": "1"}


def test_srt_cue_number_without_timing_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, "n.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n\n")
    assert error.line == 5 and "timing line" in str(error)
    error = _refused(tmp_path, "m.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nP2: no time\n")
    assert error.line == 6 and "'P2: no time'" in str(error)
