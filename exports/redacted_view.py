"""A read-only view of a project in which every text a user wrote comes out redacted.

:class:`RedactedStore` is a :class:`storage.Store` opened read-only on the same
project file. The methods exporters read from return the same models as the Store,
with a :class:`exports.redaction.Redactor` applied to every free text: layer texts,
speaker labels, session titles, locations, regions, interviewers and notes,
transcript titles and file names, code names, definitions, criteria and examples,
coding memos, memos, participant attribute values and notes, and the project name.
Utterance spans and codings move with the redacted text (see
:mod:`exports.redacted_text`), so every exporter writes exact anchors and offsets
without knowing about redaction: pass the view where it takes a Store.

Participants' real names are always redacted to their pseudonyms (and left out of
the participant records) unless ``real_names`` is given; the values of attributes
marked sensitive are redacted to ``[attribute]``. Coder names, attribute names and
protocol questions are left as they are. SQLite refuses every write through the view,
so the stored project never changes. What was replaced, and where, collects in
:attr:`RedactedStore.log`.

Statistics computed from the view measure characters of the redacted text: segment
overlap agreement and unitizing α may differ slightly from an unredacted export.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from exports.redacted_text import RedactedText, redact_text
from exports.redaction import (
    Redactor,
    participant_entries,
    sensitive_attribute_entries,
)
from exports.redaction_log import Place, RedactionLog
from storage.codes_store import CodesPart, CodingsPart, MemosPart
from storage.errors import N_
from storage.models import (
    Attribute,
    Code,
    Coding,
    Layer,
    Memo,
    MemoTarget,
    Participant,
    Project,
    Session,
    Transcript,
    Utterance,
)
from storage.participants_store import ParticipantsPart
from storage.refi_store import BulkPart, CodingRecord, TurnRow
from storage.sessions_store import SessionsPart
from storage.span_index import SpanIndex
from storage.store import Store
from storage.transcripts_store import TranscriptsPart
from storage.utterance_spans import UtteranceSpans

MEMO_PLACES = {
    "project": N_("memo on the project"),
    "session": N_("memo on a session"),
    "code": N_("memo on a code"),
    "coding": N_("memo on a coding"),
    "participant": N_("memo on a participant"),
    "transcript": N_("memo on a transcript"),
}
"""How the redaction report names a memo's place, by what the memo is attached to."""


def project_redactor(
    redactor: Redactor,
    participants: Iterable[Participant],
    attributes: Iterable[Attribute],
    *,
    real_names: bool = False,
) -> Redactor:
    """The list's redactor plus the project's own entries.

    Participants' real names become their pseudonyms (unless ``real_names``), values
    of sensitive attributes become ``[attribute]``. An entry of the list with its own
    replacement wins over the project's entries for the same term; the project's
    pseudonyms win over a list entry without one.
    """
    people = list(participants)
    own = [
        *([] if real_names else participant_entries(people)),
        *sensitive_attribute_entries(people, attributes),
    ]
    explicit = [e for e in redactor.entries if e.replacement is not None]
    generic = [e for e in redactor.entries if e.replacement is None]
    return Redactor([*explicit, *own, *generic])


@dataclasses.dataclass(frozen=True)
class RawParts:
    """The Store parts a :class:`RedactedStore` reads the stored texts through."""

    transcripts: TranscriptsPart
    sessions: SessionsPart
    codes: CodesPart
    codings: CodingsPart
    participants: ParticipantsPart
    memos: MemosPart
    bulk: BulkPart


