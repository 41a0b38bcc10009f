"""Text cells that a spreadsheet shows as text and never runs as a formula.

A CSV file has no cell types: Excel, LibreOffice and Google Sheets read a cell that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and some also after a leading tab
or carriage return. A participant's answer or an attribute typed as
``=HYPERLINK("http://…")`` or ``=cmd|' /C calc'!A0`` would then run on the analyst's
machine ("CSV injection"). Every CSV writer passes its text cells through
:func:`inert_text`, which puts an apostrophe before such a text, the usual way to
mark a cell as text; the project keeps the text as it was typed.

A cell that is a plain number (``-3``, ``+7``, ``-0.25``, ``1e-3``) is not a formula and
is left alone, so negative numbers stay numbers in Excel, SPSS and R. XLSX files need
none of this: :mod:`exports.xlsx_writer` writes text as typed text cells, which are
never evaluated, and numbers as numbers.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a CSV cell as a formula."""
TEXT_MARK = "'"
"""Put before a text that would otherwise be read as a formula."""

_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` in a CSV cell as a formula."""
    return text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def inert_text(text: str) -> str:
    """``text`` as a CSV cell that is shown, never evaluated: ``'`` before a formula."""
    return TEXT_MARK + text if is_formula_like(text) else text


def inert_row(cells: list[str]) -> list[str]:
    """:func:`inert_text` of every cell of a CSV row."""
    return [inert_text(cell) for cell in cells]
