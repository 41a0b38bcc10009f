#!/usr/bin/env python3
"""Floor scripts of the text kinds of ``suhbat stats``, in plain Python + ``sqlite3``.

    python bench/floors_texts.py JOB PROJECT [ARGS…]

Jobs (each prints the rows of the table the command prints, tab-separated):

* ``cooccurrence [overlap|utterance]``: the code × code matrix, themes standing for their
  subtrees (overlapping segment pairs, or utterances with both codes);
* ``words [lemma|surface] [transcript|kind]``: the 20 most frequent words per transcript
  or session kind, in each transcript's original layer, the project's stop words left
  out, forms grouped under the search key (Snowball for Russian and English, the Kazakh
  suffix stripper, written out here);
* ``disagreements``: the segments one coder coded that the other did not match at 90 %
  (intersection over union), with excerpts, for every pair of coders;
* ``check``: runs ``suhbat stats … --json`` (next to this Python) for each job above
  and says whether its rows agree with the floor's (floats to 1e-9).

No suhbat module is imported (the ``suhbat`` command runs in a subprocess for ``check``
only); the shipped stop-word lists are read from ``analysis/stop_words/``. Like
``floors.py`` they skip what the command does besides the table (checks, locks,
translations, options, filters).
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import sqlite3
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
Rows = list[tuple]


def connect(path: str) -> sqlite3.Connection:
    """A read-only connection."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def fold(text: str) -> str:
    """Case and ё folding, NFC."""
    folded = text.casefold().replace("ё", "е")
    return folded if folded.isascii() else unicodedata.normalize("NFC", folded)


def code_tree(conn: sqlite3.Connection) -> tuple[list[int], dict[int, list[int]], dict[int, str]]:
    """Codes in pre-order (siblings by position, id), children per code, names (English
    where given, as ``check`` runs the command in English, else the first)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    names: dict[int, str] = {}
    for cid, parent, raw in conn.execute(
        "SELECT id, parent_id, names FROM code ORDER BY position, id"
    ):
        children[parent].append(cid)
        given = json.loads(raw)
        names[cid] = given.get("en") or next((n for n in given.values() if n), "")
    order: list[int] = []
    stack = list(reversed(children[None]))
    while stack:
        cid = stack.pop()
        order.append(cid)
        stack.extend(reversed(children.get(cid, [])))
    return order, {k: v for k, v in children.items() if k is not None}, names


# --------------------------------------------------------------------- co-occurrence
def cooccurrence_rows(path: str, mode: str = "overlap") -> Rows:
    """One row per code in tree order: its name and its count with every code."""
    conn = connect(path)
    order, children, names = code_tree(conn)
    rows_of: dict[int, list[int]] = defaultdict(list)  # code → the rows it counts in
    for i, code in enumerate(order):
        stack = [code]
        while stack:
            member = stack.pop()
            rows_of[member].append(i)
            stack.extend(children.get(member, ()))
    n = len(order)
    matrix = [[0] * n for _ in range(n)]
    if mode == "overlap":
        codings = conn.execute(
            'SELECT layer_id, start, "end", code_id FROM coding'
            ' WHERE "end" > start ORDER BY layer_id'
        )
        for _layer, group in itertools.groupby(codings, key=lambda r: r[0]):
            segments = {(s, e, i) for _l, s, e, code in group for i in rows_of[code]}
            active: list[tuple[int, int]] = []  # (end, row)
            for start, end, i in sorted(segments):
                matrix[i][i] += 1
                active = [(e, j) for e, j in active if e > start]
                for _e, j in active:
                    if j != i:
                        matrix[i][j] += 1
                        matrix[j][i] += 1
                active.append((end, i))
    else:
        spans: dict[int, tuple[list[int], list[int], list[int]]] = {}
        for layer, group in itertools.groupby(conn.execute(
            'SELECT layer_id, start, "end", utterance_id FROM span ORDER BY layer_id, start'
        ), key=lambda r: r[0]):  # fmt: skip
            g = list(group)
            spans[layer] = ([r[1] for r in g], [r[2] for r in g], [r[3] for r in g])
        found: dict[int, set[int]] = defaultdict(set)  # utterance → rows
        none: tuple[list[int], list[int], list[int]] = ([], [], [])
        for layer, start, end, code in conn.execute(
            'SELECT layer_id, start, "end", code_id FROM coding'
        ):
            starts, ends, ids = spans.get(layer, none)
            if end <= start:  # a point: the span it lies in
                i = bisect.bisect_right(starts, start) - 1
                if i >= 0 and start < ends[i]:
                    found[ids[i]].update(rows_of[code])
                continue
            i = bisect.bisect_left(starts, end) - 1
            while i >= 0 and ends[i] > start:
                found[ids[i]].update(rows_of[code])
                i -= 1
        for rows in found.values():
            ordered = sorted(rows)
            for a, i in enumerate(ordered):
                matrix[i][i] += 1
                for j in ordered[a + 1 :]:
                    matrix[i][j] += 1
                    matrix[j][i] += 1
    return [(names[code], *row) for code, row in zip(order, matrix, strict=True)]


# ----------------------------------------------------------------------------- words
WORD = (r"(?<![\[\p{L}\p{M}])\p{L}[\p{L}\p{M}]*+(?:[-'’]\p{L}[\p{L}\p{M}]*+)*+(?!\])")  # fmt: skip
"""The command's word pattern (``regex`` syntax; compiled with ``regex`` in :func:`words_rows`)."""
KIND_NAMES = {"interview": "interview", "focus_group": "focus group"}

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіäğñöūüı]")
_UNMIX = str.maketrans("abcehikmoptxy", "авсенікмортху")
_LATIN_KAZAKH = str.maketrans(
    "aäbcdefgğhıijklmnñoöpqrsştuūüvwxyz", "аәбсдефгғхіижклмнңоөпқрсштуұүвухыз"
)
_CANON = str.maketrans({"й": "и", "щ": "ш", "ч": "ш", "ц": "с", "һ": "х", "ъ": "", "ь": ""})

