"""What the REFI-QDA readers extract from a file, before anything touches a project.

GUIDs here are already normalised (lower case, no braces). Texts of sources and
notes are loaded by the reader (from the archive or inline content) as bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RefiUser:
    """A ``<User>``: becomes a coder."""

    guid: str
    name: str


@dataclass
class RefiCode:
    """A ``<Code>`` with its children."""

    guid: str
    name: str
    is_codable: bool
    color: str | None
    description: str
    note_refs: list[str] = field(default_factory=list)
    children: list[RefiCode] = field(default_factory=list)


@dataclass
class RefiVariable:
    """A ``<Variable>`` definition."""

    guid: str
    name: str
    type: str
    description: str = ""


@dataclass
class RefiValue:
    """A ``<VariableValue>``: the variable it belongs to and its value as text."""

    variable: str
    value: str
    type: str


@dataclass
class RefiCase:
    """A ``<Case>``: becomes a participant."""

    guid: str
    name: str
    description: str
    values: list[RefiValue] = field(default_factory=list)
    source_refs: list[str] = field(default_factory=list)
    selection_refs: list[str] = field(default_factory=list)
    code_refs: int = 0


@dataclass(slots=True)
class RefiCoding:
    """A ``<Coding>``: a code applied (by a user, at a time)."""

    guid: str
    code: str
    user: str | None
    created: str | None
    note_refs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class RefiSelection:
    """A ``<PlainTextSelection>`` (or a transcript selection turned into one)."""

    guid: str
    name: str | None
    start: int
    end: int
    user: str | None
    created: str | None
    description: str = ""
    codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)


@dataclass
class RefiMedia:
    """An ``<AudioSource>``/``<VideoSource>``: where the recording is and its sync points."""

    guid: str
    kind: str
    name: str
    path: str | None
    sync: list[tuple[int, int]] = field(default_factory=list)
    """``(position in the transcript text, milliseconds)`` of each ``<SyncPoint>``."""


@dataclass
class RefiSource:
    """A text source: a ``<TextSource>`` or the transcript of an audio/video source."""

    guid: str
    name: str
    text: bytes | None
    text_problem: str | None = None
    description: str = ""
    selections: list[RefiSelection] = field(default_factory=list)
    whole_codings: list[RefiCoding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    values: list[RefiValue] = field(default_factory=list)
    created: str | None = None
    text_path: str | None = None
    """The ``plainTextPath`` its text came from (shared by a media transcript and a text)."""
    media: RefiMedia | None = None
    """The recording this source transcribes, if it came with one."""


@dataclass
class RefiNote:
    """A ``<Note>``: becomes a memo."""

    guid: str
    name: str
    text: str | None
    user: str | None
    created: str | None


@dataclass
class RefiLink:
    """A ``<Link>`` between two objects (suhbat reads note → object links)."""

    origin: str
    target: str


@dataclass
class RefiProject:
    """Everything read from a QDPX/QDE project or a QDC codebook."""

    kind: str
    file: str
    name: str = ""
    origin: str | None = None
    users: list[RefiUser] = field(default_factory=list)
    codes: list[RefiCode] = field(default_factory=list)
    variables: list[RefiVariable] = field(default_factory=list)
    cases: list[RefiCase] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    notes: list[RefiNote] = field(default_factory=list)
    links: list[RefiLink] = field(default_factory=list)
    project_note_refs: list[str] = field(default_factory=list)
    base_path: str | None = None
    """The project's ``basePath`` (where ``relative://`` media paths start)."""
    unplaced_media: list[RefiMedia] = field(default_factory=list)
    """Recordings with no transcript (suhbat links a recording to a transcript)."""
    sets: int = 0
    empty_sets: bool = False
    skipped: dict[str, int] = field(default_factory=dict)
    invalid_guids: list[str] = field(default_factory=list)
