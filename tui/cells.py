"""Cells for DataTable/OptionList that show user text literally.

DataTable parses ``str`` cells as Rich markup, so a transcript line such as
``[00:00:04]`` or ``[b]`` would be eaten or crash: wrap user data with :func:`cell`.
"""

from __future__ import annotations

from rich.text import Text

from i18n.formatting import format_decimal, format_number


def cell(value: object, *, style: str = "") -> Text:
    """``value`` as literal text (never parsed as markup)."""
    return Text("" if value is None else str(value), style=style)


def clipped_cell(value: object, *, style: str = "") -> Text:
    """``value`` as literal text on one line that ends in "…" when its column is narrower.

    For a fixed-width column whose full text is shown elsewhere (a detail pane).
    """
    return Text("" if value is None else str(value), style=style, no_wrap=True, overflow="ellipsis")


def number_cell(value: object) -> Text:
    """A right-aligned literal number cell, written for the UI language.

    Whole numbers get the language's digit groups (``1 234`` in ru and kk), other
    numbers its decimal mark (``2,5``); text (a number formatted already) is shown as is.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = "" if value is None else str(value)
    elif isinstance(value, int):
        text = format_number(value)
    else:
        text = format_decimal(value)
    return Text(text, justify="right")
