"""Reading the first sheet of an XLSX workbook from an untrusted file.

The package is checked before openpyxl opens it: a file that is not a ZIP archive,
an archive without a workbook, a damaged or truncated one, or one that would unpack
to more than :data:`MAX_UNPACKED_BYTES` (or inflates like a zip bomb) is refused with
one line naming the file. Whatever openpyxl raises on a damaged workbook (XML syntax,
zlib, missing parts, ``IndexError``…) becomes an :class:`~storage.errors.InputError`
too, never a traceback.
"""

from __future__ import annotations

import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

from storage.errors import N_, InputError, one_line
from storage.text import normalize

MAX_UNPACKED_BYTES = 512 * 1024 * 1024
"""The most a workbook may unpack to (a 60,000-row table is about 20 MB)."""
MAX_RATIO = 200
"""A member that inflates more than this many times (and beyond 1 MB) is a zip bomb."""
_RATIO_FLOOR_BYTES = 1024 * 1024
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_package(path: Path, file: str) -> None:
    """Refuse what is not a plausible, reasonably sized XLSX package."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE_MAGIC):
        raise InputError(
            N_("{file}: this is an old Excel .xls file; save it as .xlsx or CSV and import that"),
            file=file,
        )
    if not head.startswith(_ZIP_MAGIC):
        raise InputError(N_("{file}: not an XLSX workbook, or a damaged one"), file=file)
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise InputError(N_("{file}: not an XLSX workbook, or a damaged one"), file=file) from None
    if not any(info.filename == "xl/workbook.xml" for info in infos):
        raise InputError(
            N_("{file}: a ZIP archive but not an XLSX workbook (no xl/workbook.xml)"), file=file
        )
    total = sum(info.file_size for info in infos)
    bomb = any(
        info.file_size > _RATIO_FLOOR_BYTES
        and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if total > MAX_UNPACKED_BYTES or bomb:
        raise InputError(
            N_("{file}: the workbook unpacks to more than {limit} MB or is a zip bomb; refused"),
            file=file,
            limit=MAX_UNPACKED_BYTES // (1024 * 1024),
        )


def read_first_sheet(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The first sheet of the workbook at ``path``: its first row, then (row number, cells).

    Cells are text (dates as ISO 8601, whole numbers without ``.0``); rows with no
    text are left out. Raises :class:`InputError` naming the file for anything else.
    """
    from openpyxl import load_workbook

    file = path.name
    _check_package(path, file)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise InputError(N_("{file}: the workbook has no sheet"), file=file)
            values = workbook.worksheets[0].iter_rows(values_only=True)
            first = next(values, None)
            if first is None:
                return [], []
            header = [normalize(str(h or "")).strip() for h in first]
            rows = []
            for number, record in enumerate(values, start=2):
                cells = [_cell(c) for c in record]
                if any(cells):
                    rows.append((number, cells))
            return header, rows
        finally:
            workbook.close()
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError(N_("{file}: the workbook is damaged or truncated"), file=file) from None
    except Exception as error:  # openpyxl raises XML, Key, Index, Type, Value errors…
        raise InputError(
            N_("{file}: not a readable XLSX workbook ({reason})"),
            file=file,
            reason=one_line(str(error) or type(error).__name__),
        ) from None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return normalize(str(value)).strip()
