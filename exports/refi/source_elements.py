"""One transcript layer as a REFI-QDA ``<TextSource>`` with its selections and codings.

The layer's text is written with a ``[hh:mm:ss] Speaker: `` prefix on each line
(see :mod:`exports.refi.turn_prefixes`); offsets are moved past the prefixes.
Codings on the same range share one ``<PlainTextSelection>`` (one ``<Coding>``
per coding, each with its coder). Each run of consecutive utterances spoken by a
participant becomes an uncoded selection that the participant's case refers to.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree

from exports.refi.guids import derived_guid
from exports.refi.namespaces import PROJECT_NS, xml_datetime
from exports.refi.turn_prefixes import ExportLayout, format_prefix
from exports.refi.variables import VariableType, append_value
from exports.xml_text import xml_safe
from storage.models import Coding, Layer, Participant, Utterance

_SPACES = re.compile(r"\s+")
SNIPPET_LENGTH = 60

T_SOURCE = f"{{{PROJECT_NS}}}TextSource"
T_SELECTION = f"{{{PROJECT_NS}}}PlainTextSelection"
T_CODING = f"{{{PROJECT_NS}}}Coding"
T_CODE_REF = f"{{{PROJECT_NS}}}CodeRef"
T_NOTE_REF = f"{{{PROJECT_NS}}}NoteRef"


@dataclass
class SourceLookups:
    """What every source needs to know about the rest of the project."""

    code_uuid: Mapping[int, str]
    coder_uuid: Mapping[int, str]
    participants: Mapping[int, Participant]
    coding_notes: Mapping[int, Sequence[str]] = field(default_factory=dict)


@dataclass
class BuiltSource:
    """A written source: its exported text and the case selections per participant id."""

    text: str
    case_selections: dict[int, list[str]]
    selections: int
    codings: int


def snippet(text: str) -> str:
    """A selection's name: the start of the text it covers, on one line."""
    head = _SPACES.sub(" ", text[: SNIPPET_LENGTH * 3]).strip()
    return head if len(head) <= SNIPPET_LENGTH else head[: SNIPPET_LENGTH - 1].rstrip() + "…"


def speaker_runs(utterances: Sequence[Utterance], layer_id: int) -> list[tuple[int, int, int]]:
    """``(participant_id, start, end)`` for each run of utterances by one participant."""
    runs: list[tuple[int, int, int]] = []
    open_run = False
    for u in utterances:
        span = u.spans.get(layer_id)
        if span is None:
            continue
        if u.participant_id is None:
            open_run = False
            continue
        if open_run and runs[-1][0] == u.participant_id:
            runs[-1] = (u.participant_id, runs[-1][1], span[1])
        else:
            runs.append((u.participant_id, span[0], span[1]))
            open_run = True
    return runs


def append_text_source(
    sources: etree._Element,
    layer: Layer,
    name: str,
    utterances: Sequence[Utterance],
    codings: Sequence[Coding],
    lookups: SourceLookups,
    *,
    note_refs: Sequence[str] = (),
    values: Sequence[tuple[str, VariableType, str]] = (),
    created: str | None = None,
) -> BuiltSource:
    """Append the ``<TextSource>`` of ``layer`` to ``sources``; return what it wrote."""
    prefixes = []
    for u in utterances:
        span = u.spans.get(layer.id)
        if span is None:
            continue
        label = u.speaker
        if u.participant_id is not None and u.participant_id in lookups.participants:
            label = lookups.participants[u.participant_id].code
        prefixes.append((span[0], format_prefix(u.start_ms, label)))
    layout = ExportLayout(layer.text, prefixes)
    attrib = {
        "guid": layer.uuid,
        "name": xml_safe(name),
        "plainTextPath": f"internal://{layer.uuid}.txt",
    }
    when = xml_datetime(created)
    if when:
        attrib["creationDateTime"] = when
    source = etree.SubElement(sources, T_SOURCE, attrib)

    entries: list[tuple[int, int, int, etree._Element]] = []
    groups: dict[tuple[int, int], list[Coding]] = {}
    for coding in codings:
        groups.setdefault((coding.start, coding.end), []).append(coding)
    coding_count = 0
    for (start, end), group in groups.items():
        group.sort(key=lambda c: (c.created, c.id))
        first = group[0]
        selection_attrib = {
            "guid": derived_guid("selection", layer.uuid, start, end),
            "name": xml_safe(snippet(layer.text[start:end])),
            "startPosition": str(layout.start(start)),
            "endPosition": str(layout.end(end)),
            "creatingUser": lookups.coder_uuid[first.coder_id],
        }
        when = xml_datetime(first.created)
        if when:
            selection_attrib["creationDateTime"] = when
        selection = etree.Element(T_SELECTION, selection_attrib)
        for coding in group:
            coding_attrib = {
                "guid": coding.uuid,
                "creatingUser": lookups.coder_uuid[coding.coder_id],
            }
            when = xml_datetime(coding.created)
            if when:
                coding_attrib["creationDateTime"] = when
            element = etree.SubElement(selection, T_CODING, coding_attrib)
            etree.SubElement(element, T_CODE_REF, targetGUID=lookups.code_uuid[coding.code_id])
            for guid in lookups.coding_notes.get(coding.id, ()):
                etree.SubElement(element, T_NOTE_REF, targetGUID=guid)
            coding_count += 1
        entries.append((start, end, 0, selection))

    case_selections: dict[int, list[str]] = {}
    for pid, start, end in speaker_runs(utterances, layer.id):
        participant = lookups.participants.get(pid)
        if participant is None:
            continue
        guid = derived_guid("case-run", layer.uuid, participant.uuid, start)
        selection = etree.Element(
            T_SELECTION,
            {
                "guid": guid,
                "name": xml_safe(participant.code),
                "startPosition": str(layout.start(start)),
                "endPosition": str(layout.end(end)),
            },
        )
        case_selections.setdefault(pid, []).append(guid)
        entries.append((start, end, 1, selection))

    entries.sort(key=lambda e: (e[0], e[1], e[2]))
    for entry in entries:
        source.append(entry[3])
    for guid in note_refs:
        etree.SubElement(source, T_NOTE_REF, targetGUID=guid)
    for variable_guid, kind, value in values:
        append_value(source, PROJECT_NS, variable_guid, kind, value)
    return BuiltSource(layout.text, case_selections, len(entries), coding_count)
