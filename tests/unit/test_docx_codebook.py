"""Codebook DOCX: golden dump read back with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx_dump import dump_docx
from export_study import Study, build_study

from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx
from i18n.formatting import format_percent
from storage import Store

FOLDER = "Folder: groups the codes below and is not applied itself."
THEME_NOTE = " — counted over the theme and all its categories"


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return build_study(tmp_path / "study.suhbat")


def export(study: Study, out: Path, **options: Any) -> Path:
    with Store(study.path) as store:
        return write_codebook_docx(
            store,
            out,
            CodebookDocxOptions(generated=date(2024, 5, 1), **options),
        )


def test_codebook_golden(study: Study, tmp_path: Path) -> None:
    dump = dump_docx(export(study, tmp_path / "codebook.docx"))
    assert dump.blocks[:2] == [
        ("p", "Codebook", "Title"),
        (
            "p",
            "Тестовое исследование\nMay 1, 2024\n"
            "Themes: 2 · Codes: 2 · Coded segments: 5 · Participants: 2",
            "Normal",
        ),
    ]
    assert dump.tables() == [
        [
            ["Theme", "Category", "Segments", "Participants", "% of participants"],
            ["Bureaucracy", "(all)", "2", "1", "50.0%"],
            ["Bureaucracy", "Slow approvals", "2", "1", "50.0%"],
            ["Trust", "(all)", "3", "2", "100.0%"],
            ["Trust", "Control by superiors", "3", "2", "100.0%"],
        ]
    ]
    tree = dump.blocks[dump.blocks.index(("p", "1 Bureaucracy", "Heading 1")) :]
    assert [(b[2], b[1]) for b in tree] == [
        ("Heading 1", "1 Bureaucracy"),
        ("Normal", "Russian: Бюрократия\nKazakh: Бюрократия"),
        ("Normal", FOLDER),
        ("Normal", "Segments: 2 · Participants: 1 (50.0%) · Sessions: 1" + THEME_NOTE),
        ("Heading 2", "1.1 Slow approvals"),
        ("Normal", "Russian: Долгое согласование"),
        ("Normal", "Definition: Answers wait for sign-off by several levels."),
        ("Normal", "Include when: Delays caused by approval chains."),
        ("Normal", "Exclude when: Delays caused by lack of staff."),
        ("Normal", "Example: «Подпись через три дня.»"),
        ("Normal", "Segments: 2 · Participants: 1 (50.0%) · Sessions: 1"),
        ("Heading 1", "2 Trust"),
        ("Normal", "Russian: Доверие"),
        ("Normal", FOLDER),
        ("Normal", "Segments: 3 · Participants: 2 (100.0%) · Sessions: 1" + THEME_NOTE),
        ("Heading 2", "2.1 Control by superiors"),
        ("Normal", "Russian: Контроль начальства\nKazakh: Бастықтың бақылауы"),
        ("Normal", "Definition: Superiors approve what may be said."),
        ("Normal", "Segments: 3 · Participants: 2 (100.0%) · Sessions: 1"),
    ]


def test_names_in_chosen_languages_and_localized_numbers(study: Study, tmp_path: Path) -> None:
    dump = dump_docx(export(study, tmp_path / "ru.docx", language="ru", names_in=("ru", "kk")))
    headings = [
        text for style, text in dump.headings() if style != "Heading 1" or text[0].isdigit()
    ]
    assert "1 Бюрократия" in headings
    assert "2.1 Контроль начальства" in headings
    assert any(b[1] == "Казахский: Бастықтың бақылауы" for b in dump.blocks if b[0] == "p")
    assert dump.tables()[0][1][-1] == format_percent(0.5, 1, language="ru")


def test_frequencies_follow_the_coder_filter(study: Study, tmp_path: Path) -> None:
    dump = dump_docx(export(study, tmp_path / "d.docx", coders=("Daniyar",)))
    rows = dump.tables()[0]
    # Daniyar coded one passage of each code, each spoken by one participant
    assert rows[2] == ["Bureaucracy", "Slow approvals", "1", "1", "50.0%"]
    assert rows[4] == ["Trust", "Control by superiors", "1", "1", "50.0%"]


def test_codebook_without_frequencies(study: Study, tmp_path: Path) -> None:
    dump = dump_docx(export(study, tmp_path / "n.docx", frequencies=False))
    assert dump.tables()[0][0] == ["Theme", "Category"]
    assert not any("Segments:" in b[1] for b in dump.blocks if b[0] == "p")
