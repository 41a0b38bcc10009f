"""Full-text search over every layer, case- and ё-insensitive for Cyrillic and Kazakh.

The FTS5 table ``span_fts`` indexes a folded copy of each utterance's text (see
:func:`storage.text.fold`); queries are folded the same way and turned into a safe
FTS5 expression: words must all occur, ``"quoted phrases"`` match in order and a
trailing ``*`` matches a prefix (``соглас*``).
"""

from __future__ import annotations

import re
import sqlite3

from storage.base import Database, Part
from storage.errors import N_, ValidationError
from storage.layer_text_cache import LayerTextCache
from storage.models import SearchHit
from storage.span_index import SpanIndex
from storage.text import fold, fold_with_map

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_RADIUS = 60


def parse_query(query: str) -> tuple[str, list[tuple[str, bool]]]:
    """Turn a user query into an FTS5 MATCH expression and the folded terms to highlight.

    Each term is ``(folded text, is_prefix)``. Raises :class:`ValidationError` when
    nothing searchable is left.
    """
    parts: list[str] = []
    terms: list[tuple[str, bool]] = []
    for phrase, word in _TOKEN.findall(fold(query)):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
                terms.append((" ".join(words), False))
            continue
        prefix = word.endswith("*")
        for i, w in enumerate(_WORD.findall(word)):
            last = i == len(_WORD.findall(word)) - 1
            is_prefix = prefix and last
            parts.append(f'"{w}"' + ("*" if is_prefix else ""))
            terms.append((w, is_prefix))
    if not parts:
        raise ValidationError(N_("Nothing to search for in {query!r}"), query=query)
    return " ".join(parts), terms


def _locate(text: str, terms: list[tuple[str, bool]]) -> tuple[int, int]:
    """Where the first term occurs in ``text`` (original offsets), or (0, 0)."""
    folded, index = fold_with_map(text)
    best: tuple[int, int] | None = None
    for term, is_prefix in terms:
        pattern = re.escape(term).replace(r"\ ", r"\W+")
        tail = r"\w*" if is_prefix else r"(?!\w)"
        m = re.search(r"(?<!\w)" + pattern + tail, folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end())
    if best is None:
        return 0, 0
    return index[best[0]], index[best[1]]


class SearchPart(Part):
    """Search over the folded index (reads only)."""

    def __init__(self, db: Database, index: SpanIndex) -> None:
        super().__init__(db)
        self._index = index
        self._layer_texts: LayerTextCache | None = None

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
        expression, terms = parse_query(query)
        self._index.flush()
        filters, args = [], [expression]
        if language:  # an utterance's own language (code-switching) before its layer's
            filters.append("COALESCE(s.language, l.language) = ?")
            args.append(language)
        if transcript_id is not None:
            filters.append("l.transcript_id = ?")
            args.append(str(transcript_id))
        where = "".join(f" AND {f}" for f in filters)
        sql = (
            "SELECT s.id, s.layer_id, l.transcript_id, t.session_id, se.title, u.id, u.speaker,"
            ' u.start_ms, COALESCE(s.language, l.language), s.start, s."end"'
            " FROM (SELECT rowid FROM span_fts WHERE span_fts MATCH ?) f"
            " JOIN span s ON s.id = f.rowid JOIN layer l ON l.id = s.layer_id"
            " JOIN transcript t ON t.id = l.transcript_id JOIN session se ON se.id = t.session_id"
            f" JOIN utterance u ON u.id = s.utterance_id WHERE 1 {where}"
            f" LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        try:
            rows = self.conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError as error:
            raise ValidationError(
                N_("Cannot search for {query!r}: {reason}"), query=query, reason=str(error)
            ) from None
        if self._layer_texts is None:
            self._layer_texts = LayerTextCache()
        layer_ids = dict.fromkeys(r[1] for r in rows)
        texts = self._layer_texts.texts(self.conn, self.db.change_stamp(), layer_ids)
        hits = []
        for r in rows:
            text = texts[r[1]][r[9] : r[10]]
            m_start, m_end = _locate(text, terms)
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

    def count(self, query: str, *, language: str | None = None) -> int:
        """How many utterance layers match ``query``."""
        expression, _terms = parse_query(query)
        self._index.flush()
        if language:
            sql = (
                "SELECT COUNT(*) FROM span_fts f JOIN span s ON s.id = f.rowid JOIN layer l"
                " ON l.id = s.layer_id WHERE span_fts MATCH ?"
                " AND COALESCE(s.language, l.language) = ?"
            )
            row = self.conn.execute(sql, (expression, language)).fetchone()
        else:
            row = self.conn.execute(
                "SELECT COUNT(*) FROM span_fts WHERE span_fts MATCH ?", (expression,)
            ).fetchone()
        return int(row[0])
