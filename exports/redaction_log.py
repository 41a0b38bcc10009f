"""What a redacted export replaced, written beside it as ``OUT.redactions.csv``.

One row per list entry, placeholder, form found and place, with how often it was
replaced there: ``term, kind, placeholder, found, count, where``. ``where`` names
the place in the project (``layer "Interview R1" (ru): text``, ``session
"Interview R1": location``, ``code "Slow approvals": example`` …) with the
entity's redacted label, so the report points to places without repeating
them. The report itself names the redacted terms: it is for the person who
checks the redaction, never for the people the export goes to.

Each place is recorded once however often an export reads it.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from exports.file_names import atomic_path
from exports.redaction import Replacement

REPORT_SUFFIX = ".redactions.csv"
REPORT_COLUMNS = ("term", "kind", "placeholder", "found", "count", "where")


def report_path(out: Path) -> Path:
    """Where the report of an export written to ``out`` (a file or a folder) goes."""
    return out.with_name(out.name + REPORT_SUFFIX)


@dataclass(frozen=True)
class RedactionRow:
    """One line of the report."""

    term: str
    kind: str
    placeholder: str
    found: str
    count: int
    where: str


class RedactionLog:
    """Collects replacements by place; each place (a key) counts once."""

    def __init__(self) -> None:
        self._places: dict[Hashable, tuple[str, tuple[Replacement, ...]]] = {}

    def record(self, key: Hashable, where: str, replacements: Sequence[Replacement]) -> None:
        """Note what was replaced at the place ``key`` (described by ``where``)."""
        if replacements:
            self._places[key] = (where, tuple(replacements))

    @property
    def count(self) -> int:
        """How many occurrences were replaced in all."""
        return sum(len(found) for _where, found in self._places.values())

    @property
    def terms(self) -> int:
        """How many different list entries were found."""
        return len({r.term for _where, found in self._places.values() for r in found})

    def rows(self) -> list[RedactionRow]:
        """The report's rows, by term, then place, then form."""
        counts: Counter[tuple[str, str, str, str, str]] = Counter()
        for where, found in self._places.values():
            for r in found:
                counts[(r.term, r.kind, r.placeholder, r.found, where)] += 1
        rows = [
            RedactionRow(term, kind, placeholder, form, n, where)
            for (term, kind, placeholder, form, where), n in counts.items()
        ]
        rows.sort(key=lambda r: (r.term.casefold(), r.where.casefold(), r.found.casefold()))
        return rows

    def write(self, path: Path) -> Path:
        """Write the report as CSV (UTF-8 with a BOM for Excel) to ``path``, atomically."""
        with (
            atomic_path(path) as temporary,
            open(temporary, "w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(REPORT_COLUMNS)
            for row in self.rows():
                writer.writerow(
                    [row.term, row.kind, row.placeholder, row.found, row.count, row.where]
                )
        return path
