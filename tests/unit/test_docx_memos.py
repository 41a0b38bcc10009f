"""Memos in the Word codebook (on each code) and report (a Memos section)."""

from __future__ import annotations

from pathlib import Path

from docx_dump import dump_docx

from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx
from exports.docx_report import ReportOptions, write_report_docx
from storage import Store


def _memos(store: Store) -> None:
    theme = store.codes.add({"ru": "Государство", "en": "State"})
    store.codes.add({"ru": "Согласование", "en": "Approval"}, parent_id=theme.id)
    store.memos.add("code", theme.id, "Тема шире, чем ожидалось", author="Aigerim")
    store.memos.add("project", None, "Вопросы о доверии задавать в конце", author="Daniyar")
    session = store.sessions.add("Интервью 7")
    store.memos.add("session", session.id, "Шумное помещение")
    p01 = store.participants.add("P01", real_name="Айгуль Серикова")
    store.memos.add("participant", p01.id, "Говорит открыто")


def test_codebook_shows_each_codes_memos(store: Store, tmp_path: Path) -> None:
    _memos(store)
    out = write_codebook_docx(store, tmp_path / "codebook.docx", CodebookDocxOptions("ru"))
    paragraphs = dump_docx(out).paragraphs()
    heading = paragraphs.index("1 Государство")
    below = paragraphs[heading : paragraphs.index("1.1 Согласование")]
    assert "Мемо: Тема шире, чем ожидалось" in below
    quiet = write_codebook_docx(
        store, tmp_path / "quiet.docx", CodebookDocxOptions("ru", memos=False)
    )
    assert not any("Тема шире" in p for p in dump_docx(quiet).paragraphs())


def test_report_lists_memos_by_what_they_are_on_under_pseudonyms(
    store: Store, tmp_path: Path
) -> None:
    _memos(store)
    out = write_report_docx(store, tmp_path / "report.docx", ReportOptions("en"))
    dump = dump_docx(out)
    assert ("Heading 1", "Memos") in dump.headings()
    text = "\n".join(dump.paragraphs())
    assert "Project: " in text and "Вопросы о доверии задавать в конце" in text
    assert "Session: Интервью 7" in text and "Participant: P01" in text
    assert "Code: State" in text
    assert "Айгуль" not in text  # pseudonyms only
    assert text.index("Project: ") < text.index("Session: ") < text.index("Code: ")
