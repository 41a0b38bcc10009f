"""A whole project as the REFI-QDA project XML (``project.qde``) plus its source texts.

Mapping (see ``docs/refi-qda.md``): coders → ``Users``; code tree → ``CodeBook``;
participant attributes and session facts → ``Variables``; participants →
``Cases`` (with their values and the segments they speak); each transcript layer
→ a ``TextSource`` with its codings; memos → ``Notes``; sessions → ``Sets`` of
their sources. Real names, protocols and sensitive attributes are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from exports.progress import Progress, no_progress
from exports.refi.code_elements import append_codes
from exports.refi.guids import derived_guid
from exports.refi.namespaces import (
    PROJECT_NS,
    PROJECT_SCHEMA_URL,
    XML_DECLARATION,
    XSI_NS,
    origin,
    xml_datetime,
)
from exports.refi.notices import Notices
from exports.refi.source_elements import SourceLookups, append_text_source
from exports.refi.variables import (
    ATTRIBUTE_TYPES,
    SESSION_VARIABLES,
    VariableType,
    append_value,
    attribute_description,
)
from exports.xml_text import xml_safe
from storage import Store
from storage.base import utc_now
from storage.errors import N_
from storage.models import Coding, Layer, Memo, Session, Transcript, Utterance


def _t(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


@dataclass
class ProjectExport:
    """The project XML, the text of each source (by file name) and what was left out."""

    xml: bytes
    texts: dict[str, str]
    notices: Notices
    counts: dict[str, int] = field(default_factory=dict)


def _session_value(session: Session, key: str) -> str | None:
    value = getattr(session, key, None)
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def project_xml(
    store: Store, *, include_sensitive: bool = False, progress: Progress = no_progress
) -> ProjectExport:
    """Build the REFI-QDA project of ``store``: XML bytes (UTF-8, ``\\n``) and source texts."""
    notices = Notices()
    project = store.project()
    languages = project.languages
    coders = store.coders()
    coder_uuid = {c.id: c.uuid for c in coders}
    coder_by_name = {c.name: c.uuid for c in coders}
    codes = store.codes()
    code_uuid = {c.id: c.uuid for c in codes}
    attributes = [a for a in store.attributes() if include_sensitive or not a.sensitive]
    hidden = [a.name for a in store.attributes() if a.sensitive and not include_sensitive]
    if hidden:
        notices.add(N_("Sensitive attributes were not exported: {names}"), names=", ".join(hidden))
    participants = store.participants()
    if any(p.real_name for p in participants):
        notices.add(N_("Participants' real names were not exported (only pseudonyms)"))
    if store.guides():
        notices.add(N_("Interview protocols have no place in REFI-QDA and were not exported"))
    by_participant = {p.id: p for p in participants}
    sessions = {s.id: s for s in store.sessions()}
    session_order = {sid: i for i, sid in enumerate(sessions)}
    transcripts = sorted(
        store.transcripts(), key=lambda t: (session_order.get(t.session_id, 0), t.id)
    )
    layers_of: dict[int, list[Layer]] = defaultdict(list)
    for layer in store.layers():
        layers_of[layer.transcript_id].append(layer)
    utterances_of: dict[int, list[Utterance]] = defaultdict(list)
    for u in store.utterances():
        utterances_of[u.transcript_id].append(u)
    codings_of: dict[int, list[Coding]] = defaultdict(list)
    all_codings = store.codings()
    for coding in all_codings:
        codings_of[coding.layer_id].append(coding)

    # -- notes -----------------------------------------------------------------------
    memos = store.memos()
    code_notes: dict[int, list[str]] = defaultdict(list)
    coding_notes: dict[int, list[str]] = defaultdict(list)
    transcript_notes: dict[int, list[str]] = defaultdict(list)
    original_notes: dict[int, list[str]] = defaultdict(list)
    project_notes: list[str] = []
    links: list[tuple[str, str]] = []
    transcripts_of_session: dict[int, list[Transcript]] = defaultdict(list)
    for t in transcripts:
        transcripts_of_session[t.session_id].append(t)
    coding_ids = {c.id for c in all_codings}
    for memo in memos:
        target = memo.target_id
        if memo.target == "code" and target in code_uuid:
            code_notes[target].append(memo.uuid)
        elif memo.target == "coding" and target in coding_ids:
            coding_notes[target].append(memo.uuid)
        elif memo.target == "transcript" and target in layers_of:
            transcript_notes[target].append(memo.uuid)
        elif memo.target == "session" and transcripts_of_session.get(target or -1):
            for t in transcripts_of_session[target or -1]:
                original_notes[t.id].append(memo.uuid)
        elif memo.target == "participant" and target in by_participant:
            links.append((memo.uuid, by_participant[target].uuid))
        else:
            project_notes.append(memo.uuid)
    coding_memo_notes: list[tuple[str, str, str]] = []
    for coding in all_codings:
        if coding.memo.strip():
            guid = derived_guid("coding-memo", coding.uuid)
            coding_notes[coding.id].append(guid)
            coding_memo_notes.append((guid, coding.memo, coding.created))

    # -- root and users --------------------------------------------------------------
    attrib = {"name": xml_safe(project.name), "origin": origin(languages)}
    if project.default_coder in coder_by_name:
        attrib["creatingUserGUID"] = coder_by_name[project.default_coder]
    when = xml_datetime(project.created)
    if when:
        attrib["creationDateTime"] = when
    attrib["modifiedDateTime"] = utc_now()
    root = etree.Element(_t("Project"), attrib, nsmap={None: PROJECT_NS, "xsi": XSI_NS})  # type: ignore[dict-item]
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{PROJECT_NS} {PROJECT_SCHEMA_URL}")
    if coders:
        users = etree.SubElement(root, _t("Users"))
        for coder in coders:
            etree.SubElement(users, _t("User"), guid=coder.uuid, name=xml_safe(coder.name))
    if codes:
        codebook = etree.SubElement(root, _t("CodeBook"))
        append_codes(
            etree.SubElement(codebook, _t("Codes")), codes, PROJECT_NS, languages, code_notes
        )

    # -- variables -------------------------------------------------------------------
    variable_guid = {a.name: a.uuid for a in attributes}
    variable_type: dict[str, VariableType] = {a.name: ATTRIBUTE_TYPES[a.type] for a in attributes}
    session_guid = {v.key: derived_guid("variable", project.uuid, v.key) for v in SESSION_VARIABLES}
    used_session_keys: set[str] = set()
    source_values: dict[int, list[tuple[str, VariableType, str]]] = {}
    for t in transcripts:
        session = sessions.get(t.session_id)
        for layer in layers_of[t.id]:
            values: list[tuple[str, VariableType, str]] = []
            for variable in SESSION_VARIABLES:
                if variable.key == "transcript":
                    value: str | None = t.title
                elif variable.key == "language":
                    value = layer.language
                elif variable.key == "original":
                    value = "true" if layer.is_original else "false"
                else:
                    value = _session_value(session, variable.key) if session else None
                if value is not None:
                    values.append((session_guid[variable.key], variable.type, value))
                    used_session_keys.add(variable.key)
            source_values[layer.id] = values
    if attributes or used_session_keys:
        variables = etree.SubElement(root, _t("Variables"))
        for a in attributes:
            element = etree.SubElement(
                variables,
                _t("Variable"),
                guid=a.uuid,
                name=xml_safe(a.name),
                typeOfVariable=ATTRIBUTE_TYPES[a.type],
            )
            description = attribute_description(a)
            if description:
                etree.SubElement(element, _t("Description")).text = xml_safe(description)
        for variable in SESSION_VARIABLES:
            if variable.key in used_session_keys:
                etree.SubElement(
                    variables,
                    _t("Variable"),
                    guid=session_guid[variable.key],
                    name=variable.name,
                    typeOfVariable=variable.type,
                )

    # -- sources (built first: cases refer to their selections) ------------------------
    lookups = SourceLookups(code_uuid, coder_uuid, by_participant, coding_notes)
    sources = etree.Element(_t("Sources"))
    texts: dict[str, str] = {}
    case_selections: dict[int, list[str]] = defaultdict(list)
    set_members: dict[int, list[str]] = defaultdict(list)
    counts = {"sources": 0, "selections": 0, "codings": 0}
    total = sum(len(layers_of[t.id]) for t in transcripts)
    for t in transcripts:
        for layer in layers_of[t.id]:
            note_refs = transcript_notes.get(t.id, []) + (
                original_notes.get(t.id, []) if layer.is_original else []
            )
            built = append_text_source(
                sources,
                layer,
                f"{t.title} ({layer.language})",
                utterances_of[t.id],
                codings_of[layer.id],
                lookups,
                note_refs=note_refs,
                values=source_values.get(layer.id, []),
                created=t.created,
            )
            texts[f"{layer.uuid}.txt"] = built.text
            for pid, guids in built.case_selections.items():
                case_selections[pid].extend(guids)
            set_members[t.session_id].append(layer.uuid)
            counts["sources"] += 1
            counts["selections"] += built.selections
            counts["codings"] += built.codings
            progress(counts["sources"], total)

    # -- cases -----------------------------------------------------------------------
    if participants:
        cases = etree.SubElement(root, _t("Cases"))
        for p in participants:
            case = etree.SubElement(cases, _t("Case"), guid=p.uuid, name=xml_safe(p.code))
            if p.notes.strip():
                etree.SubElement(case, _t("Description")).text = xml_safe(p.notes)
            for name, value in p.attributes.items():
                if name in variable_guid and value != "":
                    append_value(case, PROJECT_NS, variable_guid[name], variable_type[name], value)
            for guid in case_selections.get(p.id, []):
                etree.SubElement(case, _t("SelectionRef"), targetGUID=guid)
        counts["cases"] = len(participants)
    if len(sources):
        root.append(sources)

    # -- notes, links, sets ----------------------------------------------------------
    if memos or coding_memo_notes:
        notes = etree.SubElement(root, _t("Notes"))
        for memo in memos:
            _append_note(
                notes,
                memo.uuid,
                _memo_name(memo),
                memo.text,
                memo.created,
                memo.updated,
                coder_by_name.get(memo.author or ""),
            )
        for guid, text, created in coding_memo_notes:
            _append_note(notes, guid, "Coding memo", text, created, None, None)
        counts["notes"] = len(memos) + len(coding_memo_notes)
    if links:
        links_element = etree.SubElement(root, _t("Links"))
        for note_guid, case_guid in links:
            etree.SubElement(
                links_element,
                _t("Link"),
                guid=derived_guid("link", note_guid, case_guid),
                name="Memo",
                direction="OneWay",
                originGUID=note_guid,
                targetGUID=case_guid,
            )
    if set_members:
        sets = etree.SubElement(root, _t("Sets"))
        for session_id, members in set_members.items():
            session = sessions.get(session_id)
            if session is None:
                continue
            element = etree.SubElement(
                sets,
                _t("Set"),
                guid=derived_guid("set", session.uuid),
                name=xml_safe(session.title),
            )
            for guid in members:
                etree.SubElement(element, _t("MemberSource"), targetGUID=guid)
    for guid in project_notes:
        etree.SubElement(root, _t("NoteRef"), targetGUID=guid)
    counts.update(users=len(coders), codes=len(codes))
    xml = XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return ProjectExport(xml, texts, notices, counts)


def _memo_name(memo: Memo) -> str:
    return {
        "project": "Project memo",
        "session": "Session memo",
        "code": "Code memo",
        "coding": "Coding memo",
        "participant": "Participant memo",
        "transcript": "Transcript memo",
    }.get(memo.target, "Memo")


def _append_note(
    notes: etree._Element,
    guid: str,
    name: str,
    text: str,
    created: str | None,
    modified: str | None,
    user: str | None,
) -> None:
    attrib = {"guid": guid, "name": name}
    if user:
        attrib["creatingUser"] = user
    when = xml_datetime(created)
    if when:
        attrib["creationDateTime"] = when
    when = xml_datetime(modified)
    if when:
        attrib["modifiedDateTime"] = when
    note = etree.SubElement(notes, _t("Note"), attrib)
    etree.SubElement(note, _t("PlainTextContent")).text = xml_safe(text)
