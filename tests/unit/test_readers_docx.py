"""Word transcripts written with python-docx: paragraph and table layouts, damaged packages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from exports.transcripts import ParsedTranscript, read_transcript
from storage.errors import InputError


def _rows(parsed: ParsedTranscript) -> list[tuple[str, int | None, int | None, tuple[str, ...]]]:
    return [(u.speaker, u.start_ms, u.end_ms, u.texts) for u in parsed.utterances]


def _paragraph(document: docx.document.Document, bold: str, rest: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(bold).bold = True
    paragraph.add_run(rest)


def test_bold_labels_without_times_and_plain_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Интервью 12"
    document.add_paragraph("Место: Шымкент. Note: recorded on a phone.")
    _paragraph(document, "Интервьюер:", " Расскажите о работе.")
    _paragraph(document, "Респондент 12: ", "Работаю в ЦОНе.\nВторой год.")
    document.add_paragraph("Note: this paragraph continues the answer.")
    path = tmp_path / "interview_12.ru.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert parsed.format == "docx-paragraphs"
    assert parsed.title == "Интервью 12"
    assert _rows(parsed) == [
        ("", None, None, ("Место: Шымкент. Note: recorded on a phone.",)),
        ("Интервьюер", None, None, ("Расскажите о работе.",)),
        (
            "Респондент 12",
            None,
            None,
            ("Работаю в ЦОНе. Второй год. Note: this paragraph continues the answer.",),
        ),
    ]


def test_document_without_bold_reads_labels_like_plain_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Focus group 5", level=1)
    document.add_paragraph("Moderator: Welcome.")
    document.add_paragraph("[00:00:07] P1: Thank you.")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert parsed.title == "Focus group 5"
    assert _rows(parsed) == [
        ("Moderator", None, None, ("Welcome.",)),
        ("P1", 7_000, None, ("Thank you.",)),
    ]


def test_table_without_header_with_row_numbers_and_ranges(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=4)
    for cells in (
        ("1", "00:00:01 – 00:00:05", "A", "Сәлеметсіз бе"),
        ("2", "00:00:06", "B", "Здравствуйте"),
        ("3", "", "A", ""),
        ("4", "00:00:09", "B", "Иә"),
    ):
        row = table.add_row()
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert parsed.format == "docx-table"
    assert parsed.columns == ("",)
    assert _rows(parsed) == [
        ("A", 1_000, 5_000, ("Сәлеметсіз бе",)),
        ("B", 6_000, 9_000, ("Здравствуйте",)),
        ("B", 9_000, None, ("Иә",)),
    ]


def test_table_split_across_pages_is_one_transcript(tmp_path: Path) -> None:
    document = docx.Document()
    header = ("Время", "Говорящий", "Русский", "English")
    body = [("00:00:01", "И", "Вопрос", "Question"), ("00:00:04", "Р", "Ответ", "Answer")]
    for part in (body[:1], body[1:]):
        table = document.add_table(rows=1, cols=4)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for cells in part:
            row = table.add_row()
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    path = tmp_path / "split.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert parsed.columns == ("Русский", "English")
    assert _rows(parsed) == [
        ("И", 1_000, 4_000, ("Вопрос", "Question")),
        ("Р", 4_000, None, ("Ответ", "Answer")),
    ]


def test_metadata_table_does_not_hide_the_paragraph_transcript(tmp_path: Path) -> None:
    document = docx.Document()
    meta = document.add_table(rows=2, cols=2)
    meta.cell(0, 0).text, meta.cell(0, 1).text = "Date", "02.04.2024"
    meta.cell(1, 0).text, meta.cell(1, 1).text = "Place", "Almaty"
    _paragraph(document, "P1 (00:00:02):", " First answer.")
    path = tmp_path / "with_meta.docx"
    document.save(str(path))
    parsed = read_transcript(path)
    assert parsed.format == "docx-paragraphs"
    assert _rows(parsed) == [("P1", 2_000, None, ("First answer.",))]


def test_bad_timestamp_in_a_table_names_the_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate((("Time", "Speaker", "Text"), ("00:00:01", "A", "x"))):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "00:99:00", "B", "y"
    path = tmp_path / "badtime.docx"
    document.save(str(path))
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    assert str(caught.value) == "badtime.docx, table row 3: bad timestamp '00:99:00'"


def test_word_file_without_transcript_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Just a letter to the akimat.")
    document.add_paragraph("Best regards.")
    path = tmp_path / "letter.docx"
    document.save(str(path))
    with pytest.raises(InputError, match=r"letter\.docx: no utterances found"):
        read_transcript(path)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Word .doc"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"%PDF-1.7\n", "not a Word document"),
    ],
)
def test_other_office_formats_named_docx_are_explained(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "transcript.docx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    assert "transcript.docx" in str(caught.value) and fragment in str(caught.value)


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match=r"sheet\.docx: a ZIP archive but not a Word document"):
        read_transcript(path)


def test_word_package_with_broken_xml(tmp_path: Path, fixtures_dir: Path) -> None:
    source = fixtures_dir / "interview_03.ru.docx"
    path = tmp_path / "broken_xml.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            copy.writestr(item, data)
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    assert "broken_xml.docx" in str(caught.value)


def test_pdf_is_refused_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(InputError, match=r"scan\.txt: PDF"):
        read_transcript(path)
