"""User text in the Word codebook and report carries its own proofing language.

Code names carry the language they are filed under, definitions and examples the
language their letters say, quotes the language their turn is said in, counted
words their own. Each document is read back from the file (raw XML of its runs).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx_dump import style_name
from lxml import etree

from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx
from exports.docx_report import ReportOptions, write_report_docx
from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from exports.report_language import translator
from storage import Store

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAGS = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-US"}


def _tag(run: etree._Element) -> str:
    """A run element's w:lang ("" if it has none)."""
    lang = run.find(f"{W}rPr/{W}lang")
    return str(lang.get(f"{W}val", "")) if lang is not None else ""


def _runs(path: Path) -> list[tuple[str, str]]:
    """Every run of the body with text: (its w:lang, its text)."""
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    runs = []
    for r in body.iter(f"{W}r"):
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        if text.strip():
            runs.append((_tag(r), text))
    return runs


def _english_code_names(store: Store) -> set[str]:
    names = {c.names.get("en", "") for c in store.codes.all()}
    assert names and all(names) and all(not c.names.get("ru") for c in store.codes.all())
    return names


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_english_code_names_are_english_in_a_russian_or_kazakh_document(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    """The demo's code names are English only: they used to carry the document language
    in the report (158 runs in Russian) and in the codebook's table (not its headings)."""
    with Store(demo_path) as store:
        names = _english_code_names(store)
        codebook = write_codebook_docx(
            store, tmp_path / "codebook.docx", CodebookDocxOptions(language=language)
        )
        report = write_report_docx(
            store, tmp_path / "report.docx", ReportOptions(language=language)
        )
    for path in (codebook, report):
        tags = [
            tag
            for tag, text in _runs(path)
            if text in names or re.sub(r"^[\d.]+ ", "", text) in names
        ]
        assert len(tags) > 2 * len(names), path.name
        assert set(tags) == {"en-US"}, path.name


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_definitions_and_examples_carry_the_language_they_are_written_in(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    with Store(demo_path) as store:
        codes = store.codes.all()
        path = write_codebook_docx(
            store, tmp_path / "codebook.docx", CodebookDocxOptions(language=language)
        )
    runs = dict((text, tag) for tag, text in _runs(path))
    kazakh = next(c.example for c in codes if c.example.startswith("Ауыл тұрғындарына"))
    russian = next(c.example for c in codes if c.example.startswith("Мы получаем подпись"))
    assert runs[f"«{kazakh}»"] == "kk-KZ"
    assert runs[f"«{russian}»"] == "ru-RU"
    definitions = [c.description for c in codes if c.description]
    assert definitions and {runs[d] for d in definitions} == {"en-US"}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_a_quote_from_a_russian_turn_in_a_kazakh_layer_is_russian(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    with Store(demo_path) as store:
        kazakh = next(
            la for la in store.transcripts.layers() if la.language == "kk" and la.is_original
        )
        turn = next(
            u
            for u in store.transcripts.utterances(kazakh.transcript_id)
            if "Мемлекет бізді" in kazakh.text[slice(*u.spans[kazakh.id])]
        )
        store.transcripts.set_utterance_language(kazakh.id, [turn.id], "ru")
        path = write_report_docx(
            store,
            tmp_path / "report.docx",
            ReportOptions(language=language, sections=("quotes",)),
        )
    quotes = [
        r
        for p in docx.Document(str(path)).paragraphs
        if style_name(p) == "Quote"
        for r in p.runs
        if r.text.startswith("«")
    ]
    tags = {r.text: _tag(r._r) for r in quotes}
    marked = [tag for text, tag in tags.items() if "Мемлекет бізді" in text]
    assert marked == ["ru-RU"]
    others = [tag for text, tag in tags.items() if "ауыл тұрғындарына" in text.casefold()]
    assert others == ["kk-KZ"]  # the turns of that layer not marked stay Kazakh


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_counted_words_carry_their_own_language(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    with Store(demo_path) as store:
        originals = {
            t.title: la.language
            for t in store.transcripts.all()
            for la in store.transcripts.layers(t.id)
            if la.is_original
        }
        path = write_report_docx(
            store,
            tmp_path / "report.docx",
            ReportOptions(language=language, sections=("words",)),
        )
    (table,) = [
        t
        for t in docx.Document(str(path)).tables
        if t.rows[0].cells[2].text == translator(language)("Word")
    ]
    transcript = ""
    by_language: dict[str, set[str]] = {}
    for row in table.rows[1:]:
        transcript = row.cells[0].text or transcript
        (run,) = row.cells[2].paragraphs[0].runs
        tag = _tag(run._r)
        word = run.text
        if re.search("[әғқңөұүһі]", word) or originals[transcript] == "kk":
            assert tag == "kk-KZ", (transcript, word)
        elif re.fullmatch("[a-z]+", word):
            assert tag == "en-US", (transcript, word)
        else:
            assert tag == TAGS[originals[transcript]], (transcript, word)
        by_language.setdefault(tag, set()).add(word)
    assert {"kk-KZ", "ru-RU"} <= set(by_language)


@pytest.mark.parametrize("codes_as", ["comments", "highlight"])
def test_code_names_in_a_russian_transcript_are_english(
    demo_path: Path, tmp_path: Path, codes_as: str
) -> None:
    """The code named in each comment (and in the highlight legend) is in its language."""
    with Store(demo_path) as store:
        names = _english_code_names(store)
        first = store.transcripts.all()[0].id
        (path,) = write_transcripts_docx(
            store,
            tmp_path / "transcript.docx",
            [first],
            TranscriptDocxOptions(language="ru", codes_as=codes_as),  # type: ignore[arg-type]
        )
    part = "word/comments.xml" if codes_as == "comments" else "word/document.xml"
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(part))
    named = [
        _tag(r)
        for r in root.iter(f"{W}r")
        if any(name in "".join(t.text or "" for t in r.iter(f"{W}t")) for name in names)
    ]
    assert named and set(named) == {"en-US"}
