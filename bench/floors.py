#!/usr/bin/env python3
"""Floor scripts: the same jobs as suhbat commands, in plain Python + ``sqlite3``.

    python bench/floors.py JOB PROJECT [ARGS…]

Each job reads (or, for ``import``, writes) a suhbat project file with hand-written SQL
and no suhbat code, and prints or writes the same kind of result as the command it is
paired with in ``bench_floor.py``. They skip what suhbat does besides the job (checks,
locks, migrations, translations, options): they are the floor a command is measured
against, not replacements for it.

Jobs: ``info``, ``search QUERY``, ``import LANG FILE…`` (PROJECT is created; both search
indexes), ``import-one-index LANG FILE…`` (without the word-form index),
``frequencies``, ``crosstab ATTRIBUTE``, ``saturation``, ``agreement [presence]``, ``qdpx OUT``,
``xlsx OUT``, ``report OUT``.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import sqlite3
import sys
import unicodedata
import uuid
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


def connect(path: str) -> sqlite3.Connection:
    """A read-only connection."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def fold(text: str) -> str:
    """Case and ё folding as search needs it."""
    return unicodedata.normalize("NFC", text.casefold().replace("ё", "е"))


# --------------------------------------------------------------------- info, search
def info(path: str) -> None:
    """Project name, languages and row counts as JSON."""
    conn = connect(path)
    name, languages = conn.execute("SELECT name, languages FROM project").fetchone()
    tables = ("participant", "session", "transcript", "layer", "utterance", "code", "coding")
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    print(json.dumps({"name": name, "languages": languages.split(","), **counts}, indent=2))


def search(path: str, query: str) -> None:
    """The first 50 hits of a folded FTS5 query with a snippet each."""
    conn = connect(path)
    rows = conn.execute(
        'SELECT s.layer_id, s.start, s."end", u.speaker, u.start_ms, se.title '
        "FROM span_fts f JOIN span s ON s.id = f.rowid "
        "JOIN utterance u ON u.id = s.utterance_id "
        "JOIN transcript t ON t.id = u.transcript_id JOIN session se ON se.id = t.session_id "
        "WHERE span_fts MATCH ? ORDER BY s.layer_id, s.start LIMIT 50",
        (fold(query),),
    ).fetchall()
    texts: dict[int, str] = {}
    word = fold(query).strip('"*')
    for layer_id, start, end, speaker, start_ms, title in rows:
        if layer_id not in texts:
            texts[layer_id] = conn.execute(
                "SELECT text FROM layer WHERE id = ?", (layer_id,)
            ).fetchone()[0]
        line = texts[layer_id][start:end]
        at = fold(line).find(word)
        print(f"{title}\t{speaker}\t{start_ms}\t{line[max(0, at - 40) : at + 80]}")


# --------------------------------------------------------------------------- import
LINE = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] ([^:]+): (.*)$")
FLOOR_SCHEMA = """
CREATE TABLE transcript (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT);
CREATE TABLE layer (id INTEGER PRIMARY KEY, transcript_id INTEGER, language TEXT, text TEXT);
CREATE TABLE utterance (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    transcript_id INTEGER, position INTEGER, speaker TEXT, start_ms INTEGER);
CREATE INDEX utterance_transcript ON utterance(transcript_id, position);
CREATE TABLE span (id INTEGER PRIMARY KEY, utterance_id INTEGER, layer_id INTEGER,
    start INTEGER, "end" INTEGER, UNIQUE (layer_id, start, utterance_id));
CREATE VIRTUAL TABLE span_fts USING fts5(
    folded, content='', tokenize='unicode61 remove_diacritics 0');
"""


INDEX_WORD = re.compile(r"[^\W_]+")
"""A word, roughly as FTS5's ``unicode61`` tokenizer sees one."""
KEYS_SCHEMA = """
CREATE VIRTUAL TABLE span_key_fts USING fts5(keys, content='', tokenize='ascii');
"""


def word_keys(language: str) -> Callable[[list[str]], list[str]]:
    """The word-form keys of folded lines, one key text per line: a Snowball stem for each
    Cyrillic word in a Russian layer, the folded word itself for any other word.

    Each space-separated chunk of text (``времени,``) is keyed once and looked up after.
    """
    import snowballstemmer

    stem = snowballstemmer.stemmer("russian").stemWord if language == "ru" else None
    chunks: dict[str, str] = {"\n": "\n", "": ""}

    def key(word: str) -> str:
        if stem is not None and not word.isascii():
            return "r" + stem(word)
        return "x" + word

    def keys(folded: list[str]) -> list[str]:
        parts = " \n ".join(folded).split(" ")  # folded lines hold no line break
        try:
            return " ".join(map(chunks.__getitem__, parts)).split("\n")
        except KeyError:  # words not seen before
            for part in set(parts).difference(chunks):
                chunks[part] = " ".join(map(key, INDEX_WORD.findall(part)))
            return " ".join(map(chunks.__getitem__, parts)).split("\n")

    return keys


