"""Checks a study table must pass before its rows are stored.

- :func:`missing_column`: the error for a table without the column its kind needs,
  naming the columns expected and the columns the file has.
- :class:`RepeatedRows`: the same participant (session, code) on two rows of one file.
  Two identical rows are read once, with a note naming both lines; two rows that
  disagree are refused, naming both lines and the first column where they differ,
  since keeping either would silently drop what the other says (docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from exports.table_reading import Row
from storage.errors import N_, InputError

Notes = list[tuple[str, dict[str, object]]]


def missing_column(
    message: str, file: str, expected: Iterable[str], header: Iterable[str]
) -> InputError:
    """The error ``message`` (with ``{file}``, ``{expected}`` and ``{found}``) for ``file``."""
    found = ", ".join(h for h in header if h) or "—"
    return InputError(message, file=file, expected=", ".join(expected), found=found)


class RepeatedRows:
    """Rows of one file seen so far, by key (a participant's pseudonym, a session's title)."""

    def __init__(self, file: str, notes: Notes) -> None:
        self.file = file
        self.notes = notes
        self._first: dict[Hashable, Row] = {}

    def repeats(self, key: Hashable, name: str, row: Row) -> bool:
        """True if ``row`` repeats an earlier, identical row for ``key`` (read it once).

        Raises :class:`InputError` when the earlier row for ``key`` says something else.
        """
        first = self._first.setdefault(key, row)
        if first is row:
            return False
        columns = list(dict.fromkeys([*first.cells, *row.cells]))
        differing = [c for c in columns if first.cells.get(c, "") != row.cells.get(c, "")]
        if differing:
            column = differing[0]
            raise InputError(
                N_(
                    "{file}, line {line}: {name!r} is also on line {first} with another"
                    " {column!r} ({was!r}, here {value!r}); keep one row for it"
                ),
                file=self.file,
                line=row.line,
                name=name,
                first=first.line,
                column=column,
                was=first.cells.get(column, ""),
                value=row.cells.get(column, ""),
            )
        self.notes.append(
            (
                N_("{file}, line {line}: repeats line {first} ({name!r}); read once"),
                {"file": self.file, "line": row.line, "first": first.line, "name": name},
            )
        )
        return True
