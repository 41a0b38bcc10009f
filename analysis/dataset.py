"""`StudyData`: everything the statistics need, with precomputed indexes.

Built once from the Store's frozen dataclasses::

    data = StudyData.build(
        codes=store.codes.all(), codings=store.codings.all(), coders=store.coders.all(),
        sessions=store.sessions.all(), participants=store.participants.all(),
        attributes=store.participants.attributes(), transcripts=store.transcripts.all(),
        layers=store.transcripts.layers(with_text=False), utterances=store.transcripts.utterances(),
        session_participants=store.sessions.participants(),
    )

Indexes: the code tree (children, depth, pre-order, paths); layer → transcript →
session; for every coding the utterances it overlaps and hence its
*participants*: the participants who speak in the coded utterances, leaving out
anyone whose role in that session is not "respondent" (moderators,
interviewers, observers). A coding that touches no respondent's utterance in a
session with exactly one respondent counts that respondent (an interviewer's
question coded in a one-to-one interview is about that interviewee).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Literal

from analysis.coding_facts import CodingFact, facts_from_columns, facts_of_codings
from storage.coding_speakers import CodingRows, SpeakerSpans
from storage.models import (
    Attribute,
    Code,
    Coder,
    Coding,
    Layer,
    Participant,
    Role,
    Session,
    SessionParticipant,
    Transcript,
    Utterance,
)
from storage.utterance_spans import UtteranceSpans

SessionOrder = Literal["date", "position"]


@dataclass(frozen=True)
class StudyData:
    """A read-only bundle of study data plus indexes; build it with :meth:`build`."""

    codes: Mapping[int, Code]
    codings: tuple[Coding, ...]
    coders: Mapping[int, Coder]
    sessions: Mapping[int, Session]
    participants: Mapping[int, Participant]
    attributes: tuple[Attribute, ...]
    transcripts: Mapping[int, Transcript]
    layers: Mapping[int, Layer]
    utterances: Mapping[int, Utterance]
    session_participants: tuple[SessionParticipant, ...]
    language: str | None = None
    fallback_languages: tuple[str, ...] = ()
    # --- indexes (filled by build) ---
    code_children: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    code_roots: tuple[int, ...] = ()
    code_order: tuple[int, ...] = ()
    code_depth: Mapping[int, int] = field(default_factory=dict)
    layer_transcript: Mapping[int, int] = field(default_factory=dict)
    layer_session: Mapping[int, int] = field(default_factory=dict)
    layer_length: Mapping[int, int] = field(default_factory=dict)
    coding_session: Mapping[int, int] = field(default_factory=dict)
    coding_utterances: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    coding_participants: Mapping[int, frozenset[int]] = field(default_factory=dict)
    respondents: Mapping[int, frozenset[int]] = field(default_factory=dict)
    roles: Mapping[tuple[int, int], Role] = field(default_factory=dict)
    participants_in_scope: frozenset[int] = frozenset()
    coding_facts: tuple[CodingFact, ...] | None = None
    """The codings as light facts, when loaded for the counting statistics only (then
    :attr:`codings` and the per-coding indexes are empty; see :mod:`analysis.coding_facts`)."""
    coding_languages: Mapping[int, frozenset[str]] = field(default_factory=dict)
    """Coding id → the languages of the utterances it overlaps (when loaded)."""

    # ------------------------------------------------------------------ build
    @classmethod
    def build(
        cls,
        *,
        codes: Iterable[Code] = (),
        codings: Iterable[Coding] = (),
        coders: Iterable[Coder] = (),
        sessions: Iterable[Session] = (),
        participants: Iterable[Participant] = (),
        attributes: Iterable[Attribute] = (),
        transcripts: Iterable[Transcript] = (),
        layers: Iterable[Layer] = (),
        utterances: Iterable[Utterance] = (),
        session_participants: Iterable[SessionParticipant] = (),
        language: str | None = None,
        fallback_languages: Sequence[str] = (),
        utterance_spans: UtteranceSpans | None = None,
        coding_rows: CodingRows | None = None,
        speaker_spans: SpeakerSpans | None = None,
        layer_lengths: Mapping[int, int] | None = None,
    ) -> StudyData:
        """Index the given models. Codings on unknown layers or codes are left out.

        Layers may be passed without text; a layer's length (needed only by the
        unitizing α) is then taken as the furthest utterance span or coding end.
        ``utterance_spans`` (``store.transcripts.utterance_spans()``) may stand in for
        ``utterances`` when no statistic reads an utterance itself (speaker label,
        times): the indexes are the same and :attr:`utterances` stays empty.
        ``coding_rows`` and ``speaker_spans`` (``store.counts.coding_rows()`` and
        ``store.counts.speaker_spans()``) give :attr:`coding_facts` and every coding's
        languages (:attr:`coding_languages`, to filter by language); they stand in for
        codings, utterances and spans when only the counting statistics are computed
        (:mod:`analysis.coding_facts`). ``layer_lengths`` (``store.counts.layer_lengths()``)
        gives the layers' lengths without their texts.
        """
        code_map = {c.id: c for c in codes}
        session_map = {s.id: s for s in sessions}
        transcript_map = {t.id: t for t in transcripts}
        layer_map = {la.id: la for la in layers}
        utterance_map = {u.id: u for u in utterances}
        links = tuple(session_participants)

        layer_transcript = {la.id: la.transcript_id for la in layer_map.values()}
        layer_session: dict[int, int] = {}
        for lid, tid in layer_transcript.items():
            t = transcript_map.get(tid)
            if t is not None:
                layer_session[lid] = t.session_id
        coding_list = tuple(
            c for c in codings if c.layer_id in layer_session and c.code_id in code_map
        )

        children, roots, order, depth = _code_tree(code_map)
        roles = {(sp.session_id, sp.participant_id): sp.role for sp in links}
        # Who speaks where: from the utterances, or from the same facts read as columns.
        speaking: Iterable[tuple[int, int, int | None]]
        spans_by_layer: dict[int, _Spans]
        if utterance_spans is None and speaker_spans is not None and not utterance_map:
            spoken = list(speaker_spans.transcript_speakers)
            spans_by_layer = {}
            speaking = ()
        elif utterance_spans is None:
            turns = utterance_map.values()
            spoken = [
                (u.transcript_id, u.participant_id) for u in turns if u.participant_id is not None
            ]
            spans_by_layer = _spans_of_utterances(turns)
            speaking = ((u.id, u.transcript_id, u.participant_id) for u in turns)
        else:
            spoken = list(utterance_spans.speakers)
            spans_by_layer = _utterance_spans(utterance_spans)
            speaking = zip(
                utterance_spans.utterance_ids,
                utterance_spans.transcript_ids,
                utterance_spans.participant_ids,
                strict=True,
            )
        respondents = _respondents(links, spoken, transcript_map)
        if layer_lengths is not None:
            layer_length = {lid: layer_lengths.get(lid, 0) for lid in layer_map}
        else:
            layer_length = _layer_lengths(layer_map, spans_by_layer, coding_list)

        # The respondent speaking each utterance (None for anyone else).
        speaker: dict[int, int | None] = {}
        session_of = {tid: t.session_id for tid, t in transcript_map.items()}
        for uid, tid, pid in speaking:
            sid = session_of.get(tid)
            if sid is None or pid is None:
                speaker[uid] = None
            else:
                is_respondent = roles.get((sid, pid), "respondent") == "respondent"
                speaker[uid] = pid if is_respondent else None
        nobody: frozenset[int] = frozenset()
        sole = {sid: g for sid, g in respondents.items() if len(g) == 1}
        coding_session: dict[int, int] = {}
        coding_utterances: dict[int, tuple[int, ...]] = {}
        coding_participants: dict[int, frozenset[int]] = {}
        for c in coding_list:
            sid = layer_session[c.layer_id]
            coding_session[c.id] = sid
            uids = _overlapping(spans_by_layer.get(c.layer_id), c.start, c.end)
            coding_utterances[c.id] = uids
            people = frozenset([p for p in map(speaker.__getitem__, uids) if p is not None])
            coding_participants[c.id] = people or sole.get(sid, nobody)

        facts = None
        languages: dict[int, frozenset[str]] = {}
        if coding_rows is not None and speaker_spans is not None:
            facts = facts_from_columns(
                coding_rows,
                speaker_spans,
                codes=code_map,
                layer_session=layer_session,
                layer_language={lid: la.language for lid, la in layer_map.items()},
                roles=roles,
                respondents=respondents,
            )
            if coding_list:  # (a study of facts alone reads the languages from its facts)
                languages = {f.id: f.languages for f in facts}
        in_scope = frozenset(p for group in respondents.values() for p in group)
        participant_map = {p.id: p for p in participants}
        if not in_scope:
            in_scope = frozenset(participant_map)

        return cls(
            codes=code_map,
            codings=coding_list,
            coders={c.id: c for c in coders},
            sessions=session_map,
            participants=participant_map,
            attributes=tuple(sorted(attributes, key=lambda a: (a.position, a.id))),
            transcripts=transcript_map,
            layers=layer_map,
            utterances=utterance_map,
            session_participants=links,
            language=language,
            fallback_languages=tuple(fallback_languages),
            code_children=children,
            code_roots=roots,
            code_order=order,
            code_depth=depth,
            layer_transcript=layer_transcript,
            layer_session=layer_session,
            layer_length=layer_length,
            coding_session=coding_session,
            coding_utterances=coding_utterances,
            coding_participants=coding_participants,
            respondents=respondents,
            roles=roles,
            participants_in_scope=in_scope,
            coding_facts=facts,
            coding_languages=languages,
        )

    # ----------------------------------------------------------------- filter
    def filter(
        self,
        *,
        coder_ids: Collection[int] | None = None,
        session_kinds: Collection[str] | None = None,
        session_ids: Collection[int] | None = None,
        attributes: Mapping[str, str | Collection[str]] | None = None,
        languages: Collection[str] | None = None,
    ) -> StudyData:
        """A sub-study: only these coders, session kinds/sessions, participants, languages.

        ``attributes`` maps an attribute name to the value (or values) a
        participant must have. With it, participants, respondents and codings are
        restricted to matching participants; a coding attributed to nobody, or only
        to non-matching participants, is left out. ``languages`` keeps the codings that
        overlap an utterance in one of them (an utterance's own language before its
        layer's); it needs the study loaded with its codings' languages.
        """
        codings = self.codings
        facts = self.coding_facts
        sessions = dict(self.sessions)
        if coder_ids is not None:
            keep_coders = set(coder_ids)
            codings = tuple(c for c in codings if c.coder_id in keep_coders)
            if facts is not None:
                facts = tuple(f for f in facts if f.coder_id in keep_coders)
        if languages is not None:
            wanted = frozenset(languages)
            if codings and not self.coding_languages:
                raise ValueError("load the study with its codings' languages to filter by them")
            nothing: frozenset[str] = frozenset()
            codings = tuple(c for c in codings if self.coding_languages.get(c.id, nothing) & wanted)
            if facts is not None:
                facts = tuple(f for f in facts if f.languages & wanted)
        if session_kinds is not None or session_ids is not None:
            kinds = set(session_kinds) if session_kinds is not None else None
            ids = set(session_ids) if session_ids is not None else None
            sessions = {
                sid: s
                for sid, s in sessions.items()
                if (kinds is None or s.kind in kinds) and (ids is None or sid in ids)
            }
            codings = tuple(c for c in codings if self.coding_session[c.id] in sessions)
            if facts is not None:
                facts = tuple(f for f in facts if f.session_id in sessions)
        respondents = {sid: g for sid, g in self.respondents.items() if sid in sessions}
        in_scope = self.participants_in_scope
        if session_kinds is not None or session_ids is not None:
            linked = {p for g in respondents.values() for p in g}
            in_scope = frozenset(p for p in in_scope if p in linked) if linked else in_scope
        coding_participants = self.coding_participants
        participants = self.participants
        if attributes:
            matching = frozenset(
                pid for pid, p in self.participants.items() if _matches(p, attributes)
            )
            participants = {pid: p for pid, p in participants.items() if pid in matching}
            in_scope = in_scope & matching
            respondents = {sid: g & matching for sid, g in respondents.items()}
            coding_participants = {
                cid: people & matching for cid, people in coding_participants.items()
            }
            codings = tuple(c for c in codings if coding_participants[c.id])
            if facts is not None:
                facts = tuple(
                    f._replace(participants=f.participants & matching)
                    for f in facts
                    if f.participants & matching
                )
        transcripts = {tid: t for tid, t in self.transcripts.items() if t.session_id in sessions}
        layers = {lid: la for lid, la in self.layers.items() if la.transcript_id in transcripts}
        return dataclasses.replace(
            self,
            codings=codings,
            sessions=sessions,
            participants=participants,
            transcripts=transcripts,
            layers=layers,
            respondents=respondents,
            coding_participants=coding_participants,
            participants_in_scope=in_scope,
            coding_facts=facts,
        )

    # ---------------------------------------------------------------- helpers
    @cached_property
    def facts(self) -> tuple[CodingFact, ...]:
        """The codings as facts (:mod:`analysis.coding_facts`): those loaded, or built from
        :attr:`codings` and the indexes on first use."""
        if self.coding_facts is not None:
            return self.coding_facts
        return facts_of_codings(self)

    def code_name(self, code_id: int) -> str:
        """The code's name in the study's language (or a fallback)."""
        return self.codes[code_id].name(self.language, self.fallback_languages)

    def code_path(self, code_id: int, separator: str = " / ") -> str:
        """The names from the root down to this code, joined by ``separator``."""
        names: list[str] = []
        current: int | None = code_id
        while current is not None and current in self.codes:
            names.append(self.code_name(current))
            current = self.codes[current].parent_id
        return separator.join(reversed(names))

    def subtree(self, code_id: int) -> tuple[int, ...]:
        """The code and all its descendants, in pre-order."""
        out: list[int] = []
        stack = [code_id]
        while stack:
            cid = stack.pop()
            out.append(cid)
            stack.extend(reversed(self.code_children.get(cid, ())))
        return tuple(out)

    def is_theme(self, code_id: int) -> bool:
        """Whether the code has sub-codes (its counts are then subtree totals)."""
        return bool(self.code_children.get(code_id))

    def root_of(self, code_id: int) -> int:
        """The top-level ancestor of a code (the code itself if it is top-level)."""
        current = code_id
        while True:
            parent = self.codes[current].parent_id
            if parent is None or parent not in self.codes:
                return current
            current = parent

    def ordered_sessions(self, order: SessionOrder | Sequence[int] = "date") -> list[int]:
        """Session ids in the order conducted: by date (undated last), by position, or given."""
        if not isinstance(order, str):
            return [sid for sid in order if sid in self.sessions]
        if order == "date":
            return sorted(
                self.sessions,
                key=lambda sid: (
                    self.sessions[sid].date is None,
                    self.sessions[sid].date or "",
                    self.sessions[sid].position,
                    sid,
                ),
            )
        return sorted(self.sessions, key=lambda sid: (self.sessions[sid].position, sid))

    def session_label(self, session_id: int) -> str:
        """A session's title (or ``#id`` when untitled)."""
        s = self.sessions.get(session_id)
        return s.title if s is not None and s.title else f"#{session_id}"

    def layer_label(self, layer_id: int) -> str:
        """``Transcript title [language]`` for a layer."""
        layer = self.layers[layer_id]
        t = self.transcripts.get(layer.transcript_id)
        title = (
            t.title
            if t is not None and t.title
            else self.session_label(self.layer_session.get(layer_id, -1))
        )
        return f"{title} [{layer.language}]"


def _matches(p: Participant, wanted: Mapping[str, str | Collection[str]]) -> bool:
    for name, value in wanted.items():
        have = p.attributes.get(name)
        if isinstance(value, str):
            if have != value:
                return False
        elif have not in value:
            return False
    return True


def _code_tree(
    codes: Mapping[int, Code],
) -> tuple[dict[int, tuple[int, ...]], tuple[int, ...], tuple[int, ...], dict[int, int]]:
    kids: dict[int, list[int]] = defaultdict(list)
    roots: list[int] = []
    for c in codes.values():
        if c.parent_id is not None and c.parent_id in codes and c.parent_id != c.id:
            kids[c.parent_id].append(c.id)
        else:
            roots.append(c.id)

    def key(cid: int) -> tuple[int, int]:
        return (codes[cid].position, cid)

    children = {pid: tuple(sorted(ids, key=key)) for pid, ids in kids.items()}
    roots.sort(key=key)
    order: list[int] = []
    depth: dict[int, int] = {}
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        cid, d = stack.pop()
        if cid in depth:  # a cycle in bad data: visit once
            continue
        depth[cid] = d
        order.append(cid)
        stack.extend((k, d + 1) for k in reversed(children.get(cid, ())))
    return children, tuple(roots), tuple(order), depth


def _respondents(
    links: Sequence[SessionParticipant],
    speakers: Iterable[tuple[int, int]],
    transcripts: Mapping[int, Transcript],
) -> dict[int, frozenset[int]]:
    linked: dict[int, set[int]] = defaultdict(set)
    has_links: set[int] = set()
    for sp in links:
        has_links.add(sp.session_id)
        if sp.role == "respondent":
            linked[sp.session_id].add(sp.participant_id)
    spoken: dict[int, set[int]] = defaultdict(set)
    for transcript_id, participant_id in speakers:
        t = transcripts.get(transcript_id)
        if t is not None and t.session_id not in has_links:
            spoken[t.session_id].add(participant_id)
    out = {sid: frozenset(g) for sid, g in linked.items()}
    for sid, g in spoken.items():
        out[sid] = frozenset(g)
    return out


_Spans = tuple[list[int], list[int], list[int]]  # starts, ends, utterance ids (by start)


def _spans_of_utterances(utterances: Iterable[Utterance]) -> dict[int, _Spans]:
    per_layer: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for u in utterances:
        for lid, (start, end) in u.spans.items():
            per_layer[lid].append((start, end, u.id))
    out: dict[int, _Spans] = {}
    for lid, spans in per_layer.items():
        spans.sort()
        out[lid] = ([s[0] for s in spans], [s[1] for s in spans], [s[2] for s in spans])
    return out


def _utterance_spans(columns: UtteranceSpans) -> dict[int, _Spans]:
    out: dict[int, _Spans] = {}
    layers = columns.layer_ids
    begin = 0
    while begin < len(layers):
        lid = layers[begin]
        end = bisect.bisect_right(layers, lid, lo=begin)  # the columns are sorted by layer
        out[lid] = (
            list(columns.starts[begin:end]),
            list(columns.ends[begin:end]),
            list(columns.utterance_ids[begin:end]),
        )
        begin = end
    return out


def utterances_of_facts(
    facts: Iterable[CodingFact], spans: Sequence[tuple[int, int, int, int]]
) -> dict[int, tuple[int, ...]]:
    """Coding id → the utterances it overlaps in its layer, as :meth:`StudyData.build`
    finds them for codings (:attr:`StudyData.coding_utterances`), for codings read as
    facts; ``spans`` are ``(layer, start, end, utterance)`` rows sorted
    (``store.transcripts.span_rows()``)."""
    by_layer: dict[int, _Spans] = {}
    for layer, group in itertools.groupby(spans, key=itemgetter(0)):
        rows = list(group)
        by_layer[layer] = ([r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows])
    return {f.id: _overlapping(by_layer.get(f.layer_id), f.start, f.end) for f in facts}


def _overlapping(spans: _Spans | None, start: int, end: int) -> tuple[int, ...]:
    """Utterances whose span overlaps ``[start, end)`` (a point if ``start == end``)."""
    if spans is None:
        return ()
    starts, ends, ids = spans
    if end <= start:
        i = bisect.bisect_right(starts, start) - 1
        return (ids[i],) if i >= 0 and starts[i] <= start < ends[i] else ()
    found: list[int] = []
    # Utterance spans follow each other without overlapping, so their ends are
    # sorted too: walk back from the last span starting before ``end``.
    i = bisect.bisect_left(starts, end) - 1
    while i >= 0 and ends[i] > start:
        found.append(ids[i])
        i -= 1
    found.reverse()
    return tuple(found)


def _layer_lengths(
    layers: Mapping[int, Layer], spans: Mapping[int, _Spans], codings: Iterable[Coding]
) -> dict[int, int]:
    furthest: dict[int, int] = defaultdict(int)
    for lid, (_starts, ends, _ids) in spans.items():
        furthest[lid] = max(ends, default=0)
    for c in codings:
        if c.end > furthest[c.layer_id]:
            furthest[c.layer_id] = c.end
    return {lid: len(la.text) if la.text else furthest.get(lid, 0) for lid, la in layers.items()}
