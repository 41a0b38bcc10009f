"""``suhbat check``: verify a project file's invariants without changing it.

The checks, in order:

* SQLite's own ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``;
* the search index (``span_fts``) holds exactly the folded text of every utterance
  span, nothing of deleted utterances and nothing missing (it is compared word by
  word with an index built afresh, in memory, from the layers' texts), and so does
  the index of word forms (``span_key_fts``, the key of every word);
* every utterance span and every coding lies inside its layer's text, and every
  utterance has a span in every layer of its transcript;
* no orphan rows where no foreign key can enforce it (memos on deleted things), and
  recordings linked to a transcript of the session they belong to;
* translation status, drafts and the glossary are consistent
  (:mod:`storage.translation_checks`);
* the audit log is a readable chain: every entry has an ISO 8601 UTC time, its
  details are a JSON object, and times never go backwards as entries follow.

The project is opened read-only (SQLite ``mode=ro``): the check never writes to it.
Problems come back as :class:`Problem` records whose message is an English msgid
with parameters, translated at the edge like :class:`storage.errors.SuhbatError`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from storage.connection import (
    header_damaged,
    open_connection,
    outdated_project,
    project_passphrase,
)
from storage.damage import damaged_project
from storage.errors import N_, ProjectError
from storage.mixed_scripts import mixed_script_words
from storage.schema import FOLDED_TOKENIZER, KEYS_TOKENIZER, MIGRATIONS
from storage.text import fold
from storage.translation_checks import translation_problems
from storage.word_forms import family, key_text, span_family

CHECKS = (
    "integrity",
    "foreign_key",
    "search_index",
    "span",
    "coding",
    "orphan",
    "audit",
    "translation",
)
"""The kinds of problem :func:`check_project` reports (``Problem.check``)."""

_MEMO_TARGETS = {
    "session": ("session", N_("Memo «{text}» belongs to a session that was deleted")),
    "code": ("code", N_("Memo «{text}» belongs to a code that was deleted")),
    "coding": ("coding", N_("Memo «{text}» belongs to a coding that was deleted")),
    "participant": (
        "participant",
        N_("Memo «{text}» belongs to a participant who was deleted"),
    ),
    "transcript": ("transcript", N_("Memo «{text}» belongs to a transcript that was deleted")),
}
"""Memo targets that name a row, with the table holding it and the message if it is gone."""

_SNIPPET = 40


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a project: which check found it, where, and what (a msgid)."""

    check: str
    """One of :data:`CHECKS`."""
    message: str
    """An English msgid with ``{placeholders}``; translate it at the edge."""
    params: dict[str, object] = field(default_factory=dict, hash=False)
    table: str | None = None
    """The table of the row concerned, if there is one."""
    row_id: int | None = None
    """The row's id in ``table``, if there is one."""

    def text(self) -> str:
        """The message in English with its parameters filled in."""
        return self.message.format(**self.params)


def check_project(path: str | os.PathLike[str], passphrase: str | None = None) -> list[Problem]:
    """Every problem found in the project at ``path`` (empty: the project is sound).

    Raises :class:`ProjectError` when the file cannot be opened as a project at all
    (missing, not SQLite, wrong passphrase, made by a newer suhbat, or needing an
    upgrade).
    """
    target = Path(path)
    if not (target.exists() and target.stat().st_size > 0):
        raise ProjectError(N_("{path}: no such project file"), path=str(target))
    if header_damaged(target):
        raise damaged_project(target)
    key = project_passphrase(target, passphrase)
    with _read_only(target, key) as conn:
        try:
            return check_connection(conn, label=str(target))
        except sqlite3.DatabaseError as error:
            raise ProjectError(
                N_("{path}: the file is damaged ({reason})"), path=str(target), reason=str(error)
            ) from None


WARNINGS = ("mixed_script",)
"""The kinds of warning :func:`check_warnings` reports: not damage, but worth a look."""


def check_warnings(path: str | os.PathLike[str], passphrase: str | None = None) -> list[Problem]:
    """Things in a sound project worth correcting: words that mix Cyrillic and Latin letters.

    Call after :func:`check_project` (which reports why a file cannot be read).
    """
    target = Path(path)
    with _read_only(target, project_passphrase(target, passphrase)) as conn:
        return [
            Problem(
                "mixed_script",
                N_(
                    "Utterance {position} of «{transcript}» ({language}): «{word}» mixes"
                    " Cyrillic and Latin letters"
                ),
                {
                    "position": w.position,
                    "transcript": w.transcript,
                    "language": w.language,
                    "word": w.word,
                },
            )
            for w in mixed_script_words(conn)
        ]


