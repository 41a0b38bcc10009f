"""Report DOCX: sections, tables and sentences read back with python-docx."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx_dump import DocxDump, dump_docx
from export_study import EN, REAL_NAMES, SESSION_TITLE, SPEAKER_LABELS, Study, build_study

from exports.docx_report import ReportOptions, write_report_docx
from i18n.formatting import format_date, format_duration, format_percent
from storage import NotFoundError, Store


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Study:
    return build_study(tmp_path_factory.mktemp("report") / "study.suhbat")


def export(study: Study, out: Path, **options: Any) -> Path:
    with Store(study.path) as store:
        return write_report_docx(
            store,
            out,
            ReportOptions(generated=date(2024, 5, 1), **options),
        )


@pytest.fixture(scope="module")
def english(study: Study, tmp_path_factory: pytest.TempPathFactory) -> DocxDump:
    out = tmp_path_factory.mktemp("en") / "report.docx"
    return dump_docx(export(study, out, quotes_per_theme=1))


def table_after(dump: DocxDump, caption: str) -> list[list[str]]:
    """The first table after the caption paragraph that contains ``caption``."""
    for index, block in enumerate(dump.blocks):
        if block[0] == "p" and caption in block[1]:
            return next(b[1] for b in dump.blocks[index:] if b[0] == "table")
    raise AssertionError(f"no caption {caption!r}")


def test_sections_in_order(english: DocxDump) -> None:
    assert [text for style, text in english.headings() if style == "Heading 1"] == [
        "Participants",
        "Sessions",
        "Themes and categories",
        "Codes by participant attributes",
        "Thematic saturation",
        "Word frequencies",
        "Intercoder agreement",
        "Representative quotes",
        "Memos",
    ]
    captions = [b[1] for b in english.blocks if b[0] == "p" and b[1].startswith("Table ")]
    assert captions[:3] == [
        "Table 1. Participant profile",
        "Table 2. Sessions",
        "Table 3. Frequency of themes and categories",
    ]


def test_participant_profile(english: DocxDump) -> None:
    assert table_after(english, "Participant profile") == [
        ["Variable", "Value", "n", "%", "Mean (SD)", "Median", "Range"],
        ["gender", "F", "1", "50.0%", "", "", ""],
        ["", "M", "1", "50.0%", "", "", ""],
        ["age", "", "2", "", "35.0 (7.1)", "35.0", "30–40"],
    ]
    assert "Unit of analysis: participants (n = 2)" in english.paragraphs()


def test_sessions_table(english: DocxDump) -> None:
    assert table_after(english, "Table 2. Sessions") == [
        [
            "Session",
            "Kind",
            "Date",
            "Location",
            "Setting",
            "Region",
            "Language",
            "Participants",
            "Duration",
        ],
        [
            SESSION_TITLE,
            "Focus group",
            format_date("2024-03-14", "medium", language="en"),
            "Алматы",
            "urban",
            "South",
            "Russian",
            "2",
            format_duration(5400, language="en"),
        ],
    ]


def test_frequencies_and_crosstab(english: DocxDump) -> None:
    assert table_after(english, "Frequency of themes") == [
        [
            "Theme / category",
            "Segments",
            "Codings",
            "Participants",
            "% of participants",
            "Sessions",
        ],
        ["Bureaucracy", "2", "2", "1", "50.0%", "1"],
        ["Slow approvals", "2", "2", "1", "50.0%", "1"],
        ["Trust", "3", "3", "2", "100.0%", "1"],
        ["Control by superiors", "3", "3", "2", "100.0%", "1"],
    ]
    assert table_after(english, "Codes by gender") == [
        ["Code", "F (n = 1)", "M (n = 1)", "Total (n = 2)"],
        ["Bureaucracy", "1 (100.0%)", "0 (0.0%)", "1 (50.0%)"],
        ["Slow approvals", "1 (100.0%)", "0 (0.0%)", "1 (50.0%)"],
        ["Trust", "1 (100.0%)", "1 (100.0%)", "2 (100.0%)"],
        ["Control by superiors", "1 (100.0%)", "1 (100.0%)", "2 (100.0%)"],
    ]


def test_saturation_states_its_result(english: DocxDump) -> None:
    sentences = [p for p in english.paragraphs() if p.startswith("Saturation at")]
    assert len(sentences) == 2  # thresholds 5 % and 0 %
    assert all("was not reached" in s for s in sentences)  # one session, base of four
    assert table_after(english, "New codes per session") == [
        ["#", "Session", "New codes", "Cumulative codes", "Run", "New in run", "% of base"],
        ["1", SESSION_TITLE, "2", "2", "base", "", ""],
    ]


def test_agreement_tables_state_their_unit(english: DocxDump) -> None:
    units = [p for p in english.paragraphs() if p.startswith("Unit of analysis: ")]
    assert (
        "Unit of analysis: documents (transcripts) coded by every coder "
        "(Aigerim Bekova, Daniyar); n = 1"
    ) in units
    assert any(
        u.startswith("Unit of analysis: coded segments of Aigerim Bekova and Daniyar")
        for u in units
    )
    presence = table_after(english, "code presence per document")
    assert presence[0] == ["Code", "% agreement", "Cohen's κ", "Krippendorff's α", "PABAK"]
    # both coders applied both codes in the one document: full agreement, but with a
    # single category κ and α are undefined (a dash, explained in a note); PABAK is 1
    assert presence[1:] == [
        ["Slow approvals", "100.0%", "—", "—", "1.000"],
        ["Control by superiors", "100.0%", "—", "—", "1.000"],
        ["All codes (pooled)", "100.0%", "—", "—", "1.000"],
    ]
    assert any(p.startswith("— undefined: ") for p in english.paragraphs())
    segments = table_after(english, "Agreement on coded segments")
    # no segment of one coder overlaps the other's by 90 %: 0 agreements, 4 disagreements
    assert segments[-1][1:3] == ["0", "4"]
    unitizing = table_after(english, "Krippendorff's uα (2019)")
    assert unitizing[0] == ["Code", "Units", "uα (2019)"]
    assert [row[0] for row in unitizing[-2:]] == [
        "All codes (uα)",
        "Any code vs. uncoded text (|uα)",
    ]
    assert any(p.startswith("Definition: Krippendorff's uα family") for p in english.paragraphs())


def test_quotes_in_original_and_translation(english: DocxDump) -> None:
    quotes = [b[1] for b in english.blocks if b[0] == "p" and b[2] == "Quote"]
    assert quotes == [
        f"«Согласование занимает слишком много времени»\nTranslation (English): «{EN[1]}»",
        f"«подпись через три дня. Біз халықпен»\nTranslation (English): «{EN[1]} {EN[2]}»",
    ]
    paragraphs = english.paragraphs()
    assert f"— P01, {SESSION_TITLE}, 00:00:11, Slow approvals" in paragraphs
    assert f"— P01, P02, {SESSION_TITLE}, 00:00:11, Control by superiors" in paragraphs


def test_report_uses_pseudonyms_unless_asked(study: Study, tmp_path: Path) -> None:
    path = export(study, tmp_path / "r.docx")
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    for name in (*REAL_NAMES, *SPEAKER_LABELS):
        assert name not in xml
    real = dump_docx(export(study, tmp_path / "real.docx", real_names=True, sections=("quotes",)))
    assert any(REAL_NAMES[0] in p for p in real.paragraphs())


def test_picked_sections_only(study: Study, tmp_path: Path) -> None:
    dump = dump_docx(export(study, tmp_path / "s.docx", sections=("agreement", "sessions")))
    assert [t for s, t in dump.headings() if s == "Heading 1"] == [
        "Sessions",
        "Intercoder agreement",
    ]


def test_numbers_and_dates_in_russian(study: Study, tmp_path: Path) -> None:
    dump = dump_docx(
        export(study, tmp_path / "ru.docx", language="ru", sections=("participants", "sessions"))
    )
    profile = dump.tables()[0]
    assert profile[1][3] == format_percent(0.5, 1, language="ru")  # 50,0 %
    assert profile[3][4] == "35,0 (7,1)"
    assert dump.tables()[1][1][2] == format_date("2024-03-14", "medium", language="ru")
    assert "Фокус-группа" in dump.tables()[1][1] or "Focus group" in dump.tables()[1][1]


def test_unknown_crosstab_attribute_is_an_error(study: Study, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        export(study, tmp_path / "x.docx", crosstab_attributes=("shoe size",))
    assert not (tmp_path / "x.docx").exists()
