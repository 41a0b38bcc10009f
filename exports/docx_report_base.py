"""The frame of the Word study report: its options, the writer's state and building blocks.

The report writer (:mod:`exports.docx_report`) is split over modules by section;
they all build on :class:`ReportBase`: numbered captions, units of analysis, notes,
tables whose widths follow their content, and landscape pages for tables too wide
for a portrait page. Cell formatters keep one number style across the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Protocol

from docx.document import Document
from docx.oxml.ns import qn

from analysis.dataset import StudyData
from analysis.undefined import Statistic, Undefined
from exports.docx_common import add_paragraph, add_table, add_text
from exports.docx_furniture import set_orientation, start_section
from exports.docx_text_languages import code_name_tag
from exports.docx_widths import column_groups, plan_table, text_width
from exports.localized_cells import PERCENT_DIGITS, CellText
from exports.report_language import Translate, translator
from exports.report_options import ReportOptions
from exports.shared_results import SharedResults
from storage.pseudonyms import PeopleNames


class CodeRow(Protocol):
    """A row of a statistic about one code (frequencies, crosstabs, agreement …)."""

    @property
    def code_id(self) -> int | None:
        """The code (None for a pooled row)."""

    @property
    def depth(self) -> int:
        """The code's depth in the tree (0 for a theme)."""


LANDSCAPE_BELOW_PT = 9.0
"""A table that would need a smaller font than this on a portrait page gets a landscape one."""


@dataclass
class ReportBase:
    """State of one report being written and the blocks every section uses."""

    data: StudyData
    options: ReportOptions
    names: PeopleNames
    tr: Translate = field(init=False)
    cells: CellText = field(init=False)
    doc: Document = field(init=False)
    table_number: int = 0
    landscape: bool = False
    section_start: int = 0
    portrait_break: Any = None
    shared: SharedResults = field(default_factory=SharedResults)
    """Statistics computed once for this report and any workbook written with it."""

    def __post_init__(self) -> None:
        self.tr = translator(self.options.language)
        self.cells = CellText(self.options.language, self.tr)

    @property
    def lang(self) -> str:
        """The report language."""
        return self.options.language

    def _caption(self, text: str) -> None:
        _ = self.tr
        self.table_number += 1
        p = self.doc.add_paragraph(style="Caption")
        p.paragraph_format.keep_with_next = True
        add_text(p, _("Table {n}").format(n=self.table_number) + ". ", bold=True)
        add_text(p, text)

    def _code_table(
        self,
        caption: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        codes: Sequence[CodeRow],
    ) -> None:
        """A table whose first rows name ``codes`` (indented by depth, each name in its own
        language); rows after them (pooled, totals) are plain."""
        extra = [0] * (len(rows) - len(codes))
        self._table(
            caption,
            header,
            rows,
            indents=[r.depth for r in codes] + extra,
            languages=[[code_name_tag(self.data, r.code_id)] for r in codes],
        )

    def _unit(self, text: str) -> None:
        _ = self.tr
        p = self.doc.add_paragraph()
        add_text(p, _("Unit of analysis") + ": ", bold=True)
        add_text(p, text)

    def _notes(self, notes: Sequence[str]) -> None:
        for note in [*notes, *self.cells.take_notes()]:
            add_paragraph(self.doc, note, style="Caption")

    def _table(
        self,
        caption: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        indents: Sequence[int] = (),
        bold_first_column: bool = False,
        languages: Sequence[Sequence[str]] = (),
    ) -> None:
        """A captioned table; on a landscape page when its words do not fit a portrait one.

        ``languages``: per row, each cell's Word language tag ("" for the report's).
        """
        if not self.landscape:
            width = text_width(self.doc.sections[-1])
            plan = plan_table(
                header, rows, width, bold_first_column=bold_first_column, indents=indents
            )
            if not plan.fits or plan.font_pt < LANDSCAPE_BELOW_PT:
                self._landscape()
        width = text_width(self.doc.sections[-1])
        groups = column_groups(
            header, rows, width, bold_first_column=bold_first_column, indents=indents
        )
        for number, columns in enumerate(groups, start=1):
            part = f" ({number}/{len(groups)})" if len(groups) > 1 else ""
            self._caption(caption + part)
            add_table(
                self.doc,
                [header[c] for c in columns],
                [[row[c] for c in columns] for row in rows],
                indents=indents,
                bold_first_column=bold_first_column,
                languages=[
                    [tags[c] if c < len(tags) else "" for c in columns] for tags in languages
                ],
            )

    def _landscape(self) -> None:
        """Turn the page; the section's heading and text move along unless a table came first."""
        body = self.doc.element.body
        self.landscape = True
        since = self.portrait_break
        if since is not None and not any(e.tag == qn("w:tbl") for e in since.itersiblings()):
            # Back to landscape before any portrait table: no portrait page in between.
            since.getparent().remove(since)
            self.portrait_break = None
            set_orientation(self.doc.sections[-1], landscape=True)
            return
        before = list(body)[self.section_start : -1]  # the last child is the body's sectPr
        start_section(self.doc, landscape=True)
        if before and not any(e.tag == qn("w:tbl") for e in before):
            break_paragraph = before[-1].getnext()
            for element in reversed(before):
                break_paragraph.addnext(element)

    def _portrait(self) -> None:
        """Back to portrait pages after a landscape table."""
        if self.landscape:
            self.portrait_break = start_section(self.doc, landscape=False)
            self.landscape = False

    def _start_section(self) -> None:
        """Mark where a report section begins (see :meth:`_landscape`)."""
        self._portrait()
        self.section_start = len(self.doc.element.body) - 1


def span_text(first: int, last: int) -> str:
    """``3–4`` for a run of sessions, ``3`` for a run of one."""
    return str(first) if first == last else f"{first}–{last}"


COEFFICIENT_DIGITS = 3
"""Decimals of every agreement coefficient (κ, α, PABAK), as on the Analysis screen."""


def percent_cell(c: CellText, value: float | Fraction | Statistic | None) -> str:
    """A percentage cell (value 0–100) in the language's percent style; a dash if undefined."""
    if value is None or isinstance(value, Undefined):
        return c.statistic(value)
    return c.percent(value, PERCENT_DIGITS)


def count_percent_cell(c: CellText, count: int, percent: float | None) -> str:
    """``n (p %)`` as in a crosstab cell, the percentage styled like every other."""
    if percent is None:
        return c.count(count)
    return f"{c.count(count)} ({percent_cell(c, percent)})"


def coefficient_cell(c: CellText, value: Statistic) -> str:
    """An agreement coefficient with :data:`COEFFICIENT_DIGITS` decimals; a dash if undefined."""
    return c.statistic(value, COEFFICIENT_DIGITS)


def as_percent(value: Statistic) -> Statistic:
    """A proportion (0–1) as a percentage; undefined values pass through."""
    return value * 100 if isinstance(value, float) else value
