"""Frozen dataclasses returned by :class:`storage.Store`.

These are the only shapes that leave the storage layer: the rest of suhbat
(analysis, exports, TUI) works on them and never sees rows or table names.
All offsets are code points into NFC text with ``\\n`` line ends; times are
milliseconds (media time) or ISO 8601 UTC text (wall-clock time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

AttributeType = Literal["text", "integer", "float", "date", "category"]
ATTRIBUTE_TYPES: tuple[AttributeType, ...] = ("text", "integer", "float", "date", "category")

SessionKind = Literal["interview", "focus_group"]
SESSION_KINDS: tuple[SessionKind, ...] = ("interview", "focus_group")

QuestionKind = Literal["main", "probe", "closing"]
QUESTION_KINDS: tuple[QuestionKind, ...] = ("main", "probe", "closing")

Role = Literal["respondent", "moderator", "interviewer", "observer"]
ROLES: tuple[Role, ...] = ("respondent", "moderator", "interviewer", "observer")

MemoTarget = Literal["project", "session", "code", "coding", "participant", "transcript"]


@dataclass(frozen=True)
class Project:
    """The project itself: one per file."""

    uuid: str
    name: str
    languages: tuple[str, ...]
    default_coder: str | None
    created: str


@dataclass(frozen=True)
class Attribute:
    """A typed attribute definition (a column of a study's Table 1)."""

    id: int
    uuid: str
    name: str
    type: AttributeType
    allowed: tuple[str, ...] = ()
    sensitive: bool = False
    position: int = 0


@dataclass(frozen=True)
class Participant:
    """A participant profile; ``code`` is the pseudonym every report shows."""

    id: int
    uuid: str
    code: str
    real_name: str | None = None
    attributes: dict[str, str] = field(default_factory=dict, hash=False, compare=True)
    notes: str = ""


@dataclass(frozen=True)
class Session:
    """An interview or focus group."""

    id: int
    uuid: str
    kind: SessionKind
    title: str
    date: str | None = None
    location: str | None = None
    setting: str | None = None
    region: str | None = None
    languages: tuple[str, ...] = ()
    duration_min: float | None = None
    interviewer: str | None = None
    consent: str | None = None
    notes: str = ""
    guide_id: int | None = None
    position: int = 0
    participant_count: int | None = None


@dataclass(frozen=True)
class SessionParticipant:
    """A participant's place in a session."""

    session_id: int
    participant_id: int
    role: Role
    consent: bool


@dataclass(frozen=True)
class Guide:
    """An interview protocol: an ordered list of questions."""

    id: int
    uuid: str
    name: str


@dataclass(frozen=True)
class Question:
    """A protocol question with its text per language."""

    id: int
    uuid: str
    guide_id: int
    position: int
    area: str
    kind: QuestionKind
    parent_id: int | None
    texts: dict[str, str] = field(default_factory=dict, hash=False)

    def text(self, language: str, fallbacks: tuple[str, ...] = ()) -> str:
        """Text in ``language``, else the first fallback that exists, else any."""
        for lang in (language, *fallbacks):
            if self.texts.get(lang):
                return self.texts[lang]
        return next(iter(self.texts.values()), "")


@dataclass(frozen=True)
class Transcript:
    """A transcript of a session; its text lives in its layers."""

    id: int
    uuid: str
    session_id: int
    title: str
    source_file: str | None
    created: str


@dataclass(frozen=True)
class TranscriptCounts:
    """What a transcript holds: layers, utterances, codings and memos (its own and its codings')."""

    layers: int
    utterances: int
    codings: int
    memos: int


@dataclass(frozen=True)
class Layer:
    """One language of a transcript: a complete NFC text, one line per utterance."""

    id: int
    uuid: str
    transcript_id: int
    language: str
    is_original: bool
    text: str
    source_file: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class Utterance:
    """A turn; ``spans`` maps layer id to its ``(start, end)`` in that layer."""

    id: int
    uuid: str
    transcript_id: int
    position: int
    speaker: str
    participant_id: int | None
    start_ms: int | None
    end_ms: int | None
    question_id: int | None
    spans: dict[int, tuple[int, int]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Code:
    """A code (or a theme/folder when ``is_codable`` is false)."""

    id: int
    uuid: str
    parent_id: int | None
    names: dict[str, str] = field(default_factory=dict, hash=False)
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    color: str = "#4e79a7"
    is_codable: bool = True
    position: int = 0

    def name(self, language: str | None = None, fallbacks: Sequence[str] = ()) -> str:
        """Name in ``language`` (or a fallback language, or any name there is)."""
        return self.names.get(self.name_language(language, fallbacks), "")

    def name_language(self, language: str | None = None, fallbacks: Sequence[str] = ()) -> str:
        """The language :meth:`name` takes the name from: ``language``, else the first
        fallback with a name, else the first language named ("" or ``language`` if none)."""
        for lang in (language, *fallbacks):
            if lang and self.names.get(lang):
                return lang
        return next((lang for lang, name in self.names.items() if name), language or "")


@dataclass(frozen=True)
class Coder:
    """A person who codes."""

    id: int
    uuid: str
    name: str


@dataclass(frozen=True)
class Coding:
    """A code applied to ``[start, end)`` of a layer by a coder."""

    id: int
    uuid: str
    code_id: int
    layer_id: int
    start: int
    end: int
    coder_id: int
    created: str
    memo: str = ""
    valence: int | None = None


@dataclass(frozen=True)
class Memo:
    """A free-text memo attached to a project, session, code, coding or participant."""

    id: int
    uuid: str
    target: MemoTarget
    target_id: int | None
    text: str
    author: str | None
    created: str
    updated: str


@dataclass(frozen=True)
class SearchHit:
    """One search result: an utterance in a layer, with a snippet around the hit."""

    layer_id: int
    transcript_id: int
    session_id: int
    session_title: str
    utterance_id: int
    speaker: str
    start_ms: int | None
    language: str
    start: int
    end: int
    snippet: str
    match_start: int
    match_end: int

    @property
    def matched(self) -> str:
        """The form the query matched, as written in the text (``акимата`` for ``акимат``)."""
        return self.snippet[self.match_start : self.match_end]


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a searched word or phrase, for a concordance (keyword in context)."""

    layer_id: int
    transcript_id: int
    session_title: str
    utterance_id: int
    speaker: str
    start_ms: int | None
    language: str
    start: int
    """Where the occurrence starts in its layer's text (code points)."""
    end: int
    text: str
    """The whole utterance's text in this layer."""
    match_start: int
    """Where the occurrence starts in :attr:`text`."""
    match_end: int

    @property
    def matched(self) -> str:
        """The occurrence as written (the form found)."""
        return self.text[self.match_start : self.match_end]


@dataclass(frozen=True)
class ProjectInfo:
    """Counts shown by ``suhbat info``."""

    name: str
    languages: tuple[str, ...]
    participants: int
    sessions: int
    transcripts: int
    layers: int
    utterances: int
    words: int
    codes: int
    codings: int
    coders: int


@dataclass(frozen=True)
class UtteranceInput:
    """An utterance to store: speaker label, times and its text per layer."""

    speaker: str
    start_ms: int | None
    end_ms: int | None
    texts: tuple[str, ...]
    question_id: int | None = None


@dataclass(frozen=True)
class TranscriptInput:
    """A transcript to store: layer languages (first is the original) and utterances."""

    title: str
    languages: tuple[str, ...]
    utterances: tuple[UtteranceInput, ...]
    source_file: str | None = None
    source_hash: str | None = None
    encoding: str | None = None
