"""Import step: text sources become sessions, transcripts and layers; selections become codings.

A file suhbat wrote is put back together: layers of one transcript (same
"Session" and "Transcript" source variables, the original first) become one
transcript again, and the session's fields come back from the source variables.
Any other tool's text source becomes a transcript of its own session, one
utterance per line. A source whose GUID the project already has is not stored
again; only codings the project does not have yet are added to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from exports.refi.guids import derived_guid
from exports.refi.import_context import ImportContext
from exports.refi.import_texts import PreparedSource
from exports.refi.namespaces import xml_datetime
from exports.refi.refi_model import RefiCoding, RefiNote, RefiSelection
from exports.refi.session_people import PEOPLE_VARIABLE, parse_people
from exports.refi.variables import SESSION_VARIABLE_NAMES
from storage.errors import N_, NN_, SuhbatError
from storage.models import SESSION_KINDS
from storage.refi_store import CodingRow, LayerRows, UtteranceRow


@dataclass
class TranscriptGroup:
    """Sources that form one transcript: the original layer first."""

    values: dict[str, str]
    layers: list[tuple[PreparedSource, str]] = field(default_factory=list)
    """``(source, language)`` pairs."""


def _values(ctx: ImportContext, prepared: PreparedSource) -> dict[str, str]:
    names = ctx.variable_names
    return {names.get(v.variable, v.variable): v.value for v in prepared.source.values}


def group_sources(ctx: ImportContext, prepared: list[PreparedSource]) -> list[TranscriptGroup]:
    """Put the layers of each transcript together (files suhbat wrote), else one per source."""
    default_language = ctx.store.project().languages[0]
    groups: list[TranscriptGroup] = []
    for item in prepared:
        values = _values(ctx, item) if ctx.from_suhbat else {}
        language = (values.get("Language") or default_language).strip().lower()
        if ctx.from_suhbat and values.get("Original", "true").lower() in ("false", "0"):
            key = (values.get("Session"), values.get("Transcript"))
            for group in reversed(groups):
                if (group.values.get("Session"), group.values.get("Transcript")) != key:
                    continue
                head = group.layers[0][0]
                if len(head.lines) == len(item.lines) and language not in {
                    lang for _s, lang in group.layers
                }:
                    group.layers.append((item, language))
                    break
            else:
                ctx.notices.add(
                    N_("{source}: translation without a matching original; kept on its own"),
                    source=item.source.name,
                )
                groups.append(TranscriptGroup(values, [(item, language)]))
            continue
        groups.append(TranscriptGroup(values, [(item, language)]))
    return groups


def _session_fields(ctx: ImportContext, values: dict[str, str]) -> dict[str, object]:
    fields: dict[str, object] = {}
    for name, value in values.items():
        variable = SESSION_VARIABLE_NAMES.get(name)
        if variable is None or variable.key in (
            "title",
            "transcript",
            "language",
            "original",
            "people",
        ):
            continue
        if variable.key == "kind" and value not in SESSION_KINDS:
            continue
        fields[variable.key] = value
    return fields


def _session_for(ctx: ImportContext, group: TranscriptGroup) -> int:
    store = ctx.store
    source = group.layers[0][0].source
    if ctx.from_suhbat and group.values.get("Session"):
        title = group.values["Session"]
        existing = store.sessions.find(title)
        if existing is not None:
            return existing.id
        fields = _session_fields(ctx, group.values)
        kind = str(fields.pop("kind", "interview"))
        position = ctx.next_session_position()
        try:
            session = store.sessions.add(title, kind, position=position, **fields)  # type: ignore[arg-type]
        except SuhbatError as error:
            ctx.notices.add(
                N_("Session {title!r}: some fields were not kept ({reason})"),
                title=title,
                reason=str(error),
            )
            session = store.sessions.add(title, kind, position=position)  # type: ignore[arg-type]
        ctx.count("sessions")
        people = group.values.get(PEOPLE_VARIABLE)
        if people:
            ctx.session_people[session.id] = people
        return session.id
    title = source.name or f"Source {source.guid[:8]}"
    unique, number = title, ctx.title_numbers.get(title, 2)
    while store.sessions.find(unique) is not None:
        unique = f"{title} ({number})"
        number += 1
    ctx.title_numbers[title] = number
    notes = [source.description] if source.description else []
    names = ctx.variable_names
    for value in source.values:
        notes.append(f"{names.get(value.variable, value.variable)}: {value.value}")
    if source.values:
        ctx.notices.add(
            N_("{source}: source variables were kept in the session notes"), source=title
        )
    session = store.sessions.add(
        unique, "interview", notes="\n".join(notes), position=ctx.next_session_position()
    )
    ctx.count("sessions")
    return session.id


def import_groups(ctx: ImportContext, groups: list[TranscriptGroup]) -> None:
    """Store every transcript group and the codings on its layers."""
    store = ctx.store
    known_layers = store.bulk.uuid_index("layer")
    codings: list[CodingRow] = []
    unknown_codes = 0
    notes = {n.guid: n for n in ctx.project.notes}
    for group in groups:
        guids = [prepared.source.guid for prepared, _lang in group.layers]
        if all(g in known_layers for g in guids):
            ok = _attach_known(ctx, group, known_layers)
            if not ok:
                continue
        elif any(g in known_layers for g in guids):
            ctx.notices.add(
                N_("{source}: only some of its layers are in the project; it was not imported"),
                source=group.layers[0][0].source.name,
            )
            continue
        else:
            _store_group(ctx, group)
        for prepared, _lang in group.layers:
            layer_id, _tid, _sid = ctx.sources[prepared.source.guid]
            length = len("\n".join(prepared.lines))
            for selection in prepared.source.selections:
                place = prepared.places.get(selection.guid)
                if place is None:
                    continue
                for coding in selection.codings:
                    row = _coding_row(ctx, coding, selection, layer_id, place, notes)
                    if row is None:
                        unknown_codes += 1
                        continue
                    codings.append(row)
            for coding in prepared.source.whole_codings:
                if length:
                    row = _coding_row(ctx, coding, None, layer_id, (0, length), notes)
                    if row is None:
                        unknown_codes += 1
                        continue
                    codings.append(row)
    for code_id in {row.code_id for row in codings}:
        code = store.codes.get(code_id)
        if not code.is_codable:
            store.codes.set_codable(code_id)
            ctx.notices.add(
                N_("Code {name!r} was a folder but the file applies it to text; it is now codable"),
                name=code.name(),
            )
    added = store.codings.add_bulk(codings)
    ctx.count("codings", added)
    if len(codings) - added:
        ctx.count("codings_known", len(codings) - added)
    if unknown_codes:
        ctx.notices.add(
            NN_(
                "{count} coding refers to a code the file does not define; not imported",
                "{count} codings refer to codes the file does not define; not imported",
            ),
            count=unknown_codes,
        )


def _coding_row(
    ctx: ImportContext,
    coding: RefiCoding,
    selection: RefiSelection | None,
    layer_id: int,
    place: tuple[int, int],
    notes: Mapping[str, RefiNote],
) -> CodingRow | None:
    code_id = ctx.codes.get(coding.code)
    if code_id is None:
        return None
    user = coding.user or (selection.user if selection else None)
    coder = ctx.coders.get(user or "") or ctx.fallback_coder()
    created = xml_datetime(coding.created) or xml_datetime(selection.created if selection else None)
    memo = ""
    if ctx.from_suhbat and coding.note_refs:
        note = notes.get(derived_guid("coding-memo", coding.guid))
        memo = (note.text or "") if note is not None else ""
    return CodingRow(coding.guid, code_id, layer_id, place[0], place[1], coder, created, memo)


def _store_group(ctx: ImportContext, group: TranscriptGroup) -> None:
    store = ctx.store
    original = group.layers[0][0]
    session_id = _session_for(ctx, group)
    layout = original.layout
    utterances = [
        UtteranceRow(speaker, None, start_ms, None)
        for speaker, start_ms in zip(layout.speakers, layout.times, strict=True)
    ]
    layers = [
        LayerRows(prepared.source.guid, language, i == 0, tuple(prepared.lines))
        for i, (prepared, language) in enumerate(group.layers)
    ]
    title = group.values.get("Transcript") or original.source.name or "Transcript"
    transcript = store.transcripts.add_rows(
        session_id,
        title,
        layers,
        utterances,
        uuid=derived_guid("transcript", original.source.guid),
        source_file=ctx.project.file,
    )
    ctx.count("transcripts")
    ctx.count("layers", len(layers))
    ctx.new_transcripts.append(transcript.id)
    index = {
        layer.uuid.lower(): layer.id
        for layer in store.transcripts.layers(transcript.id, with_text=False)
    }
    for prepared, _lang in group.layers:
        layer_id = index[prepared.source.guid]
        ctx.sources[prepared.source.guid] = (layer_id, transcript.id, session_id)
        _record_places(ctx, prepared, layer_id, transcript.id, session_id)
        if not any(prepared.lines):
            ctx.notices.add(N_("{source}: the text is empty"), source=prepared.source.name)


def _attach_known(ctx: ImportContext, group: TranscriptGroup, known: dict[str, int]) -> bool:
    store = ctx.store
    for prepared, _lang in group.layers:
        layer = store.transcripts.layer(known[prepared.source.guid])
        if layer.text != "\n".join(prepared.lines):
            ctx.notices.add(
                N_(
                    "{source}: the project has this source with a different text;"
                    " its codings were not imported"
                ),
                source=prepared.source.name,
            )
            return False
        session_id = store.transcripts.get(layer.transcript_id).session_id
        ctx.sources[prepared.source.guid] = (layer.id, layer.transcript_id, session_id)
        _record_places(ctx, prepared, layer.id, layer.transcript_id, session_id, known=True)
    ctx.count("sources_known", len(group.layers))
    return True


def _record_places(
    ctx: ImportContext,
    prepared: PreparedSource,
    layer_id: int,
    transcript_id: int,
    session_id: int,
    *,
    known: bool = False,
) -> None:
    ctx.placed.append((prepared, layer_id, transcript_id, session_id))
    if not known:
        ctx.new_layouts[layer_id] = prepared


def link_cases(ctx: ImportContext) -> None:
    """Link utterances to the participants whose cases refer to them, and to sessions.

    In a file suhbat wrote, a participant's lines carry their pseudonym, which
    already linked them when the transcript was stored.
    """
    store = ctx.store
    utterance_ids: dict[int, list[int]] = {}
    links: list[tuple[int, int]] = []
    members: set[tuple[int, int]] = set()
    for case in ctx.project.cases:
        pid = ctx.participants.get(case.guid)
        if pid is None:
            continue
        for guid in case.source_refs:
            if guid in ctx.sources:
                members.add((ctx.sources[guid][2], pid))
        for guid in [] if ctx.from_suhbat else case.selection_refs:
            place = ctx.selections.get(guid)
            if place is None:
                continue
            members.add((place.session_id, pid))
            prepared = ctx.new_layouts.get(place.layer_id)
            if prepared is None:
                continue
            if place.transcript_id not in utterance_ids:
                utterance_ids[place.transcript_id] = store.transcripts.utterance_ids(
                    place.transcript_id
                )
            ids = utterance_ids[place.transcript_id]
            first = prepared.layout.line_of(place.start)
            last = prepared.layout.line_of(max(place.end - 1, place.start))
            links.extend((ids[i], pid) for i in range(first, min(last, len(ids) - 1) + 1))
    if links:
        store.transcripts.set_utterance_participants(links)
    if ctx.from_suhbat:
        members |= store.transcripts.speaker_sessions(ctx.new_transcripts)
    store.sessions.link_participants_bulk(sorted(members))
    _restore_session_people(ctx)


def _restore_session_people(ctx: ImportContext) -> None:
    """Give the sessions this import added their participants' roles and consent back."""
    if not ctx.session_people:
        return
    store = ctx.store
    by_code = {p.code.casefold(): p.id for p in store.participants.all()}
    for session_id, value in ctx.session_people.items():
        for person in parse_people(value):
            pid = by_code.get(person.pseudonym.casefold())
            if pid is not None:
                store.sessions.link_participant(session_id, pid, person.role, person.consent)
