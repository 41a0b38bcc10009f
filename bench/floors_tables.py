#!/usr/bin/env python3
"""Floor scripts for the table kinds of ``suhbat stats``, in plain Python + ``sqlite3``.

    python bench/floors_tables.py JOB PROJECT [ARGS…]
    python bench/floors_tables.py check PROJECT [SUHBAT]

Each job reads a suhbat project with hand-written SQL and no suhbat code, computes the
same rows as the ``suhbat stats`` kind it is paired with in ``bench_floor.py`` and prints
them, one tab-separated line per row. Jobs:

``sessions-matrix MEASURE``
    codes × sessions (date order): distinct segments, codings or participants of each code
    (a theme: its subtree) per session, and the total.
``profile participants``
    every attribute (not the sensitive ones) over the participants in scope: counts per
    value (allowed values first, then the others sorted, then the missing ones), or n,
    mean, sample SD, median and range of numbers, or the range of dates.
``profile sessions``
    kind, setting, region, location, date, duration and number of participants of the
    sessions.
``sessions``
    the sessions register (date order), participants as recorded, else the respondents.
``valence``
    codings of each code (a theme: its subtree) per valence of the project's scale.

The participants of a session are its respondents (linked with that role), or, in a
session with no link, those who speak in its transcripts; a coding is attributed to the
respondents speaking in the utterances it overlaps, else to its session's only respondent.
``check`` runs every job and ``suhbat stats … --json`` and compares their rows.

Nothing is imported from ``floors.py``: its imports (zipfile, XML, uuid) would add 30 ms to
floors that take 50 ms.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import math
import sqlite3
import sys
from collections import Counter, defaultdict

Row = tuple[object, ...]
KIND_NAMES = {"interview": "interview", "focus_group": "focus group"}
MISSING = "(missing)"
VALENCE_SCALES = {3: (-1, 0, 1), 5: (-2, -1, 0, 1, 2)}


def connect(path: str) -> sqlite3.Connection:
    """A read-only connection."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _codes(conn: sqlite3.Connection) -> tuple[list[int], dict[int, list[int]], dict[int, str]]:
    """Codes in pre-order, children per code, names in the UI language (English), else in
    the project's languages in order."""
    (languages,) = conn.execute("SELECT languages FROM project").fetchone()
    wanted = ["en", *(lang for lang in languages.split(",") if lang)]
    rows = conn.execute("SELECT id, parent_id, names FROM code ORDER BY position, id").fetchall()
    known = {r[0] for r in rows}
    children: dict[int | None, list[int]] = defaultdict(list)
    names = {}
    for cid, parent, raw in rows:
        children[parent if parent in known and parent != cid else None].append(cid)
        by_language = json.loads(raw)
        found = [by_language[lang] for lang in wanted if by_language.get(lang)]
        names[cid] = found[0] if found else next((n for n in by_language.values() if n), "")
    order: list[int] = []

    def visit(parent: int | None) -> None:
        for cid in children.get(parent, []):
            order.append(cid)
            visit(cid)

    visit(None)
    return order, {k: v for k, v in children.items() if k is not None}, names


def _sessions(conn: sqlite3.Connection) -> list[tuple]:
    """(id, title, kind, date, location, setting, region, languages, duration, interviewer,
    participant count) in date order."""
    return conn.execute(
        "SELECT id, title, kind, date, location, setting, region, languages, duration_min,"
        " interviewer, participant_count FROM session ORDER BY date IS NULL, date, position, id"
    ).fetchall()


def _respondents(conn: sqlite3.Connection) -> tuple[dict[int, set[int]], set[tuple[int, int]]]:
    """Session → its respondents, and the (session, participant) pairs linked in another
    role."""
    respondents: dict[int, set[int]] = defaultdict(set)
    linked, others = set(), set()
    for sid, pid, role in conn.execute(
        "SELECT session_id, participant_id, role FROM session_participant"
    ):
        linked.add(sid)
        if role == "respondent":
            respondents[sid].add(pid)
        else:
            others.add((sid, pid))
    session_of = dict(conn.execute("SELECT id, session_id FROM transcript").fetchall())
    for tid, pid in conn.execute(  # (joining the transcripts in SQL takes twice as long)
        "SELECT DISTINCT transcript_id, participant_id FROM utterance"
        " WHERE participant_id IS NOT NULL"
    ):
        if session_of[tid] not in linked:
            respondents[session_of[tid]].add(pid)
    return dict(respondents), others


def _in_scope(conn: sqlite3.Connection, respondents: dict[int, set[int]]) -> set[int]:
    """The participants of the sessions, or every participant when no session has any."""
    scope = set().union(*respondents.values())
    return scope or {pid for (pid,) in conn.execute("SELECT id FROM participant")}


def _subtree_totals(order: list[int], children: dict, own: dict, empty, add) -> dict:
    """Each code's value with its sub-codes' (``add(a, b)`` combines two)."""
    total: dict[int, object] = {}
    for code in reversed(order):
        value = own.get(code, empty())
        for kid in children.get(code, []):
            value = add(value, total[kid])
        total[code] = value
    return total


