"""One transcript layer as a REFI-QDA ``<TextSource>`` with its selections and codings.

The layer's text is written with a ``[hh:mm:ss] Speaker: `` prefix on each line
(see :mod:`exports.refi.turn_prefixes`); offsets are moved past the prefixes.
Codings on the same range share one ``<PlainTextSelection>`` (one ``<Coding>``
per coding, each with its coder). Each run of consecutive utterances spoken by a
participant becomes an uncoded selection that the participant's case refers to.
Participants appear under their pseudonyms, never their real names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from exports.refi.guids import twin_guid
from exports.refi.namespaces import xml_datetime
from exports.refi.turn_prefixes import ExportLayout, format_prefix
from exports.refi.variables import VariableType, value_xml
from exports.refi.xml_out import attr_value
from storage.models import Participant
from storage.refi_store import CodingRecord, TurnRow


@dataclass
class SourceLookups:
    """What every source needs to know about the rest of the project."""

    code_uuid: Mapping[int, str]
    coder_uuid: Mapping[int, str]
    participants: Mapping[int, Participant]
    coding_notes: Mapping[int, Sequence[str]] = field(default_factory=dict)


@dataclass
class BuiltSource:
    """What a written source holds: counts of selections and codings."""

    selections: int
    codings: int


def export_layout(text: str, turns: Sequence[TurnRow], lookups: SourceLookups) -> ExportLayout:
    """The layer text with each utterance's ``[time] Speaker: `` prefix."""
    prefixes = []
    for turn in turns:
        label = turn.speaker
        participant = lookups.participants.get(turn.participant_id or -1)
        if participant is not None:
            label = participant.code
        prefixes.append((turn.start, format_prefix(turn.start_ms, label)))
    return ExportLayout(text, prefixes)


def case_runs(
    layer_guid: str, turns: Sequence[TurnRow], participants: Mapping[int, Participant]
) -> list[tuple[int, str, int, int]]:
    """``(participant_id, selection GUID, start, end)`` per run of one participant's turns."""
    runs: list[tuple[int, str, int, int]] = []
    open_run = False
    kind = f"case-run {layer_guid}"
    for turn in turns:
        if turn.participant_id is None or turn.participant_id not in participants:
            open_run = False
            continue
        if open_run and runs[-1][0] == turn.participant_id:
            pid, guid, start, _end = runs[-1]
            runs[-1] = (pid, guid, start, turn.end)
        else:
            runs.append((turn.participant_id, twin_guid(turn.uuid, kind), turn.start, turn.end))
            open_run = True
    return runs


def _coding_groups(codings: Sequence[CodingRecord]) -> list[list[CodingRecord]]:
    """Codings on the same range, together (input sorted by range)."""
    groups: list[list[CodingRecord]] = []
    for coding in codings:
        if groups and groups[-1][0].start == coding.start and groups[-1][0].end == coding.end:
            groups[-1].append(coding)
        else:
            groups.append([coding])
    return groups


def source_xml(
    out: list[str],
    *,
    guid: str,
    name: str,
    layout: ExportLayout,
    runs: Sequence[tuple[int, str, int, int]],
    codings: Sequence[CodingRecord],
    lookups: SourceLookups,
    note_refs: Sequence[str] = (),
    values: Sequence[tuple[str, VariableType, str]] = (),
    created: str | None = None,
) -> BuiltSource:
    """Append the ``<TextSource>`` of one layer to ``out``; return what it holds."""
    when = xml_datetime(created)
    out.append(
        f'    <TextSource guid="{guid}" name="{attr_value(name)}"'
        f' plainTextPath="internal://{guid}.txt"'
        + (f' creationDateTime="{when}"' if when else "")
        + ">\n"
    )
    entries: list[tuple[int, int, int, str]] = []
    coder_uuid = lookups.coder_uuid
    code_uuid = lookups.code_uuid
    coding_notes = lookups.coding_notes
    count = 0
    for group in _coding_groups(codings):
        if len(group) > 1:
            group.sort(key=lambda c: (c.created, c.id))
        first = group[0]
        start, end = first.start, first.end
        when = xml_datetime(first.created)
        parts = [
            f'      <PlainTextSelection guid="{twin_guid(first.uuid, "selection")}"'
            f' startPosition="{layout.start(start)}" endPosition="{layout.end(end)}"'
            f' creatingUser="{coder_uuid[first.coder_id]}"'
            + (f' creationDateTime="{when}"' if when else "")
            + ">\n"
        ]
        for coding in group:
            when = xml_datetime(coding.created)
            parts.append(
                f'        <Coding guid="{coding.uuid}" creatingUser="{coder_uuid[coding.coder_id]}"'
                + (f' creationDateTime="{when}"' if when else "")
                + f'>\n          <CodeRef targetGUID="{code_uuid[coding.code_id]}"/>\n'
            )
            for note in coding_notes.get(coding.id, ()):
                parts.append(f'          <NoteRef targetGUID="{note}"/>\n')
            parts.append("        </Coding>\n")
            count += 1
        parts.append("      </PlainTextSelection>\n")
        entries.append((start, end, 0, "".join(parts)))

    for pid, selection, start, end in runs:
        label = attr_value(lookups.participants[pid].code)
        entries.append(
            (
                start,
                end,
                1,
                f'      <PlainTextSelection guid="{selection}" name="{label}"'
                f' startPosition="{layout.start(start)}" endPosition="{layout.end(end)}"/>\n',
            )
        )
    entries.sort(key=lambda e: (e[0], e[1], e[2]))
    out.extend(e[3] for e in entries)
    out.extend(f'      <NoteRef targetGUID="{note}"/>\n' for note in note_refs)
    out.extend(value_xml(variable, kind, value, indent=6) for variable, kind, value in values)
    out.append("    </TextSource>\n")
    return BuiltSource(len(entries), count)
