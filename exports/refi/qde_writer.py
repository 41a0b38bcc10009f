"""A whole project as the REFI-QDA project XML (``project.qde``) plus its source texts.

Mapping (see ``docs/refi-qda.md``): coders → ``Users``; code tree → ``CodeBook``;
participant attributes and session facts → ``Variables``; participants →
``Cases`` (with their values and the segments they speak); each transcript layer
→ a ``TextSource`` with its codings; memos → ``Notes``; sessions → ``Sets`` of
their sources. Real names, protocols and sensitive attributes are left out.

:class:`ProjectWriter` first lays out the source texts (so an archive writer can
compress them while the XML is being built), then writes the XML as text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from lxml import etree

from exports.progress import Progress, no_progress
from exports.refi.code_elements import append_codes
from exports.refi.guids import derived_guid
from exports.refi.media_sources import media_sources_xml
from exports.refi.namespaces import (
    PROJECT_NS,
    PROJECT_SCHEMA_URL,
    XML_DECLARATION,
    XSI_NS,
    origin,
    xml_datetime,
)
from exports.refi.notices import Notices
from exports.refi.session_people import people_value
from exports.refi.source_xml import SourceLookups, case_runs, export_layout, source_xml
from exports.refi.translation_notes import translation_notes
from exports.refi.turn_prefixes import ExportLayout
from exports.refi.valence_notes import VALENCE_NOTE, valence_note_text
from exports.refi.variables import (
    ATTRIBUTE_TYPES,
    SESSION_VARIABLES,
    VariableType,
    attribute_description,
    value_xml,
)
from exports.refi.xml_out import start_tag, text_element
from storage import Store
from storage.base import utc_now
from storage.errors import N_
from storage.models import Layer, Session, SessionParticipant, Transcript
from storage.refi_store import CodingRecord, TurnRow

MEMO_NAMES = {
    "project": "Project memo",
    "session": "Session memo",
    "code": "Code memo",
    "coding": "Coding memo",
    "participant": "Participant memo",
    "transcript": "Transcript memo",
}


def _session_value(session: Session, key: str) -> str | None:
    value = getattr(session, key, None)
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


class ProjectWriter:
    """Reads a project once and writes it as REFI-QDA: :attr:`texts`, then :meth:`xml`."""

    def __init__(self, store: Store, *, include_sensitive: bool = False) -> None:
        self.notices = Notices()
        self.counts: dict[str, int] = {}
        self.project = store.project()
        self.coders = store.coders.all()
        self.codes = store.codes.all()
        all_attributes = store.participants.attributes()
        self.attributes = [a for a in all_attributes if include_sensitive or not a.sensitive]
        hidden = [a.name for a in all_attributes if a.sensitive and not include_sensitive]
        if hidden:
            self.notices.add(
                N_("Sensitive attributes were not exported: {names}"), names=", ".join(hidden)
            )
        self.participants = store.participants.all()
        if any(p.real_name for p in self.participants):
            self.notices.add(N_("Participants' real names were not exported (only pseudonyms)"))
        if store.guides.all():
            self.notices.add(
                N_("Interview protocols have no place in REFI-QDA and were not exported")
            )
        self.sessions = {s.id: s for s in store.sessions.all()}
        self.people_of: dict[int, list[SessionParticipant]] = defaultdict(list)
        for link in store.sessions.participants():
            self.people_of[link.session_id].append(link)
        order = {sid: i for i, sid in enumerate(self.sessions)}
        self.transcripts = sorted(
            store.transcripts.all(), key=lambda t: (order.get(t.session_id, 0), t.id)
        )
        self._note_what_stays_behind(store)
        self.layers_of: dict[int, list[Layer]] = defaultdict(list)
        for layer in store.transcripts.layers():
            self.layers_of[layer.transcript_id].append(layer)
        self.turns_of: dict[int, list[TurnRow]] = defaultdict(list)
        for turn in store.bulk.turn_rows():
            self.turns_of[turn.layer_id].append(turn)
        self.codings_of: dict[int, list[CodingRecord]] = defaultdict(list)
        self.all_codings = store.bulk.coding_rows()
        for coding in self.all_codings:
            self.codings_of[coding.layer_id].append(coding)
        self.memos = store.memos.all()
        self.status_notes = {n.layer_id: n for n in translation_notes(store)}
        self.media = store.media.all()
        self.base_path = store.path.resolve().parent.as_uri() if self.media else None
        """Where ``relative://`` media paths start: the project's folder (only with media)."""
        self._plan_notes()
        self.lookups = SourceLookups(
            {c.id: c.uuid for c in self.codes},
            {c.id: c.uuid for c in self.coders},
            {p.id: p for p in self.participants},
            self.coding_notes,
        )
        self.layouts: dict[int, ExportLayout] = {}
        self.runs: dict[int, list[tuple[int, str, int, int]]] = {}
        self.case_selections: dict[int, list[str]] = defaultdict(list)
        self.texts: dict[str, str] = {}
        """Archive member name (``<guid>.txt``) → the source text."""
        for t in self.transcripts:
            for layer in self.layers_of[t.id]:
                turns = self.turns_of[layer.id]
                layout = export_layout(layer.text, turns, self.lookups)
                self.layouts[layer.id] = layout
                self.texts[f"{layer.uuid}.txt"] = layout.text
                runs = case_runs(layer.uuid, turns, self.lookups.participants)
                self.runs[layer.id] = runs
                for pid, guid, _start, _end in runs:
                    self.case_selections[pid].append(guid)

    # -- notes -------------------------------------------------------------------------

    def _note_what_stays_behind(self, store: Store) -> None:
        """Notices for what REFI-QDA has no place for: sessions without a text (a session
        travels as the set of its texts) and languages marked on single turns."""
        with_text = {t.session_id for t in self.transcripts}
        empty = [s.title for s in self.sessions.values() if s.id not in with_text]
        if empty:
            self.notices.add(
                N_(
                    "Sessions without a transcript have no place in REFI-QDA and were not"
                    " exported: {titles}"
                ),
                titles=", ".join(empty),
            )
        if store.transcripts.utterance_languages():
            self.notices.add(
                N_(
                    "Languages marked on single utterances (code-switching) were not exported;"
                    " each text keeps its layer's language"
                )
            )

    def _plan_notes(self) -> None:
        """Decide where each memo is referenced from (REFI has no memo on a participant)."""
        code_ids = {c.id for c in self.codes}
        coding_ids = {c.id for c in self.all_codings}
        participants = {p.id: p for p in self.participants}
        sessions_with_transcripts: dict[int, list[Transcript]] = defaultdict(list)
        for t in self.transcripts:
            sessions_with_transcripts[t.session_id].append(t)
        self.code_notes: dict[int, list[str]] = defaultdict(list)
        self.coding_notes: dict[int, list[str]] = defaultdict(list)
        self.transcript_notes: dict[int, list[str]] = defaultdict(list)
        self.original_notes: dict[int, list[str]] = defaultdict(list)
        self.project_notes: list[str] = []
        self.links: list[tuple[str, str]] = []
        for memo in self.memos:
            target = memo.target_id
            if memo.target == "code" and target in code_ids:
                self.code_notes[target].append(memo.uuid)
            elif memo.target == "coding" and target in coding_ids:
                self.coding_notes[target].append(memo.uuid)
            elif memo.target == "transcript" and target in self.layers_of:
                self.transcript_notes[target].append(memo.uuid)
            elif memo.target == "session" and sessions_with_transcripts.get(target or -1):
                for t in sessions_with_transcripts[target or -1]:
                    self.original_notes[t.id].append(memo.uuid)
            elif memo.target == "participant" and target in participants:
                self.links.append((memo.uuid, participants[target].uuid))
            else:
                self.project_notes.append(memo.uuid)
        self.coding_memo_notes: list[tuple[str, str, str]] = []
        self.coding_valence_notes: list[tuple[str, str, str]] = []
        for coding in self.all_codings:
            if coding.memo.strip():
                guid = derived_guid("coding-memo", coding.uuid)
                self.coding_notes[coding.id].append(guid)
                self.coding_memo_notes.append((guid, coding.memo, coding.created))
            if coding.valence is not None:
                guid = derived_guid("coding-valence", coding.uuid)
                self.coding_notes[coding.id].append(guid)
                text = valence_note_text(coding.valence)
                self.coding_valence_notes.append((guid, text, coding.created))

    # -- the document ------------------------------------------------------------------

    def xml(self, progress: Progress = no_progress) -> bytes:
        """The project XML (UTF-8 without BOM, ``\\n`` line ends)."""
        return b"".join(self.xml_chunks(progress))

    def xml_chunks(self, progress: Progress = no_progress) -> Iterator[bytes]:
        """The project XML in pieces (one per source), for writing while it is built."""
        yield XML_DECLARATION
        out: list[str] = []
        coder_by_name = {c.name: c.uuid for c in self.coders}
        project = self.project
        out.append(
            start_tag(
                "Project",
                {
                    "xmlns": PROJECT_NS,
                    "xmlns:xsi": XSI_NS,
                    "xsi:schemaLocation": f"{PROJECT_NS} {PROJECT_SCHEMA_URL}",
                    "name": project.name,
                    "origin": origin(project.languages),
                    "creatingUserGUID": coder_by_name.get(project.default_coder or ""),
                    "creationDateTime": xml_datetime(project.created),
                    "modifiedDateTime": utc_now(),
                    "basePath": self.base_path,
                },
            )
            + "\n"
        )
        if self.coders:
            out.append("  <Users>\n")
            for coder in self.coders:
                out.append(
                    "    " + start_tag("User", {"guid": coder.uuid, "name": coder.name}, empty=True)
                )
                out.append("\n")
            out.append("  </Users>\n")
        if self.codes:
            codebook = etree.Element("CodeBook")
            append_codes(
                etree.SubElement(codebook, "Codes"),
                self.codes,
                "",
                project.languages,
                self.code_notes,
                coded={coding.code_id for coding in self.all_codings},
            )
            etree.indent(codebook, space="  ", level=1)
            out.append("  " + etree.tostring(codebook, encoding="unicode") + "\n")
        source_values = self._variables(out)
        self._cases(out)
        yield "".join(out).encode("utf-8")
        out.clear()
        yield from self._sources(out, source_values, progress)
        self._notes(out, coder_by_name)
        out.append("</Project>\n")
        self.counts.update(users=len(self.coders), codes=len(self.codes))
        yield "".join(out).encode("utf-8")

    def _variables(self, out: list[str]) -> dict[int, list[tuple[str, VariableType, str]]]:
        """Write ``<Variables>``; return the session values of each layer."""
        guid_of = {
            v.key: derived_guid("variable", self.project.uuid, v.key) for v in SESSION_VARIABLES
        }
        used: set[str] = set()
        values_of: dict[int, list[tuple[str, VariableType, str]]] = {}
        pseudonyms = {p.id: p.code for p in self.participants}
        for t in self.transcripts:
            session = self.sessions.get(t.session_id)
            for layer in self.layers_of[t.id]:
                values: list[tuple[str, VariableType, str]] = []
                for variable in SESSION_VARIABLES:
                    if variable.key == "transcript":
                        value: str | None = t.title
                    elif variable.key == "language":
                        value = layer.language
                    elif variable.key == "original":
                        value = "true" if layer.is_original else "false"
                    elif variable.key == "people":
                        value = people_value(self.people_of[t.session_id], pseudonyms)
                    else:
                        value = _session_value(session, variable.key) if session else None
                    if value is not None:
                        values.append((guid_of[variable.key], variable.type, value))
                        used.add(variable.key)
                values_of[layer.id] = values
        if not self.attributes and not used:
            return values_of
        out.append("  <Variables>\n")
        for a in self.attributes:
            head = start_tag(
                "Variable",
                {"guid": a.uuid, "name": a.name, "typeOfVariable": ATTRIBUTE_TYPES[a.type]},
            )
            description = attribute_description(a)
            if description:
                out.append(
                    f"    {head}\n      {text_element('Description', description)}\n"
                    "    </Variable>\n"
                )
            else:
                out.append(f"    {head[:-1]}/>\n")
        for variable in SESSION_VARIABLES:
            if variable.key in used:
                out.append(
                    f'    <Variable guid="{guid_of[variable.key]}" name="{variable.name}"'
                    f' typeOfVariable="{variable.type}"/>\n'
                )
        out.append("  </Variables>\n")
        return values_of

    def _sources(
        self,
        out: list[str],
        values_of: dict[int, list[tuple[str, VariableType, str]]],
        progress: Progress,
    ) -> Iterator[bytes]:
        """Write ``<Sources>``, yielding the XML of each source as it is done."""
        total = len(self.layouts)
        counts = {"sources": 0, "selections": 0, "codings": 0}
        if total or self.media:
            out.append("  <Sources>\n")
        for t in self.transcripts:
            for layer in self.layers_of[t.id]:
                notes = self.transcript_notes.get(t.id, []) + (
                    self.original_notes.get(t.id, []) if layer.is_original else []
                )
                if layer.id in self.status_notes:
                    notes = [*notes, self.status_notes[layer.id].guid]
                built = source_xml(
                    out,
                    guid=layer.uuid,
                    name=f"{t.title} ({layer.language})",
                    layout=self.layouts[layer.id],
                    runs=self.runs[layer.id],
                    codings=self.codings_of[layer.id],
                    lookups=self.lookups,
                    note_refs=notes,
                    values=values_of.get(layer.id, []),
                    created=t.created,
                )
                counts["sources"] += 1
                counts["selections"] += built.selections
                counts["codings"] += built.codings
                progress(counts["sources"], total)
                yield "".join(out).encode("utf-8")
                out.clear()
        if self.media:
            counts["media"] = media_sources_xml(
                out,
                self.media,
                {t.id: t for t in self.transcripts},
                self.layers_of,
                self.layouts,
                self.turns_of,
            )
        if total or self.media:
            out.append("  </Sources>\n")
        self.counts.update(counts)

    def _cases(self, out: list[str]) -> None:
        if not self.participants:
            return
        guid_of = {a.name: a.uuid for a in self.attributes}
        type_of = {a.name: ATTRIBUTE_TYPES[a.type] for a in self.attributes}
        out.append("  <Cases>\n")
        for p in self.participants:
            out.append("    " + start_tag("Case", {"guid": p.uuid, "name": p.code}) + "\n")
            if p.notes.strip():
                out.append(f"      {text_element('Description', p.notes)}\n")
            for name, value in p.attributes.items():
                if name in guid_of and value != "":
                    out.append(value_xml(guid_of[name], type_of[name], value, indent=6))
            out.extend(
                f'      <SelectionRef targetGUID="{guid}"/>\n'
                for guid in self.case_selections.get(p.id, [])
            )
            out.append("    </Case>\n")
        out.append("  </Cases>\n")
        self.counts["cases"] = len(self.participants)

    def _notes(self, out: list[str], coder_by_name: dict[str, str]) -> None:
        notes: list[tuple[str, str, str, str | None, str | None, str | None]] = [
            (
                m.uuid,
                MEMO_NAMES.get(m.target, "Memo"),
                m.text,
                m.created,
                m.updated,
                coder_by_name.get(m.author or ""),
            )
            for m in self.memos
        ]
        notes += [
            (g, "Coding memo", text, when, None, None) for g, text, when in self.coding_memo_notes
        ]
        notes += [
            (g, VALENCE_NOTE, text, when, None, None) for g, text, when in self.coding_valence_notes
        ]
        notes += [
            (n.guid, "Translation status", n.text, None, None, None)
            for n in self.status_notes.values()
        ]
        if notes:
            out.append("  <Notes>\n")
            for guid, name, text, created, modified, user in notes:
                head = start_tag(
                    "Note",
                    {
                        "guid": guid,
                        "name": name,
                        "creatingUser": user,
                        "creationDateTime": xml_datetime(created),
                        "modifiedDateTime": xml_datetime(modified),
                    },
                )
                out.append(
                    f"    {head}\n      {text_element('PlainTextContent', text)}\n    </Note>\n"
                )
            out.append("  </Notes>\n")
            self.counts["notes"] = len(notes)
        if self.links:
            out.append("  <Links>\n")
            for note, case in self.links:
                out.append(
                    f'    <Link guid="{derived_guid("link", note, case)}" name="Memo"'
                    f' direction="OneWay" originGUID="{note}" targetGUID="{case}"/>\n'
                )
            out.append("  </Links>\n")
        members: dict[int, list[str]] = defaultdict(list)
        for t in self.transcripts:
            members[t.session_id].extend(layer.uuid for layer in self.layers_of[t.id])
        sets = [
            (self.sessions[sid], guids)
            for sid, guids in members.items()
            if sid in self.sessions and guids
        ]
        if sets:
            out.append("  <Sets>\n")
            for session, guids in sets:
                out.append(
                    "    "
                    + start_tag(
                        "Set", {"guid": derived_guid("set", session.uuid), "name": session.title}
                    )
                    + "\n"
                )
                out.extend(f'      <MemberSource targetGUID="{g}"/>\n' for g in guids)
                out.append("    </Set>\n")
            out.append("  </Sets>\n")
        out.extend(f'  <NoteRef targetGUID="{guid}"/>\n' for guid in self.project_notes)
