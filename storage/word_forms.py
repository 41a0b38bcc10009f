"""Word-form keys: the stem under which search and word counts group a word.

``word_key("Согласования", "ru")`` and ``word_key("согласование", "ru")`` give the same
key, so a search for one finds the other. Russian and English use Snowball stemmers,
Kazakh the rule-based suffix stripper of :mod:`storage.kazakh_stem` (Kazakh in the
Latin alphabet of 2021 is read as Cyrillic first, so both scripts share keys); other
languages fold only. Keys are folded (case, ё/е) and ignore Latin look-alike letters
typed inside Cyrillic words. Why Snowball and not a morphological analyser:
docs/decisions.md, "Word forms".

The index of keys (``span_key_fts``, written by :mod:`storage.span_index`) stores one
token per word, ``<family letter><key>`` (:func:`index_token`): a Russian key and the
same letters as a Kazakh key are different tokens. A word's family is its utterance's
(the utterance's own language in the layer, else the layer's: :func:`span_family`), but
for words of another language inside it (:func:`word_family`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

import regex

from storage.scripts import (
    is_cyrillic,
    is_latin,
    kazakh_canonical,
    kazakh_to_cyrillic,
    unmix_folded,
)
from storage.stem_exceptions import corrected
from storage.text import fold

KEY_VERSION = 2
"""Bump (with a migration that rebuilds ``span_key_fts``) whenever keys change.

2: a turn with its own language (code-switching) is keyed in that language's family,
and the stems of :mod:`storage.stem_exceptions` are kept whole."""

WORD = regex.compile(r"[\p{L}\p{N}\p{M}\p{Co}]+")
"""A word as the index's ``unicode61`` tokenizer sees one."""

FAMILIES = {"ru": "r", "kk": "k", "en": "e"}
"""Languages with their own keys, and the letter their index tokens start with."""
OTHER_FAMILY = "x"
"""Index letter of every other language (folded words as keys)."""

_STEMMERS: dict[str, Any] = {}
"""Snowball stemmers by language, made on first use (importing them costs start-up time)."""
_LOCK = threading.Lock()


def family(language: str) -> str:
    """The index letter of ``language`` (``ru-KZ`` and ``RU`` count as ``ru``)."""
    return FAMILIES.get(language.split("-")[0].split("_")[0].lower(), OTHER_FAMILY)


def span_family(layer_letter: str, language: str | None) -> str:
    """The key family of a span: its own language's (code-switching) if it has one, else
    its layer's (``layer_letter``)."""
    return family(language) if language else layer_letter


def families_in(letter: str) -> tuple[str, ...]:
    """The families the words of a span of family ``letter`` can be keyed in
    (:func:`word_family`): its own, Kazakh, and Russian in English text."""
    return tuple(dict.fromkeys((letter, "k", *(("r",) if letter == "e" else ()))))


_KAZAKH_LETTERS = regex.compile(r"[әғқңөұүһіäğñöūüı]")
"""Letters only Kazakh (of the languages here) writes, in Cyrillic and in Latin."""


def word_family(folded: str, layer_letter: str) -> str:
    """The key family of one folded word in a layer of family ``layer_letter``.

    Transcripts switch languages: a word with Kazakh letters (``қызметтерді``) is keyed
    as Kazakh in any layer, a Cyrillic word in an English layer as Russian.
    """
    if layer_letter == "k":
        return "k"
    if _KAZAKH_LETTERS.search(folded):
        return "k"
    if layer_letter == "e" and is_cyrillic(folded):
        return "r"
    return layer_letter


def word_key(word: str, language: str) -> str:
    """The normalised stem/lemma key of one word in ``language`` (``ru``, ``kk``, ``en``...).

    The key is meant for grouping and matching, not for display: ``согласован`` for
    «Согласования», ``акимат`` for «акимата» and for ``akimat`` in a Kazakh layer.
    """
    folded = fold(word)
    return folded_key(folded, word_family(folded, family(language)))