# The Kazakh suffix stripper: slots from the outside in, the longest suffix that leaves a
# stem of 3+ letters with a vowel, in vowel harmony, after the letters it may follow.
_V = frozenset("аоұыәөүіеиуюяэ")
_BACK, _FRONT = frozenset("аоұы"), frozenset("әөүіе")
_VOICELESS = frozenset("птқксшщчцфхһбвгдғ")
_SONORANT, _VOICED = _V | frozenset("руй"), _V | frozenset("лмнңрйзж")
_LZ, _NASAL = frozenset("лрйзж"), frozenset("мнң")
_CONSONANT = frozenset("бвгғджзйклмнңпрстфхһцчшщқ")
_NOT_I = _VOICED - frozenset("ыі")
Rule = tuple[str, frozenset, bool, bool, bool]
"""Text, letters it may follow, needs a possessive before it, harmonic, a vowel possessive."""


def _rules(
    templates: Iterable[tuple[str, frozenset]], possessive: bool = False, harmonic: bool = True
) -> list[Rule]:
    out: dict[str, Rule] = {}
    for template, after in templates:
        for a, i, g, q in (("а", "ы", "ғ", "қ"), ("е", "і", "г", "к")):
            text = template.replace("A", a).replace("I", i).replace("G", g).replace("Q", q)
            out[text] = (text, after, possessive, harmonic, False)
    return sorted(out.values(), key=lambda r: len(r[0]), reverse=True)


PREDICATE = _rules((("мIн", _NOT_I), ("бIн", frozenset("зж")), ("пIн", _VOICELESS),
                    ("сIң", _NOT_I | _CONSONANT), ("сIз", _NOT_I | _CONSONANT), ("мIз", _NOT_I),
                    ("бIз", frozenset("зж")), ("пIз", _VOICELESS)))  # fmt: skip