@contextmanager
def _read_only(path: Path, key: str | None) -> Iterator[sqlite3.Connection]:
    try:
        conn = open_connection(path, key, readonly=True)
    except sqlite3.Error as error:
        raise ProjectError(
            N_("{path}: cannot be opened ({reason})"), path=str(path), reason=str(error)
        ) from None
    try:
        yield conn
    finally:
        conn.close()


def check_connection(conn: sqlite3.Connection, *, label: str = "") -> list[Problem]:
    """Run every check on an open project connection; see the module docstring.

    Creates only temporary tables (on this connection, in memory); never writes
    to the project. Raises :class:`ProjectError` if the file is not a current
    suhbat project.
    """
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        (version,) = conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise ProjectError(
            N_("{path}: not a suhbat project (not an SQLite file)"), path=label
        ) from error
    if "project" not in tables or version == 0:
        raise ProjectError(N_("{path}: not a suhbat project"), path=label)
    if version > len(MIGRATIONS):
        raise ProjectError(
            N_("{path}: made by a newer suhbat (schema {version}); please upgrade"),
            path=label,
            version=version,
        )
    if version < len(MIGRATIONS):
        raise outdated_project(label)
    problems = _integrity(conn)
    if problems:  # the other checks would read damaged pages
        return problems
    # One read transaction: a consistent snapshot even while the app writes, and
    # fast writes to the temporary index (it vanishes with the rollback).
    conn.execute("BEGIN")
    try:
        problems += _foreign_keys(conn)
        problems += _search_index(conn)
        problems += _spans(conn)
        problems += _codings(conn)
        problems += _orphans(conn)
        problems += _audit(conn)
        problems += translation_problems(conn)
    finally:
        conn.execute("ROLLBACK")
    return problems


# -- SQLite's own checks -----------------------------------------------------------------


def _integrity(conn: sqlite3.Connection) -> list[Problem]:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return [
        Problem("integrity", N_("The database file is damaged: {detail}"), {"detail": str(r[0])})
        for r in rows
        if r[0] != "ok"
    ]


def _foreign_keys(conn: sqlite3.Connection) -> list[Problem]:
    return [
        Problem(
            "foreign_key",
            N_("{table} row {row} points to a {parent} row that does not exist"),
            {"table": table, "row": row_id, "parent": parent},
            table,
            row_id,
        )
        for table, row_id, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall()
    ]


# -- the search index --------------------------------------------------------------------


def _search_index(conn: sqlite3.Connection) -> list[Problem]:
    """Compare both search indexes word by word with indexes built now from the texts."""
    problems = _index_problems(conn, "span_fts", FOLDED_TOKENIZER, lambda folded, _letter: folded)
    if not problems:
        problems = _index_problems(conn, "span_key_fts", KEYS_TOKENIZER, key_text)
    return problems


def _index_problems(
    conn: sqlite3.Connection,
    table: str,
    tokenizer: str,
    indexed_text: Callable[[str, str], str],
) -> list[Problem]:
    """Compare ``table`` with an index of ``indexed_text(folded span text, key family)``."""
    conn.execute("DROP TABLE IF EXISTS temp.check_expected")
    conn.execute(
        f"CREATE VIRTUAL TABLE temp.check_expected USING fts5(folded, tokenize='{tokenizer}')"
    )
    try:
        _fill_expected(conn, indexed_text)
        conn.execute("DROP TABLE IF EXISTS temp.check_expected_words")
        conn.execute("DROP TABLE IF EXISTS temp.check_actual_words")
        conn.execute(
            "CREATE VIRTUAL TABLE temp.check_expected_words"
            " USING fts5vocab(temp, check_expected, instance)"
        )
        conn.execute(
            f"CREATE VIRTUAL TABLE temp.check_actual_words USING fts5vocab(main, {table}, instance)"
        )
        differing = [
            int(r[0])
            for r in conn.execute(
                'SELECT doc FROM (SELECT term, doc, "offset" FROM temp.check_actual_words'
                ' EXCEPT SELECT term, doc, "offset" FROM temp.check_expected_words)'
                ' UNION SELECT doc FROM (SELECT term, doc, "offset"'
                ' FROM temp.check_expected_words EXCEPT SELECT term, doc, "offset"'
                " FROM temp.check_actual_words) ORDER BY 1"
            )
        ]
        indexed = (
            {int(r[0]) for r in conn.execute("SELECT DISTINCT doc FROM temp.check_actual_words")}
            if differing
            else set()
        )
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.check_actual_words")
        conn.execute("DROP TABLE IF EXISTS temp.check_expected_words")
        conn.execute("DROP TABLE IF EXISTS temp.check_expected")
    problems: list[Problem] = []
    stale = 0
    for span_id in differing:
        where = _span_place(conn, span_id)
        if where is None:
            stale += 1
            continue
        message = (
            N_(
                "The search index holds wrong words for utterance {position} of «{transcript}»"
                " ({language})"
            )
            if span_id in indexed
            else N_(
                "The search index is missing utterance {position} of «{transcript}» ({language})"
            )
        )
        problems.append(Problem("search_index", message, where, "span", span_id))
    if stale:
        problems.insert(
            0,
            Problem(
                "search_index",
                N_(
                    "The search index still holds words of deleted utterances"
                    " (index entries: {count}); searches would find text that is gone"
                ),
                {"count": stale},
                table,
            ),
        )
    return problems


