"""Finding names of people, places and organisations in transcript text.

Three finders, each returning :class:`Mention` spans (code points of the text given):

* :func:`russian_mentions` — the Russian named-entity recogniser of *natasha*
  (slovnet's news NER model with navec embeddings, both shipped inside natasha's wheel,
  so it works offline); loaded once per process on first use (a few seconds).
* :func:`capitalised_mentions` — for Kazakh (and other languages without a model): runs
  of capitalised words that do not start a sentence, or that are capitalised again
  elsewhere mid-sentence (or are followed by ``ауданы``, ``облысы``, ``қаласы`` …, which
  make a place, or ``әкімдігі``, ``министрлігі`` …, which make an organisation); acronyms
  are organisations, everything else a person's name.
* :func:`name_mentions` — the project's participants' real names (and each part of them).

The finders only suggest; nothing here changes text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import regex

from analysis.stop_words import shipped_stop_words
from storage.text import fold

Source = Literal["ner", "capitalised", "participant"]
SOURCES: tuple[Source, ...] = ("ner", "capitalised", "participant")

NATASHA_KINDS = {"PER": "NAME", "LOC": "PLACE", "ORG": "ORG"}
"""natasha's entity types → redaction-list kinds."""

PLACE_WORDS = frozenset(
    fold(w)
    for w in (
        "ауданы", "ауданында", "ауданының", "облысы", "облысында", "облысының", "қаласы",
        "қаласында", "қаласының", "ауылы", "ауылында", "ауылының", "көшесі", "көшесінде",
        "district", "region", "city", "village", "street",
    )
)  # fmt: skip
ORG_WORDS = frozenset(
    fold(w)
    for w in (
        "әкімдігі", "әкімдігінде", "әкімдігіне", "министрлігі", "министрлігінде", "басқармасы",
        "басқармасында", "бөлімі", "бөлімінде", "орталығы", "орталығында", "университеті",
        "мектебі", "ministry", "akimat", "university", "school", "department",
    )
)  # fmt: skip
SENTENCE_END = frozenset(".!?…:")

_CAPITALISED = regex.compile(r"\b\p{Lu}(?:[\p{Ll}\p{M}]+(?:[-‐]\p{Lu}?[\p{Ll}\p{M}]+)*|\p{Lu}+)\b")
"""A capitalised word (``Алматы``, ``Қызыл-Орда``) or an acronym (``КНБ``)."""
_WORD = regex.compile(r"\b\p{L}[\p{L}\p{M}]*\b")


@dataclass(frozen=True)
class Mention:
    """One name found in a text: where, what it says, its kind and which finder found it."""

    start: int
    end: int
    text: str
    kind: str
    source: Source


# -- natasha -----------------------------------------------------------------------------

_LOCK = threading.Lock()


@cache
def _natasha() -> tuple[Any, Any]:
    """natasha's segmenter and NER tagger (loaded once; the embeddings take a few seconds)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def russian_mentions(text: str) -> list[Mention]:
    """People, places and organisations that natasha's Russian NER finds in ``text``."""
    if not text.strip():
        return []
    from natasha import Doc

    with _LOCK:  # the tagger is shared; a worker thread and a test may call at once
        segmenter, tagger = _natasha()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        spans = list(doc.spans)
    out = []
    for span in spans:
        kind = NATASHA_KINDS.get(span.type)
        if kind is None:
            continue
        out.append(Mention(span.start, span.stop, text[span.start : span.stop], kind, "ner"))
    return out


# -- capitalised words -------------------------------------------------------------------


def _starts_sentence(text: str, start: int) -> bool:
    """Whether only spaces, quotes, dashes or a speaker prefix stand between ``start`` and
    the end of the previous sentence (or the start of the text or line)."""
    index = start - 1
    while index >= 0 and text[index] in " \t«»\"'“”„—–-([":
        index -= 1
    return index < 0 or text[index] in SENTENCE_END or text[index] == "\n"


def capitalised_mentions(text: str, language: str = "kk") -> list[Mention]:
    """Runs of capitalised words that are probably names (see the module docstring).

    A capitalised word that starts a sentence counts only if the same word is also
    capitalised somewhere mid-sentence in ``text``; stop words never count.
    """
    stops = shipped_stop_words(language) | shipped_stop_words("ru")
    words = [
        m
        for m in _CAPITALISED.finditer(text)
        if fold(m.group()) not in stops and (len(m.group()) >= 3 or m.group().isupper())
    ]
    mid_sentence = {_head(m.group()) for m in words if not _starts_sentence(text, m.start())}
    kept = [
        m
        for m in words
        if not _starts_sentence(text, m.start())
        or _head(m.group()) in mid_sentence
        or _next_word(text, m.end()) in PLACE_WORDS | ORG_WORDS
        or m.group().isupper()
    ]
    out: list[Mention] = []
    run: list[Any] = []
    for match in [*kept, None]:
        if run and (match is None or text[run[-1].end() : match.start()].strip() != ""):
            out.append(_mention_of_run(text, run[0].start(), run[-1].end()))
            run = []
        if match is not None:
            run.append(match)
    return out


def _head(word: str) -> str:
    """The first five letters, folded: ``Алматы`` and ``Алматыда`` share it."""
    return fold(word)[:5]


def _next_word(text: str, end: int) -> str:
    """The folded word right after ``end`` (only spaces between), or ''."""
    after = _WORD.search(text, end)
    return fold(after.group()) if after and not text[end : after.start()].strip() else ""


def _mention_of_run(text: str, start: int, end: int) -> Mention:
    next_word = _next_word(text, end)
    found = text[start:end]
    kind = "NAME"
    if next_word in PLACE_WORDS:
        kind = "PLACE"
    elif next_word in ORG_WORDS or found.isupper():
        kind = "ORG"
    return Mention(start, end, found, kind, "capitalised")


# -- participants' names -----------------------------------------------------------------


def name_mentions(text: str, names: Iterable[str]) -> list[Mention]:
    """Where the given real names, or a part of one (three letters or more), appear.

    Parts match in any case and grammatical form, as a redaction list would match them.
    """
    from exports.redaction import term_pattern

    parts: set[str] = set()
    for name in names:
        clean = " ".join(name.split())
        if not clean:
            continue
        parts.add(clean)
        parts.update(w for w in clean.split() if len(w) >= 3)
    if not parts:
        return []
    ordered = sorted(parts, key=len, reverse=True)
    pattern = regex.compile("|".join(term_pattern(p) for p in ordered), regex.IGNORECASE)
    return [
        Mention(m.start(), m.end(), m.group(), "NAME", "participant")
        for m in pattern.finditer(text)
    ]


def merge_mentions(groups: Sequence[Sequence[Mention]]) -> list[Mention]:
    """Mentions of several finders without overlaps: earlier groups win, then longer spans."""
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for group in groups:
        for mention in sorted(group, key=lambda m: (m.start, -(m.end - m.start))):
            if any(mention.start < end and start < mention.end for start, end in taken):
                continue
            taken.append((mention.start, mention.end))
            out.append(mention)
    return sorted(out, key=lambda m: m.start)
