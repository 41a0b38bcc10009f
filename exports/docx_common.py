"""Building blocks every DOCX export shares: the document, tables, shading, headings.

Text from user data always passes through :func:`exports.xml_text.xml_safe`
before it reaches python-docx, so control characters never break a file while
Cyrillic, Kazakh letters and emoji are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from docx import Document as new_docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import CT_R
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from exports.docx_furniture import add_furniture, set_properties, set_up_pages
from exports.docx_language import (
    set_default_language,
    set_properties_language,
    set_run_language,
    tag_document,
    word_language_tag,
)
from exports.docx_widths import BODY_PT, TablePlan, apply_widths, plan_table, text_width
from exports.xml_text import xml_safe

DATA_TABLE_STYLE = "Light Grid Accent 1"
"""Word table style for data tables (header row and banding come from the style)."""

PLAIN_TABLE_STYLE = "Table Grid"
"""Word table style for small label/value tables (metadata, legends)."""


def new_document(language: str, title: str = "", *, kind: str = "", project: str = "") -> Document:
    """An empty document set up for ``language``: proofing language, pages and furniture.

    ``title`` becomes the document's title property, ``kind`` (Codebook,
    Transcripts …) its subject; the running header shows ``project — kind``.
    """
    doc = new_docx()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    tag = word_language_tag(language)
    set_default_language(doc, tag)
    set_up_pages(doc, language)
    set_properties(doc, title=title, subject=kind, tag=tag)
    add_furniture(doc, language, tag, " — ".join(x for x in (project, kind) if x))
    return doc


def finish_document(doc: Document, language: str) -> Document:
    """Tag every run that has no language yet with the document language; returns ``doc``."""
    tag_document(doc, word_language_tag(language))
    return doc


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
    """Append a run of user text (made XML-safe) to ``paragraph``."""
    run = paragraph.add_run(xml_safe(text))
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    return run


def append_run(paragraph: Paragraph, text: str, *, bold: bool = False, lang: str = "") -> Run:
    """Append a run of user text to ``paragraph``, quickly (no formatting lookups).

    ``lang`` is the run's proofing language (a Word tag such as ``kk-KZ``);
    without it the run takes the document language when the document is finished.
    Text with tabs or line breaks goes through python-docx, which turns them into
    ``w:tab`` and ``w:br``; everything else becomes one ``w:t`` directly.
    """
    if "\t" in text or "\n" in text or "\r" in text:
        run = add_text(paragraph, text, bold=bold)
        if lang:
            set_run_language(run._r, lang)
        return run
    r = OxmlElement("w:r")
    if bold or lang:
        r_pr = OxmlElement("w:rPr")
        if bold:
            r_pr.append(OxmlElement("w:b"))
        if lang:
            set_properties_language(r_pr, lang)
        r.append(r_pr)
    t = OxmlElement("w:t")
    t.text = xml_safe(text)
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    paragraph._p.append(r)
    return Run(cast(CT_R, r), paragraph)


class CommentWriter:
    """Adds Word comments in constant time each.

    python-docx's ``Document.add_comment`` scans every existing comment for the
    next free id, which makes thousands of comments quadratic; this writer keeps
    its own counter and builds the same ``w:comment`` markup.
    """

    def __init__(self, doc: Document, lang: str = "") -> None:
        self._lang = lang
        self._comments = doc.comments._comments_elm
        used = [int(c.get(qn("w:id"), "-1")) for c in self._comments.iterchildren(qn("w:comment"))]
        self._next = max(used, default=-1) + 1

    def add(
        self,
        first: Run,
        last: Run,
        text: str,
        *,
        author: str,
        initials: str = "",
        when: datetime | None = None,
        languages: Sequence[str] = (),
    ) -> int:
        """Anchor a comment from the start of ``first`` to the end of ``last``; returns its id.

        ``languages`` optionally gives the Word tags of the text's first lines (a code
        name in its own language); other lines take the writer's language.
        """
        comment_id = self._next
        self._next += 1
        comment = OxmlElement("w:comment")
        comment.set(qn("w:id"), str(comment_id))
        comment.set(qn("w:author"), xml_safe(author))
        if initials:
            comment.set(qn("w:initials"), xml_safe(initials))
        if when is not None:
            stamp = when.astimezone(UTC).replace(tzinfo=None, microsecond=0)
            comment.set(qn("w:date"), stamp.isoformat() + "Z")
        for index, line in enumerate(xml_safe(text).split("\n")):
            p = OxmlElement("w:p")
            p_pr = OxmlElement("w:pPr")
            style = OxmlElement("w:pStyle")
            style.set(qn("w:val"), "CommentText")
            p_pr.append(style)
            p.append(p_pr)
            if index == 0:
                ref = OxmlElement("w:r")
                r_pr = OxmlElement("w:rPr")
                r_style = OxmlElement("w:rStyle")
                r_style.set(qn("w:val"), "CommentReference")
                r_pr.append(r_style)
                ref.append(r_pr)
                ref.append(OxmlElement("w:annotationRef"))
                p.append(ref)
            if line:
                r = OxmlElement("w:r")
                lang = languages[index] if index < len(languages) else self._lang
                if lang:
                    set_run_language(r, lang)
                t = OxmlElement("w:t")
                t.text = line
                t.set(qn("xml:space"), "preserve")
                r.append(t)
                p.append(r)
            comment.append(p)
        self._comments.append(comment)
        first.mark_comment_range(last, comment_id)
        return comment_id


def row_cells(table: Table) -> list[list[_Cell]]:
    """The cells of every row of a simple table (no merged cells), cheaply."""
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def add_heading(doc: Document, text: str, level: int) -> Paragraph:
    """A heading with user text in it."""
    heading: Paragraph = doc.add_heading(xml_safe(text), level)
    return heading


def add_paragraph(doc: Document, text: str = "", style: str | None = None) -> Paragraph:
    """A paragraph with user text in it."""
    paragraph: Paragraph = doc.add_paragraph(xml_safe(text), style)
    return paragraph


def add_table(
    doc: Document,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    style: str = DATA_TABLE_STYLE,
    bold_first_column: bool = False,
    indents: Sequence[int] = (),
    grow: Sequence[int] = (),
    measure: Sequence[Sequence[str]] | None = None,
    languages: Sequence[Sequence[str]] = (),
) -> Table:
    """A table with a header row repeated on every page, filled with ``rows`` of text.

    ``indents`` optionally gives, per row, a nesting depth for the first cell
    (code trees), rendered as a left indent. Column widths follow the content
    (see :func:`fit_table`, measured on ``measure`` when the cells are filled in
    later); columns in ``grow`` share the room the others leave. ``languages``
    optionally gives, per row, each cell's Word language tag (a code name in
    English in a Russian table); a cell without one takes the document language.
    """
    table: Table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = doc.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells_by_row = row_cells(table)
    _mark_header(table._tbl.tr_lst[0])
    for cell, text in zip(cells_by_row[0], header, strict=True):
        _fill(cell, text, bold=True)
    for index, (cells, values) in enumerate(zip(cells_by_row[1:], rows, strict=True)):
        tags = languages[index] if index < len(languages) else ()
        for col, (cell, text) in enumerate(zip(cells, values, strict=True)):
            lang = tags[col] if col < len(tags) else ""
            paragraph = _fill(cell, text, bold=bold_first_column and col == 0, lang=lang)
            if col == 0 and index < len(indents) and indents[index]:
                paragraph.paragraph_format.left_indent = Pt(12 * indents[index])
    fit_table(
        doc,
        table,
        header,
        rows if measure is None else measure,
        grow=grow,
        bold_first_column=bold_first_column,
        indents=indents,
    )
    return table


def fit_table(
    doc: Document,
    table: Table,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    grow: Sequence[int] = (),
    bold_first_column: bool = False,
    indents: Sequence[int] = (),
) -> TablePlan:
    """Give ``table`` content-based column widths spanning the text width of the page.

    ``rows`` are the texts the widths are measured on. When the longest words
    only fit in a smaller font, every run of the table is set in that size.
    """
    plan = plan_table(
        header,
        rows,
        text_width(doc.sections[-1]),
        grow=grow,
        bold_first_column=bold_first_column,
        indents=indents,
    )
    apply_widths(table, plan.widths)
    if plan.font_pt != BODY_PT:
        size = Pt(plan.font_pt)
        for r in table._tbl.iter(qn("w:r")):
            Run(cast(CT_R, r), table).font.size = size
    return plan


def _fill(cell: _Cell, text: str, *, bold: bool = False, lang: str = "") -> Paragraph:
    paragraph: Paragraph = cell.paragraphs[0]
    if text:
        append_run(paragraph, text, bold=bold, lang=lang)
    return paragraph


def _mark_header(tr: Any) -> None:
    tr_pr = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def shade_run(run: Run, fill: str) -> None:
    """Give a run a background colour (``RRGGBB``), like a highlighter of any colour."""
    r_pr = run._r.get_or_add_rPr()
    shd = _shading(fill)
    lang = r_pr.find(qn("w:lang"))
    if lang is not None:
        lang.addprevious(shd)  # schema order: w:shd comes before w:lang
    else:
        r_pr.append(shd)


def shade_cell(cell: _Cell, fill: str) -> None:
    """Give a table cell a background colour (``RRGGBB``)."""
    cell._tc.get_or_add_tcPr().append(_shading(fill))


def _shading(fill: str) -> Any:
    """A ``w:shd`` element: a plain background of colour ``fill`` (``RRGGBB``)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    return shd


def light_fill(color: str, strength: float = 0.45) -> str:
    """A pale version of ``#RRGGBB`` (mixed with white) that keeps black text readable."""
    value = color.lstrip("#")
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        value = "4e79a7"
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(255 - (255 - c) * strength) for c in channels]
    return "".join(f"{c:02X}" for c in mixed)
