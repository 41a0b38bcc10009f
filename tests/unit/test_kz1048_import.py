"""Kazakh text in the old Windows Kazakh code page (KZ-1048) is read as Kazakh, not cp1251."""

from __future__ import annotations

from pathlib import Path

from exports.tables import import_table
from exports.transcript_import import import_transcript
from exports.transcripts.decoding import legacy_cyrillic_codec
from storage import Store
from tui.exchange_reports import transcript_import_lines

DATA = Path(__file__).resolve().parents[1] / "data"
KZ1048_FILE = DATA / "interview_12.kk.kz1048.txt"
"""A Kazakh interview (with one Russian turn) saved in KZ-1048 with CRLF line ends."""


def test_kz1048_transcript_keeps_its_kazakh_letters(store: Store) -> None:
    report = import_transcript(store, KZ1048_FILE)
    text = store.transcripts.layers(report.transcript.id)[0].text
    assert text.split("\n")[1] == (
        "Әкімдік таңертең жаңалықтарды қарап шығудан басталады: ғаламтордағы арналар,"
        " өңірлік газеттер, үндеу хаттар."
    )
    assert "Шаһар тұрғындары" in text
    assert "Иногда приходится отвечать по-русски" in text
    assert not set(text) & set("ЈјЌќЋћЎўЅѕҐґЄєЇї")
    assert report.languages == ("kk",)
    assert store.transcripts.layers(report.transcript.id)[0].encoding == "kz1048"
    lines = transcript_import_lines(report)
    assert "note: interview_12.kk.kz1048.txt: read as KZ-1048 (legacy Kazakh encoding)" in lines


def test_kz1048_table_keeps_its_kazakh_letters(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "participants.csv"
    table.write_bytes("participant,position\nӘлия,Өңірлік ақпарат қызметі\n".encode("kz1048"))
    report = import_table(store, "participants", table)
    assert [p.code for p in store.participants.all()] == ["Әлия"]
    assert any("KZ-1048" in message for message, _params in report.notes)


def test_other_legacy_cyrillic_stays_cp1251() -> None:
    assert legacy_cyrillic_codec("Привіт, як справи? Їжак і ґанок, є".encode("cp1251")) == "cp1251"
    assert legacy_cyrillic_codec("Беларусь: ўсё добра, мы".encode("cp1251")) == "cp1251"
    assert legacy_cyrillic_codec("Њујорк, Љубљана, ѕвезда ќе".encode("cp1251")) == "cp1251"
    assert legacy_cyrillic_codec("Привет, планёрка в шесть".encode("cp1251")) == "cp1251"
    assert legacy_cyrillic_codec("Біз бүгін жиналдық, иә, ы".encode("kz1048")) == "kz1048"
