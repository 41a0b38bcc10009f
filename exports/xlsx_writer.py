"""A small streaming XLSX (SpreadsheetML) writer for plain data tables.

openpyxl spends tens of microseconds per cell, which makes a 50,000-row coded-
segment list take many seconds; this writer streams each sheet's XML straight
into the ZIP package instead (about a microsecond per cell). It writes what
data tables need and nothing else: inline strings, numbers, a bold header row
that is frozen and filtered, column widths and indented first cells. Files are
read back with openpyxl and LibreOffice in the tests.

Excel refuses a whole file that has one cell longer than 32,767 characters (counted
as Excel counts them, in UTF-16 units: an emoji is two). A longer text is cut to fit
and ends with a note saying how much was cut (:data:`CUT_NOTE`, in the document's
language); the CSV export keeps such texts whole.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from exports.xml_text import has_forbidden, xml_safe

MAX_INDENT = 15
CELL_LIMIT = 32_767
"""Excel's maximum length of a cell's text, in UTF-16 code units."""


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural msgid pair for extraction (the catalogs' ``NN_`` keyword)."""
    return singular, plural


CUT_NOTE = NN_(
    "… [cut: {n} more character; an Excel cell holds at most 32,767]",
    "… [cut: {n} more characters; an Excel cell holds at most 32,767]",
)
"""Ends a text cut to fit a cell (singular, plural); ``{n}``: the characters left out."""

CutNote = Callable[[int], str]
"""The note that ends a cut text, given the number of characters left out."""


def english_cut_note(n: int) -> str:
    """:data:`CUT_NOTE` in English."""
    return CUT_NOTE[n != 1].format(n=n)


XlsxValue = str | int | float | None

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEADER_STYLE = 1
_FIRST_INDENT_STYLE = 2
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a header row, data rows, column widths, first-cell indents."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[XlsxValue]]
    row_count: int
    widths: Sequence[float] = ()
    indents: Sequence[int] = ()


def utf16_length(text: str) -> int:
    """The length of ``text`` as Excel counts it (characters beyond U+FFFF count twice)."""
    return len(text.encode("utf-16-le")) // 2


def fit_cell(text: str, cut_note: CutNote = english_cut_note) -> str:
    """``text`` if it fits in an Excel cell, else its start followed by the cut note.

    ``cut_note`` gives the note for a number of characters left out (the translated
    :data:`CUT_NOTE`). The result never exceeds :data:`CELL_LIMIT` UTF-16 units.
    """
    if len(text) <= CELL_LIMIT // 2 or utf16_length(text) <= CELL_LIMIT:
        return text
    longest = max(utf16_length(cut_note(n)) for n in (1, 2, 5, len(text)))
    budget = CELL_LIMIT - longest
    keep = budget
    while (over := utf16_length(text[:keep]) - budget) > 0:
        keep -= over  # each unit over is at least one character too many
    used = utf16_length(text[:keep])
    while keep < len(text) and used + (width := 1 + (ord(text[keep]) > 0xFFFF)) <= budget:
        used += width  # take back what the step above cut too much
        keep += 1
    return text[:keep] + cut_note(len(text) - keep)


def write_workbook(
    path: Path, sheets: Sequence[Sheet], *, cut_note: CutNote = english_cut_note
) -> None:
    """Write ``sheets`` (titles already valid and unique) as an XLSX file at ``path``.

    A text too long for an Excel cell is cut to fit and ends with ``cut_note`` (see
    :func:`fit_cell`).
    """
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _content_types(len(sheets)))
        package.writestr("_rels/.rels", _root_rels())
        package.writestr("xl/workbook.xml", _workbook(sheets))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        package.writestr("xl/styles.xml", _styles())
        for number, sheet in enumerate(sheets, start=1):
            with package.open(f"xl/worksheets/sheet{number}.xml", "w") as handle:
                for chunk in _sheet_xml(sheet, cut_note):
                    handle.write(chunk.encode("utf-8"))


