"""A concordance written to CSV (one row per line) or DOCX (a keyword-in-context table).

The DOCX table has the left context right-aligned against the keyword in bold, the
right context after it, and where each line comes from (session, speaker, time), in
the document's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from analysis.concordance import ConcordanceLine, concordance_table
from exports.docx_common import add_paragraph, add_table, finish_document, new_document
from exports.file_names import atomic_path
from exports.report_language import translator, wording
from exports.table_files import write_csv
from storage.media_time import clock


def write_concordance_csv(
    lines: Sequence[ConcordanceLine], query: str, out: Path, *, language: str = "en"
) -> Path:
    """Write the concordance as CSV (headers in ``language``; see :mod:`exports.table_files`)."""
    return write_csv(concordance_table(lines, query, wording(language)), out)


def write_concordance_docx(
    lines: Sequence[ConcordanceLine],
    query: str,
    out: Path,
    *,
    language: str = "en",
    project: str = "",
) -> Path:
    """Write the concordance as a Word document with one table row per line."""
    _ = translator(language)
    ngettext = wording(language).ngettext
    title = _("Concordance of «{query}»").format(query=query)
    doc = new_document(language, title, kind=_("Concordance"), project=project)
    doc.add_heading(title, level=1)
    add_paragraph(
        doc,
        ngettext("{count} occurrence", "{count} occurrences", len(lines)).format(count=len(lines)),
    )
    header = [_("Left context"), _("Keyword"), _("Right context"), _("Where")]
    rows = [
        [
            line.left,
            line.keyword,
            line.right,
            " · ".join(
                x
                for x in (
                    line.occurrence.session_title,
                    line.occurrence.speaker,
                    clock(line.occurrence.start_ms),
                )
                if x
            ),
        ]
        for line in lines
    ]
    table = add_table(doc, header, rows, grow=(0, 2))
    for row in table.rows[1:]:
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for run in row.cells[1].paragraphs[0].runs:
            run.bold = True
    finish_document(doc, language)
    with atomic_path(out) as temporary:
        doc.save(str(temporary))
    return out
