"""The translation glossary: importing it from CSV/XLSX and checking translations against it.

A glossary file has the columns ``term``, ``rendering`` and optionally ``note``,
``source`` and ``target`` (language codes; the command's options give them when
the file has none). Import checks every row first and writes nothing if any is
bad. The consistency check lists translations whose original contains a term
while the translation lacks its rendering (the rendering without a note in
brackets: "akim (head of local administration)" asks for "akim").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exports.translation_sheet import terms_in
from storage.errors import N_, InputError, SuhbatError
from storage.store import Store
from storage.text import fold
from storage.translations_store import TermInput, clean_term


def read_glossary(path: Path, source: str, target: str) -> list[TermInput]:
    """Glossary rows of a CSV/XLSX file; raises :class:`InputError` naming the first bad line."""
    from exports.table_reading import read_rows

    header, rows, _encoding = read_rows(path)
    names = {h.strip().lower() for h in header}
    for column in ("term", "rendering"):
        if column not in names:
            raise InputError(
                N_("{file}: the column {column!r} is missing"), file=path.name, column=column
            )
    terms = []
    for row in rows:
        cells = {k.strip().lower(): v for k, v in row.cells.items()}
        if not any(v.strip() for v in cells.values()):
            continue
        term = TermInput(
            cells.get("source", "").strip() or source,
            cells.get("term", ""),
            cells.get("target", "").strip() or target,
            cells.get("rendering", ""),
            cells.get("note", ""),
        )
        try:
            terms.append(clean_term(term))
        except SuhbatError as error:
            raise InputError(
                N_("{file}, line {line}: {reason}"), file=path.name, line=row.line, reason=error
            ) from None
    return terms


@dataclass(frozen=True)
class Inconsistency:
    """A translation that renders a glossary term differently."""

    transcript: str
    position: int
    language: str
    term: str
    rendering: str
    translation: str


def inconsistencies(store: Store) -> list[Inconsistency]:
    """Translations whose original has a glossary term and which lack its rendering."""
    out = []
    for transcript in store.transcripts.all():
        layers = store.transcripts.layers(transcript.id, with_text=False)
        original = next((la for la in layers if la.is_original), None)
        if original is None:
            continue
        for layer in layers:
            if layer.is_original:
                continue
            terms = store.translations.glossary(original.language, layer.language)
            if not terms:
                continue
            for row in store.translations.rows(layer.id):
                if not row.translated:
                    continue
                folded = fold(row.translation)
                for term in terms_in(row.original, terms):
                    if fold(term.required) not in folded:
                        out.append(
                            Inconsistency(
                                transcript.title,
                                row.position + 1,
                                layer.language,
                                term.term,
                                term.rendering,
                                row.translation,
                            )
                        )
    return out