@lru_cache(maxsize=262_144)
def index_token(folded: str, layer_letter: str) -> str:
    """The ``span_key_fts`` token of a folded word in a layer of family ``layer_letter``."""
    letter = word_family(folded, layer_letter)
    return letter + folded_key(folded, letter)


@lru_cache(maxsize=262_144)
def folded_key(folded: str, family_letter: str) -> str:
    """The key of an already folded word in a family (see :data:`FAMILIES`)."""
    word = unmix_folded(folded)
    if family_letter == "k":
        from storage import kazakh_stem  # on first use: its rule tables take time to build

        if is_latin(word) and not is_cyrillic(word):
            word = kazakh_to_cyrillic(word)
        return kazakh_canonical(corrected(word, kazakh_stem.stem(word), "k"))
    if family_letter == "r" and is_cyrillic(word):
        return corrected(word, _stem("ru", word), "r")
    if family_letter == "e" and is_latin(word):
        return _stem("en", word)
    return word


def _stem(language: str, word: str) -> str:
    with _LOCK:  # Snowball stemmers keep state between calls
        stemmer = _STEMMERS.get(language)
        if stemmer is None:
            import snowballstemmer

            name = "russian" if language == "ru" else "english"
            stemmer = _STEMMERS[language] = snowballstemmer.stemmer(name)
        return str(stemmer.stemWord(word))


def words(text: str) -> Iterator[regex.Match[str]]:
    """The words of ``text`` (as the index tokenizer splits it), with their offsets."""
    found: Iterator[regex.Match[str]] = WORD.finditer(text)
    return found


_CHUNKS: dict[str, dict[str, str]] = {}
"""Per family: the index tokens of each whitespace-separated chunk of text seen so far."""
CHUNK_CACHE_LIMIT = 500_000
"""Chunks remembered per family before the cache starts afresh (bounds memory)."""


def key_text(folded: str, family_letter: str) -> str:
    """What ``span_key_fts`` indexes for a folded text: one key token per word, in order."""
    return key_texts([folded], family_letter)[0]


def span_key_texts(folded: Sequence[str], letters: Sequence[str]) -> list[str]:
    """:func:`key_texts` of spans each with its own family (``letters[i]`` for ``folded[i]``)."""
    groups: dict[str, list[int]] = {}
    for i, letter in enumerate(letters):
        groups.setdefault(letter, []).append(i)
    if len(groups) == 1:
        return key_texts(folded, letters[0])
    out = [""] * len(folded)
    for letter, indexes in groups.items():
        for i, keys in zip(indexes, key_texts([folded[i] for i in indexes], letter), strict=True):
            out[i] = keys
    return out


def key_texts(folded: Sequence[str], family_letter: str) -> list[str]:
    """:func:`key_text` of many texts (of one layer): imports index millions of words.

    The texts are joined into one, split at spaces, and each chunk (``времени,``) is
    looked up in a cache of its tokens: a chunk recurs as often as its word, and the
    whole layer goes through a handful of C-level string operations.
    """
    chunks = _CHUNKS.get(family_letter)
    if chunks is None or len(chunks) > CHUNK_CACHE_LIMIT:
        chunks = _CHUNKS[family_letter] = {"\n": "\n", "": ""}
    joined = " \n ".join(folded)
    if joined.count("\n") != max(len(folded) - 1, 0):  # a text with a line break
        joined = " \n ".join(text.replace("\n", " ") for text in folded)
    parts = joined.split(" ")
    get = chunks.__getitem__
    try:
        keys = " ".join(map(get, parts))
    except KeyError:
        for part in parts:
            if part not in chunks:
                chunks[part] = " ".join(
                    index_token(word, family_letter) for word in WORD.findall(part)
                )
        keys = " ".join(map(get, parts))
    return keys.split("\n") if folded else []
