"""Import participants, sessions, protocol and codebook tables from CSV or XLSX.

Column layouts follow the study fixtures (``participants.csv``, ``focus_groups.csv``,
``protocol.csv``, ``codebook.csv``); column names are matched case-insensitively and a
few synonyms are accepted. Each import runs in one transaction: a bad row stops it with
an :class:`~storage.errors.InputError` naming the file and line, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from exports.file_errors import errors_name
from exports.table_checks import RepeatedRows, missing_column
from exports.table_reading import Row, TableText, read_table
from storage import Store
from storage.errors import N_, NN_, InputError, SuhbatError, english
from storage.models import AttributeType, Code
from storage.participants_store import parse_date
from storage.session_kinds import read_session_kind

TableKind = Literal["participants", "sessions", "protocol", "codebook"]
TABLE_KINDS: tuple[TableKind, ...] = ("participants", "sessions", "protocol", "codebook")
CATEGORY_MAX_DISTINCT = 12

__all__ = [
    "TABLE_KINDS",
    "TableKind",
    "TableReport",
    "import_table",
    "infer_type",
]


@dataclass
class TableReport:
    """What an import did: rows read, entities created and updated, notes for the user."""

    kind: str
    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def import_table(
    store: Store,
    kind: TableKind,
    path: Path,
    *,
    guide: str | None = None,
    session_kind: str | None = None,
) -> TableReport:
    """Import one table of ``kind`` into ``store`` in a single transaction.

    Every error names the file (and the line, where one is at fault).
    """
    with errors_name(path.name):
        return _import_table(store, kind, path, guide, session_kind)


def _import_table(
    store: Store, kind: TableKind, path: Path, guide: str | None, session_kind: str | None
) -> TableReport:
    if kind not in TABLE_KINDS:
        raise InputError(N_("{file}: unknown table kind {kind!r}"), file=path.name, kind=kind)
    table = read_table(path)
    header, rows, encoding = table.header, table.rows, table.encoding
    report = TableReport(kind, path.name)
    _empty_rows_note(table, report)
    if encoding == "cp1251":
        report.notes.append(
            (N_("{file}: read as cp1251 (legacy Cyrillic encoding)"), {"file": path.name})
        )
    if encoding == "kz1048":
        report.notes.append(
            (N_("{file}: read as KZ-1048 (legacy Kazakh encoding)"), {"file": path.name})
        )
    if encoding == "koi8_r":
        report.notes.append(
            (N_("{file}: read as KOI8-R (legacy Cyrillic encoding)"), {"file": path.name})
        )
    importer: Callable[[Store, list[str], list[Row], TableReport], None]
    if kind == "participants":
        importer = _import_participants
    elif kind == "sessions":

        def importer(s: Store, h: list[str], r: list[Row], rep: TableReport) -> None:
            _import_sessions(s, h, r, rep, session_kind)

    elif kind == "protocol":

        def importer(s: Store, h: list[str], r: list[Row], rep: TableReport) -> None:
            _import_protocol(s, h, r, rep, guide or path.stem)

    else:
        importer = _import_codebook
    with store.bulk.writes():
        importer(store, header, rows, report)
    report.rows = len(rows)
    return report


def _empty_rows_note(table: TableText, report: TableReport) -> None:
    """Name the rows left out because every cell of theirs is empty."""
    if table.empty_lines:
        report.notes.append(
            (
                NN_(
                    "{file}, line {lines}: an empty row, left out",
                    "{file}, lines {lines}: empty rows, left out",
                    "count",
                ),
                {
                    "file": report.file,
                    "lines": ", ".join(map(str, table.empty_lines)),
                    "count": len(table.empty_lines),
                },
            )
        )


def _line_error(report: TableReport, row: Row, error: SuhbatError) -> InputError:
    params = {k: v for k, v in error.params.items() if k not in ("file", "line")}
    detail = english(error.message, params)
    return InputError(
        N_("{file}, line {line}: {problem}"), file=report.file, line=row.line, problem=detail
    )


# -- participants ------------------------------------------------------------------------

_CODE_COLUMNS = (
    "participant",
    "pseudonym",
    "code",
    "id",
    "respondent",
    "участник",
    "псевдоним",
    "респондент",
    "қатысушы",
)
_REAL_NAME_COLUMNS = ("real_name", "real name", "name", "full name", "имя", "аты")
_INTEGER = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?\d+([.,]\d+)?$")


def infer_type(values: list[str]) -> AttributeType:
    """Guess an attribute type from its column's values."""
    present = [v for v in values if v]
    if not present:
        return "text"
    if all(_INTEGER.match(v) for v in present):
        return "integer"
    if all(_FLOAT.match(v) for v in present):
        return "float"
    try:
        for v in present:
            parse_date(v)
        return "date"
    except SuhbatError:
        pass
    distinct = set(present)
    if len(distinct) <= CATEGORY_MAX_DISTINCT and len(distinct) < len(present):
        return "category"
    return "text"