def import_files(path: str, language: str, *files: str, word_forms: bool = True) -> None:
    """Parse ``[hh:mm:ss] Speaker: text`` files into layers, utterances, spans, the search
    index of folded texts and (with ``word_forms``) the index of their word-form keys."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(FLOOR_SCHEMA + (KEYS_SCHEMA if word_forms else ""))
    if word_forms:  # as suhbat's schema sets both indexes (16 MB of entries per segment)
        for table in ("span_fts", "span_key_fts"):
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)", (16 << 20,))
    keys = word_keys(language) if word_forms else None
    utterance_id = span_id = 0
    with conn:
        for number, name in enumerate(files, 1):
            raw = Path(name).read_text(encoding="utf-8")
            text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
            conn.execute(
                "INSERT INTO transcript VALUES (?, ?, ?)", (number, str(uuid.uuid4()), name)
            )
            conn.execute("INSERT INTO layer VALUES (?, ?, ?, ?)", (number, number, language, text))
            utterances, spans, folded = [], [], []
            offset = 0
            for position, line in enumerate(text.split("\n")):
                m = LINE.match(line)
                if m is not None:
                    utterance_id += 1
                    span_id += 1
                    ms = (int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3])) * 1000
                    utterances.append((utterance_id, str(uuid.uuid4()), number, position, m[4], ms))
                    spans.append((span_id, utterance_id, number, offset, offset + len(line)))
                    folded.append((span_id, fold(line)))
                offset += len(line) + 1
            conn.executemany("INSERT INTO utterance VALUES (?, ?, ?, ?, ?, ?)", utterances)
            conn.executemany("INSERT INTO span VALUES (?, ?, ?, ?, ?)", spans)
            conn.executemany("INSERT INTO span_fts (rowid, folded) VALUES (?, ?)", folded)
            if keys is not None:
                key_texts = keys([line for _span, line in folded])
                conn.executemany(
                    "INSERT INTO span_key_fts (rowid, keys) VALUES (?, ?)",
                    zip((span for span, _line in folded), key_texts, strict=True),
                )
    conn.close()


def import_one_index(path: str, language: str, *files: str) -> None:
    """:func:`import_files` without the word-form index and with FTS5's default segment
    size: the import floor as it was before the word-form index was part of its job."""
    import_files(path, language, *files, word_forms=False)


# ----------------------------------------------------------------------- statistics
def _code_tree(conn: sqlite3.Connection) -> tuple[list[int], dict[int, list[int]], dict]:
    """Codes in pre-order, children per code, and id → (name, parent, depth)."""
    rows = conn.execute("SELECT id, parent_id, names FROM code ORDER BY position, id").fetchall()
    children: dict[int | None, list[int]] = defaultdict(list)
    names = {}
    for cid, parent, raw in rows:
        children[parent].append(cid)
        names[cid] = next(iter(json.loads(raw).values()), "")
    order: list[int] = []
    stack = list(reversed(children[None]))
    while stack:
        cid = stack.pop()
        order.append(cid)
        stack.extend(reversed(children.get(cid, [])))
    return order, dict(children), names


def _coded_people(conn: sqlite3.Connection) -> tuple[list[tuple], dict[int, set[int]]]:
    """Codings (id, code, layer, start, end, coder, session) and who speaks in each."""
    spans: dict[int, tuple[list[int], list[int], list[int | None]]] = {}
    rows = conn.execute(
        'SELECT s.layer_id, s.start, s."end", u.participant_id FROM span s '
        "JOIN utterance u ON u.id = s.utterance_id ORDER BY s.layer_id, s.start"
    )
    for layer_id, group in itertools.groupby(rows, key=lambda r: r[0]):
        g = list(group)
        spans[layer_id] = ([r[1] for r in g], [r[2] for r in g], [r[3] for r in g])
    codings = conn.execute(
        'SELECT c.id, c.code_id, c.layer_id, c.start, c."end", c.coder_id, t.session_id '
        "FROM coding c JOIN layer l ON l.id = c.layer_id "
        "JOIN transcript t ON t.id = l.transcript_id"
    ).fetchall()
    people: dict[int, set[int]] = {}
    for cid, _code, layer, start, end, _coder, _session in codings:
        starts, ends, who = spans.get(layer, ([], [], []))
        i = bisect.bisect_left(starts, end) - 1
        found = set()
        while i >= 0 and ends[i] > start:
            if who[i] is not None:
                found.add(who[i])
            i -= 1
        people[cid] = found
    return codings, people


def _per_code(conn: sqlite3.Connection) -> tuple[list[int], dict, dict, dict]:
    order, children, names = _code_tree(conn)
    codings, people = _coded_people(conn)
    own: dict[int, list[set]] = defaultdict(lambda: [set(), 0, set(), set()])
    for cid, code, layer, start, end, _coder, session in codings:
        sets = own[code]
        sets[0].add((layer, start, end))
        sets[1] += 1
        sets[2] |= people[cid]
        sets[3].add(session)
    total: dict[int, list] = {}
    for code in reversed(order):
        mine = own.get(code, [set(), 0, set(), set()])
        parts = [mine, *(total[k] for k in children.get(code, []))]
        total[code] = [
            set().union(*(p[0] for p in parts)),
            sum(p[1] for p in parts),
            set().union(*(p[2] for p in parts)),
            set().union(*(p[3] for p in parts)),
        ]
    return order, children, names, total


def frequencies(path: str) -> None:
    """Segments, codings, participants and sessions per code, theme rows over subtrees."""
    conn = connect(path)
    order, _children, names, total = _per_code(conn)
    n = conn.execute("SELECT COUNT(DISTINCT participant_id) FROM utterance").fetchone()[0]
    for code in order:
        segs, codings, people, sessions = total[code]
        share = 100 * len(people) / n if n else 0
        print(f"{names[code]}\t{len(segs)}\t{codings}\t{len(people)}\t{share:.1f}\t{len(sessions)}")


def crosstab(path: str, attribute: str) -> None:
    """Participants per code and attribute value."""
    conn = connect(path)
    order, _children, names, total = _per_code(conn)
    value = dict(
        conn.execute(
            "SELECT v.participant_id, v.value FROM participant_value v "
            "JOIN attribute a ON a.id = v.attribute_id WHERE a.name = ?",
            (attribute,),
        ).fetchall()
    )
    columns = sorted(set(value.values()))
    for code in order:
        counts = defaultdict(int)
        for pid in total[code][2]:
            counts[value.get(pid, "")] += 1
        print(names[code], *(counts[c] for c in columns), sep="\t")


def saturation(path: str) -> None:
    """New codes per session in date order, and the rolling base-4 run-2 ratios."""
    new, ratios = _saturation(connect(path))
    for i in range(4, len(new) - 1):
        print(i, new[i] + new[i + 1], sum(new[:i]), ratios[i])


Emit = Callable[..., None]
"""Where a floor's agreement rows go: printed (``stats``) or kept for a sheet (exports)."""


