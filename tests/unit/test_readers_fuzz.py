"""Whatever a file holds, reading it gives a parsed transcript or an InputError, never a crash."""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.transcripts import ParsedTranscript, read_transcript
from storage.errors import InputError

SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".docx", "")

# Pieces of real transcript syntax, so that random text reaches deep into every reader.
TOKENS = st.sampled_from(
    [
        "WEBVTT", "NOTE", "STYLE", "1", "2", "\n", "\n\n", "\r\n", " ", ":", ": ", "-->",
        " --> ", "00:00:01,000", "00:00:02.500", "00:61:00", "[00:00:04]", "(00:01:02)",
        "[00:00:01 - 00:00:00]", "P1", "Интервьюер", "Қатысушы 2", "<v P3>", "</v>", "<i>",
        "&amp;", "&#10;", "#", "# ", "**", "\t", "\u2028", "\x00", "\ufeff", "e\u0301", "👍🏽",
        "{\\an8}", "PK\x03\x04", "текст", "мәтін",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.lists(TOKENS, max_size=40).map("".join), st.text(max_size=200))
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"])


def _check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            parsed = read_transcript(path)
        except InputError as error:
            assert error.file == path.name
            assert path.name in str(error)
            return
    assert isinstance(parsed, ParsedTranscript)
    assert parsed.utterances
    for utterance in parsed.utterances:
        assert len(utterance.texts) == len(parsed.columns)
        for text in utterance.texts:
            assert "\n" not in text and "\r" not in text and text == text.strip()
            assert len(text.splitlines()) <= 1
            assert unicodedata.is_normalized("NFC", text)
        if utterance.start_ms is not None and utterance.end_ms is not None:
            assert utterance.end_ms >= utterance.start_ms
    for note in parsed.notes:
        note.format(**parsed.note_params)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _check(data, suffix)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, encoding=ENCODINGS, suffix=st.sampled_from(SUFFIXES))
def test_random_transcript_like_text(text: str, encoding: str, suffix: str) -> None:
    _check(text.encode(encoding, errors="replace"), suffix)


# -- tables (CSV, XLSX) and REFI-QDA files, read without a project --------------------------

TABLE_TOKENS = st.sampled_from(
    [
        "participant", "theme", "code", "order", "question_ru", ",", ";", "\t", '"', '""',
        "\n", "\r\n", "\r", "\x00", "\ufeff", "=1+1", "-1", "2024-13-45", "Қатысушы", "PK\x03\x04",
    ]
)  # fmt: skip


def _check_error(path: Path, read: Callable[[Path], object]) -> None:
    """``read(path)`` returns or raises an InputError that is one line naming the file."""
    from storage.errors import SuhbatError

    try:
        read(path)
    except SuhbatError as error:
        text = str(error)
        assert path.name in text and "\n" not in text and "\r" not in text, text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.lists(TABLE_TOKENS, max_size=40).map("".join).map(lambda t: t.encode("utf-8")),
    ),
    suffix=st.sampled_from([".csv", ".tsv", ".xlsx", ""]),
)
def test_random_tables(data: bytes, suffix: str) -> None:
    from exports.table_reading import read_rows

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"table{suffix}"
        path.write_bytes(data)
        _check_error(path, read_rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".qdpx", ".qde", ".qdc"]))
def test_random_refi_files(data: bytes, suffix: str) -> None:
    from exports.refi.qdpx_reader import read_refi

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"project{suffix}"
        path.write_bytes(data)
        _check_error(path, read_refi)
