"""Cells for DataTable/OptionList that show user text literally.

DataTable parses ``str`` cells as Rich markup, so a transcript line such as
``[00:00:04]`` or ``[b]`` would be eaten or crash: wrap user data with :func:`cell`.
"""

from __future__ import annotations

from rich.text import Text


def cell(value: object, *, style: str = "") -> Text:
    """``value`` as literal text (never parsed as markup)."""
    return Text("" if value is None else str(value), style=style)


def number_cell(value: object) -> Text:
    """A right-aligned literal number cell."""
    return Text("" if value is None else str(value), justify="right")
