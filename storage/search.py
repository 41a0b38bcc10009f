"""Full-text search over every layer: word forms, scripts, case and ё for Cyrillic and Kazakh.

Two FTS5 tables are searched. ``span_fts`` indexes a folded copy of each utterance's
text (see :func:`storage.text.fold`); ``span_key_fts`` the word-form key of each word
(see :mod:`storage.word_forms`). A query is folded the same way and turned into safe
FTS5 expressions (:func:`parse_query`):

* ``согласование`` finds every form of the word (its key, in each language family;
  a Kazakh word in Latin letters finds its Cyrillic spelling and back);
* ``"согласования"`` (one word in double quotes) finds that form only;
* ``"согласование проекта"`` (several words) finds the words' forms in that order,
  ``="согласование проекта"`` that exact phrase;
* ``соглас*`` finds words that start so.

Words must all occur in an utterance.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storage.base import Database, Part
from storage.errors import N_, ValidationError
from storage.layer_text_cache import LayerTextCache
from storage.models import Occurrence, SearchHit
from storage.scripts import other_script
from storage.span_index import SpanIndex
from storage.text import fold, fold_with_map
from storage.word_forms import (
    FAMILIES,
    OTHER_FAMILY,
    families_in,
    family,
    index_token,
    key_text,
    words,
)

_TOKEN = re.compile(r'(=?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_RADIUS = 60
_LETTERS = (*FAMILIES.values(), OTHER_FAMILY)

FORM, EXACT, PREFIX = "form", "exact", "prefix"


@dataclass(frozen=True)
class Term:
    """One searched word or phrase: folded words and how they match (form, exact, prefix)."""

    words: tuple[str, ...]
    kind: str

    def tokens(self, letters: tuple[str, ...] = _LETTERS) -> list[set[str]]:
        """For each word, the ``span_key_fts`` tokens it matches: its key in layers of
        each family in ``letters`` and, for a single word, its spelling in the other
        Kazakh script too."""
        out = []
        for word in self.words:
            spellings = [word]
            other = other_script(word)
            if other and len(self.words) == 1:
                spellings.append(other)
            out.append({index_token(w, letter) for w in spellings for letter in letters})
        return out


@dataclass(frozen=True)
class Query:
    """A parsed query: its terms and the FTS5 expressions for the two indexes."""

    terms: tuple[Term, ...]
    surface: str
    """Expression over ``span_fts`` (exact forms, prefixes), or empty."""
    forms: str
    """Expression over ``span_key_fts`` (word forms), or empty."""

    def rowids_sql(self) -> tuple[str, list[str]]:
        """A ``SELECT rowid`` of the matching spans, in span order, and its arguments."""
        parts, args = [], []
        if self.surface:
            parts.append("SELECT rowid FROM span_fts WHERE span_fts MATCH ?")
            args.append(self.surface)
        if self.forms:
            parts.append("SELECT rowid FROM span_key_fts WHERE span_key_fts MATCH ?")
            args.append(self.forms)
        return " INTERSECT ".join(parts), args


def parse_terms(query: str) -> list[Term]:
    """The terms of a user query (see the module docstring for the syntax)."""
    terms: list[Term] = []
    for exact, phrase, word in _TOKEN.findall(fold(query)):
        if phrase or not word:
            found = tuple(_WORD.findall(phrase))
            if found:
                kind = EXACT if exact or len(found) == 1 else FORM
                terms.append(Term(found, kind))
            continue
        found = tuple(_WORD.findall(word))
        for i, w in enumerate(found):
            is_prefix = word.endswith("*") and i == len(found) - 1
            terms.append(Term((w,), PREFIX if is_prefix else FORM))
    return terms


def exact_query(text: str) -> str:
    """``text`` as a query for exactly the form(s) written: ``"word"`` or ``="two words"``.

    A text that already holds double quotes is taken as written.
    """
    if '"' in text:
        return text
    return f'"{text}"' if len(text.split()) == 1 else f'="{text}"'


def _fts_phrase(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def parse_query(query: str, letters: tuple[str, ...] = _LETTERS) -> Query:
    """Turn a user query into FTS5 expressions for the folded and the word-form index.

    ``letters``: the key families of the project's layers (fewer alternatives to look up).
    Raises :class:`ValidationError` when nothing searchable is left.
    """
    terms = parse_terms(query)
    if not terms:
        raise ValidationError(N_("Nothing to search for in {query!r}"), query=query)
    surface: list[str] = []
    forms: list[str] = []
    for term in terms:
        if term.kind == EXACT:
            surface.append(_fts_phrase(list(term.words)))
        elif term.kind == PREFIX:
            surface.append(_fts_phrase(list(term.words)) + "*")
        else:
            if len(term.words) == 1:
                alternatives = [_fts_phrase([t]) for t in sorted(term.tokens(letters)[0])]
            else:  # a phrase in each family (a phrase cannot hold alternatives)
                alternatives = [
                    _fts_phrase([index_token(w, letter) for w in term.words]) for letter in letters
                ]
            forms.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
    return Query(tuple(terms), " ".join(surface), " AND ".join(forms))


def _surface_matches(folded: str, term: Term) -> list[tuple[int, int]]:
    """Where an exact or prefix term occurs in a folded text (folded offsets)."""
    pattern = r"\W+".join(map(re.escape, term.words))
    tail = r"\w*" if term.kind == PREFIX else r"(?!\w)"
    return [m.span() for m in re.finditer(r"(?<!\w)" + pattern + tail, folded)]


def _form_runs(keys: list[str], wanted: list[set[str]], *, first: bool = False) -> list[int]:
    """Indexes of the words where a run of ``len(wanted)`` words has the wanted keys."""
    size = len(wanted)
    head = wanted[0]
    out = []
    for i, token in enumerate(keys[: len(keys) - size + 1]):
        if token in head and all(keys[i + j] in wanted[j] for j in range(1, size)):
            out.append(i)
            if first:
                break
    return out


@lru_cache(maxsize=1024)
def _wanted(term: Term, letter: str) -> list[set[str]]:
    """:meth:`Term.tokens` in the families the words of a span of family ``letter`` are
    keyed in (a Kazakh word in a Russian turn has a Kazakh key), remembered (it is asked
    for every hit)."""
    return term.tokens(families_in(letter))


def _word_offsets(text: str, indexes: set[int]) -> dict[int, tuple[int, int]]:
    """Original offsets of the words numbered ``indexes`` in ``text``."""
    out: dict[int, tuple[int, int]] = {}
    last = max(indexes, default=-1)
    for i, m in enumerate(words(text)):
        if i in indexes:
            out[i] = m.span()
        if i >= last:
            break
    return out


def locate_all(
    text: str, language: str, terms: tuple[Term, ...], *, first: bool = False
) -> list[tuple[int, int]]:
    """Every match of any term in ``text`` (original offsets), in order, none overlapping.

    Word forms are compared through the span's key text (cached per chunk of text, as at
    indexing), exact forms and prefixes by a pattern on the folded text; only the words
    matched are then found in the original text. ``first``: only the first match.
    """
    letter = family(language)
    folded, index = fold_with_map(text)
    keys: list[str] | None = None
    found: list[tuple[int, int]] = []
    runs: list[tuple[int, int]] = []  # (first word, last word) of word-form matches
    for term in terms:
        if term.kind == FORM:
            if keys is None:
                keys = key_text(folded, letter).split()
            size = len(term.words)
            starts = _form_runs(keys, _wanted(term, letter), first=first)
            runs += [(i, i + size - 1) for i in starts]
        else:
            found += [(index[a], index[b]) for a, b in _surface_matches(folded, term)]
    if runs and first:
        runs = [min(runs)]
    if runs:
        offsets = _word_offsets(text, {i for run in runs for i in run})
        found += [(offsets[a][0], offsets[b][1]) for a, b in runs if a in offsets and b in offsets]
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out[:1] if first else out


def locate(text: str, language: str, terms: tuple[Term, ...]) -> tuple[int, int]:
    """Where the first match of any term lies in ``text`` (original offsets), or (0, 0)."""
    found = locate_all(text, language, terms, first=True)
    return found[0] if found else (0, 0)


_HIT_JOINS = (
    " JOIN span s ON s.id = f.rowid JOIN layer l ON l.id = s.layer_id"
    " JOIN transcript t ON t.id = l.transcript_id JOIN session se ON se.id = t.session_id"
    " JOIN utterance u ON u.id = s.utterance_id"
)
"""From a match ``f`` to its span ``s``, layer ``l``, transcript ``t``, session ``se`` and
utterance ``u``."""


class SearchPart(Part):
    """Search over the folded index (reads only)."""

    def __init__(self, db: Database, index: SpanIndex) -> None:
        super().__init__(db)
        self._index = index
        self._layer_texts: LayerTextCache | None = None

    @staticmethod
    def _letters(language: str | None = None) -> tuple[str, ...]:
        """The key families a query is keyed in: every family, or those the words of
        utterances in ``language`` are keyed in.

        Every family rather than those present in the project: finding which are (the
        layers' and the utterances' own languages) reads every span, and an alternative
        no span has costs the FTS5 query nothing measurable.
        """
        return tuple(sorted(families_in(family(language)))) if language else _LETTERS

    def hits(
        self,
        query: str,
        *,
        language: str | None = None,
        transcript_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Hits in document order (transcript, then utterance), with snippets."""
        parsed = parse_query(query, self._letters(language))
        self._index.flush()
        rowids, args = parsed.rowids_sql()
        where = _span_filters(args, language, transcript_id)
        sql = (
            "SELECT s.id, s.layer_id, l.transcript_id, t.session_id, se.title, u.id, u.speaker,"
            ' u.start_ms, COALESCE(s.language, l.language), s.start, s."end"'
            f" FROM ({rowids}) f{_HIT_JOINS} WHERE 1 {where}"
            f" LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        rows = self._matching(query, sql, args)
        texts = self._texts(r[1] for r in rows)
        hits = []
        for r in rows:
            text = texts[r[1]][r[9] : r[10]]
            m_start, m_end = locate(text, r[8], parsed.terms)
            lo = max(0, m_start - SNIPPET_RADIUS)
            hi = min(len(text), m_end + SNIPPET_RADIUS)
            snippet = ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
            shift = 1 if lo else 0
            hits.append(
                SearchHit(
                    layer_id=r[1],
                    transcript_id=r[2],
                    session_id=r[3],
                    session_title=r[4],
                    utterance_id=r[5],
                    speaker=r[6],
                    start_ms=r[7],
                    language=r[8],
                    start=r[9] + m_start,
                    end=r[9] + m_end,
                    snippet=snippet,
                    match_start=m_start - lo + shift,
                    match_end=m_end - lo + shift,
                )
            )
        return hits

    def occurrences(
        self,
        query: str,
        *,
        language: str | None = None,
        transcript_id: int | None = None,
        limit: int = 10_000,
    ) -> list[Occurrence]:
        """Every occurrence of ``query`` (several per utterance too), in document order.

        For a concordance: each comes with its whole utterance text. At most ``limit``.
        """
        parsed = parse_query(query, self._letters(language))
        self._index.flush()
        rowids, args = parsed.rowids_sql()
        where = _span_filters(args, language, transcript_id)
        sql = (
            "SELECT s.layer_id, l.transcript_id, se.title, u.id, u.speaker, u.start_ms,"
            ' COALESCE(s.language, l.language), s.start, s."end"'
            f" FROM ({rowids}) f{_HIT_JOINS} WHERE 1 {where}"
            " ORDER BY l.transcript_id, u.position, l.id"
        )
        rows = self._matching(query, sql, args)
        texts = self._texts(r[0] for r in rows)
        found: list[Occurrence] = []
        for layer_id, tid, title, uid, speaker, start_ms, lang, start, end in rows:
            text = texts[layer_id][start:end]
            for m_start, m_end in locate_all(text, lang, parsed.terms):
                found.append(
                    Occurrence(
                        layer_id=layer_id,
                        transcript_id=tid,
                        session_title=title,
                        utterance_id=uid,
                        speaker=speaker,
                        start_ms=start_ms,
                        language=lang,
                        start=start + m_start,
                        end=start + m_end,
                        text=text,
                        match_start=m_start,
                        match_end=m_end,
                    )
                )
                if len(found) >= limit:
                    return found
        return found

    def count(self, query: str, *, language: str | None = None) -> int:
        """How many utterance layers match ``query``."""
        rowids, args = parse_query(query, self._letters(language)).rowids_sql()
        self._index.flush()
        if language:
            sql = (
                f"SELECT COUNT(*) FROM ({rowids}) f JOIN span s ON s.id = f.rowid"
                " JOIN layer l ON l.id = s.layer_id WHERE COALESCE(s.language, l.language) = ?"
            )
            rows = self._matching(query, sql, [*args, language])
        else:
            rows = self._matching(query, f"SELECT COUNT(*) FROM ({rowids})", args)
        return int(rows[0][0])

    def _matching(self, query: str, sql: str, args: list[str]) -> list[Any]:
        """The rows of ``sql`` over the index; a query FTS cannot run is a clear error."""
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError as error:
            raise ValidationError(
                N_("Cannot search for {query!r}: {reason}"), query=query, reason=str(error)
            ) from None

    def _texts(self, layer_ids: Iterable[int]) -> dict[int, str]:
        """The whole texts of ``layer_ids`` (kept until the project changes)."""
        if self._layer_texts is None:
            self._layer_texts = LayerTextCache()
        return self._layer_texts.texts(self.conn, self.db.change_stamp(), dict.fromkeys(layer_ids))


def _span_filters(args: list[str], language: str | None, transcript_id: int | None) -> str:
    """``AND …`` conditions on a span ``s`` of layer ``l``, their values appended to ``args``.

    The language is the utterance's own (code-switching) before its layer's.
    """
    filters = []
    if language:
        filters.append("COALESCE(s.language, l.language) = ?")
        args.append(language)
    if transcript_id is not None:
        filters.append("l.transcript_id = ?")
        args.append(str(transcript_id))
    return "".join(f" AND {f}" for f in filters)