def _coefficients(matrix: list[list[int]]) -> tuple:
    """% agreement, Cohen's κ, Fleiss' κ, Krippendorff's α (nominal), Brennan–Prediger
    for a coders × units 0/1 matrix (every coder rated every unit)."""
    m, n = len(matrix), len(matrix[0]) if matrix else 0
    if n == 0:
        return (None,) * 5
    ones = [sum(col) for col in zip(*matrix, strict=True)]  # coders giving 1, per unit
    same = sum(k * (k - 1) + (m - k) * (m - k - 1) for k in ones)
    agree = same / (n * m * (m - 1))
    cohen = None
    if m == 2:
        pa, pb = sum(matrix[0]) / n, sum(matrix[1]) / n
        chance = pa * pb + (1 - pa) * (1 - pb)
        cohen = (agree - chance) / (1 - chance) if chance != 1 else None
    total = sum(ones)
    p1 = total / (n * m)
    pe = p1 * p1 + (1 - p1) * (1 - p1)
    fleiss = (agree - pe) / (1 - pe) if pe != 1 else None
    values = n * m  # Krippendorff: coincidences of ordered pairs within units
    off = sum(2 * k * (m - k) for k in ones) / (m - 1)
    n1, n0 = total, values - total
    alpha = 1 - (values - 1) * off / (2 * n1 * n0) if n1 and n0 else None
    return agree, cohen, fleiss, alpha, (agree - 0.5) / 0.5


def _coded_by_both(rows: list[tuple], key: int, a: int, b: int) -> set[int]:
    who: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        if row[5] in (a, b):
            who[row[key]].add(row[5])
    return {unit for unit, coders in who.items() if coders == {a, b}}


def _presence(rows: list[tuple], order: list[int], a: int, b: int, emit: Emit = print) -> None:
    documents = sorted(_coded_by_both(rows, 6, a, b))
    present: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for _cid, code, _layer, _start, _end, coder, doc in rows:
        if coder in (a, b) and doc in documents:
            present[code].add((coder, doc))
    pooled: list[list[int]] = [[], []]
    for code in order:
        if code not in present:
            continue
        matrix = [[int((c, d) in present[code]) for d in documents] for c in (a, b)]
        pooled[0] += matrix[0]
        pooled[1] += matrix[1]
        emit("presence", code, *_coefficients(matrix))
    emit("presence pooled", *_coefficients(pooled))


def _segments(rows: list[tuple], order: list[int], a: int, b: int, emit: Emit = print) -> None:
    layers = _coded_by_both(rows, 2, a, b)
    spans: dict[tuple[int, int, int], set[tuple[int, int]]] = defaultdict(set)
    for _cid, code, layer, start, end, coder, _doc in rows:
        if coder in (a, b) and layer in layers and end > start:
            spans[(code, layer, coder)].add((start, end))
    ordered = {key: sorted(value) for key, value in spans.items()}
    starts = {key: [s for s, _ in value] for key, value in ordered.items()}
    agree: dict[int, int] = defaultdict(int)
    seen: dict[int, int] = defaultdict(int)
    for (code, layer, coder), mine in ordered.items():
        other = (code, layer, b if coder == a else a)
        theirs, their_starts = ordered.get(other, []), starts.get(other, [])
        for start, end in mine:
            best_shared, best_union = 0, 1
            for s, e in theirs[: bisect.bisect_left(their_starts, end)]:
                shared = min(end, e) - max(start, s)
                union = max(end, e) - min(start, s)
                if shared > 0 and shared * best_union > best_shared * union:
                    best_shared, best_union = shared, union
            seen[code] += 1
            agree[code] += best_shared * 100 >= 90 * best_union
    used = [c for c in order if c in seen]
    chance = 1 / len(used) if used else 1
    for code in used:
        share = agree[code] / seen[code]
        emit("segments", code, agree[code], seen[code] - agree[code], share,
              (share - chance) / (1 - chance) if chance < 1 else None)  # fmt: skip


