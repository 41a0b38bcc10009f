"""Exported Word documents read as typeset: languages, column widths, page furniture.

Every DOCX is read back from the file (python-docx and the raw XML); no renderer
is needed. Header cells are checked the way a word processor would wrap them:
the longest word of a header, at the header's font size and a generous average
character width, must fit inside its cell's width minus the cell margins.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc, CT_TcPr
from docx_dump import length, style_name
from lxml import etree
from xml_values import attribute

from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx
from exports.docx_report import ReportOptions, write_report_docx
from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from i18n.formatting import format_percent
from storage import Store

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BOLD_EM = 0.7
"""A generous average width of a bold character (Calibri bold is about 0.55 em)."""
CELL_MARGINS = 2 * 108


def _xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def _export_all(demo: Path, out: Path, language: str) -> dict[str, Path]:
    with Store(demo) as store:
        first = store.transcripts.all()[0].id
        kazakh = next(
            t.id
            for t in store.transcripts.all()
            if any(la.language == "kk" for la in store.transcripts.layers(t.id))
        )
        files = {
            "table": write_transcripts_docx(
                store, out / "table.docx", [first], TranscriptDocxOptions(language=language)
            )[0],
            "kazakh": write_transcripts_docx(
                store,
                out / "kazakh.docx",
                [kazakh],
                TranscriptDocxOptions(language=language, layers=("kk",)),
            )[0],
            "codebook": write_codebook_docx(
                store, out / "codebook.docx", CodebookDocxOptions(language=language)
            ),
            "report": write_report_docx(
                store, out / "report.docx", ReportOptions(language=language)
            ),
        }
    return files


@pytest.fixture
def exported(demo_path: Path, tmp_path: Path) -> dict[str, Path]:
    return _export_all(demo_path, tmp_path, "ru")


def _cell_properties(cell: CT_Tc) -> CT_TcPr:
    properties = cell.tcPr
    assert properties is not None
    return properties


def _run_language(run: etree._Element, default: str) -> str:
    lang = run.find(f"{W}rPr/{W}lang")
    return attribute(lang, f"{W}val") if lang is not None else default


def test_every_run_carries_its_language(exported: dict[str, Path]) -> None:
    for name, path in exported.items():
        body = _xml(path, "word/document.xml")
        untagged = [r for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}lang") is None]
        assert untagged == [], name
        styles = _xml(path, "word/styles.xml")
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert default is not None and default.get(f"{W}val") == "ru-RU", name
    # The Kazakh transcript: utterance text is Kazakh, labels are Russian.
    body = _xml(exported["kazakh"], "word/document.xml")
    languages = {_run_language(r, "") for r in body.iter(f"{W}r")}
    assert {"kk-KZ", "ru-RU"} <= languages
    # Report quotes keep the language they were said in, their translation its own.
    report = docx.Document(str(exported["report"]))
    quoted = {
        _run_language(r._r, "")
        for p in report.paragraphs
        if style_name(p) == "Quote"
        for r in p.runs
    }
    assert {"kk-KZ", "ru-RU", "en-US"} <= quoted
    # The bilingual table: the Russian column is Russian, the English column English.
    table = docx.Document(str(exported["table"])).tables[-1]
    row = table.rows[1]
    assert {_run_language(r, "") for r in row.cells[2]._tc.iter(f"{W}r")} == {"ru-RU"}
    assert {_run_language(r, "") for r in row.cells[3]._tc.iter(f"{W}r")} == {"en-US"}


def test_transcript_text_columns_are_wide_and_time_speaker_narrow(
    exported: dict[str, Path],
) -> None:
    document = docx.Document(str(exported["table"]))
    section = document.sections[0]
    text_width = (
        length(section.page_width) - length(section.left_margin) - length(section.right_margin)
    ) / 635
    table = document.tables[-1]
    grid = [int(attribute(c, qn("w:w"))) for c in table._tbl.tblGrid.gridCol_lst]
    time, speaker, russian, english = grid
    assert russian >= 2 * time and english >= 2 * time
    assert speaker < russian
    assert abs(russian - english) <= 1
    assert abs(sum(grid) - text_width) <= 2
    tbl_pr = table._tbl.tblPr
    assert attribute(tbl_pr.find(qn("w:tblLayout")), qn("w:type")) == "fixed"
    assert int(attribute(tbl_pr.find(qn("w:tblW")), qn("w:w"))) == sum(grid)
    for row in table.rows[:5]:
        widths = [
            int(attribute(_cell_properties(tc).find(qn("w:tcW")), qn("w:w")))
            for tc in row._tr.tc_lst
        ]
        assert widths == grid


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_table_headers_fit_their_columns(demo_path: Path, tmp_path: Path, language: str) -> None:
    for name, path in _export_all(demo_path, tmp_path, language).items():
        assert _header_overflows(docx.Document(str(path))) == [], name


def _header_overflows(document: Any) -> list[tuple[str, int]]:
    """Header cells whose longest word is wider than the cell (text, cell width)."""
    overflows = []
    for table in document.tables:
        grid = [int(attribute(c, qn("w:w"))) for c in table._tbl.tblGrid.gridCol_lst]
        for cell, width in zip(table.rows[0].cells, grid, strict=True):
            runs = cell.paragraphs[0].runs
            size = runs[0].font.size.pt if runs and runs[0].font.size else 11
            longest = max((len(w) for w in cell.text.split()), default=0)
            if longest * size * 20 * BOLD_EM + CELL_MARGINS > width:
                overflows.append((cell.text, width))
    return overflows


def test_footer_has_page_of_pages_and_header_names_the_project(
    exported: dict[str, Path],
) -> None:
    for name, path in exported.items():
        document = docx.Document(str(path))
        footer = document.sections[0].footer._element
        instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
        assert instructions == ["PAGE", "NUMPAGES"], name
        assert "Страница" in "".join(t.text or "" for t in footer.iter(qn("w:t")))
        header = document.sections[0].header.paragraphs[0].text
        assert header.startswith("Listening state"), name
        props = document.core_properties
        assert props.author == "suhbat" and props.language == "ru-RU"
        assert props.title and props.subject and props.version


def test_report_has_a_table_of_contents_from_heading_styles(exported: dict[str, Path]) -> None:
    document = docx.Document(str(exported["report"]))
    body = document.element.body
    instructions = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions
    headings = [p.text for p in document.paragraphs if style_name(p) == "Heading 1"]
    assert "Участники" in headings and "Согласие кодировщиков" in headings
    listed = [p.text for p in document.paragraphs if style_name(p) == "Normal"]
    assert all(h in listed for h in headings)


def test_wide_tables_get_a_landscape_page_and_portrait_resumes(exported: dict[str, Path]) -> None:
    document = docx.Document(str(exported["report"]))
    orientations = [length(s.page_width) > length(s.page_height) for s in document.sections]
    assert orientations[0] is False
    assert True in orientations
    assert orientations[-1] is False


def test_codebook_and_report_write_percentages_alike(exported: dict[str, Path]) -> None:
    half = format_percent(0.5, 1, language="ru")
    codebook = docx.Document(str(exported["codebook"]))
    report = docx.Document(str(exported["report"]))
    cells = [c.text for d in (codebook, report) for t in d.tables for c in t._cells]
    percent_cells = [c for c in cells if c.endswith("%") and "(" not in c]
    assert percent_cells and all("," in c or c == "%" for c in percent_cells)
    assert half in cells or any(half in c for c in cells)


def test_a_crosstab_wider_than_a_landscape_page_is_split_with_the_code_column_repeated(
    demo_path: Path, tmp_path: Path
) -> None:
    districts = [f"Алатауский-район-{n:02d}" for n in range(1, 25)]
    with Store(demo_path) as store:
        store.participants.add_attribute("district", "category", districts)
        session = store.sessions.all()[0]
        for n, district in enumerate(districts, start=1):
            person = store.participants.add(f"D{n:02d}", attributes={"district": district})
            store.sessions.link_participant(session.id, person.id, "respondent")
        out = write_report_docx(
            store,
            tmp_path / "wide.docx",
            ReportOptions(language="ru", sections=("crosstab",), crosstab_attributes=("district",)),
        )
    document = docx.Document(str(out))
    captions = [p.text for p in document.paragraphs if style_name(p) == "Caption"]
    parts = [c for c in captions if "district" in c]
    assert len(parts) > 1 and parts[0].endswith(f"(1/{len(parts)})")
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert all(header[0] == "Код" for header in headers)
    assert _header_overflows(document) == []
    shown = [h for header in headers for h in header[1:]]
    assert all(any(h.startswith(d + " ") for h in shown) for d in districts)
    section = document.sections[-1]
    assert length(section.page_width) > length(section.page_height)
    text_width = (
        length(section.page_width) - length(section.left_margin) - length(section.right_margin)
    ) / 635
    for table in document.tables:
        grid = [int(attribute(c, qn("w:w"))) for c in table._tbl.tblGrid.gridCol_lst]
        assert abs(sum(grid) - text_width) <= 2


def test_a_turn_said_in_kazakh_inside_a_russian_layer_is_marked_kazakh(
    demo_path: Path, tmp_path: Path
) -> None:
    with Store(demo_path) as store:
        transcript = store.transcripts.all()[0]
        russian = next(la for la in store.transcripts.layers(transcript.id) if la.language == "ru")
        utterances = store.transcripts.utterances(transcript.id)
        switched = utterances[1]
        store.transcripts.set_utterance_language(russian.id, [switched.id], "kk")
        start, end = switched.spans[russian.id]
        said = russian.text[start:end]
        options = TranscriptDocxOptions(language="en")
        (table,) = write_transcripts_docx(store, tmp_path / "t.docx", [transcript.id], options)
        (plain,) = write_transcripts_docx(
            store, tmp_path / "p.docx", [transcript.id], TranscriptDocxOptions(layers=("ru",))
        )
    rows = docx.Document(str(table)).tables[-1].rows
    languages = [{_run_language(r, "") for r in row.cells[2]._tc.iter(f"{W}r")} for row in rows]
    assert languages[1] == {"ru-RU"} and languages[2] == {"kk-KZ"} and languages[3] == {"ru-RU"}
    paragraphs = [p for p in docx.Document(str(plain)).paragraphs if said[:20] in p.text]
    assert len(paragraphs) == 1
    text_runs = [r for r in paragraphs[0].runs if not r.bold]
    assert {_run_language(r._r, "") for r in text_runs} == {"kk-KZ"}