def _fill_expected(conn: sqlite3.Connection, indexed_text: Callable[[str, str], str]) -> None:
    layers = conn.execute("SELECT id, text, language FROM layer").fetchall()
    for layer_id, text, language in layers:
        letter = family(language)
        spans = conn.execute(
            'SELECT id, start, "end", language FROM span WHERE layer_id = ?', (layer_id,)
        ).fetchall()
        conn.executemany(
            "INSERT INTO temp.check_expected (rowid, folded) VALUES (?, ?)",
            [
                (sid, indexed_text(fold(text[s:e]), span_family(letter, own)))
                for sid, s, e, own in spans
                if 0 <= s < e <= len(text)
            ],
        )


def _span_place(conn: sqlite3.Connection, span_id: int) -> dict[str, object] | None:
    row = conn.execute(
        "SELECT u.position, t.title, l.language FROM span s JOIN utterance u"
        " ON u.id = s.utterance_id JOIN layer l ON l.id = s.layer_id"
        " JOIN transcript t ON t.id = l.transcript_id WHERE s.id = ?",
        (span_id,),
    ).fetchone()
    if row is None:
        return None
    return {"position": int(row[0]) + 1, "transcript": row[1], "language": row[2]}


# -- spans and codings inside their text -------------------------------------------------


def _layer_lengths(conn: sqlite3.Connection) -> dict[int, int]:
    """Each layer's length in code points (read once: texts are long)."""
    return {int(r[0]): int(r[1]) for r in conn.execute("SELECT id, length(text) FROM layer")}


def _spans(conn: sqlite3.Connection) -> list[Problem]:
    problems = []
    for layer_id, length in _layer_lengths(conn).items():
        for span_id, position, title, language, start, end in conn.execute(
            'SELECT s.id, u.position, t.title, l.language, s.start, s."end"'
            " FROM span s JOIN utterance u ON u.id = s.utterance_id"
            " JOIN layer l ON l.id = s.layer_id JOIN transcript t ON t.id = l.transcript_id"
            ' WHERE s.layer_id = ? AND (s.start < 0 OR s."end" < s.start OR s."end" > ?)'
            " ORDER BY s.id",
            (layer_id, length),
        ):
            problems.append(
                Problem(
                    "span",
                    N_(
                        "Utterance {position} of «{transcript}» ({language}) lies outside its"
                        " text: {start}–{end} of {length}"
                    ),
                    {
                        "position": position + 1,
                        "transcript": title,
                        "language": language,
                        "start": start,
                        "end": end,
                        "length": length,
                    },
                    "span",
                    span_id,
                )
            )
    problems += [
        Problem(
            "span",
            N_("Utterance {position} of «{transcript}» has no text in its {language} layer"),
            {"position": position + 1, "transcript": title, "language": language},
            "utterance",
            utterance_id,
        )
        for utterance_id, position, title, language in conn.execute(
            "SELECT u.id, u.position, t.title, l.language FROM utterance u"
            " JOIN transcript t ON t.id = u.transcript_id"
            " JOIN layer l ON l.transcript_id = u.transcript_id"
            " WHERE NOT EXISTS (SELECT 1 FROM span s WHERE +s.layer_id = l.id"
            " AND s.utterance_id = u.id) ORDER BY u.id, l.id"
        )
    ]
    return problems


