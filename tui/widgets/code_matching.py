"""Fuzzy matching of codes by name for the code finder: Cyrillic, Kazakh or Latin.

A query matches a code when every word of it occurs, in order of its letters, in
one of the code's names (any language) or in its tree path. Matching is case- and
ё-insensitive; Cyrillic names are also matched in Latin transliteration (typing
``soglas`` finds «Согласование»), and a query typed in the wrong keyboard layout
(``cjukfc``) is tried in the other one as well. Whole-word and prefix hits rank
above scattered letters, shorter names above longer ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storage.models import Code
from storage.text import fold


@dataclass(frozen=True)
class CodeChoice:
    """What the finder returns: an existing code, or a name (and parent) to create."""

    code_id: int | None = None
    new_name: str | None = None
    parent_id: int | None = None


_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_CYRILLIC = "йцукенгшщзхъфывапролджэячсмитьбюё"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}  # fmt: skip
_TRANSLIT_TABLE = str.maketrans(_TRANSLIT)


def transliterate(text: str) -> str:
    """Folded ``text`` with Cyrillic (Russian and Kazakh) letters in Latin."""
    return fold(text).translate(_TRANSLIT_TABLE)


def layout_variants(query: str) -> list[str]:
    """The folded query, and as if typed in the other keyboard layout."""
    folded = fold(query)
    variants = [folded]
    for table in (_TO_CYRILLIC, _TO_LATIN):
        other = fold(folded.translate(table))
        if other != folded and other not in variants:
            variants.append(other)
    return variants


def word_score(word: str, candidate: str) -> float | None:
    """How well one query word matches a folded candidate (None: no match)."""
    if not word:
        return 0.0
    at = candidate.find(word)
    if at >= 0:
        starts_word = at == 0 or not candidate[at - 1].isalnum()
        return 1000.0 - at + (300.0 if starts_word else 0.0)
    position = -1
    gaps = 0
    word_starts = 0
    for ch in word:
        found = candidate.find(ch, position + 1)
        if found < 0:
            return None
        gaps += found - position - 1 if position >= 0 else 0
        if found == 0 or not candidate[found - 1].isalnum():
            word_starts += 1
        position = found
    return 400.0 - gaps * 4 + word_starts * 30


@dataclass(frozen=True)
class CodeEntry:
    """A code prepared for matching: what to show and what to match against."""

    code: Code
    name: str
    path: str
    keys: tuple[str, ...]
    path_keys: tuple[str, ...]


def prepare(codes: Sequence[Code], language: str | None) -> list[CodeEntry]:
    """Entries for every code, in codebook order."""
    by_id = {c.id: c for c in codes}
    entries: list[CodeEntry] = []
    for code in codes:
        names: list[str] = []
        current: Code | None = by_id.get(code.parent_id) if code.parent_id else None
        while current is not None and len(names) < 20:
            names.append(current.name(language))
            current = by_id.get(current.parent_id) if current.parent_id else None
        path = " › ".join(reversed(names))
        keys: list[str] = []
        for name in code.names.values():
            for key in (fold(name), transliterate(name)):
                if key and key not in keys:
                    keys.append(key)
        path_keys = tuple(k for k in {fold(path), transliterate(path)} if k)
        entries.append(CodeEntry(code, code.name(language), path, tuple(keys), path_keys))
    return entries


def entry_score(query: str, entry: CodeEntry) -> float | None:
    """How well ``query`` matches ``entry`` (None: no match). An empty query matches all."""
    words = query.split()
    if not words:
        return 0.0
    total = 0.0
    for word in words:
        best: float | None = None
        for key in entry.keys:
            score = word_score(word, key)
            if score is not None and (best is None or score > best):
                best = score
        for key in entry.path_keys:
            score = word_score(word, key)
            if score is not None and (best is None or score / 2 > best):
                best = score / 2
        if best is None:
            return None
        total += best
    return total - len(entry.name) * 0.5


def find_codes(query: str, entries: Iterable[CodeEntry], limit: int = 200) -> list[CodeEntry]:
    """Entries matching ``query``, best first (codebook order when the query is empty)."""
    listed = list(entries)
    if not query.strip():
        return listed[:limit]
    scored: list[tuple[float, int, CodeEntry]] = []
    for order, entry in enumerate(listed):
        best: float | None = None
        for variant in layout_variants(query):
            score = entry_score(variant, entry)
            if score is not None and (best is None or score > best):
                best = score
        if best is not None:
            scored.append((-best, order, entry))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [entry for _score, _order, entry in scored[:limit]]
