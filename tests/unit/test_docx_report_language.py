"""The DOCX analysis report read back in Kazakh and Russian: headings, captions, notes, tables."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx_dump import style_name
from english_leftovers import study_texts

from exports.docx_report import SECTION_TITLES, SECTIONS, ReportOptions, write_report_docx
from exports.study.loading import load_study
from i18n import translations
from i18n.formatting import format_date
from storage import Store

WORD = re.compile(r"[A-Za-z]{2,}")
LATIN_NAMES = {"Guest", "Namey", "Chen", "Brennan", "Prediger", "PABAK"}


def report(demo: Path, out: Path, language: str) -> DocxDocument:
    with Store(demo) as store:
        write_report_docx(store, out, ReportOptions(language=language, generated=date(2024, 3, 14)))
    return Document(str(out))


def project_words(demo: Path) -> set[str]:
    """Latin words the project itself supplies (names of codes, people, places, the project,
    memos)."""
    with Store(demo) as store:
        data = load_study(store, language="en")
        texts = [store.project().name, *(m.text for m in store.memos.all())]
    texts += study_texts(data)
    return {w for text in texts for w in WORD.findall(text)}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_report_headings_captions_and_notes_are_in_the_report_language(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    tr = translations(language)
    doc = report(demo_path, tmp_path / f"report-{language}.docx", language)
    paragraphs = [(style_name(p), p.text) for p in doc.paragraphs if p.text.strip()]
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [tr.gettext(SECTION_TITLES[s]) for s in SECTIONS]
    captions = [text for style, text in paragraphs if style == "Caption"]
    numbered = [c for c in captions if c.startswith(tr.gettext("Table {n}").format(n=1) + ".")]
    assert numbered == [
        tr.gettext("Table {n}").format(n=1) + ". " + tr.gettext("Participant profile")
    ]
    assert format_date(date(2024, 3, 14), language=language) in doc.paragraphs[1].text
    # The saturation verdict names its reason in the report language too.
    reason = tr.ngettext(
        "{total} session; a base of {base} and a run of {run} need at least {need}",
        "{total} sessions; a base of {base} and a run of {run} need at least {need}",
        3,
    ).format(total=3, base=4, run=2, need=6)
    assert any(reason in text for _style, text in paragraphs)
    # Nothing English is left in the report's own words (quotes and data are the user's).
    allowed = project_words(demo_path) | LATIN_NAMES
    own = [
        text
        for style, text in paragraphs
        if style not in ("Quote", "Heading 2") and not text.startswith("—")
    ]
    own += [cell.text for table in doc.tables for cell in table.rows[0].cells]
    left = [w for text in own for w in WORD.findall(text) if w not in allowed]
    assert left == []
    assert doc.core_properties.title.startswith(tr.gettext("Study report"))


def test_counts_say_what_they_count_and_quotes_name_the_translation(
    demo_path: Path, tmp_path: Path
) -> None:
    doc = report(demo_path, tmp_path / "report-ru.docx", "ru")
    intro = doc.paragraphs[1].text.split("\n")
    assert any(line.startswith("Участники сессий: ") for line in intro)
    quotes = [p.text for p in doc.paragraphs if style_name(p) == "Quote"]
    assert quotes
    assert all("\nПеревод (английский): «" in q for q in quotes)