def get_column_letter(index: int) -> str:
    """Excel's name of the 1-based column ``index``: ``A`` … ``Z``, ``AA`` … (no openpyxl,
    which imports numpy when it can)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _last_cell(sheet: Sheet) -> str:
    return f"{get_column_letter(max(len(sheet.header), 1))}{sheet.row_count + 1}"


def _sheet_xml(sheet: Sheet, cut_note: CutNote) -> Iterable[str]:
    yield _DECLARATION
    yield f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
    yield (
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
    )
    if sheet.widths:
        yield "<cols>"
        for index, width in enumerate(sheet.widths, start=1):
            yield f'<col min="{index}" max="{index}" width="{width:.1f}" customWidth="1"/>'
        yield "</cols>"
    yield "<sheetData>"
    letters = [get_column_letter(i) for i in range(1, len(sheet.header) + 1)]
    head = "".join(
        _string_cell(f"{letters[i]}1", text, _HEADER_STYLE, cut_note)
        for i, text in enumerate(sheet.header)
    )
    yield f'<row r="1">{head}</row>'
    indents = sheet.indents
    batch: list[str] = []
    for offset, row in enumerate(sheet.rows):
        r = offset + 2
        indent = min(indents[offset], MAX_INDENT) if offset < len(indents) else 0
        cells = _plain_row(row, letters, r) if indent == 0 else None
        if cells is None:
            cells = _row_cells(row, letters, r, indent, cut_note)
        batch.append(f'<row r="{r}">{cells}</row>')
        if len(batch) >= 1000:
            yield "".join(batch)
            batch = []
    yield "".join(batch)
    yield "</sheetData>"
    if sheet.row_count:
        yield f'<autoFilter ref="A1:{_last_cell(sheet)}"/>'
    yield "</worksheet>"


def _row_cells(
    row: Sequence[XlsxValue], letters: Sequence[str], r: int, indent: int, cut_note: CutNote
) -> str:
    """One row's cells, checked and escaped cell by cell (any row)."""
    cells: list[str] = []
    for i, value in enumerate(row):
        if value is None:
            continue
        style = _FIRST_INDENT_STYLE + indent - 1 if i == 0 and indent > 0 else 0
        ref = f"{letters[i]}{r}"
        if isinstance(value, str):
            cells.append(_string_cell(ref, value, style, cut_note))
        elif isinstance(value, bool):
            cells.append(f'<c r="{ref}" t="b"{_s(style)}><v>{int(value)}</v></c>')
        elif isinstance(value, int) or math.isfinite(value):
            cells.append(f'<c r="{ref}"{_s(style)}><v>{value!r}</v></c>')
    return "".join(cells)


def _plain_row(row: Sequence[XlsxValue], letters: Sequence[str], r: int) -> str | None:
    """The same cells as :func:`_row_cells` for the usual row, with the checks done once for
    the whole row: None when a text is long or holds a character XML forbids (or a value
    is not a plain text, whole number or finite float), so the row goes cell by cell."""
    texts = [value for value in row if type(value) is str]
    if texts:
        if has_forbidden("".join(texts)) or max(map(len, texts)) > CELL_LIMIT // 2:
            return None
        # Escaping every text of the row at once: NUL never survives xml_safe, so it
        # cannot occur in a text and safely separates them.
        escaped = iter(escape("\0".join(texts)).split("\0"))
    cells: list[str] = []
    for letter, value in zip(letters, row, strict=False):
        kind = type(value)
        if kind is str:
            cells.append(
                f'<c r="{letter}{r}" t="inlineStr"><is><t xml:space="preserve">'
                f"{next(escaped)}</t></is></c>"
            )
        elif kind is int or (kind is float and math.isfinite(value)):  # type: ignore[arg-type]
            cells.append(f'<c r="{letter}{r}"><v>{value!r}</v></c>')
        elif value is not None:
            return None
    return "".join(cells)


def _s(style: int) -> str:
    return f' s="{style}"' if style else ""


def _string_cell(ref: str, text: str, style: int, cut_note: CutNote) -> str:
    clean = escape(fit_cell(xml_safe(text), cut_note))
    return f'<c r="{ref}" t="inlineStr"{_s(style)}><is><t xml:space="preserve">{clean}</t></is></c>'


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        _DECLARATION
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


def _root_rels() -> str:
    return (
        _DECLARATION + f'<Relationships xmlns="{_PKG_REL}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet name={quoteattr(xml_safe(s.title))} sheetId="{n}" r:id="rId{n}"/>'
        for n, s in enumerate(sheets, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        + escape(_quoted_title(s.title) + "!$A$1:$" + _absolute(_last_cell(s)))
        + "</definedName>"
        for n, s in enumerate(sheets)
        if s.row_count
    )
    defined = f"<definedNames>{names}</definedNames>" if names else ""
    return (
        _DECLARATION + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        "<bookViews><workbookView/></bookViews>"
        f"<sheets>{entries}</sheets>{defined}</workbook>"
    )


def _quoted_title(title: str) -> str:
    return "'" + xml_safe(title).replace("'", "''") + "'"


def _absolute(cell: str) -> str:
    letters = cell.rstrip("0123456789")
    return f"{letters}${cell[len(letters) :]}"


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    styles = (
        f'<Relationship Id="rId{count + 1}" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    )
    return _DECLARATION + f'<Relationships xmlns="{_PKG_REL}">{sheets}{styles}</Relationships>'


def _styles() -> str:
    indents = "".join(
        f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
        f'<alignment indent="{n}"/></xf>'
        for n in range(1, MAX_INDENT + 1)
    )
    return (
        _DECLARATION + f'<styleSheet xmlns="{_MAIN}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/>'
        '<bgColor indexed="64"/></patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        "</borders>"
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{2 + MAX_INDENT}">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" '
        'applyFill="1"/>'
        f"{indents}</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