# ------------------------------------------------------------------- sessions-matrix
def _coding_people(conn: sqlite3.Connection) -> list[tuple[int, int, set[int]]]:
    """(code, session, participants) per coding, by the respondent rule."""
    respondents, others = _respondents(conn)
    sole = {sid: g for sid, g in respondents.items() if len(g) == 1}
    spans: dict[int, tuple[list[int], list[int], list[int]]] = {}
    rows = conn.execute(
        'SELECT s.layer_id, s.start, s."end", u.participant_id FROM utterance u'
        " JOIN span s ON s.utterance_id = u.id WHERE u.participant_id IS NOT NULL"
        " ORDER BY s.layer_id, s.start"
    )
    for layer, group in itertools.groupby(rows, key=lambda r: r[0]):
        g = list(group)
        spans[layer] = ([r[1] for r in g], [r[2] for r in g], [r[3] for r in g])
    out = []
    for code, layer, start, end, sid in conn.execute(
        'SELECT c.code_id, c.layer_id, c.start, c."end", t.session_id FROM coding c'
        " JOIN layer l ON l.id = c.layer_id JOIN transcript t ON t.id = l.transcript_id"
    ):
        starts, ends, who = spans.get(layer, ([], [], []))
        i = bisect.bisect_left(starts, end) - 1
        found = set()
        while i >= 0 and ends[i] > start:
            if (sid, who[i]) not in others:
                found.add(who[i])
            i -= 1
        out.append((code, sid, found or sole.get(sid, set())))
    return out


def sessions_matrix(path: str, measure: str = "segments") -> list[Row]:
    """Segments, codings or participants of each code per session, and the total."""
    conn = connect(path)
    order, children, names = _codes(conn)
    sessions = _sessions(conn)
    column = {s[0]: i for i, s in enumerate(sessions)}
    width = len(sessions)
    # (from the coding index alone, sessions mapped in Python: half the time of a join)
    session_of = dict(conn.execute(
        "SELECT l.id, t.session_id FROM layer l JOIN transcript t ON t.id = l.transcript_id"
    ).fetchall())  # fmt: skip
    if measure == "codings":
        own: dict = defaultdict(lambda: [0] * width)
        for code, layer, n in conn.execute(
            "SELECT code_id, layer_id, COUNT(*) FROM coding GROUP BY 1, 2"
        ):
            own[code][column[session_of[layer]]] += n
        total = _subtree_totals(
            order,
            children,
            own,
            lambda: [0] * width,
            lambda a, b: [x + y for x, y in zip(a, b, strict=True)],
        )
        return [(names[c], *total[c], sum(total[c])) for c in order]
    own = defaultdict(lambda: [set() for _ in range(width)])
    if measure == "segments":
        for code, layer, start, end in conn.execute(
            'SELECT DISTINCT code_id, layer_id, start, "end" FROM coding'
        ):
            own[code][column[session_of[layer]]].add((layer, start, end))
    else:
        scope = _in_scope(conn, _respondents(conn)[0])
        for code, sid, people in _coding_people(conn):
            own[code][column[sid]].update(people & scope)
    total = _subtree_totals(
        order,
        children,
        own,
        lambda: [set() for _ in range(width)],
        lambda a, b: [x | y for x, y in zip(a, b, strict=True)],
    )
    return [
        (names[c], *map(len, total[c]), len(set().union(*total[c])) if width else 0) for c in order
    ]


# ------------------------------------------------------------------------- profiles
def _numeric(name: str, raw: list) -> Row:
    import statistics  # (only the jobs that compute a mean pay for it)

    values = []
    for item in raw:
        if isinstance(item, str):
            with contextlib.suppress(ValueError):  # not a number: left out
                values.append(float(item.strip().replace(",", ".")))
        elif item is not None:
            values.append(float(item))
    if not values:
        return (name, None, 0, None, None, None, None, None, None)
    sd = statistics.stdev(values) if len(values) > 1 else None
    return (name, None, len(values), None, statistics.fmean(values), sd,
            statistics.median(values), min(values), max(values))  # fmt: skip


def _category(name: str, raw: list, n: int, allowed: list[str] = (), shown=None) -> list[Row]:
    counts = Counter(v for v in raw if v is not None and v.strip())
    missing = len(raw) - sum(counts.values())
    ordered = [v for v in allowed if counts[v]]
    ordered += sorted(v for v in counts if v not in ordered)
    rows = [(name, (shown or {}).get(v, v), counts[v], 100 * counts[v] / n) for v in ordered]
    if missing:
        rows.append((name, MISSING, missing, 100 * missing / n))
    return [(*r, None, None, None, None, None) for r in rows]


def _dates(name: str, raw: list) -> Row:
    present = [v for v in raw if v]
    return (name, None, len(present), None, None, None, None, min(present, default=None),
            max(present, default=None))  # fmt: skip


