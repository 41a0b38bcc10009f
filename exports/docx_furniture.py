"""Page furniture of exported Word documents: page size, running header, page
numbers, document properties, landscape sections and a table of contents.

Page numbers are ``PAGE`` and ``NUMPAGES`` fields inside the translated
sentence "Page N of M", so Word and LibreOffice count the pages themselves.
The table of contents is a ``TOC \\o "1-3" \\h`` field over the built-in
Heading 1–3 styles; it is written with the headings already listed (without
page numbers) and marked dirty, so a word processor fills in the pages when
it opens the file.
"""

from __future__ import annotations

import re
from typing import Any, cast

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.section import Section
from docx.shared import Cm, Inches, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph

from exports.docx_language import set_run_language
from exports.refi.namespaces import suhbat_version
from exports.report_language import translator
from exports.xml_text import xml_safe
from storage.errors import N_

PAGE_OF = N_("Page {page} of {pages}")
"""The footer sentence; ``{page}`` and ``{pages}`` become fields."""
TOC_LEVELS = 3
"""Heading levels listed in a report's table of contents."""


def set_up_pages(doc: Document, language: str) -> None:
    """A4 with 2 cm margins for Russian and Kazakh documents, US Letter with 1 inch for English."""
    section = doc.sections[0]
    if language == "en":
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        margin: Length = Inches(1)
    else:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        margin = Cm(2)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Cm(1)


def set_properties(doc: Document, *, title: str, subject: str, tag: str) -> None:
    """Title, subject, language, creator ``suhbat`` and the suhbat version."""
    props = doc.core_properties
    props.title = xml_safe(title)
    props.subject = xml_safe(subject)
    props.language = tag
    props.author = "suhbat"
    props.last_modified_by = "suhbat"
    props.comments = ""
    props.version = suhbat_version()


def add_furniture(doc: Document, language: str, tag: str, header_text: str) -> None:
    """A running header (``header_text``) and a "Page N of M" footer on every page."""
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if header_text:
        _small(header.add_run(xml_safe(header_text)), tag)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sentence = translator(language)(PAGE_OF)
    for piece in re.split(r"(\{page\}|\{pages\})", sentence):
        if piece == "{page}":
            add_field(footer, "PAGE", "1", tag)
        elif piece == "{pages}":
            add_field(footer, "NUMPAGES", "1", tag)
        elif piece:
            _small(footer.add_run(piece), tag)


def _small(run: Any, tag: str) -> None:
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    set_run_language(run._r, tag)


def _field_char(kind: str, *, dirty: bool = False) -> Any:
    r = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    r.append(char)
    return r


def _instruction(text: str) -> Any:
    r = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {text} "
    r.append(instr)
    return r


def add_field(paragraph: Paragraph, instruction: str, shown: str, tag: str) -> None:
    """Append the field ``instruction`` (``PAGE``) showing ``shown`` until it is updated."""
    p = paragraph._p
    p.append(_field_char("begin"))
    p.append(_instruction(instruction))
    p.append(_field_char("separate"))
    _small(paragraph.add_run(shown), tag)
    p.append(_field_char("end"))


def add_toc_placeholder(doc: Document, title: str) -> Paragraph:
    """A "Contents" title and an empty paragraph where :func:`fill_toc` puts the field."""
    heading = doc.add_paragraph(xml_safe(title), style="TOC Heading")
    heading.paragraph_format.keep_with_next = True
    placeholder: Paragraph = doc.add_paragraph()
    return placeholder


def fill_toc(doc: Document, placeholder: Paragraph) -> None:
    """Turn ``placeholder`` into a TOC field listing the document's Heading 1–3 paragraphs."""
    entries = [
        (level, p.text, _language_of(p))
        for p in doc.paragraphs
        if (level := _heading_level(p)) is not None and p.text.strip()
    ]
    first = placeholder._p
    first.append(_field_char("begin", dirty=True))
    first.append(_instruction(f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'))
    first.append(_field_char("separate"))
    last = placeholder
    for index, (level, text, lang) in enumerate(entries):
        paragraph = placeholder
        if index:
            element = OxmlElement("w:p")
            last._p.addnext(element)
            paragraph = Paragraph(cast(CT_P, element), placeholder._parent)
        paragraph.paragraph_format.left_indent = Pt(12 * (level - 1))
        run = paragraph.add_run(xml_safe(text))
        if lang:  # an entry is in its heading's language (a code name in its own)
            set_run_language(run._r, lang)
        last = paragraph
    last._p.append(_field_char("end"))


def _language_of(paragraph: Paragraph) -> str:
    """The ``w:lang`` of the paragraph's first run ("" when it has none yet)."""
    lang = paragraph._p.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:lang')}")
    return str(lang.get(qn("w:val"), "")) if lang is not None else ""


def _heading_level(paragraph: Paragraph) -> int | None:
    style = paragraph.style
    name = style.name if style is not None else ""
    match = re.fullmatch(r"Heading (\d)", name or "")
    if match and int(match.group(1)) <= TOC_LEVELS:
        return int(match.group(1))
    return None


def start_section(doc: Document, *, landscape: bool) -> Any:
    """Start a new page in a section of the given orientation (header and footer carry over).

    Returns the paragraph element that ends the previous section.
    """
    doc.add_section(WD_SECTION_START.NEW_PAGE)
    set_orientation(doc.sections[-1], landscape=landscape)
    return doc.element.body[-2]


def set_orientation(section: Section, *, landscape: bool) -> None:
    """Turn ``section``'s pages to landscape or portrait (margins stay)."""
    width, height = section.page_width, section.page_height
    if width is None or height is None:
        return
    long_side, short_side = max(width, height), min(width, height)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long_side, short_side
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = short_side, long_side
