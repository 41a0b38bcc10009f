"""What a redacted export replaced, written beside it as ``OUT.redactions.csv``.

One row per list entry, placeholder, form found and place, with how often it was
replaced there: ``term, kind, placeholder, found, count, where``. ``where`` names
the place in the project (``layer "Interview R1" (ru): text``, ``session
"Interview R1": location``, ``code "Slow approvals": example`` …) with the
entity's redacted label, so the report points to places without repeating
them. The report itself names the redacted terms: it is for the person who
checks the redaction, never for the people the export goes to.

Each place is recorded once however often an export reads it. Places are kept as
message ids with parameters (:class:`Place`) and the report is written in the UI
language (or the one asked for), its rows sorted in that language's alphabet.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from exports.file_names import atomic_path
from exports.redaction import Replacement
from exports.report_language import Translate, translator
from exports.spreadsheet_text import inert_row, inert_text
from i18n import get_language
from i18n.collation import sort_key_for
from storage.errors import N_

REPORT_SUFFIX = ".redactions.csv"
REPORT_COLUMNS = (
    N_("term"),
    N_("kind"),
    N_("placeholder"),
    N_("found"),
    N_("count"),
    N_("where"),
)
"""The report's column headers (English msgids; written in the report's language)."""


@dataclass(frozen=True)
class Place:
    """Where in the project something was replaced: a msgid with its parameters.

    ``field`` is a msgid too (``"location"``, ``"coding memo"``), translated with the
    sentence; the other parameters are data (redacted labels) and stay as they are.
    """

    message: str
    params: tuple[tuple[str, str], ...] = ()
    field: str = ""

    def text(self, _: Translate | None = None) -> str:
        """The place in the language of ``_`` (English without one)."""
        _ = _ or translator("en")
        values = dict(self.params)
        if self.field:
            values["field"] = _(self.field)
        return _(self.message).format(**values)


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
        self._places: dict[Hashable, tuple[Place, tuple[Replacement, ...]]] = {}

    def record(self, key: Hashable, where: Place, replacements: Sequence[Replacement]) -> None:
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

    def rows(self, language: str = "en") -> list[RedactionRow]:
        """The report's rows in ``language``: by term, then place, then form, in its alphabet."""
        _ = translator(language)
        counts: Counter[tuple[str, str, str, str, str]] = Counter()
        for where, found in self._places.values():
            place = where.text(_)
            for r in found:
                counts[(r.term, r.kind, r.placeholder, r.found, place)] += 1
        rows = [
            RedactionRow(term, kind, placeholder, form, n, where)
            for (term, kind, placeholder, form, where), n in counts.items()
        ]
        key = sort_key_for(language)
        rows.sort(key=lambda r: (key(r.term), key(r.where), key(r.found)))
        return rows

    def write(self, path: Path, language: str | None = None) -> Path:
        """Write the report as CSV (UTF-8 with a BOM for Excel) to ``path``, atomically.

        Headers and places are in ``language`` (default: the UI language).
        """
        language = language or get_language()
        _ = translator(language)
        with (
            atomic_path(path) as temporary,
            open(temporary, "w", encoding="utf-8-sig", newline="") as handle,
        ):
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([_(column) for column in REPORT_COLUMNS])
            for row in self.rows(language):
                text = inert_row([row.term, row.kind, row.placeholder, row.found])
                writer.writerow([*text, row.count, inert_text(row.where)])
        return path