_NEW_ATTRIBUTE: dict[str, str] = {
    "text": N_("{file}: new text attribute {name!r}"),
    "integer": N_("{file}: new whole-number attribute {name!r}"),
    "float": N_("{file}: new number attribute {name!r}"),
    "date": N_("{file}: new date attribute {name!r}"),
    "category": N_("{file}: new category attribute {name!r}"),
}
"""Attribute type → the note that a participants table created such an attribute."""


def _import_participants(
    store: Store, header: list[str], rows: list[Row], report: TableReport
) -> None:
    code_column = next((c for c in header if c in _CODE_COLUMNS), None)
    if code_column is None:
        raise missing_column(
            N_("{file}: no participant column (one of: {expected}); the file's columns: {found}"),
            report.file,
            _CODE_COLUMNS,
            header,
        )
    real_column = next((c for c in header if c in _REAL_NAME_COLUMNS and c != code_column), None)
    attribute_columns = [c for c in header if c and c not in (code_column, real_column)]
    existing = {a.name.lower(): a for a in store.participants.attributes()}
    names: dict[str, str] = {}
    for column in attribute_columns:
        attribute = existing.get(column)
        if attribute is None:
            values = [r.cells.get(column, "") for r in rows]
            kind = infer_type(values)
            allowed = sorted({v for v in values if v}) if kind == "category" else []
            attribute = store.participants.add_attribute(column, kind, allowed)
            report.notes.append((_NEW_ATTRIBUTE[kind], {"file": report.file, "name": column}))
        elif attribute.type == "category" and attribute.allowed:
            new_values = {r.cells.get(column, "") for r in rows} - set(attribute.allowed) - {""}
            if new_values:
                attribute = store.participants.update_attribute(
                    attribute.id, allowed=[*attribute.allowed, *sorted(new_values)]
                )
        names[column] = attribute.name
    known = store.participants.names()
    repeated = RepeatedRows(report.file, report.notes)
    for row in rows:
        code = row.cells.get(code_column, "")
        if not code:
            raise InputError(
                N_("{file}, line {line}: the participant has no pseudonym"),
                file=report.file,
                line=row.line,
            )
        if repeated.repeats(code.casefold(), code, row):
            continue
        record = {names[c]: row.cells.get(c, "") for c in attribute_columns}
        real_name = row.cells.get(real_column, "") if real_column else None
        try:
            current = known.find(code)
            if current is None:
                store.participants.add(
                    code, real_name=real_name or None, attributes=record, known=known
                )
                report.created += 1
            else:
                store.participants.update(
                    current, real_name=real_name or None, attributes=record, known=known
                )
                report.updated += 1
        except SuhbatError as error:
            raise _line_error(report, row, error) from None
    if real_column:
        attribute_sensitive = N_(
            "{file}: column {column!r} holds real names; they are kept private"
        )
        report.notes.append((attribute_sensitive, {"file": report.file, "column": real_column}))


# -- sessions ------------------------------------------------------------------------------


_TITLE_COLUMNS = ("title", "session", "name", "название")
_DATE_COLUMNS = ("date", "дата", "күні")
_LOCATION_COLUMNS = ("location", "place", "место", "орын")
_SESSION_COLUMNS = (*_TITLE_COLUMNS, *_DATE_COLUMNS, *_LOCATION_COLUMNS)
"""A sessions table needs one of these: without them no session can be told apart."""


