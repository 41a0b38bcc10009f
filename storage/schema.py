"""The project file's schema, as a ``PRAGMA user_version`` migration ladder.

Each entry of :data:`MIGRATIONS` upgrades the file by one version and runs in
one transaction. Never edit a released entry: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_V1 = """
CREATE TABLE project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uuid TEXT NOT NULL,
    name TEXT NOT NULL,
    languages TEXT NOT NULL,
    default_coder TEXT,
    created TEXT NOT NULL
);
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE attribute (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL CHECK (type IN ('text', 'integer', 'float', 'date', 'category')),
    allowed TEXT NOT NULL DEFAULT '[]',
    sensitive INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE participant (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    real_name TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE participant_value (
    participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    attribute_id INTEGER NOT NULL REFERENCES attribute(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (participant_id, attribute_id)
) WITHOUT ROWID;

CREATE TABLE guide (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    guide_id INTEGER NOT NULL REFERENCES guide(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    area TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('main', 'probe', 'closing')),
    parent_id INTEGER REFERENCES question(id) ON DELETE CASCADE,
    texts TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX question_guide ON question(guide_id, position);

CREATE TABLE session (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('interview', 'focus_group')),
    title TEXT NOT NULL UNIQUE,
    date TEXT,
    location TEXT,
    setting TEXT,
    region TEXT,
    languages TEXT NOT NULL DEFAULT '',
    duration_min REAL,
    interviewer TEXT,
    consent TEXT,
    notes TEXT NOT NULL DEFAULT '',
    guide_id INTEGER REFERENCES guide(id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    participant_count INTEGER
);
CREATE TABLE session_participant (
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'respondent',
    consent INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;

CREATE TABLE transcript (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    source_file TEXT,
    source_hash TEXT,
    created TEXT NOT NULL
);
CREATE INDEX transcript_session ON transcript(session_id);
CREATE INDEX transcript_hash ON transcript(source_hash);
CREATE TABLE layer (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    transcript_id INTEGER NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    is_original INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    source_file TEXT,
    source_hash TEXT,
    encoding TEXT,
    UNIQUE (transcript_id, language)
);
CREATE TABLE utterance (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    transcript_id INTEGER NOT NULL REFERENCES transcript(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    speaker TEXT NOT NULL DEFAULT '',
    participant_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
    start_ms INTEGER,
    end_ms INTEGER,
    question_id INTEGER REFERENCES question(id) ON DELETE SET NULL
);
CREATE INDEX utterance_transcript ON utterance(transcript_id, position);
CREATE INDEX utterance_participant ON utterance(participant_id);
CREATE TABLE span (
    id INTEGER PRIMARY KEY,
    utterance_id INTEGER NOT NULL REFERENCES utterance(id) ON DELETE CASCADE,
    layer_id INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    UNIQUE (layer_id, start, utterance_id)
);
CREATE INDEX span_utterance ON span(utterance_id);
CREATE VIRTUAL TABLE span_fts USING fts5(
    folded, content='', tokenize='unicode61 remove_diacritics 0'
);

CREATE TABLE coder (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE code (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES code(id) ON DELETE CASCADE,
    names TEXT NOT NULL DEFAULT '{}',
    description TEXT NOT NULL DEFAULT '',
    inclusion TEXT NOT NULL DEFAULT '',
    exclusion TEXT NOT NULL DEFAULT '',
    example TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL DEFAULT '#4e79a7',
    is_codable INTEGER NOT NULL DEFAULT 1,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX code_parent ON code(parent_id, position);
CREATE TABLE coding (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    code_id INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    layer_id INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    coder_id INTEGER NOT NULL REFERENCES coder(id),
    created TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    CHECK (start < "end"),
    UNIQUE (code_id, layer_id, start, "end", coder_id)
);
CREATE INDEX coding_layer ON coding(layer_id, start);
CREATE INDEX coding_code ON coding(code_id);

CREATE TABLE memo (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    target TEXT NOT NULL,
    target_id INTEGER,
    text TEXT NOT NULL,
    author TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX memo_target ON memo(target, target_id);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_uuid TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
);
"""

LIVE_SESSIONS = """
CREATE TABLE live_session (
    session_id INTEGER PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
    guide_id INTEGER REFERENCES guide(id) ON DELETE SET NULL,
    language TEXT NOT NULL DEFAULT '',
    question_id INTEGER REFERENCES question(id) ON DELETE SET NULL,
    speaker_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
    speaker TEXT NOT NULL DEFAULT '',
    started TEXT NOT NULL,
    elapsed_ms INTEGER NOT NULL DEFAULT 0,
    running_since_ms INTEGER,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
    ended TEXT,
    transcript_id INTEGER REFERENCES transcript(id) ON DELETE SET NULL,
    draft TEXT NOT NULL DEFAULT '',
    draft_ms INTEGER,
    updated_ms INTEGER NOT NULL
);
CREATE TABLE live_mark (
    session_id INTEGER NOT NULL REFERENCES live_session(session_id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    mark TEXT NOT NULL CHECK (mark IN ('answered', 'skipped')),
    PRIMARY KEY (session_id, question_id)
) WITHOUT ROWID;
CREATE TABLE live_note (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    session_id INTEGER NOT NULL REFERENCES live_session(session_id) ON DELETE CASCADE,
    elapsed_ms INTEGER NOT NULL,
    question_id INTEGER REFERENCES question(id) ON DELETE SET NULL,
    speaker_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
    speaker TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX live_note_session ON live_note(session_id, elapsed_ms, id);
"""
"""Live sessions: state (question, speaker, clock, draft note), question marks and notes."""

LAYER_WORD_COUNTS = """
ALTER TABLE layer ADD COLUMN words INTEGER NOT NULL DEFAULT -1;
CREATE TRIGGER layer_text_changed AFTER UPDATE OF text ON layer
BEGIN
    UPDATE layer SET words = -1 WHERE id = NEW.id;
END;
"""
"""Word counts kept per layer so that ``info`` need not read every text (-1: not counted)."""


REVISION_TABLES: dict[str, tuple[str, ...]] = {
    "attribute": ("name", "type", "allowed", "sensitive"),
    "participant": ("code", "real_name", "notes"),
    "session": (
        "kind",
        "title",
        "date",
        "location",
        "setting",
        "region",
        "languages",
        "duration_min",
        "interviewer",
        "consent",
        "notes",
        "participant_count",
    ),
    "transcript": ("session_id", "title"),
    "code": (
        "parent_id",
        "names",
        "description",
        "inclusion",
        "exclusion",
        "example",
        "color",
        "is_codable",
    ),
    "coding": ("code_id", "layer_id", "start", '"end"', "coder_id", "memo", "valence"),
    "memo": ("target", "target_id", "text"),
}
"""The entities whose changes and deletions a merge carries between copies of a project,
with the columns whose change is a new revision (not display order, not timestamps)."""

_FIRST_REVISION_TABLES: dict[str, tuple[str, ...]] = {
    **REVISION_TABLES,
    "coding": ("code_id", "layer_id", "start", '"end"', "coder_id", "memo"),
}
"""The columns as the migration that brought revisions in knew them (before valence):
that migration must write the same triggers however the columns grow later."""


def revision_state(table: str, row: str, columns: tuple[str, ...] | None = None) -> str:
    """SQL for the state of a row of ``table`` (alias ``row``) as a JSON object.

    Columns that point to other rows are given as those rows' UUIDs (ids differ
    between copies); a participant's attribute values are ``value:<attribute uuid>``.
    ``columns``: the ones a migration knew (default: :data:`REVISION_TABLES`).
    """
    refs = {
        "parent_id": ("parent", "code"),
        "session_id": ("session", "session"),
        "code_id": ("code", "code"),
        "layer_id": ("layer", "layer"),
        "coder_id": ("coder", "coder"),
    }
    pairs = []
    for column in REVISION_TABLES[table] if columns is None else columns:
        if column in refs:
            key, target = refs[column]
            pairs.append(f"'{key}', (SELECT uuid FROM {target} WHERE id = {row}.{column})")
        else:
            pairs.append(f"'{column.strip(chr(34))}', {row}.{column}")
    state = f"json_object({', '.join(pairs)})"
    if table == "participant":
        state = (
            f"json_patch({state}, (SELECT json_group_object('value:' || a.uuid, v.value)"
            " FROM participant_value v JOIN attribute a ON a.id = v.attribute_id"
            f" WHERE v.participant_id = {row}.id))"
        )
    return state


def _revision_triggers(table: str, columns: tuple[str, ...]) -> str:
    """Triggers that give a row of ``table`` a new revision on every insert, update, delete
    of one of ``columns``.

    No ``OR REPLACE``/``OR IGNORE`` here: inside a trigger the conflict clause of the
    statement that fired it wins, so an upsert outside would turn them into errors.
    """
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    parts = []
    for event, row, deleted in (("INSERT", "NEW", 0), ("UPDATE", "NEW", 0), ("DELETE", "OLD", 1)):
        when = f"\nWHEN {changed}" if event == "UPDATE" else ""
        state = "NULL" if deleted else revision_state(table, row, columns)
        parts.append(
            f"""
CREATE TRIGGER {table}_revision_{event.lower()} AFTER {event} ON {table}{when}
BEGIN
    DELETE FROM revision WHERE uuid = {row}.uuid;
    INSERT INTO revision (uuid, entity, rev, deleted)
        VALUES ({row}.uuid, '{table}', lower(hex(randomblob(8))), {deleted});
    INSERT INTO revision_seen (uuid, rev, state)
        SELECT uuid, rev, {state} FROM revision WHERE uuid = {row}.uuid;
END;"""
        )
    return "".join(parts)


def _value_triggers() -> str:
    """A participant's attribute values are part of the participant: a change is a revision."""
    parts = []
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        when = "\nWHEN OLD.value IS NOT NEW.value" if event == "UPDATE" else ""
        parts.append(
            f"""
CREATE TRIGGER participant_value_revision_{event.lower()} AFTER {event} ON participant_value{when}
BEGIN
    DELETE FROM revision
        WHERE uuid IN (SELECT uuid FROM participant WHERE id = {row}.participant_id);
    INSERT INTO revision (uuid, entity, rev, deleted)
        SELECT uuid, 'participant', lower(hex(randomblob(8))), 0 FROM participant
        WHERE id = {row}.participant_id;
    INSERT INTO revision_seen (uuid, rev, state)
        SELECT r.uuid, r.rev, {revision_state("participant", "p")}
        FROM revision r JOIN participant p ON p.uuid = r.uuid
        WHERE p.id = {row}.participant_id;
END;"""
        )
    return "".join(parts)


REVISIONS = (
    """
CREATE TABLE revision (
    uuid TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    rev TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE revision_seen (
    seq INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL,
    rev TEXT NOT NULL,
    state TEXT,
    UNIQUE (uuid, rev)
);
"""
    + "".join(
        f"""
INSERT INTO revision (uuid, entity, rev, deleted) SELECT uuid, '{t}', 'v0-' || uuid, 0 FROM {t};
INSERT INTO revision_seen (uuid, rev, state)
    SELECT t.uuid, 'v0-' || t.uuid, {revision_state(t, "t", columns)} FROM {t} t;"""
        for t, columns in _FIRST_REVISION_TABLES.items()
    )
    + "".join(_revision_triggers(t, columns) for t, columns in _FIRST_REVISION_TABLES.items())
    + _value_triggers()
)
"""Revisions for merging copies (see :mod:`storage.merge_versions`).

``revision`` holds every entity's current revision (a random token, new on each
write; ``deleted`` marks a tombstone kept after the row is gone) and
``revision_seen`` every revision a file has had or taken in from a copy, in the
order it learnt them, with the entity's state then (JSON; NULL for a deletion),
so that a merge can compare each field with the files' common past. Rows that
exist when the file is upgraded start at ``v0-<uuid>``, the same in every copy of
the file, so copies upgraded separately still share their past.
"""

UTTERANCE_LANGUAGES = """
ALTER TABLE span ADD COLUMN language TEXT;
"""
"""A language per utterance inside a layer (code-switching): NULL is the layer's language."""

VALENCE = """
ALTER TABLE coding ADD COLUMN valence INTEGER CHECK (valence BETWEEN -2 AND 2);
"""
"""A coding's valence (sentiment): NULL for none, -1/0/+1 or -2…+2 (see :mod:`storage.valence`)."""

_VALENCE_SET = """(SELECT entity_uuid FROM audit WHERE entity = 'coding' AND action = 'update'
        AND CASE WHEN json_valid(detail) THEN json_type(detail, '$.valence') END IS NOT NULL)"""
"""SQL: the codings whose valence a coder set (``set_valence`` logs each one)."""

_CODING_COLUMNS_WITH_VALENCE = (
    "code_id",
    "layer_id",
    "start",
    '"end"',
    "coder_id",
    "memo",
    "valence",
)

VALENCE_REVISIONS = (
    "".join(
        f"\nDROP TRIGGER IF EXISTS coding_revision_{event};"
        for event in ("insert", "update", "delete")
    )
    + _revision_triggers("coding", _CODING_COLUMNS_WITH_VALENCE)
    + f"""
UPDATE revision_seen SET state = json_set(state, '$.valence', NULL)
    WHERE state IS NOT NULL AND json_type(state, '$.valence') IS NULL
        AND uuid IN {_VALENCE_SET};
UPDATE revision_seen
    SET state = json_set(
        state, '$.valence', (SELECT c.valence FROM coding c WHERE c.uuid = revision_seen.uuid)
    )
    WHERE state IS NOT NULL AND json_type(state, '$.valence') IS NULL
        AND uuid IN (SELECT uuid FROM coding);
UPDATE revision
    SET rev = 'v1-' || uuid || '-'
        || coalesce((SELECT c.valence FROM coding c WHERE c.uuid = revision.uuid), 'none')
    WHERE entity = 'coding' AND deleted = 0 AND uuid IN {_VALENCE_SET}
        AND uuid IN (SELECT uuid FROM coding);
INSERT OR IGNORE INTO revision_seen (uuid, rev, state)
    SELECT r.uuid, r.rev, {revision_state("coding", "c", _CODING_COLUMNS_WITH_VALENCE)}
    FROM revision r JOIN coding c ON c.uuid = r.uuid
    WHERE r.entity = 'coding' AND r.rev LIKE 'v1-%';
"""
)
"""A change of a coding's valence is a change of the coding (a new revision), so that a
merge carries it. Valence came after revisions, so what was recorded before this step
lacks it. A coding whose valence a coder set (the audit log says so; not when) gets a
revision named after its valence, the same in every copy that has the same valence,
and its older states say "no valence"; any other coding's states are given the valence
it has (one set by an import, with the coding). Rejected: keeping the old states as
they are (a merge would take a missing valence for a change in both files)."""

TRANSLATION_WORK = """
CREATE TABLE IF NOT EXISTS translation_status (
    layer_id INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
    utterance_id INTEGER NOT NULL REFERENCES utterance(id) ON DELETE CASCADE,
    translator TEXT NOT NULL DEFAULT '',
    translated TEXT NOT NULL,
    reviewer TEXT,
    reviewed TEXT,
    source_hash TEXT NOT NULL,
    rev TEXT NOT NULL,
    PRIMARY KEY (layer_id, utterance_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS translation_status_utterance ON translation_status(utterance_id);
CREATE TABLE IF NOT EXISTS translation_seen (
    layer_uuid TEXT NOT NULL,
    utterance_uuid TEXT NOT NULL,
    rev TEXT NOT NULL,
    PRIMARY KEY (layer_uuid, utterance_uuid, rev)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS translation_draft (
    layer_id INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
    utterance_id INTEGER NOT NULL REFERENCES utterance(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (layer_id, utterance_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS translation_draft_utterance ON translation_draft(utterance_id);
CREATE TABLE IF NOT EXISTS translation_mark (
    utterance_id INTEGER PRIMARY KEY REFERENCES utterance(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS translation_mark_code (
    code_id INTEGER PRIMARY KEY REFERENCES code(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS glossary_term (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    source_language TEXT NOT NULL,
    term TEXT NOT NULL,
    folded TEXT NOT NULL,
    target_language TEXT NOT NULL,
    rendering TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    CHECK (term != '' AND rendering != ''),
    UNIQUE (source_language, folded, target_language)
);
"""
"""Translation done in the app (:mod:`storage.translations_store`): per translated
utterance who translated it and when, who reviewed it, a hash of the original it
translated (a different hash now: stale), and a revision token for merging
(``translation_seen``: every revision a file has had); the text being typed
(``translation_draft``, saved per keystroke); what is marked for translation
(utterances, and codes whose passages are); the glossary. ``IF NOT EXISTS``: a file
whose ``user_version`` was set back (tests do this to imitate older files) upgrades again."""


FOLDED_TOKENIZER = "unicode61 remove_diacritics 0"
"""How ``span_fts`` splits folded text into words."""

KEYS_TOKENIZER = "ascii"
"""How ``span_key_fts`` splits key texts: at their ASCII spaces (keys are folded words
without punctuation, and ``ascii`` takes every other character as part of a word), in
half the time ``unicode61`` takes."""

FTS_HASH_SIZE = 16 * 1024 * 1024
"""Bytes of new index entries each FTS5 table holds in memory before writing a segment."""


def word_form_index(conn: sqlite3.Connection) -> None:
    """Add ``span_key_fts``, the index of word-form keys (empty: :func:`rebuild_word_form_keys`,
    a later migration, fills it, so an older file's words are stemmed once, not twice).

    Keys come from :func:`storage.word_forms.key_texts` (contentless: rows are removed
    by giving their keys back, so a change of the key rules needs a migration that
    rebuilds this table). Both FTS5 tables gather :data:`FTS_HASH_SIZE` bytes of new
    entries before writing a segment (FTS5's default is 1 MB), so a big import merges
    fewer, larger segments; that pays for part of the second index. (``columnsize=0``
    would save more, but a contentless table without it cannot be scanned, and dumps and
    row counts scan every table.)
    """
    conn.execute("DROP TABLE IF EXISTS span_key_fts")  # a file set back to an older version
    conn.execute(
        "CREATE VIRTUAL TABLE span_key_fts USING fts5("
        f"keys, content='', tokenize='{KEYS_TOKENIZER}')"
    )
    for table in ("span_fts", "span_key_fts"):
        conn.execute(
            f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)", (FTS_HASH_SIZE,)
        )


def rebuild_word_form_keys(conn: sqlite3.Connection) -> None:
    """Key every span afresh (:data:`storage.word_forms.KEY_VERSION` 2): a turn with its own
    language keyed in that language, stems of :mod:`storage.stem_exceptions` kept whole."""
    conn.execute("INSERT INTO span_key_fts (span_key_fts) VALUES ('delete-all')")
    _fill_word_form_keys(conn)


def _fill_word_form_keys(conn: sqlite3.Connection) -> None:
    """Index the word-form keys of every span (``span_key_fts`` empty)."""
    from storage.text import fold  # imported by these migrations only (not on every open)
    from storage.word_forms import family, span_family, span_key_texts

    for layer_id, language, text in conn.execute("SELECT id, language, text FROM layer"):
        letter = family(language)
        spans = [
            (sid, fold(text[s:e]), span_family(letter, own))
            for sid, s, e, own in conn.execute(
                'SELECT id, start, "end", language FROM span WHERE layer_id = ?', (layer_id,)
            )
            if e > s
        ]
        keys = span_key_texts([r[1] for r in spans], [r[2] for r in spans])
        conn.executemany(
            "INSERT INTO span_key_fts (rowid, keys) VALUES (?, ?)",
            zip((r[0] for r in spans), keys, strict=True),
        )


Migration = str | Callable[[sqlite3.Connection], None]
"""A migration: an SQL script, or a function run on the connection in its transaction."""

MEDIA = """
CREATE TABLE IF NOT EXISTS media (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    transcript_id INTEGER REFERENCES transcript(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('audio', 'video')),
    size INTEGER NOT NULL CHECK (size >= 0),
    duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
    checksum TEXT NOT NULL,
    offset_ms INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS media_session ON media(session_id);
CREATE INDEX IF NOT EXISTS media_transcript ON media(transcript_id);
CREATE TABLE IF NOT EXISTS machine_transcript (
    transcript_id INTEGER PRIMARY KEY REFERENCES transcript(id) ON DELETE CASCADE,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    language TEXT NOT NULL,
    created TEXT NOT NULL,
    reviewed TEXT
);
CREATE TABLE IF NOT EXISTS utterance_word (
    utterance_id INTEGER NOT NULL REFERENCES utterance(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    word TEXT NOT NULL,
    PRIMARY KEY (utterance_id, position)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reviewed_utterance (
    utterance_id INTEGER PRIMARY KEY REFERENCES utterance(id) ON DELETE CASCADE,
    reviewed TEXT NOT NULL
);
"""
"""Recordings linked to sessions and transcripts (see :mod:`storage.media_store`).

``path`` is relative to the project file's folder (``/`` separators) when the file
lies below it or beside it, absolute otherwise; ``offset_ms`` is where utterance time
0 falls on the media timeline. ``machine_transcript`` marks transcripts made by a
speech recogniser until somebody reviews them; ``reviewed_utterance`` the utterances
of such a transcript already checked in review mode; ``utterance_word`` when each word
the recogniser heard was said.
"""


def media_file_times(conn: sqlite3.Connection) -> None:
    """``media.mtime_ns``: the file's modification time when it was linked (see
    :func:`storage.media_store.media_status`); NULL for links made before. Idempotent."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(media)")}
    if "mtime_ns" not in columns:
        conn.execute("ALTER TABLE media ADD COLUMN mtime_ns INTEGER")


MIGRATIONS: list[Migration] = [
    SCHEMA_V1,
    LIVE_SESSIONS,
    LAYER_WORD_COUNTS,
    REVISIONS,
    UTTERANCE_LANGUAGES,
    VALENCE,
    TRANSLATION_WORK,
    word_form_index,
    MEDIA,
    VALENCE_REVISIONS,
    media_file_times,
    rebuild_word_form_keys,
]
"""Migration ``i`` takes the file from ``user_version`` i to i + 1."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file to the newest schema; return the version it is at afterwards."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    for number in range(version, len(MIGRATIONS)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            step = MIGRATIONS[number]
            if callable(step):
                step(conn)
            else:
                for statement in _statements(step):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return max(int(version), len(MIGRATIONS))


def _statements(script: str) -> list[str]:
    """Split a migration script into complete SQL statements."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