def _sections(units: list[tuple[int, int]], length: int, value: frozenset) -> list[tuple]:
    out, pos = [], 0
    for s, e in units:
        if s > pos:
            out.append((pos, s, frozenset()))
        out.append((s, e, value))
        pos = e
    if pos < length:
        out.append((pos, length, frozenset()))
    return out


def _combined(per_code: dict[int, list[tuple[int, int]]], length: int) -> list[tuple]:
    cuts: dict[int, list[tuple[int, int]]] = defaultdict(list)  # position → (+1/−1, code)
    for code, units in per_code.items():
        for s, e in units:
            cuts[s].append((1, code))
            cuts[e].append((-1, code))
    out: list[tuple] = []
    active: set[int] = set()
    positions = sorted({0, length, *cuts})
    for lo, hi in itertools.pairwise(positions):
        for sign, code in cuts.get(lo, ()):
            if sign < 0:
                active.discard(code)
        for sign, code in cuts.get(lo, ()):
            if sign > 0:
                active.add(code)
        value = frozenset(active)
        if not value and out and not out[-1][2]:
            out[-1] = (out[-1][0], hi, value)
        else:
            out.append((lo, hi, value))
    return out


def _u_alpha(first: list[tuple], second: list[tuple], length: int) -> tuple:
    """uα and |uα of two coders' sections (Krippendorff 2019), as (D_o, D_e, uα, |uα)."""
    pairable = 2 * length
    counts: dict[tuple, int] = defaultdict(int)
    i = j = 0
    while i < len(first) and j < len(second):
        (a0, a1, av), (b0, b1, bv) = first[i], second[j]
        shared = min(a1, b1) - max(a0, b0)
        if shared > 0:
            counts[(av, bv)] += shared
            counts[(bv, av)] += shared
        i += a1 <= b1
        j += b1 <= a1
    margins: dict[frozenset, int] = defaultdict(int)
    within: dict[frozenset, int] = defaultdict(int)
    for coder in (first, second):
        for s, e, value in coder:
            margins[value] += e - s
            within[value] += (e - s) ** 2 if value else e - s
    denominator = pairable * pairable - sum(within.values())
    observed = pairable - sum(counts[(v, v)] for v in margins)
    expected = pairable - pairable * sum(margins[v] ** 2 - within[v] for v in margins) / denominator
    gap = margins.get(frozenset(), 0)
    off_observed = 2 * sum(n for (x, y), n in counts.items() if not x and y)
    off_expected = 2 * pairable * gap * (pairable - gap) / denominator
    return (observed / pairable, expected / pairable,
            1 - observed / expected if expected else None,
            1 - off_observed / off_expected if off_expected else None)  # fmt: skip


