"""State shared by the steps of a REFI-QDA import: the store, maps from GUIDs, the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from exports.refi.import_texts import PreparedSource
from exports.refi.namespaces import origin_languages
from exports.refi.notices import Notice, Notices
from exports.refi.refi_model import RefiProject
from storage import Store


@dataclass
class RefiImportReport:
    """What an import did: counts of what was added or matched, and every warning.

    ``counts`` keys: ``coders``, ``codes``, ``attributes``, ``participants``,
    ``sessions``, ``transcripts``, ``layers``, ``codings``, ``memos`` (added) and
    ``codes_matched``, ``participants_matched``, ``sources_known``,
    ``codings_known`` (already in the project, left as they were).
    """

    file: str
    kind: str
    origin: str | None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[Notice] = field(default_factory=list)


class SelectionPlace(NamedTuple):
    """Where an imported selection landed: its layer and stored range."""

    layer_id: int
    transcript_id: int
    session_id: int
    start: int
    end: int


@dataclass
class ImportContext:
    """Everything the import steps share while writing into one transaction."""

    store: Store
    project: RefiProject
    notices: Notices = field(default_factory=Notices)
    counts: dict[str, int] = field(default_factory=dict)
    coders: dict[str, int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)
    participants: dict[str, int] = field(default_factory=dict)
    sources: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """Source GUID → (layer id, transcript id, session id)."""
    placed: list[tuple[PreparedSource, int, int, int]] = field(default_factory=list)
    """Stored sources with their layer, transcript and session ids."""
    new_transcripts: list[int] = field(default_factory=list)
    """Transcripts this import added."""
    new_layouts: dict[int, PreparedSource] = field(default_factory=dict)
    """Layer id → the prepared source it was made from (layers this import added)."""
    session_people: dict[int, str] = field(default_factory=dict)
    """Session id → its "Session participants" value (sessions this import added)."""
    default_coder: int | None = None
    session_position: int | None = None
    """The position of the next session this import adds (counted here, not read each time)."""
    title_numbers: dict[str, int] = field(default_factory=dict)
    """Session title → the next number to try for a source of that name already taken."""

    def __post_init__(self) -> None:
        self._selections: dict[str, SelectionPlace] | None = None
        languages = origin_languages(self.project.origin)
        self.from_suhbat = languages is not None
        """True if suhbat wrote the file (its extra conventions can be read back)."""
        self.name_language = languages[0] if languages else self.store.project().languages[0]
        """The language of code names in the file."""
        self.variable_names = {v.guid: v.name for v in self.project.variables}
        """Variable GUID → its name."""

    @property
    def selections(self) -> dict[str, SelectionPlace]:
        """Where each selection of the stored sources landed (built when first asked for)."""
        if self._selections is None:
            self._selections = {}
            for prepared, layer_id, transcript_id, session_id in self.placed:
                for guid, (start, end) in prepared.places.items():
                    self._selections[guid] = SelectionPlace(
                        layer_id, transcript_id, session_id, start, end
                    )
        return self._selections

    def quote(self, place: SelectionPlace) -> str:
        """The text a selection covers in the project."""
        return self.store.transcripts.layer(place.layer_id).text[place.start : place.end]

    def next_session_position(self) -> int:
        """The position for a session this import adds (each call moves it on)."""
        if self.session_position is None:
            self.session_position = self.store.sessions.next_position()
        self.session_position += 1
        return self.session_position - 1

    def count(self, key: str, n: int = 1) -> None:
        """Add ``n`` to a counter of the report."""
        self.counts[key] = self.counts.get(key, 0) + n

    def fallback_coder(self) -> int:
        """The coder for codings the file does not attribute to anyone."""
        if self.default_coder is None:
            name = (self.project.origin or "").strip() or self.project.file
            label = f"imported ({name})"[:80]
            known = {c.name for c in self.store.coders.all()}
            coder = self.store.coders.get(label)
            self.default_coder = coder.id
            if coder.name not in known:
                self.count("coders")
        return self.default_coder