def profile(path: str, of: str = "participants") -> list[Row]:
    """The participant profile (Table 1) or the session profile."""
    conn = connect(path)
    respondents, _others = _respondents(conn)
    if of == "sessions":
        sessions = _sessions(conn)
        n = len(sessions)
        size = [s[10] if s[10] is not None else (len(respondents[s[0]]) if s[0] in respondents
                else None) for s in sessions]  # fmt: skip
        return [
            *_category("kind", [s[2] for s in sessions], n, shown=KIND_NAMES),
            *_category("setting", [s[5] for s in sessions], n),
            *_category("region", [s[6] for s in sessions], n),
            *_category("location", [s[4] for s in sessions], n),
            _dates("date", [s[3] for s in sessions]),
            _numeric("duration (min)", [s[8] for s in sessions]),
            _numeric("participants", size),
        ]
    known = {pid for (pid,) in conn.execute("SELECT id FROM participant")}
    people = sorted(_in_scope(conn, respondents) & known)
    values: dict[int, dict[int, str]] = defaultdict(dict)
    for pid, aid, value in conn.execute(
        "SELECT participant_id, attribute_id, value FROM participant_value"
    ):
        values[aid][pid] = value
    rows: list[Row] = []
    for aid, name, kind, allowed in conn.execute(
        "SELECT id, name, type, allowed FROM attribute WHERE NOT sensitive ORDER BY position, id"
    ):
        raw = [values[aid].get(pid) for pid in people]
        if kind in ("integer", "float"):
            rows.append(_numeric(name, raw))
        elif kind == "date":
            rows.append(_dates(name, raw))
        else:
            rows += _category(name, raw, len(people), json.loads(allowed))
    return rows


def sessions(path: str) -> list[Row]:
    """The sessions register."""
    conn = connect(path)
    respondents, _others = _respondents(conn)
    out = []
    for sid, title, kind, date, place, setting, region, languages, minutes, who, n in _sessions(
        conn
    ):
        if n is None and sid in respondents:
            n = len(respondents[sid])
        spoken = ", ".join(x for x in (languages or "").split(",") if x) or None
        out.append((title or f"#{sid}", KIND_NAMES.get(kind, kind), date, place, setting,
                    region, spoken, n, minutes, who))  # fmt: skip
    return out


# -------------------------------------------------------------------------- valence
def valence(path: str) -> list[Row]:
    """Codings of each code (a theme: its subtree) per valence, not rated, and the total."""
    conn = connect(path)
    order, children, names = _codes(conn)
    own: dict[int, Counter] = defaultdict(Counter)
    for code, value, n in conn.execute(  # (a pass over the table: valence is in no index)
        "SELECT code_id, valence, COUNT(*) FROM coding NOT INDEXED GROUP BY 1, 2"
    ):
        own[code][value] = n
    row = conn.execute("SELECT value FROM setting WHERE key = 'valence_scale'").fetchone()
    wide = any(abs(v) == 2 for counts in own.values() for v in counts if v is not None)
    columns = (*VALENCE_SCALES[5 if wide or (row and row[0] == "5") else 3], None)
    total = _subtree_totals(order, children, own, Counter, lambda a, b: a + b)
    return [(names[c], *(total[c][v] for v in columns), sum(total[c].values())) for c in order]


# ---------------------------------------------------------------------------- check
JOBS = {"sessions-matrix": sessions_matrix, "profile": profile, "sessions": sessions,
        "valence": valence}  # fmt: skip
CHECKS = [
    ("sessions-matrix", "segments"),
    ("sessions-matrix", "codings"),
    ("sessions-matrix", "participants"),
    ("profile", "participants"),
    ("profile", "sessions"),
    ("sessions",),
    ("valence",),
]


def _same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def check(path: str, suhbat: str | None = None) -> None:
    """Compare every floor's rows with ``suhbat stats --json`` in English, as the floors
    name codes (exit 1 on a difference)."""
    import subprocess  # (the timed jobs do not start processes)
    from pathlib import Path

    command = suhbat or str(Path(sys.executable).parent / "suhbat")
    failed = False
    for job, *args in CHECKS:
        options = ["--measure", args[0]] if job == "sessions-matrix" else args
        shown = subprocess.run([command, "--lang", "en", "stats", path, job, *options, "--json"],
                               check=True,
                               capture_output=True, text=True).stdout  # fmt: skip
        (table,) = json.loads(shown)["tables"]
        mine = JOBS[job](path, *args)
        theirs = [tuple(r) for r in table["rows"]]
        cells = sum(len(r) for r in theirs)
        differ = len(mine) != len(theirs) or not all(
            len(x) == len(y) and all(map(_same, x, y)) for x, y in zip(mine, theirs, strict=False)
        )
        failed |= differ
        verdict = "DIFFERENT" if differ else "same"
        print(f"{' '.join([job, *args]):32} {len(theirs):4} rows {cells:6} cells  {verdict}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if sys.argv[1] == "check":
        check(*sys.argv[2:])
    else:
        for line in JOBS[sys.argv[1]](*sys.argv[2:]):
            print(*("" if v is None else v for v in line), sep="\t")
