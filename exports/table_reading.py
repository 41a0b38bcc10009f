"""Reading a CSV or XLSX table into a header and rows, refusing what is not a table.

Each row keeps the 1-based line on which it starts, so every message can name it. A
file that is not text (binary data), and a quote that is opened and never closed (which
would make the rest of the file one cell), are refused with the line at fault; rows
whose cells are all empty are left out and their lines kept, for the report.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from exports.file_errors import unreadable_file
from exports.transcripts.decoding import legacy_cyrillic_codec
from exports.xlsx_reader import read_first_sheet
from storage.errors import N_, NN_, InputError
from storage.text import normalize

MAX_TABLE_BYTES = 50 * 1024 * 1024

_BINARY = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f]")
"""Control characters no text table holds (tab, line and page breaks, escape and the DOS
end-of-file mark, which ends the file, are allowed)."""
_BINARY_SHARE = 100
"""A text with more than one such character per this many is binary, not a table."""


@dataclass(frozen=True)
class Row:
    """One data row: its 1-based line number in the file and its cells by lower-case column."""

    line: int
    cells: dict[str, str]

    def get(self, *names: str) -> str:
        """The first non-empty cell among ``names``."""
        for name in names:
            value = self.cells.get(name, "")
            if value:
                return value
        return ""


@dataclass(frozen=True)
class TableText:
    """A table as read: lower-case header, rows, encoding and the empty rows left out."""

    header: list[str]
    rows: list[Row]
    encoding: str
    empty_lines: list[int] = field(default_factory=list)
    """Lines of rows with only empty cells that lie between data rows."""


def read_rows(path: Path) -> tuple[list[str], list[Row], str]:
    """Read a CSV or XLSX table: header names, rows and the detected encoding."""
    table = read_table(path)
    return table.header, table.rows, table.encoding


def read_table(path: Path) -> TableText:
    """Read a CSV or XLSX table (see :class:`TableText`); :class:`InputError` if it is none."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        raise unreadable_file(name, error) from None
    if size == 0:
        raise InputError(N_("{file}: the file is empty"), file=name)
    if size > MAX_TABLE_BYTES:
        raise InputError(N_("{file}: the file is too large"), file=name)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        first, records = read_first_sheet(path)
        header = [h.lower() for h in first]
        rows = [Row(number, dict(zip(header, cells, strict=False))) for number, cells in records]
        numbers = [number for number, _cells in records]
        empty = [n for a, b in itertools.pairwise(numbers) for n in range(a + 1, b)]
        table = TableText(header, rows, "xlsx", empty)
    else:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise unreadable_file(name, error) from None
        text, encoding = _decode(data, name)
        table = _read_csv(text, name, encoding)
    if not table.header or not any(h for h in table.header):
        raise InputError(N_("{file}: no header row"), file=name)
    return table


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.removesuffix("\x1a")  # the DOS end-of-file mark
        _refuse_binary(text, name)
        return normalize(text), "utf-8" if encoding == "utf-8-sig" else encoding
    codec = legacy_cyrillic_codec(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise InputError(N_("{file}: not a UTF-8 or cp1251 text file"), file=name) from None
    text = text.removesuffix("\x1a")
    _refuse_binary(text, name)
    return normalize(text), codec


def _refuse_binary(text: str, name: str) -> None:
    """Refuse ``text`` if it holds a NUL or many control characters: not a text table."""
    found = _BINARY.search(text)
    if found is None:
        return
    if "\x00" in text or len(_BINARY.findall(text)) * _BINARY_SHARE > len(text):
        at = text.index("\x00") if "\x00" in text else found.start()
        raise InputError(
            N_(
                "{file}, line {line}: binary data; this is not a text table (save it from"
                " the spreadsheet as CSV or XLSX)"
            ),
            file=name,
            line=text.count("\n", 0, at) + 1,
        )


def _read_csv(text: str, name: str, encoding: str) -> TableText:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [h.strip().lower() for h in next(reader)]
        start = reader.line_num + 1
        rows: list[Row] = []
        empty: list[int] = []
        for record in reader:
            line, start = start, reader.line_num + 1  # a quoted cell may span lines
            if not any(c.strip() for c in record):
                empty.append(line)
                continue
            if len(record) > len(header):
                raise InputError(
                    NN_(
                        "{file}, line {line}: {count} cells but only {columns} column",
                        "{file}, line {line}: {count} cells but only {columns} columns",
                        "columns",
                    ),
                    file=name,
                    line=line,
                    count=len(record),
                    columns=len(header),
                )
            cells = {h: c.strip() for h, c in zip(header, record, strict=False)}
            rows.append(Row(line, cells))
    except csv.Error as error:
        raise InputError(
            N_("{file}, line {line}: malformed CSV ({reason})"),
            file=name,
            line=reader.line_num,
            reason=str(error),
        ) from None
    except StopIteration:
        raise InputError(N_("{file}: no header row"), file=name) from None
    if rows:
        _refuse_open_quote(text, rows[-1].line, dialect, name)
    last = rows[-1].line if rows else 0
    return TableText(header, rows, encoding, [n for n in empty if n < last])


def _refuse_open_quote(
    text: str, line: int, dialect: type[csv.Dialect] | csv.Dialect, name: str
) -> None:
    """Refuse a table whose last row, starting at ``line``, opens a quote never closed.

    A lenient reader takes such a quote to run to the end of the file, so the rest of
    the table would silently become one cell (``"P2,M`` makes a participant ``P2,M``).
    """
    rest = text.split("\n", line - 1)[-1]
    strict = csv.reader(io.StringIO(rest), dialect, strict=True)
    try:
        for _record in strict:
            pass
    except csv.Error as error:
        if "unexpected end of data" not in str(error):
            return  # another oddity the lenient reader took as Excel does
        raise InputError(
            N_(
                '{file}, line {line}: a quote (") opens here and is never closed;'
                " close it or remove it"
            ),
            file=name,
            line=line,
        ) from None