def _u_alpha_2004(first: list[tuple], second: list[tuple], length: int) -> tuple:
    """Krippendorff's 1995/2004 uα of two coders' sections of one code (units have a truthy
    value): (D_o, D_e, number of units, uα) with D_o, D_e as integer numerators/denominators."""
    observed, i, j = 0, 0, 0
    while i < len(first) and j < len(second):  # the sections tile the continuum
        (a0, a1, av), (b0, b1, bv) = first[i], second[j]
        if av and bv:
            observed += (a0 - b0) ** 2 + (a1 - b1) ** 2
        elif av and b0 <= a0 and a1 <= b1:
            observed += (a1 - a0) ** 2
        elif bv and a0 <= b0 and b1 <= a1:
            observed += (b1 - b0) ** 2
        i += a1 <= b1
        j += b1 <= a1
    lengths = [e - s for coder in (first, second) for s, e, v in coder if v]
    gaps = sorted(e - s for coder in (first, second) for s, e, v in coder if not v)
    suffix = [*reversed(list(itertools.accumulate(reversed(gaps)))), 0]
    numerator = 0
    for ell in lengths:
        k = bisect.bisect_left(gaps, ell)
        numerator += (len(lengths) - 1) * (ell * (ell - 1) * (2 * ell - 1) // 3)
        numerator += ell * ell * (suffix[k] - (len(gaps) - k) * (ell - 1))
    denominator = length * (2 * length * (2 * length - 1) - sum(x * (x - 1) for x in lengths))
    d_o = observed / (length * length)  # 2·Σδ² / (m(m − 1)L²) with m = 2
    d_e = 2 * numerator / denominator if denominator else 0.0
    return d_o, d_e, len(lengths), 1 - d_o / d_e if lengths and d_e else None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _unitizing(
    conn: sqlite3.Connection,
    rows: list[tuple],
    order: list[int],
    a: int,
    b: int,
    emit: Emit = print,
    with_2004: bool = False,
) -> None:
    layers = _coded_by_both(rows, 2, a, b)
    sessions = {sid: i for i, (sid,) in enumerate(conn.execute(
        "SELECT id FROM session ORDER BY date IS NULL, date, position, id"))}  # fmt: skip
    places = {lid: (sessions.get(sid, 0), tid, lid, size) for lid, tid, sid, size in conn.execute(
        "SELECT l.id, l.transcript_id, t.session_id, length(l.text) FROM layer l"
        " JOIN transcript t ON t.id = l.transcript_id")}  # fmt: skip
    offset, length = {}, 0
    for place in sorted(places[lid] for lid in layers):
        offset[place[2]] = length
        length += place[3]
    units: dict[int, dict[int, list[tuple[int, int]]]] = {
        a: defaultdict(list),
        b: defaultdict(list),
    }
    for _cid, code, layer, start, end, coder, _doc in rows:
        if coder in units and layer in offset:
            start, end = max(0, start), min(places[layer][3], end)
            if end > start:
                units[coder][code].append((offset[layer] + start, offset[layer] + end))
    merged = {c: {code: _merge(spans) for code, spans in per.items()} for c, per in units.items()}
    sums = [0.0, 0.0]  # Σ D_o, Σ D_e of the 1995/2004 coefficient
    for code in order:
        if code in merged[a] or code in merged[b]:
            value = frozenset((code,))
            first = _sections(merged[a].get(code, []), length, value)
            second = _sections(merged[b].get(code, []), length, value)
            emit("unitizing", code, *_u_alpha(first, second, length)[:3])
            if with_2004:
                result = _u_alpha_2004(first, second, length)
                sums[0] += result[0]
                sums[1] += result[1]
                emit("unitizing-2004", code, *result)
    overall = _u_alpha(_combined(merged[a], length), _combined(merged[b], length), length)
    emit("unitizing all codes", *overall)
    if with_2004:
        emit(
            "unitizing-2004 all codes", None, None, None, 1 - sums[0] / sums[1] if sums[1] else None
        )


def _agreement_input(conn: sqlite3.Connection) -> tuple[int, int, list[tuple], list[int]]:
    """The first two coders, every coding (id, code, layer, start, end, coder, transcript)
    and the codes in tree order."""
    a, b = [r[0] for r in conn.execute("SELECT DISTINCT coder_id FROM coding ORDER BY 1")][:2]
    rows = conn.execute(
        'SELECT c.id, c.code_id, c.layer_id, c.start, c."end", c.coder_id, l.transcript_id'
        " FROM coding c JOIN (SELECT id, transcript_id FROM layer) l ON l.id = c.layer_id"
    ).fetchall()
    return a, b, rows, _code_tree(conn)[0]


def agreement(path: str, kind: str = "all") -> None:
    """The tables of ``stats agreement``: code presence per document (five coefficients),
    segment overlap ≥ 90 % per code and Krippendorff's uα per code, over all codes and
    |uα; ``kind`` ``presence`` computes the first only. Two coders (the first two)."""
    conn = connect(path)
    a, b, rows, order = _agreement_input(conn)
    _presence(rows, order, a, b)
    if kind == "all":
        _segments(rows, order, a, b)
        _unitizing(conn, rows, order, a, b)


# -------------------------------------------------------------------------- exports
def qdpx(path: str, out: str) -> None:
    """A REFI-QDA archive: project.qde with codes, sources and selections, texts in sources/."""
    conn = connect(path)
    _order, children, names = _code_tree(conn)
    uuids = dict(conn.execute("SELECT id, uuid FROM code"))
    coders = dict(conn.execute("SELECT id, uuid FROM coder"))
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n<Project name="p"><Users>']
    parts += [f'<User guid="{g}" name="{i}"/>' for i, g in coders.items()]
    parts.append("</Users><CodeBook><Codes>")

    def code_xml(cid: int) -> None:
        parts.append(f'<Code guid="{uuids[cid]}" name={quoteattr(names[cid])} isCodable="true">')
        for kid in children.get(cid, []):
            code_xml(kid)
        parts.append("</Code>")

    for root in children.get(None, []):
        code_xml(root)
    parts.append("</Codes></CodeBook><Sources>")
    selections: dict[int, list[tuple]] = defaultdict(list)
    for row in conn.execute(
        'SELECT layer_id, uuid, code_id, start, "end", coder_id FROM coding ORDER BY layer_id'
    ):
        selections[row[0]].append(row[1:])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for layer_id, layer_uuid, text in conn.execute("SELECT id, uuid, text FROM layer"):
            archive.writestr(f"sources/{layer_uuid}.txt", text)
            parts.append(
                f'<TextSource guid="{layer_uuid}" name="{layer_id}" '
                f'plainTextPath="internal://{layer_uuid}.txt">'
            )
            for guid, code, start, end, coder in selections.get(layer_id, []):
                parts.append(
                    f'<PlainTextSelection guid="{guid}" startPosition="{start}" '
                    f'endPosition="{end}" creatingUser="{coders[coder]}">'
                    f'<Coding guid="{uuid.uuid4()}" creatingUser="{coders[coder]}">'
                    f'<CodeRef targetGUID="{uuids[code]}"/></Coding></PlainTextSelection>'
                )
            parts.append("</TextSource>")
        parts.append("</Sources></Project>\n")
        archive.writestr("project.qde", "".join(parts))


def _segment_rows(conn: sqlite3.Connection) -> list[tuple]:
    """One row per coding: session, transcript, speaker, start and end time of the utterances
    it covers, layer language, theme and code, coder, quoted text and memo."""
    texts = {
        i: (text, lang) for i, text, lang in conn.execute("SELECT id, text, language FROM layer")
    }
    codes = {cid: (parent, next(iter(json.loads(raw).values()), "")) for cid, parent, raw in
             conn.execute("SELECT id, parent_id, names FROM code")}  # fmt: skip
    coders = dict(conn.execute("SELECT id, name FROM coder"))
    spans: dict[int, tuple[list[int], list[tuple]]] = {}
    rows = conn.execute(
        "SELECT s.layer_id, s.start, u.speaker, u.start_ms, u.end_ms FROM span s "
        "JOIN utterance u ON u.id = s.utterance_id ORDER BY s.layer_id, s.start"
    )
    for layer_id, group in itertools.groupby(rows, key=lambda r: r[0]):
        g = list(group)
        spans[layer_id] = ([r[1] for r in g], [r[2:] for r in g])

    def clock(ms: int | None) -> str:
        return (
            "" if ms is None else f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02}"
        )

    out = []
    for code, layer, start, end, coder, memo, transcript, session in conn.execute(
        'SELECT c.code_id, c.layer_id, c.start, c."end", c.coder_id, c.memo, t.title, se.title '
        "FROM coding c JOIN layer l ON l.id = c.layer_id JOIN transcript t ON t.id = "
        "l.transcript_id JOIN session se ON se.id = t.session_id ORDER BY c.layer_id, c.start"
    ):
        starts, who = spans.get(layer, ([], []))
        first = who[max(bisect.bisect_right(starts, start) - 1, 0)] if who else ("", None, None)
        last = who[max(bisect.bisect_left(starts, end) - 1, 0)] if who else ("", None, None)
        parent, name = codes[code]
        text, language = texts[layer]
        theme = codes[parent][1] if parent is not None else name
        out.append((session, transcript, first[0], clock(first[1]), clock(last[2]), language,
                    theme, name if parent is not None else "", coders[coder], text[start:end],
                    memo))  # fmt: skip
    return out