CASE = sorted(
    _rules((("нIң", _V | _NASAL), ("дIң", _LZ | frozenset("у")), ("тIң", _VOICELESS),
            ("GA", _VOICED), ("QA", _VOICELESS), ("нI", _V), ("дI", _LZ | _NASAL | frozenset("у")),
            ("тI", _VOICELESS), ("дA", _VOICED), ("тA", _VOICELESS), ("дAGI", _VOICED),
            ("тAGI", _VOICELESS), ("дAн", _V | _LZ), ("нAн", _NASAL), ("тAн", _VOICELESS)))
    + _rules((("мен", _SONORANT | _NASAL | frozenset("л")), ("бен", frozenset("зж")),
              ("пен", _VOICELESS)), harmonic=False)
    + _rules((("нA", _V), ("н", frozenset("ыі")), ("A", frozenset("мң")), ("ндA", _V),
              ("ндAGI", _V), ("нAн", _V)), possessive=True),
    key=lambda r: len(r[0]), reverse=True,
)  # fmt: skip
POSSESSIVE = [
    (t, after, p, h, after == _V)
    for t, after, p, h, _ in _rules((("IмIз", _CONSONANT), ("мIз", _V), ("IңIз", _CONSONANT),
                                     ("ңIз", _V), ("IңдAр", _CONSONANT), ("ңдAр", _V),
                                     ("Iм", _CONSONANT), ("м", _V), ("Iң", _CONSONANT),
                                     ("ң", _V), ("сI", _V), ("I", _CONSONANT)))
]  # fmt: skip
PLURAL = _rules((("лAр", _SONORANT), ("дAр", frozenset("лмнңзж")), ("тAр", _VOICELESS)))
NOUN_ENDING = _rules((("Iм", _CONSONANT),))
OWN_I, OWN_N = ("шы", "ші", "қаржы"), ("тұрғын", "ақын", "жиын", "келін", "түйін", "ағын")


def _harmony(stem: str, suffix: str) -> bool:
    last = next((ch for ch in reversed(stem) if ch in _V), "")
    if not last:
        return False
    if last in _BACK:
        return not any(ch in _FRONT for ch in suffix)
    return not any(ch in _BACK for ch in suffix) if last in _FRONT else True


def _strip(word: str, rules: list[Rule]) -> tuple[str, bool]:
    for text, after, possessive, harmonic, vowel_possessive in rules:
        if not word.endswith(text):
            continue
        stem = word[: -len(text)]
        if len(stem) < 3 and (len(stem) < 2 or stem[-1] in _V):
            continue
        if (text in ("ы", "і") and word.endswith(OWN_I)) or (text == "н" and word.endswith(OWN_N)):
            continue
        if vowel_possessive and stem[-1] in "ыі" and not stem.endswith(OWN_I):
            continue
        if stem[-1] not in after or (harmonic and not _harmony(stem, text)):
            continue
        if possessive and not _strip(stem, POSSESSIVE)[1]:
            continue
        return stem, True
    return word, False


def kazakh_stem(word: str) -> str:
    """The stem of a folded Kazakh Cyrillic word."""
    if len(word) <= 3:
        return word
    for rules in (PREDICATE, CASE, POSSESSIVE, PLURAL, NOUN_ENDING):
        word = _strip(word, rules)[0]
    return word[:-1] + {"б": "п", "г": "к", "ғ": "қ"}.get(word[-1], word[-1])


def key_function() -> Callable[[str, str], str]:
    """``(folded word, layer language) → key``, as search keys words."""
    import snowballstemmer

    stemmers = {"r": snowballstemmer.stemmer("russian"), "e": snowballstemmer.stemmer("english")}

    def key(folded: str, language: str) -> str:
        folded = fold(folded)
        letter = {"ru": "r", "kk": "k", "en": "e"}.get(
            language.split("-")[0].split("_")[0].lower(), "x"
        )
        cyrillic = _CYRILLIC.search(folded) is not None
        if letter != "k" and _KAZAKH_LETTERS.search(folded):
            letter = "k"
        elif letter == "e" and cyrillic:
            letter = "r"
        word = folded
        if cyrillic and _LATIN.search(folded):  # Latin look-alikes in a Cyrillic word
            word = folded.translate(_UNMIX)
        cyrillic, latin = _CYRILLIC.search(word) is not None, _LATIN.search(word) is not None
        if letter == "k":
            if latin and not cyrillic:
                word = word.replace("i\u0307", "i").translate(_LATIN_KAZAKH)
            out = kazakh_stem(word).translate(_CANON)
            return out.replace("я", "иа").replace("ю", "иу")
        if (letter == "r" and cyrillic) or (letter == "e" and latin):
            return stemmers[letter].stemWord(word)
        return word

    return key