def _codings(conn: sqlite3.Connection) -> list[Problem]:
    problems = []
    for layer_id, length in _layer_lengths(conn).items():
        for coding_id, names, coder, title, language, start, end in conn.execute(
            'SELECT g.id, c.names, r.name, t.title, l.language, g.start, g."end"'
            " FROM coding g JOIN layer l ON l.id = g.layer_id"
            " JOIN transcript t ON t.id = l.transcript_id"
            " LEFT JOIN code c ON c.id = g.code_id LEFT JOIN coder r ON r.id = g.coder_id"
            ' WHERE g.layer_id = ? AND (g.start < 0 OR g."end" <= g.start OR g."end" > ?)'
            " ORDER BY g.id",
            (layer_id, length),
        ):
            problems.append(
                Problem(
                    "coding",
                    N_(
                        "A coding of «{code}» by {coder} in «{transcript}» ({language}) lies"
                        " outside its text: {start}–{end} of {length}"
                    ),
                    {
                        "code": _code_name(names),
                        "coder": coder or "?",
                        "transcript": title,
                        "language": language,
                        "start": start,
                        "end": end,
                        "length": length,
                    },
                    "coding",
                    coding_id,
                )
            )
    problems.sort(key=lambda p: p.row_id or 0)
    return problems


def _code_name(names: str | None) -> str:
    try:
        parsed = json.loads(names or "{}")
    except ValueError:
        return "?"
    if isinstance(parsed, dict):
        return next((str(v) for v in parsed.values() if v), "?")
    return "?"


# -- orphans -----------------------------------------------------------------------------


def _orphans(conn: sqlite3.Connection) -> list[Problem]:
    problems = []
    for target, (table, message) in _MEMO_TARGETS.items():
        rows = conn.execute(
            f"SELECT m.id, m.text FROM memo m WHERE m.target = ? AND (m.target_id IS NULL"
            f" OR NOT EXISTS (SELECT 1 FROM {table} x WHERE x.id = m.target_id)) ORDER BY m.id",
            (target,),
        ).fetchall()
        problems += [
            Problem("orphan", message, {"text": _snippet(text)}, "memo", memo_id)
            for memo_id, text in rows
        ]
    media_rows = conn.execute(
        "SELECT m.id, m.path FROM media m JOIN transcript t ON t.id = m.transcript_id"
        " WHERE t.session_id != m.session_id ORDER BY m.id"
    )
    problems += [
        Problem(
            "orphan",
            N_("Recording «{path}» belongs to a transcript of another session"),
            {"path": path},
            "media",
            media_id,
        )
        for media_id, path in media_rows
    ]
    return problems


def _snippet(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _SNIPPET else line[: _SNIPPET - 1] + "…"


# -- the audit log -----------------------------------------------------------------------


def _audit(conn: sqlite3.Connection) -> list[Problem]:
    problems = []
    previous: tuple[datetime, str] | None = None
    for entry_id, at, detail in conn.execute("SELECT id, at, detail FROM audit ORDER BY id"):
        when = _utc_time(at)
        if when is None:
            problems.append(
                Problem(
                    "audit",
                    N_("Audit log entry {id} has an unreadable time {at!r}"),
                    {"id": entry_id, "at": str(at)},
                    "audit",
                    entry_id,
                )
            )
        elif previous is not None and when < previous[0]:
            problems.append(
                Problem(
                    "audit",
                    N_(
                        "Audit log entry {id} is dated {at}, before the entry above it ({previous})"
                    ),
                    {"id": entry_id, "at": at, "previous": previous[1]},
                    "audit",
                    entry_id,
                )
            )
        if when is not None:
            previous = (when, str(at))
        try:
            parsed = json.loads(detail)
        except (TypeError, ValueError):
            parsed = None
        if not isinstance(parsed, dict):
            problems.append(
                Problem(
                    "audit",
                    N_("Audit log entry {id} has unreadable details"),
                    {"id": entry_id},
                    "audit",
                    entry_id,
                )
            )
    return problems


def _utc_time(value: object) -> datetime | None:
    """The time of an ISO 8601 UTC stamp (``2024-03-01T10:00:00Z``), or None."""
    if not isinstance(value, str) or not value.endswith("Z"):
        return None
    try:
        return datetime.fromisoformat(value[:-1] + "+00:00")
    except ValueError:
        return None