Rows = list[tuple]
Tables = dict[str, tuple[tuple[str, ...], Rows]]


def _kappa(pairs: list[tuple[bool, bool]]) -> tuple[float, float | None]:
    """Percent agreement and Cohen's κ of two coders' yes/no decisions."""
    agree = sum(x == y for x, y in pairs) / len(pairs)
    pa, pb = sum(x for x, _ in pairs) / len(pairs), sum(y for _, y in pairs) / len(pairs)
    chance = pa * pb + (1 - pa) * (1 - pb)
    return agree, (agree - chance) / (1 - chance) if chance < 1 else None


def _agreement_tables(conn: sqlite3.Connection, names: dict, with_2004: bool) -> Tables:
    """The agreement sheets: the same three tables as ``stats agreement`` (presence with five
    coefficients, segment overlap ≥ 90 %, uα per code and over all codes), by the floor's
    own computations of ``agreement``; ``with_2004`` the 1995/2004 uα too (the workbook's
    fourth agreement sheet)."""
    a, b, rows, order = _agreement_input(conn)
    kept: dict[str, list[tuple]] = defaultdict(list)

    def keep(kind: str, *values: object) -> None:
        if values and isinstance(values[0], int):  # a code's row
            kept[kind].append((names.get(values[0], values[0]), *values[1:]))
        else:  # "presence pooled", "unitizing all codes"
            kept[kind.split()[0]].append((kind, *values))

    _presence(rows, order, a, b, keep)
    _segments(rows, order, a, b, keep)
    _unitizing(conn, rows, order, a, b, keep, with_2004)
    return {
        "agreement presence": (
            ("Code", "Agreement", "Cohen", "Fleiss", "Krippendorff", "Brennan-Prediger"),
            kept["presence"],
        ),
        "agreement segments": (("Code", "Agree", "Differ", "Share", "Kappa"), kept["segments"]),
        "agreement unitizing": (
            ("Code", "Do", "De", "u-alpha", "|u-alpha"),
            [(*row, None)[:5] for row in kept["unitizing"]],  # |uα: over all codes only
        ),
        **(
            {"agreement unitizing 2004": (("Code", "Do", "De", "Units", "u-alpha"),
                                          kept["unitizing-2004"])}
            if with_2004 else {}
        ),
    }  # fmt: skip