def stop_words(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """The project's stop words per project language: its own list, else the shipped one."""
    (languages,) = conn.execute("SELECT languages FROM project").fetchone()
    own = dict(conn.execute("SELECT key, value FROM setting WHERE key LIKE 'stop_words.%'"))
    out = {}
    for language in languages.split(","):
        text = own.get(f"stop_words.{language}")
        shipped = ROOT / "analysis" / "stop_words" / f"{language}.txt"
        if text is None:
            text = shipped.read_text(encoding="utf-8") if shipped.exists() else ""
        lines = (line.split("#", 1)[0].replace(",", " ") for line in text.splitlines())
        out[language] = frozenset(fold(word) for line in lines for word in line.split())
    return out


def words_rows(path: str, forms: str = "lemma", by: str = "transcript", top: int = 20) -> Rows:
    """Group, rank, word, count, per 1,000 words and forms of the top words per group."""
    import regex

    word = regex.compile(WORD)
    conn = connect(path)
    stops = stop_words(conn)
    key = key_function()
    seen: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)  # group → (form, lang) → n
    totals: Counter[str] = Counter()
    order: dict[str, tuple] = {}
    for layer, transcript, language, text, title, date, position, kind in conn.execute(
        "SELECT l.id, t.id, l.language, l.text, t.title, s.date, s.position, s.kind FROM layer l "
        "JOIN transcript t ON t.id = l.transcript_id JOIN session s ON s.id = t.session_id "
        "WHERE l.is_original ORDER BY t.id, l.id"
    ).fetchall():
        spans = conn.execute(
            'SELECT start, "end" FROM span WHERE layer_id = ?', (layer,)
        ).fetchall()
        if not spans:
            continue
        if by == "transcript":
            group = title
            order.setdefault(group, (date or "", position, transcript))
        else:
            group = KIND_NAMES.get(kind, kind)
            order.setdefault(group, (kind != "interview", kind))
        found = word.findall(fold("\n".join(text[s:e] for s, e in spans)))
        totals[group] += len(found)
        stop = stops.get(language, frozenset())
        counts = seen[group]
        for form, n in Counter(found).items():
            if form not in stop:
                counts[(form, language)] += n
    keys: dict[tuple[str, str], str] = {}
    rows = []
    for group in sorted(order, key=order.__getitem__):
        by_key: dict[str, Counter[str]] = defaultdict(Counter)
        for (form, language), n in seen[group].items():
            if forms == "lemma":
                k = keys.get((form, language))
                if k is None:
                    k = keys[(form, language)] = key(form, language)
            else:
                k = form
            by_key[k][form] += n
        ranked = sorted(
            ((k, sum(c.values())) for k, c in by_key.items()), key=lambda kv: (-kv[1], kv[0])
        )
        for rank, (k, n) in enumerate(ranked[:top], 1):
            shown = sorted(by_key[k].items(), key=lambda kv: (-kv[1], kv[0]))
            per = round(1000 * n / totals[group], 1) if totals[group] else None
            rows.append((group, rank, shown[0][0], n, per, ", ".join(f for f, _n in shown)))
    return rows


# --------------------------------------------------------------------- disagreements
def disagreements_rows(path: str, threshold: int = 90, excerpt: int = 80) -> Rows:
    """Code, document, coder, start, end, excerpt, the other coder's closest segment and
    its overlap %, for each pair of coders (in coder order)."""
    conn = connect(path)
    order, _children, names = code_tree(conn)
    position = {code: i for i, code in enumerate(order)}
    coder_names = dict(conn.execute("SELECT id, name FROM coder"))
    codings = conn.execute(
        'SELECT code_id, layer_id, start, "end", coder_id FROM coding'
    ).fetchall()
    documents = {
        lid: f"{title or session or f'#{sid}'} [{language}]"
        for lid, language, title, sid, session in conn.execute(
            "SELECT l.id, l.language, t.title, s.id, s.title FROM layer l JOIN transcript t "
            "ON t.id = l.transcript_id JOIN session s ON s.id = t.session_id"
        )
    }
    texts: dict[int, str] = {}
    rows: Rows = []
    for a, b in itertools.combinations(sorted({c[4] for c in codings}), 2):
        who: dict[int, set[int]] = defaultdict(set)
        for _code, layer, _s, _e, coder in codings:
            if coder in (a, b):
                who[layer].add(coder)
        both = {layer for layer, coders in who.items() if len(coders) == 2}
        spans: dict[tuple[int, int, int], set[tuple[int, int]]] = defaultdict(set)
        for code, layer, start, end, coder in codings:
            if coder in (a, b) and layer in both and end > start:
                spans[(code, layer, coder)].add((start, end))
        ordered = {k: sorted(v) for k, v in spans.items()}
        found = []
        for (code, layer, coder), mine in sorted(ordered.items()):
            others = ordered.get((code, layer, b if coder == a else a), [])
            starts = [s for s, _e in others]
            for start, end in mine:
                best_shared, best_union, closest = 0, 1, None
                for other in others[: bisect.bisect_left(starts, end)]:
                    shared = min(end, other[1]) - max(start, other[0])
                    if shared > 0:
                        union = max(end, other[1]) - min(start, other[0])
                        if shared * best_union > best_shared * union:
                            best_shared, best_union, closest = shared, union, other
                if closest is not None and best_shared * 100 >= threshold * best_union:
                    continue
                if layer not in texts:
                    texts[layer] = conn.execute(
                        "SELECT text FROM layer WHERE id = ?", (layer,)
                    ).fetchone()[0]
                quote = texts[layer][start:end]
                if len(quote) > excerpt:
                    quote = quote[: excerpt - 1] + "…"
                found.append((names[code], documents[layer], coder_names[coder], start, end,
                              quote.replace("\n", " "),
                              f"{closest[0]}–{closest[1]}" if closest else None,
                              100.0 * best_shared / best_union if closest else None,
                              position[code], coder))  # fmt: skip
        found.sort(key=lambda r: (r[8], r[1], r[3], r[9]))
        rows += [r[:8] for r in found]
    return rows


