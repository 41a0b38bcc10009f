"""A chart as a picture in a Word document, right after the table it shows."""

from __future__ import annotations

import io

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Inches

from analysis.charts import Chart
from exports.chart_images import WIDTH_IN, chart_png


def add_chart(doc: Document, chart: Chart, description: str) -> None:
    """Add ``chart`` as a centred picture; ``description`` becomes its alternative text."""
    doc.add_picture(io.BytesIO(chart_png(chart)), width=Inches(WIDTH_IN))
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = False
    # python-docx has no API for alternative text: it is the descr attribute of wp:docPr.
    shape = doc.inline_shapes[len(doc.inline_shapes) - 1]
    shape._inline.docPr.set("descr", description)