def _study_tables(conn: sqlite3.Connection, *, workbook: bool = True) -> Tables:
    """The tables both exports show: profiles, frequencies, crosstabs, saturation, agreement
    (with the 1995/2004 uα for the ``workbook``: the report does not show it)."""
    order, _children, names, total = _per_code(conn)
    attributes = conn.execute("SELECT id, name FROM attribute ORDER BY position, id").fetchall()
    values: dict[int, dict[int, str]] = defaultdict(dict)
    for pid, aid, value in conn.execute("SELECT participant_id, attribute_id, value "
                                        "FROM participant_value"):  # fmt: skip
        values[aid][pid] = value
    people = conn.execute("SELECT id, code FROM participant ORDER BY code").fetchall()
    sessions = conn.execute(
        "SELECT id, title, kind, date, location, setting, region, languages, duration_min "
        "FROM session ORDER BY date IS NULL, date, position, id"
    ).fetchall()
    tables: Tables = {
        "participants": (
            ("Participant", *(n for _i, n in attributes)),
            [(code, *(values[aid].get(pid, "") for aid, _n in attributes)) for pid, code in people],
        ),
        "participant profile": (
            ("Variable", "Value", "n", "%"),
            [
                (name, value, n, 100 * n / len(people))
                for aid, name in attributes
                for value, n in sorted(Counter(values[aid].values()).items())
            ],
        ),
        "sessions": (
            ("Session", "Kind", "Date", "Location", "Setting", "Region", "Languages", "Duration"),
            [s[1:] for s in sessions],
        ),
        "session profile": (
            ("Kind", "n"),
            sorted(Counter(s[2] for s in sessions).items()),
        ),
        "frequencies": (
            ("Code", "Segments", "Codings", "Participants", "Sessions"),
            [
                (names[c], len(total[c][0]), total[c][1], len(total[c][2]), len(total[c][3]))
                for c in order
            ],
        ),
    }
    for aid, name in attributes:
        columns = sorted(set(values[aid].values()))
        rows = []
        for code in order:
            counts = Counter(values[aid].get(pid, "") for pid in total[code][2])
            rows.append((names[code], *(counts[c] for c in columns)))
        tables[f"by {name}"] = (("Code", *columns), rows)
    per_session = Counter(conn.execute(
        "SELECT c.code_id, t.session_id FROM coding c JOIN layer l ON l.id = c.layer_id "
        "JOIN transcript t ON t.id = l.transcript_id").fetchall())  # fmt: skip
    tables["by session"] = (
        ("Code", *(s[1] for s in sessions)),
        [(names[c], *(per_session[(c, s[0])] for s in sessions)) for c in order],
    )
    tables["valence"] = (("Code", "Valence", "Codings"), [
        (names[c], v, n) for c, v, n in conn.execute(
            "SELECT code_id, valence, COUNT(*) FROM coding GROUP BY 1, 2")])  # fmt: skip
    pairs: Counter[tuple[int, int]] = Counter()
    for _layer, group in itertools.groupby(conn.execute(
        'SELECT layer_id, start, "end", code_id FROM coding ORDER BY layer_id, start'
    ), key=lambda r: r[0]):  # fmt: skip
        open_: list[tuple[int, int]] = []
        for _l, start, end, code in group:
            open_ = [(e, c) for e, c in open_ if e > start]
            pairs.update((min(c, code), max(c, code)) for _e, c in open_ if c != code)
            open_.append((end, code))
    overlaps = [(names[x], names[y], n) for (x, y), n in pairs.items()]
    tables["co-occurrence"] = (("Code", "Code", "Overlaps"), overlaps)
    new, ratios = _saturation(conn)
    runs = [(s[1], n, r) for s, n, r in zip(sessions, new, ratios, strict=True)]
    tables["saturation"] = (("Session", "New codes", "Ratio"), runs)
    tables.update(_agreement_tables(conn, names, workbook))
    return tables


def _saturation(conn: sqlite3.Connection) -> tuple[list[int], list[float | None]]:
    """New codes per session in date order and the rolling base-4 run-2 ratio (None where
    there is none)."""
    rows = conn.execute(
        "SELECT se.id, c.code_id FROM coding c JOIN layer l ON l.id = c.layer_id "
        "JOIN transcript t ON t.id = l.transcript_id JOIN session se ON se.id = t.session_id "
        "GROUP BY se.id, c.code_id"
    ).fetchall()
    sessions = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM session ORDER BY date IS NULL, date, position, id"
        ).fetchall()
    ]
    codes: dict[int, set[int]] = defaultdict(set)
    for sid, code in rows:
        codes[sid].add(code)
    seen: set[int] = set()
    new = []
    for sid in sessions:
        new.append(len(codes[sid] - seen))
        seen |= codes[sid]
    ratios: list[float | None] = []
    for i in range(len(new)):
        base = sum(new[:i])
        ratios.append((new[i] + new[i + 1]) / base if 4 <= i < len(new) - 1 and base else None)
    return new, ratios


def _cell(value: object) -> str:
    if isinstance(value, int | float):
        return f'<c t="n"><v>{value}</v></c>'
    return f'<c t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def xlsx(path: str, out: str, tables: Tables | None = None) -> None:
    """A minimal workbook, inline strings: the coded-segment list and every study table."""
    conn = connect(path)
    header = ("Session", "Transcript", "Speaker", "Start", "End", "Layer", "Level 1", "Level 2",
              "Coder", "Text", "Memo")  # fmt: skip
    sheets = {"segments": [header, *_segment_rows(conn)]}
    for name, (header, rows) in (tables or _study_tables(conn)).items():
        sheets[name] = [header, *rows]
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets>'
            + "".join(
                f'<sheet name="{name}" sheetId="{i}" r:id="r{i}"/>'
                for i, name in enumerate(sheets, 1)
            )
            + "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships">'
            + "".join(
                f'<Relationship Id="r{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Relationships>",
        )
        for i, rows in enumerate(sheets.values(), 1):
            body = "".join(
                "<row>" + "".join(_cell("" if v is None else v) for v in row) + "</row>"
                for row in rows
            )
            archive.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<?xml version="1.0"?><worksheet {ns}><sheetData>{body}</sheetData></worksheet>',
            )


WORD = r"(?<![\[\p{L}\p{M}])\p{L}[\p{L}\p{M}]*+(?:[-'’]\p{L}[\p{L}\p{M}]*+)*+(?!\])"


