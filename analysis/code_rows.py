"""Finding a code's row in a statistic's per-code rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class CodeRow(Protocol):
    """A per-code row: it knows its code (None for a row of all codes pooled)."""

    @property
    def code_id(self) -> int | None:
        """The code the row is about."""
        ...


RowT = TypeVar("RowT", bound=CodeRow)


def row_of_code(rows: Iterable[RowT], code_id: int) -> RowT:
    """The row of ``code_id``; :class:`KeyError` when the statistic has none for it."""
    for row in rows:
        if row.code_id == code_id:
            return row
    raise KeyError(code_id)