def _import_sessions(
    store: Store,
    header: list[str],
    rows: list[Row],
    report: TableReport,
    session_kind: str | None,
) -> None:
    default_kind = session_kind or (
        "focus_group" if "participants" in header or "focus" in report.file.lower() else "interview"
    )
    if not any(c in _SESSION_COLUMNS for c in header):
        raise missing_column(
            N_(
                "{file}: no column naming the sessions (one of: {expected}); the file's"
                " columns: {found}"
            ),
            report.file,
            _SESSION_COLUMNS,
            header,
        )
    position = store.sessions.next_position()
    repeated = RepeatedRows(report.file, report.notes)
    for row in rows:
        kind = read_session_kind(row.get("kind", "type")) or default_kind
        location = row.get(*_LOCATION_COLUMNS)
        day = row.get(*_DATE_COLUMNS)
        title = row.get(*_TITLE_COLUMNS)
        if not title:
            label = "Focus group" if kind == "focus_group" else "Interview"
            title = " · ".join(x for x in (label, location, day) if x)
        if repeated.repeats(title.casefold(), title, row):
            continue
        fields: dict[str, object] = {
            "kind": kind,
            "location": location or None,
            "setting": row.get("setting") or None,
            "region": row.get("region") or None,
            "date": day or None,
            "languages": row.get("language", "languages"),
            "interviewer": row.get("interviewer", "moderator") or None,
            "notes": row.get("notes"),
        }
        hours = row.get("duration_h", "duration_hours")
        minutes = row.get("duration_min", "duration", "duration_minutes")
        count = row.get("participants", "participant_count")
        try:
            if hours:
                fields["duration_min"] = float(hours.replace(",", ".")) * 60
            elif minutes:
                fields["duration_min"] = minutes
            if count:
                fields["participant_count"] = count
            current = store.sessions.find(title)
            if current is None:
                store.sessions.add(title, position=position, **fields)  # type: ignore[arg-type]
                position += 1
                report.created += 1
            else:
                store.sessions.update(current.id, **fields)
                report.updated += 1
        except (SuhbatError, ValueError) as error:
            if isinstance(error, SuhbatError):
                raise _line_error(report, row, error) from None
            raise InputError(
                N_("{file}, line {line}: {problem}"),
                file=report.file,
                line=row.line,
                problem=str(error),
            ) from None


# -- protocol ------------------------------------------------------------------------------

_QUESTION_COLUMN = re.compile(r"^(?:question|text|вопрос|сұрақ)[_ ]?\(?([a-z]{2,3})\)?$")
_KIND_NAMES = {
    "main": "main",
    "probe": "probe",
    "closing": "closing",
    "основной": "main",
    "уточняющий": "probe",
}


def _import_protocol(
    store: Store, header: list[str], rows: list[Row], report: TableReport, guide_name: str
) -> None:
    languages = {c: m.group(1) for c in header if (m := _QUESTION_COLUMN.match(c))}
    if not languages:
        default = store.project().languages[0]
        languages = {c: default for c in header if c in ("question", "text")}
    if not languages:
        raise missing_column(
            N_("{file}: no question column (one of: {expected}); the file's columns: {found}"),
            report.file,
            ("question_ru", "question_kk", "question_en …", "question", "text"),
            header,
        )
    guide = store.guides.find(guide_name) or store.guides.add(guide_name)
    if store.guides.questions(guide.id):
        raise InputError(
            N_("{file}: the guide {guide!r} already has questions; import into a new guide"),
            file=report.file,
            guide=guide_name,
        )

    def order(row: Row) -> tuple[float, int]:
        raw = row.get("order", "position", "no", "№")
        try:
            return (float(raw), row.line)
        except ValueError:
            return (float(row.line), row.line)

    last_main: int | None = None
    for row in sorted(rows, key=order):
        kind = _KIND_NAMES.get(row.get("kind", "type").lower() or "main")
        if kind is None:
            raise InputError(
                N_("{file}, line {line}: unknown question kind {kind!r} (main, probe, closing)"),
                file=report.file,
                line=row.line,
                kind=row.get("kind", "type"),
            )
        texts = {lang: row.cells.get(column, "") for column, lang in languages.items()}
        try:
            question = store.guides.add_question(
                guide.id,
                texts,
                area=row.get("area", "theme", "topic"),
                kind=kind,  # type: ignore[arg-type]
                parent_id=last_main if kind == "probe" else None,
            )
        except SuhbatError as error:
            raise _line_error(report, row, error) from None
        if kind != "probe":
            last_main = question.id
        report.created += 1


# -- codebook ------------------------------------------------------------------------------


_CODE_LEVELS = ("theme", "category", "code", "subcode")
"""Codebook columns naming a code, from the top of the tree down."""