def _words(conn: sqlite3.Connection) -> Tables:
    """The 20 most frequent stems per transcript (original layers), Snowball for ru/en."""
    import regex
    import snowballstemmer

    word = regex.compile(WORD)
    stemmers = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}
    rows = []
    for layer, title, language, text in conn.execute(
        "SELECT l.id, t.title, l.language, l.text FROM layer l JOIN transcript t "
        "ON t.id = l.transcript_id WHERE l.is_original ORDER BY t.id"
    ).fetchall():
        spans = conn.execute(
            'SELECT start, "end" FROM span WHERE layer_id = ? ORDER BY start', (layer,)
        ).fetchall()
        found = word.findall(fold("\n".join(text[s:e] for s, e in spans)))
        stem = stemmers.get(language)
        by_stem: dict[str, Counter[str]] = defaultdict(Counter)
        for form, n in Counter(found).items():
            by_stem[stem.stemWord(form) if stem else form][form] += n
        ranked = sorted(by_stem.items(), key=lambda kv: -sum(kv[1].values()))[:20]
        for rank, (_key, forms) in enumerate(ranked, 1):
            n = sum(forms.values())
            rows.append((title, rank, forms.most_common(1)[0][0], n, 1000 * n / len(found),
                         ", ".join(forms)))  # fmt: skip
    return {"words": (("Transcript", "Rank", "Word", "Count", "Per 1,000", "Forms"), rows)}


def _chart(kind: str, labels: list[str], values: list, title: str, columns: list[str]) -> bytes:
    """A bar chart, a curve or a heat map as PNG (Agg), its numbers in a text chunk."""
    import io

    from matplotlib.figure import Figure

    height = 3.2 if kind == "curve" else min(9.0, 1.2 + 0.32 * len(labels))
    figure = Figure(figsize=(6.3, height), dpi=150)
    axes = figure.subplots()
    if kind == "bars":
        axes.barh(range(len(labels)), values)
        axes.set_yticks(range(len(labels)), labels=labels, fontsize=8)
        for i, value in enumerate(values):
            axes.text(value, i, f" {value:g}", va="center", fontsize=7)
    elif kind == "curve":
        axes.plot(range(1, len(values) + 1), values, marker="o")
        axes.axhline(0.05, linestyle="--")
        axes.set_xticks(range(1, len(values) + 1), labels=labels, fontsize=7, rotation=30)
    else:
        image = axes.imshow(values, cmap="YlOrRd", vmin=0, vmax=100, aspect="auto")
        axes.set_xticks(range(len(columns)), labels=columns, fontsize=8)
        axes.set_yticks(range(len(labels)), labels=labels, fontsize=8)
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                axes.text(c, r, f"{value:.0f}", ha="center", va="center", fontsize=7)
        figure.colorbar(image, ax=axes)
    axes.set_title(title, fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"chart": json.dumps(values)})
    return buffer.getvalue()


REPORT_SKIPS = (
    "session profile",
    "by session",
    "valence",
    "co-occurrence",
    "agreement unitizing 2004",
)
"""Workbook sheets the report does not show."""


def report(path: str, out: str, tables: Tables | None = None) -> None:
    """A Word report (python-docx) of every table, word frequencies, three charts, quotes
    (the first three passages of each code) and memos."""
    import io

    from docx import Document
    from docx.shared import Inches

    conn = connect(path)
    computed = tables or _study_tables(conn, workbook=False)
    shown = {k: v for k, v in computed.items() if k not in REPORT_SKIPS}
    tables = {**shown, **_words(conn)}
    document = Document()
    document.add_heading("Report", 0)
    for title, (header, rows) in tables.items():
        document.add_heading(title, 1)
        table = document.add_table(rows=1 + len(rows), cols=len(header))
        for row, values in zip(table.rows, [header, *rows], strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = "" if value is None else str(value)
        chart = None
        if title == "frequencies":
            chart = _chart("bars", [r[0] for r in rows], [r[1] for r in rows], title, [])
        elif title == "saturation":
            chart = _chart("curve", [r[0] for r in rows], [r[2] or 0 for r in rows], title, [])
        elif title.startswith("by ") and title != "by session":
            share = [[100 * n / max(sum(r[1:]), 1) for n in r[1:]] for r in rows]
            chart = _chart("heat", [r[0] for r in rows], share, title, list(header[1:]))
        if chart is not None:
            document.add_picture(io.BytesIO(chart), width=Inches(6.3))
    document.add_heading("Quotes", 1)
    _order, _children, names = _code_tree(conn)
    for code, name in names.items():
        document.add_heading(name, 2)
        for (quote,) in conn.execute(
            'SELECT substr(l.text, c.start + 1, c."end" - c.start) FROM coding c '
            "JOIN layer l ON l.id = c.layer_id WHERE c.code_id = ? ORDER BY c.id LIMIT 3",
            (code,),
        ):
            document.add_paragraph(quote, style="Quote")
    document.add_heading("Memos", 1)
    for target, text in conn.execute("SELECT target, text FROM memo ORDER BY target, id"):
        document.add_paragraph(f"{target}: {text}")
    document.save(out)


def report_xlsx(path: str, out: str, book: str) -> None:
    """The report and the workbook in one process, the tables computed once (the floor of
    ``report --workbook``)."""
    tables = _study_tables(connect(path))
    report(path, out, tables)
    xlsx(path, book, tables)


JOBS = {
    "info": info,
    "search": search,
    "import": import_files,
    "import-one-index": import_one_index,
    "frequencies": frequencies,
    "crosstab": crosstab,
    "saturation": saturation,
    "agreement": agreement,
    "qdpx": qdpx,
    "xlsx": xlsx,
    "report": report,
    "report+xlsx": report_xlsx,
}

if __name__ == "__main__":
    JOBS[sys.argv[1]](*sys.argv[2:])