class RedactedStore(Store):
    """A read-only Store whose texts come out redacted (see the module docstring)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        redactor: Redactor,
        *,
        real_names: bool = False,
        log: RedactionLog | None = None,
    ) -> None:
        super().__init__(path, read_only=True)
        self.raw = RawParts(
            self.transcripts,
            self.sessions,
            self.codes,
            self.codings,
            self.participants,
            self.memos,
            self.bulk,
        )
        """The parts reading the stored (unredacted) project."""
        self.transcripts = RedactedTranscripts(self)
        self.sessions = RedactedSessions(self)
        self.codes = RedactedCodes(self)
        self.codings = RedactedCodings(self)
        self.participants = RedactedParticipants(self)
        self.memos = RedactedMemos(self)
        self.bulk = RedactedBulk(self)
        self.real_names = real_names
        self.redactor = project_redactor(
            redactor,
            self.raw.participants.all(),
            self.raw.participants.attributes(),
            real_names=real_names,
        )
        self.log = log if log is not None else RedactionLog()
        self._texts: dict[int, RedactedText] = {}
        self._layer_labels: dict[int, str] = {}
        self._transcript_labels: dict[int, str] = {}
        self._prepared: set[int] = set()
        self._all_prepared = False

    # -- redacting one text --------------------------------------------------------------

    def redact(self, text: str, key: Hashable = None, where: Place | None = None) -> str:
        """``text`` redacted; what was replaced is logged under ``key`` as ``where``."""
        if not text:
            return text
        new, found = self.redactor.apply(text)
        if found and key is not None and where is not None:
            self.log.record(key, where, found)
        return new

    def _optional(self, text: str | None, key: Hashable, where: Place) -> str | None:
        return None if text is None else self.redact(text, key, where)

    # -- layer texts and offsets ---------------------------------------------------------

    def _prepare(self, transcript_id: int | None = None) -> None:
        """Redact the layers of one transcript (or of all) once, cut at utterance bounds."""
        if self._all_prepared or transcript_id in self._prepared:
            return
        bounds: dict[int, list[int]] = {}
        if transcript_id is None:
            layers = self.raw.transcripts.layers()
            for turn in self.raw.bulk.turn_rows():
                bounds.setdefault(turn.layer_id, []).extend((turn.start, turn.end))
            self._all_prepared = True
        else:
            layers = self.raw.transcripts.layers(transcript_id)
            for u in self.raw.transcripts.utterances(transcript_id):
                for layer_id, (start, end) in u.spans.items():
                    bounds.setdefault(layer_id, []).extend((start, end))
            self._prepared.add(transcript_id)
        for layer in layers:
            if layer.id in self._texts:
                continue
            self._texts[layer.id] = redact_text(layer.text, bounds.get(layer.id, ()), self.redactor)
            title = self._transcript_label(layer.transcript_id)
            self._layer_labels[layer.id] = f"{title} ({layer.language})"

    def _layer_place(self, layer_id: int, field: str) -> Place:
        label = self._layer_labels.get(layer_id, "")
        return Place(N_("layer {label}: {field}"), (("label", label),), field)

    def _transcript_place(self, label: str, field: str) -> Place:
        return Place(N_("transcript {label}: {field}"), (("label", label),), field)

    def _transcript_label(self, transcript_id: int) -> str:
        """``"title"`` of a transcript, redacted (for the report's places)."""
        if transcript_id not in self._transcript_labels:
            title = self.raw.transcripts.get(transcript_id).title
            self._transcript_labels[transcript_id] = f'"{self.redact(title)}"'
        return self._transcript_labels[transcript_id]

    def _text_of(self, layer_id: int) -> RedactedText:
        if layer_id not in self._texts:
            self._prepare(self.raw.transcripts.layer(layer_id).transcript_id)
        return self._texts[layer_id]

    def _layer(self, layer: Layer, *, with_text: bool = True) -> Layer:
        text = ""
        if with_text:
            redacted = self._text_of(layer.id)
            place = self._layer_place(layer.id, N_("text"))
            self.log.record(("layer", layer.id), place, redacted.replacements)
            text = redacted.text
        return dataclasses.replace(
            layer,
            text=text,
            source_file=self._optional(
                layer.source_file,
                ("layer-file", layer.id),
                self._layer_place(layer.id, N_("source file")),
            ),
        )

    def _span(self, layer_id: int, start: int, end: int) -> tuple[int, int]:
        return self._text_of(layer_id).span(start, end)

    # -- the Store's reads, redacted (the parts below call these) -----------------------

    def project(self) -> Project:
        """The project, its name redacted."""
        project = super().project()
        place = Place(N_("project name"))
        return dataclasses.replace(project, name=self.redact(project.name, "project", place))

    def redacted_layers(
        self, transcript_id: int | None = None, *, with_text: bool = True
    ) -> list[Layer]:
        """Layers with redacted text (when asked for) and file names."""
        raw = self.raw.transcripts.layers(transcript_id, with_text=False)
        self._prepare(transcript_id)
        return [self._layer(layer, with_text=with_text) for layer in raw]

    def redacted_layer(self, layer_id: int) -> Layer:
        """One layer with its redacted text."""
        layer = self.raw.transcripts.layer(layer_id)
        self._text_of(layer_id)
        return self._layer(layer)

    def redacted_utterances(self, transcript_id: int | None = None) -> list[Utterance]:
        """Utterances with spans in the redacted texts and redacted speaker labels."""
        self._prepare(transcript_id)
        out = []
        for u in self.raw.transcripts.utterances(transcript_id):
            speaker = self._speaker(u.uuid, u.transcript_id, u.speaker)
            spans = {lid: self._span(lid, s, e) for lid, (s, e) in u.spans.items()}
            same = speaker == u.speaker and spans == u.spans
            out.append(u if same else dataclasses.replace(u, speaker=speaker, spans=spans))
        return out

    def _speaker(self, utterance_key: Hashable, transcript_id: int, label: str) -> str:
        where = self._transcript_place(self._transcript_label(transcript_id), N_("speaker"))
        return self.redact(label, ("speaker", utterance_key), where)

    def redacted_turn_rows(self) -> list[TurnRow]:
        """Every utterance span (moved into the redacted texts) with its redacted speaker."""
        self._prepare()
        out = []
        for turn in self.raw.bulk.turn_rows():
            start, end = self._span(turn.layer_id, turn.start, turn.end)
            speaker = self._speaker(turn.uuid, turn.transcript_id, turn.speaker)
            out.append(turn._replace(speaker=speaker, start=start, end=end))
        return out

    def redacted_codings(
        self,
        *,
        layer_id: int | None = None,
        code_id: int | None = None,
        coder_id: int | None = None,
    ) -> list[Coding]:
        """Codings with offsets in the redacted texts and redacted memos."""
        raw = self.raw.codings.all(layer_id=layer_id, code_id=code_id, coder_id=coder_id)
        if layer_id is None and raw:
            self._prepare()
        return [self._coding(c) for c in raw]

    def redacted_coding(self, coding_id: int) -> Coding:
        """One coding, moved into the redacted text."""
        return self._coding(self.raw.codings.get(coding_id))

    def _coding(self, c: Coding) -> Coding:
        start, end = self._span(c.layer_id, c.start, c.end)
        memo = self._memo_of_coding(c.id, c.layer_id, c.memo)
        if (start, end, memo) == (c.start, c.end, c.memo):
            return c
        return dataclasses.replace(c, start=start, end=end, memo=memo)

    def _memo_of_coding(self, coding_id: int, layer_id: int, memo: str) -> str:
        where = self._layer_place(layer_id, N_("coding memo"))
        return self.redact(memo, ("coding-memo", coding_id), where)

    def redacted_coding_rows(self) -> list[CodingRecord]:
        """Every coding (lean form), moved into the redacted texts."""
        self._prepare()
        out = []
        for c in self.raw.bulk.coding_rows():
            start, end = self._span(c.layer_id, c.start, c.end)
            memo = self._memo_of_coding(c.id, c.layer_id, c.memo)
            out.append(c._replace(start=start, end=end, memo=memo))
        return out

    def redacted_sessions(self) -> list[Session]:
        """Sessions with redacted titles, places, interviewers and notes."""
        return [self._session(s) for s in self.raw.sessions.all()]

    def redacted_session(self, session_id: int) -> Session:
        """One session, redacted."""
        return self._session(self.raw.sessions.get(session_id))

    def redacted_find_session(self, title: str) -> Session | None:
        """The session with this (stored) title, redacted."""
        found = self.raw.sessions.find(title)
        return None if found is None else self._session(found)

    def _session(self, s: Session) -> Session:
        title = self.redact(s.title)

        def field(name: str, text: str | None) -> str | None:
            where = Place(N_("session {title}: {field}"), (("title", f'"{title}"'),), name)
            return self._optional(text, ("session", s.id, name), where)

        return dataclasses.replace(
            s,
            title=field(N_("title"), s.title) or "",
            location=field(N_("location"), s.location),
            setting=field(N_("setting"), s.setting),
            region=field(N_("region"), s.region),
            interviewer=field(N_("interviewer"), s.interviewer),
            notes=field(N_("notes"), s.notes) or "",
        )

    def redacted_transcripts(self, session_id: int | None = None) -> list[Transcript]:
        """Transcripts with redacted titles and file names."""
        return [self._transcript(t) for t in self.raw.transcripts.all(session_id)]

    def redacted_transcript(self, transcript_id: int) -> Transcript:
        """One transcript, redacted."""
        return self._transcript(self.raw.transcripts.get(transcript_id))

    def _transcript(self, t: Transcript) -> Transcript:
        title = self.redact(t.title)
        label = f'"{title}"'
        self.redact(
            t.title, ("transcript", t.id, "title"), self._transcript_place(label, N_("title"))
        )
        source = self._optional(
            t.source_file,
            ("transcript", t.id, "file"),
            self._transcript_place(label, N_("source file")),
        )
        return dataclasses.replace(t, title=title, source_file=source)

    def redacted_codes(self) -> list[Code]:
        """Codes with redacted names, definitions, criteria and examples."""
        return [self._code(c) for c in self.raw.codes.all()]

    def redacted_code(self, code_id: int) -> Code:
        """One code, redacted."""
        return self._code(self.raw.codes.get(code_id))

    def _code(self, c: Code) -> Code:
        label = self.redact(c.name())

        def field(name: str, text: str, language: str = "") -> str:
            params = (("label", f'"{label}"'), ("language", language))
            message = (
                N_("code {label}: {field} ({language})")
                if language
                else N_("code {label}: {field}")
            )
            return self.redact(text, ("code", c.id, name, language), Place(message, params, name))

        return dataclasses.replace(
            c,
            names={lang: field(N_("name"), name, lang) for lang, name in c.names.items()},
            description=field(N_("description"), c.description),
            inclusion=field(N_("inclusion"), c.inclusion),
            exclusion=field(N_("exclusion"), c.exclusion),
            example=field(N_("example"), c.example),
        )

    def redacted_participants(self) -> list[Participant]:
        """Participants with redacted attribute values and notes."""
        return [self._participant(p) for p in self.raw.participants.all()]

    def redacted_participant(self, participant_id: int) -> Participant:
        """One participant, redacted."""
        return self._participant(self.raw.participants.get(participant_id))

    def _participant(self, p: Participant) -> Participant:
        who = (("code", p.code),)
        values = {
            name: self.redact(
                value,
                ("participant", p.id, name),
                Place(N_("participant {code}: {attribute}"), (*who, ("attribute", name))),
            )
            for name, value in p.attributes.items()
        }
        notes_place = Place(N_("participant {code}: {field}"), who, N_("notes"))
        return dataclasses.replace(
            p,
            real_name=p.real_name if self.real_names else None,
            attributes=values,
            notes=self.redact(p.notes, ("participant", p.id, "notes"), notes_place),
        )

    def redacted_attributes(self) -> list[Attribute]:
        """Attribute definitions with the allowed values of categories redacted."""
        out = []
        for a in self.raw.participants.attributes():
            allowed = tuple(
                dict.fromkeys(
                    self.redact(
                        v,
                        ("attribute", a.id, v),
                        Place(N_("attribute {name}: allowed values"), (("name", a.name),)),
                    )
                    for v in a.allowed
                )
            )
            out.append(dataclasses.replace(a, allowed=allowed))
        return out

    def redacted_memos(
        self, target: MemoTarget | None = None, target_id: int | None = None
    ) -> list[Memo]:
        """Memos with redacted text."""
        return [
            dataclasses.replace(
                m,
                text=self.redact(m.text, ("memo", m.id), Place(MEMO_PLACES[m.target])),
            )
            for m in self.raw.memos.all(target, target_id)
        ]


# -- the parts of a redacted view: the reads exporters use come out redacted -------------


class RedactedTranscripts(TranscriptsPart):
    """Transcripts, layers and utterances of a :class:`RedactedStore`."""

    def __init__(self, view: RedactedStore) -> None:
        super().__init__(view.db, SpanIndex(view.db), view.raw.codings, view.raw.memos)
        self._view = view

    def all(self, session_id: int | None = None) -> list[Transcript]:
        """Transcripts with redacted titles and file names."""
        return self._view.redacted_transcripts(session_id)

    def get(self, transcript_id: int) -> Transcript:
        """One transcript, redacted."""
        return self._view.redacted_transcript(transcript_id)

    def layers(
        self,
        transcript_id: int | None = None,
        *,
        with_text: bool = True,
        transcript_ids: Collection[int] | None = None,
    ) -> list[Layer]:
        """Layers with redacted text (when asked for) and file names."""
        layers = self._view.redacted_layers(transcript_id, with_text=with_text)
        return _of_transcripts(layers, transcript_ids)

    def layer(self, layer_id: int) -> Layer:
        """One layer with its redacted text."""
        return self._view.redacted_layer(layer_id)

    def utterances(
        self, transcript_id: int | None = None, *, transcript_ids: Collection[int] | None = None
    ) -> list[Utterance]:
        """Utterances with spans in the redacted texts and redacted speaker labels."""
        return _of_transcripts(self._view.redacted_utterances(transcript_id), transcript_ids)

    def utterance_spans(self) -> UtteranceSpans:
        """The columns of the utterances' spans in the redacted texts."""
        return UtteranceSpans.from_utterances(self._view.redacted_utterances())


_Item = TypeVar("_Item", Layer, Utterance)


def _of_transcripts(items: list[_Item], transcript_ids: Collection[int] | None) -> list[_Item]:
    """``items`` of ``transcript_ids`` only (all when None)."""
    if transcript_ids is None:
        return items
    wanted = set(transcript_ids)
    return [item for item in items if item.transcript_id in wanted]


class RedactedSessions(SessionsPart):
    """Sessions of a :class:`RedactedStore`."""

    def __init__(self, view: RedactedStore) -> None:
        super().__init__(view.db, view.raw.transcripts, view.raw.memos)
        self._view = view

    def all(self) -> list[Session]:
        """Sessions with redacted titles, places, interviewers and notes."""
        return self._view.redacted_sessions()

    def get(self, session_id: int) -> Session:
        """One session, redacted."""
        return self._view.redacted_session(session_id)

    def find(self, title: str) -> Session | None:
        """The session with this (stored) title, redacted."""
        return self._view.redacted_find_session(title)


class RedactedCodes(CodesPart):
    """Codes of a :class:`RedactedStore`."""

    def __init__(self, view: RedactedStore) -> None:
        super().__init__(view.db, view.raw.memos)
        self._view = view

    def all(self) -> list[Code]:
        """Codes with redacted names, definitions, criteria and examples."""
        return self._view.redacted_codes()

    def get(self, code_id: int) -> Code:
        """One code, redacted."""
        return self._view.redacted_code(code_id)


class RedactedCodings(CodingsPart):
    """Codings of a :class:`RedactedStore`."""

    def __init__(self, view: RedactedStore) -> None:
        super().__init__(view.db, view.raw.codes, view.raw.memos)
        self._view = view

    def all(
        self,
        *,
        layer_id: int | None = None,
        code_id: int | None = None,
        coder_id: int | None = None,
    ) -> list[Coding]:
        """Codings with offsets in the redacted texts and redacted memos."""
        return self._view.redacted_codings(layer_id=layer_id, code_id=code_id, coder_id=coder_id)

    def get(self, coding_id: int) -> Coding:
        """One coding, moved into the redacted text."""
        return self._view.redacted_coding(coding_id)


class RedactedParticipants(ParticipantsPart):
    """Participants and attributes of a :class:`RedactedStore`."""

    def __init__(self, view: RedactedStore) -> None:
        super().__init__(view.db, view.raw.memos)
        self._view = view

    def all(self) -> list[Participant]:
        """Participants with redacted attribute values and notes."""
        return self._view.redacted_participants()

    def get(self, participant_id: int) -> Participant:
        """One participant, redacted."""
        return self._view.redacted_participant(participant_id)

    def attributes(self) -> list[Attribute]:
        """Attribute definitions with the allowed values of categories redacted."""
        return self._view.redacted_attributes()


class RedactedMemos(MemosPart):
    """Memos of a :class:`RedactedStore`."""

    def __init__(self, view: RedactedStore) -> None:
        super().__init__(view.db)
        self._view = view

    def all(self, target: MemoTarget | None = None, target_id: int | None = None) -> list[Memo]:
        """Memos with redacted text."""
        return self._view.redacted_memos(target, target_id)


class RedactedBulk(BulkPart):
    """Whole-project reads of a :class:`RedactedStore`."""

    def __init__(self, view: RedactedStore) -> None:
        super().__init__(view.db)
        self._view = view

    def turn_rows(self) -> list[TurnRow]:
        """Every utterance span (moved into the redacted texts) with its redacted speaker."""
        return self._view.redacted_turn_rows()

    def coding_rows(self) -> list[CodingRecord]:
        """Every coding (lean form), moved into the redacted texts."""
        return self._view.redacted_coding_rows()


@contextmanager
def open_redacted(
    store: Store, redactor: Redactor, *, real_names: bool = False
) -> Iterator[RedactedStore]:
    """A :class:`RedactedStore` on the project ``store`` has open, closed afterwards."""
    view = RedactedStore(store.path, redactor, real_names=real_names)
    try:
        yield view
    finally:
        view.close()