def _import_codebook(store: Store, header: list[str], rows: list[Row], report: TableReport) -> None:
    levels = [c for c in _CODE_LEVELS if c in header]
    if not levels:
        raise missing_column(
            N_(
                "{file}: no theme, category or code column (one of: {expected}); the file's"
                " columns: {found}"
            ),
            report.file,
            _CODE_LEVELS,
            header,
        )
    extra = [
        c
        for c in header
        if c
        not in (
            *levels,
            "description",
            "definition",
            "inclusion",
            "exclusion",
            "example",
            "color",
            "colour",
        )
    ]
    if extra:
        report.notes.append(
            (
                N_("{file}: columns kept as part of the description: {columns}"),
                {"file": report.file, "columns": ", ".join(extra)},
            )
        )
    unchanged = 0
    known = store.codes.names()
    repeated = RepeatedRows(report.file, report.notes)
    for row in rows:
        parent_id: int | None = None
        path = [row.cells.get(level, "") for level in levels]
        path = [p for p in path if p]
        if not path:
            report.notes.append(
                (
                    N_("{file}, line {line}: no theme, category or code name; row left out"),
                    {"file": report.file, "line": row.line},
                )
            )
            continue
        if repeated.repeats(tuple(p.casefold() for p in path), " / ".join(path), row):
            continue
        for depth, name in enumerate(path):
            found = known.find(name, parent_id)
            is_leaf = depth == len(path) - 1
            fields = _codebook_fields(row, extra) if is_leaf else {}
            if found is None:
                try:
                    found = store.codes.add(
                        name,  # filed under the language it is written in
                        parent_id=parent_id,
                        color=fields.get("color") or None,
                        description=fields.get("description", ""),
                        inclusion=fields.get("inclusion", ""),
                        exclusion=fields.get("exclusion", ""),
                        example=fields.get("example", ""),
                        known=known,
                    ).id
                except SuhbatError as error:
                    raise _line_error(report, row, error) from None
                report.created += 1
            elif is_leaf:
                existing = store.codes.get(found)
                unchanged += not _update_codebook_code(store, existing, name, fields, row, report)
            parent_id = found
    if unchanged:
        report.notes.append(
            (
                N_(
                    "{file}: codes already in the project with the same definition, left as"
                    " they were: {count}"
                ),
                {"file": report.file, "count": unchanged},
            )
        )


_CODEBOOK_COLUMNS = {
    "description": ("description", "definition"),
    "inclusion": ("inclusion",),
    "exclusion": ("exclusion",),
    "example": ("example",),
    "color": ("color", "colour"),
}
"""A code's definition fields and the codebook columns they are read from."""


def _codebook_fields(row: Row, extra: list[str]) -> dict[str, str]:
    """A code's definition fields from its row (extra columns join the description)."""
    fields = {key: row.get(*columns) for key, columns in _CODEBOOK_COLUMNS.items()}
    more = "; ".join(f"{c}: {row.cells[c]}" for c in extra if row.cells.get(c))
    fields["description"] = "\n".join(x for x in (fields["description"], more) if x)
    return fields


def _update_codebook_code(
    store: Store, code: Code, name: str, fields: dict[str, str], row: Row, report: TableReport
) -> bool:
    """Bring an existing code's definition up to date with its row; True if it changed.

    An empty cell leaves the code's value as it is (and the report says so), so a
    table without a column, or with a blank cell, never erases a definition.
    """
    current = {
        "description": code.description,
        "inclusion": code.inclusion,
        "exclusion": code.exclusion,
        "example": code.example,
        "color": code.color,
    }
    changes = {
        key: value
        for key, value in fields.items()
        if value and value.casefold() != current[key].casefold()
    }
    kept = [
        _CODEBOOK_COLUMNS[key][0]
        for key, value in fields.items()
        if not value and current[key] and key != "color" and _has_column(row, key)
    ]
    if kept:
        report.notes.append(
            (
                N_(
                    "{file}, line {line}: code {code!r}: empty cells left its values as they"
                    " were ({columns})"
                ),
                {"file": report.file, "line": row.line, "code": name, "columns": ", ".join(kept)},
            )
        )
    if not changes:
        return False
    try:
        store.codes.update(code.id, **changes)
    except SuhbatError as error:
        raise _line_error(report, row, error) from None
    report.updated += 1
    report.notes.append(
        (
            N_("{file}, line {line}: updated code {code!r} ({columns})"),
            {
                "file": report.file,
                "line": row.line,
                "code": name,
                "columns": ", ".join(_CODEBOOK_COLUMNS[key][0] for key in changes),
            },
        )
    )
    return True


def _has_column(row: Row, key: str) -> bool:
    return any(column in row.cells for column in _CODEBOOK_COLUMNS[key])
