"""Frozen dataclasses of translation work: status of a translated utterance, glossary, progress."""

from __future__ import annotations

from dataclasses import dataclass, fields


def text_hash(text: str) -> str:
    """A short fingerprint of an utterance's original text (to notice later edits)."""
    import hashlib  # on first use: loading OpenSSL is a cost every open would pay

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class TranslationStatus:
    """Who translated an utterance and when, who reviewed it, and whether it is stale.

    ``stale``: the original was edited after the translation was made or last
    reviewed (its fingerprint differs from ``source_hash``).
    """

    layer_id: int
    utterance_id: int
    translator: str
    translated: str
    reviewer: str | None
    reviewed: str | None
    source_hash: str
    rev: str
    stale: bool = False

    @property
    def is_reviewed(self) -> bool:
        """Reviewed since the original last changed."""
        return self.reviewed is not None and not self.stale


@dataclass(frozen=True)
class GlossaryTerm:
    """A term in a source language and how it is rendered in a target language."""

    id: int
    uuid: str
    source_language: str
    term: str
    target_language: str
    rendering: str
    note: str = ""

    @property
    def required(self) -> str:
        """What a translation must contain: the rendering without a note in brackets.

        «аким» → "akim (head of local administration)" requires "akim".
        """
        head = self.rendering.split("(", 1)[0].strip()
        return head or self.rendering


@dataclass(frozen=True)
class TranslationRow:
    """One utterance as a translator sees it: original, translation, draft and status."""

    utterance_id: int
    uuid: str
    position: int
    speaker: str
    start_ms: int | None
    original: str
    translation: str
    status: TranslationStatus | None
    draft: str | None = None

    @property
    def translated(self) -> bool:
        """The translation has text."""
        return bool(self.translation.strip())


@dataclass(frozen=True)
class TranslationProgress:
    """How much of a transcript (or project) is translated into one language.

    ``utterances``/``words`` count the originals; ``marked_*`` those marked for
    translation; ``done_*`` and ``marked_done_*`` the translated ones among them.
    Words are the original's words (split on white space).
    """

    language: str
    utterances: int = 0
    words: int = 0
    done_utterances: int = 0
    done_words: int = 0
    marked_utterances: int = 0
    marked_words: int = 0
    marked_done_utterances: int = 0
    marked_done_words: int = 0
    reviewed: int = 0
    stale: int = 0

    def plus(self, other: TranslationProgress) -> TranslationProgress:
        """The sum of two progress counts (for a project total)."""
        return TranslationProgress(
            self.language,
            *(getattr(self, f) + getattr(other, f) for f in PROGRESS_COUNTS),
        )

    def as_dict(self) -> dict[str, object]:
        """The counts as a JSON-ready mapping."""
        return {
            "language": self.language,
            "utterances": self.utterances,
            "words": self.words,
            "translated_utterances": self.done_utterances,
            "translated_words": self.done_words,
            "marked_utterances": self.marked_utterances,
            "marked_words": self.marked_words,
            "marked_translated_utterances": self.marked_done_utterances,
            "marked_translated_words": self.marked_done_words,
            "reviewed": self.reviewed,
            "stale": self.stale,
        }


PROGRESS_COUNTS: tuple[str, ...] = tuple(
    f.name for f in fields(TranslationProgress) if f.name != "language"
)
"""The counts of :class:`TranslationProgress`, in field order."""