# ----------------------------------------------------------------------------- check
CHECKS: dict[str, tuple[list[str], Callable[[str], Rows]]] = {
    "cooccurrence": (["cooccurrence"], lambda p: cooccurrence_rows(p)),
    "cooccurrence utterance": (
        ["cooccurrence", "--mode", "utterance"],
        lambda p: cooccurrence_rows(p, "utterance"),
    ),
    "words": (["words"], lambda p: words_rows(p)),
    "words surface": (["words", "--forms", "surface"], lambda p: words_rows(p, "surface")),
    "words by kind": (["words", "--by", "kind"], lambda p: words_rows(p, by="kind")),
    "words by kind surface": (
        ["words", "--by", "kind", "--forms", "surface"],
        lambda p: words_rows(p, "surface", "kind"),
    ),
    "disagreements": (["disagreements"], lambda p: disagreements_rows(p)),
}


def same(mine: object, theirs: object) -> bool:
    """Equal values, floats to 1e-9."""
    if isinstance(mine, float) or isinstance(theirs, float):
        return (
            isinstance(mine, int | float)
            and isinstance(theirs, int | float)
            and abs(mine - theirs) <= 1e-9
        )
    return mine == theirs


def check(path: str) -> None:
    """Compare every job's rows with ``suhbat stats … --json`` (English)."""
    import subprocess  # (the timed jobs do not start processes)

    suhbat = str(Path(sys.executable).parent / "suhbat")
    failed = False
    for name, (args, floor) in CHECKS.items():
        out = subprocess.run([suhbat, "--lang", "en", "stats", path, *args, "--json"], check=True,
                             capture_output=True).stdout  # fmt: skip
        theirs = [row for table in json.loads(out)["tables"] for row in table["rows"]]
        mine = floor(path)
        pairs = enumerate(zip(mine, theirs, strict=False))
        bad = [i for i, (x, y) in pairs if len(x) != len(y) or not all(map(same, x, y))]
        ok = len(mine) == len(theirs) and not bad
        failed |= not ok
        first = f" (first at row {bad[0]}: {mine[bad[0]]} ≠ {theirs[bad[0]]})" if bad else ""
        print(f"{name:24} {len(mine):6} rows  {'agree' if ok else 'DIFFER'}{first}")
    sys.exit(1 if failed else 0)


def show(rows: Rows) -> None:
    """The rows, tab-separated, one a line."""
    text = "\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)
    sys.stdout.write(text + "\n")


JOBS: dict[str, Callable[..., None]] = {
    "cooccurrence": lambda path, mode="overlap": show(cooccurrence_rows(path, mode)),
    "words": lambda path, forms="lemma", by="transcript": show(words_rows(path, forms, by)),
    "disagreements": lambda path: show(disagreements_rows(path)),
    "check": check,
}

if __name__ == "__main__":
    JOBS[sys.argv[1]](*sys.argv[2:])
