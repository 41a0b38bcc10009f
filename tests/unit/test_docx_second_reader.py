"""Every generated DOCX opened by readers other than python-docx.

docx2python (a dev dependency) reads text and comments; LibreOffice, when it is
installed (``soffice``), converts each file to flat ODF, which fails or drops
content for files Word would refuse, and its comments must keep their author,
text and the exact text they cover.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx2python import docx2python
from docx_dump import DocxDump, dump_docx
from export_study import RU, Study, build_study
from libreoffice import convert_with_libreoffice, needs_libreoffice
from lxml import etree

from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx
from exports.docx_report import ReportOptions, write_report_docx
from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from storage import Store

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DC = "http://purl.org/dc/elements/1.1/"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file of every kind, from the same study."""
    folder = tmp_path_factory.mktemp("second_reader")
    study: Study = build_study(folder / "study.suhbat")
    out: dict[str, Path] = {}
    with Store(study.path) as store:
        for name, options in (
            ("comments", TranscriptDocxOptions(layers=("ru",))),
            ("table", TranscriptDocxOptions(language="ru")),
            ("highlight", TranscriptDocxOptions(codes_as="highlight", language="kk")),
        ):
            (out[name],) = write_transcripts_docx(store, folder / f"{name}.docx", None, options)
        out["codebook"] = write_codebook_docx(
            store, folder / "codebook.docx", CodebookDocxOptions(generated=date(2024, 5, 1))
        )
        out["report"] = write_report_docx(
            store, folder / "report.docx", ReportOptions(language="kk", generated=date(2024, 5, 1))
        )
    return out


def test_docx2python_reads_text_and_comments(documents: dict[str, Path]) -> None:
    for name, path in documents.items():
        dump = dump_docx(path)
        with docx2python(path) as reader:
            text = reader.text
            # docx2python separates a comment's paragraphs with a blank line
            found = [(a, body.replace("\n\n", "\n")) for _r, a, _w, body in reader.comments]
        assert dump.headings()[0][1].split()[-1] in text, name
        assert sorted(found) == sorted((c.author, c.text) for c in dump.comments), name
    with docx2python(documents["comments"]) as reader:
        assert RU[1] in reader.text
        references = [ref for ref, *_ in reader.comments]
    assert "әр сөзді бастық мақұлдауы керек" in references


def _odf_comments(root: etree._Element) -> list[tuple[str, str, str]]:
    """(author, text, covered text) of every annotation, in document order."""
    body = root.find(f"{{{OFFICE}}}body")
    assert body is not None
    notes: dict[str, tuple[str, str]] = {}
    covered: dict[str, list[str]] = {}
    finished: dict[str, str] = {}
    order: list[str] = []
    skip = 0
    depth = 0  # paragraphs are where text lives; whitespace between them is layout
    paragraph_tags = (f"{{{TEXT}}}p", f"{{{TEXT}}}h")
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if tag == f"{{{OFFICE}}}annotation":
            if event == "start":
                name = element.get(f"{{{OFFICE}}}name", "")
                author = "".join(element.findtext(f"{{{DC}}}creator") or "")
                paragraphs = [_paragraph_text(p) for p in element.iter(f"{{{TEXT}}}p")]
                notes[name] = (author, "\n".join(paragraphs))
                covered[name] = []
                order.append(name)
                skip += 1
            else:
                skip -= 1
                _collect(covered, element.tail)
            continue
        if skip:
            continue
        if tag == f"{{{OFFICE}}}annotation-end" and event == "start":
            name = element.get(f"{{{OFFICE}}}name", "")
            finished[name] = "".join(covered.pop(name, []))
        if tag in paragraph_tags:
            if event == "start":
                depth += 1
                for parts in covered.values():
                    if parts:
                        parts.append("\n")
                _collect(covered, element.text)
            else:
                depth -= 1
            continue
        if not depth:
            continue
        if event == "start":
            if tag == f"{{{TEXT}}}s":
                _collect(covered, " " * int(element.get(f"{{{TEXT}}}c", "1")))
            elif tag == f"{{{TEXT}}}tab":
                _collect(covered, "\t")
            elif tag == f"{{{TEXT}}}line-break":
                _collect(covered, "\n")
            _collect(covered, element.text)
        else:
            _collect(covered, element.tail)
    return [(notes[n][0], notes[n][1], finished.get(n, "<open>")) for n in order]


def _paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's own text, leaving out the comments anchored in it."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child.tag != f"{{{OFFICE}}}annotation":
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _collect(covered: dict[str, list[str]], text: str | None) -> None:
    if text:
        for parts in covered.values():
            parts.append(text)


@needs_libreoffice("writer")
def test_libreoffice_opens_every_file_and_keeps_comments(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    result = convert_with_libreoffice(list(documents.values()), "fodt", tmp_path)
    assert result.returncode == 0, result.stderr
    for name, path in documents.items():
        converted = tmp_path / f"{path.stem}.fodt"
        assert converted.exists(), f"LibreOffice could not convert {name}: {result.stderr}"
        root = etree.parse(str(converted)).getroot()
        dump: DocxDump = dump_docx(path)
        tables = root.iter(f"{{{TABLE}}}table")
        assert sum(1 for _t in tables) == len(dump.tables()), name
        text = "\n".join(_paragraph_text(p) for p in root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"))
        for paragraph in dump.paragraphs():
            assert paragraph.split("\n")[0] in text, (name, paragraph)
        expected = [(c.author, c.text, c.anchored) for c in dump.comments]
        # comments starting at the same place may come in either order
        assert sorted(_odf_comments(root)) == sorted(expected), name
