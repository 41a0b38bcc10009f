"""Reading the elements of a REFI-QDA project or codebook into :mod:`refi_model` objects.

Lenient by design: element and attribute names are matched without regard to
namespace or case, GUIDs may be braced, upper-case or not GUIDs at all, and an
element that cannot be used is counted (and reported by the importer) instead
of failing the whole file. What suhbat has no place for (pictures, PDFs, media
selections, graphs) is counted in :attr:`RefiProject.skipped`.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from exports.refi.guids import GuidReader
from exports.refi.namespaces import origin_languages
from exports.refi.refi_model import (
    RefiCase,
    RefiCode,
    RefiCoding,
    RefiLink,
    RefiMedia,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiValue,
    RefiVariable,
)

Loader = Callable[[str], tuple[bytes | None, str | None]]
"""Resolves a ``plainTextPath`` to ``(bytes, None)`` or ``(None, why it cannot be read)``."""

_VALUE_TYPES = {
    "textvalue": "Text",
    "booleanvalue": "Boolean",
    "integervalue": "Integer",
    "floatvalue": "Float",
    "datevalue": "Date",
    "datetimevalue": "DateTime",
}


_VARIANTS: dict[str, tuple[str, ...]] = {"CodeBook": ("CodeBook", "Codebook", "codebook")}
"""Element names some tools spell differently."""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements called ``name`` in any namespace (or none)."""
    found: list[etree._Element] = []
    for spelling in _VARIANTS.get(name, (name,)):
        found.extend(element.iterchildren(f"{{*}}{spelling}"))
    return found


def child(element: etree._Element, name: str) -> etree._Element | None:
    """The first child element called ``name`` in any namespace, or None."""
    for spelling in _VARIANTS.get(name, (name,)):
        found = next(element.iterchildren(f"{{*}}{spelling}"), None)
        if found is not None:
            return found
    return None


def attr(element: etree._Element, name: str) -> str | None:
    """Attribute ``name`` of ``element``; if missing, matched without namespace or case."""
    value = element.get(name)
    if value is not None:
        return str(value)
    wanted = name.lower()
    for key, found in element.attrib.items():
        if str(key).rsplit("}", 1)[-1].lower() == wanted:
            return str(found)
    return None


def text_of(element: etree._Element | None) -> str:
    """The text content of ``element`` (empty if it is missing)."""
    return "".join(str(t) for t in element.itertext()) if element is not None else ""


class _Reader:
    def __init__(self, project: RefiProject, load: Loader) -> None:
        self.project = project
        self.load = load
        self.guid = GuidReader(project.origin or project.file)
        self.skip_bare_selections = origin_languages(project.origin) is not None
        """In suhbat's own files, selections with nothing inside only mark who speaks."""

    def skip(self, what: str, count: int = 1) -> None:
        self.project.skipped[what] = self.project.skipped.get(what, 0) + count

    def refs(self, element: etree._Element, name: str) -> list[str]:
        fresh = self.guid.fresh  # the same UUIDs, without a cache entry for each reference
        return [fresh(attr(r, "targetGUID")) for r in children(element, name)]

    def code(self, element: etree._Element) -> RefiCode:
        codable = (attr(element, "isCodable") or "true").strip().lower() not in ("false", "0")
        return RefiCode(
            guid=self.guid(attr(element, "guid")),
            name=(attr(element, "name") or "").strip(),
            is_codable=codable,
            color=attr(element, "color"),
            description=text_of(child(element, "Description")).strip(),
            note_refs=self.refs(element, "NoteRef"),
            children=[self.code(c) for c in children(element, "Code")],
        )

    def codes(self, codebook: etree._Element | None) -> list[RefiCode]:
        if codebook is None:
            return []
        holder = child(codebook, "Codes")
        top = children(holder, "Code") if holder is not None else children(codebook, "Code")
        return [self.code(c) for c in top]

    def value(self, element: etree._Element) -> RefiValue | None:
        ref = child(element, "VariableRef")
        if ref is None:
            return None
        for c in element:
            kind = _VALUE_TYPES.get(str(c.tag).rsplit("}", 1)[-1].lower())
            if kind is not None:
                return RefiValue(self.guid(attr(ref, "targetGUID")), text_of(c).strip(), kind)
        return None

    def values(self, element: etree._Element) -> list[RefiValue]:
        found = [self.value(v) for v in children(element, "VariableValue")]
        return [v for v in found if v is not None]

    def coding(self, element: etree._Element) -> RefiCoding | None:
        """A ``<Coding>`` (None if it names no code)."""
        cache = self.guid.cache
        ref: etree._Element | None = None
        if len(element) == 1:  # the usual case: the CodeRef alone
            only = element[0]
            tag = only.tag
            if isinstance(tag, str) and tag.endswith("CodeRef") and tag[-8:-7] in ("}", ""):
                ref = only
        if ref is None:
            ref = next(element.iterchildren("{*}CodeRef"), None)
        if ref is None:
            return None
        target = ref.get("targetGUID") or attr(ref, "targetGUID")
        code = cache.get(target or "") or self.guid(target)
        notes = (
            [self.ref(n) for n in element.iterchildren("{*}NoteRef")] if len(element) > 1 else []
        )
        raw = element.get("guid") or attr(element, "guid")
        user = element.get("creatingUser")
        return RefiCoding(
            guid=self.guid.fresh(raw),
            code=code,
            user=(cache.get(user) or self.guid(user)) if user else None,
            created=element.get("creationDateTime"),
            note_refs=notes,
        )

    def ref(self, element: etree._Element) -> str:
        """The GUID a ``*Ref`` element points to."""
        return self.guid(element.get("targetGUID") or attr(element, "targetGUID"))

    def codings(self, element: etree._Element) -> list[RefiCoding]:
        found = [self.coding(c) for c in children(element, "Coding")]
        return [c for c in found if c is not None]

    def selection(self, element: etree._Element, start: int, end: int) -> RefiSelection:
        """A selection; its children are read in one pass (projects hold many of them)."""
        codings: list[RefiCoding] = []
        notes: list[str] = []
        description = ""
        for c in element:
            tag = c.tag
            if not isinstance(tag, str):
                continue
            local = tag[tag.rfind("}") + 1 :]
            if local == "Coding":
                coding = self.coding(c)
                if coding is not None:
                    codings.append(coding)
            elif local == "NoteRef":
                notes.append(self.ref(c))
            elif local == "Description":
                description = text_of(c).strip()
        user = element.get("creatingUser")
        cache = self.guid.cache
        return RefiSelection(
            guid=self.guid.fresh(element.get("guid") or attr(element, "guid")),
            name=element.get("name"),
            start=start,
            end=end,
            user=(cache.get(user) or self.guid(user)) if user else None,
            created=element.get("creationDateTime"),
            description=description,
            codings=codings,
            note_refs=notes,
        )

    def simple_selection(
        self, element: etree._Element, start: int, end: int
    ) -> RefiSelection | None:
        """The usual selection, read quickly: only ``<Coding>``s that hold a lone ``<CodeRef>``.

        None for anything else (then :meth:`selection` reads it). Gives exactly what
        :meth:`selection` gives, GUIDs read in the same order.
        """
        guid = self.guid
        cache = guid.cache
        codings: list[RefiCoding] = []
        for c in element:
            tag = c.tag
            if not isinstance(tag, str) or len(c) != 1:
                return None
            if not tag.endswith("}Coding") and tag != "Coding":
                return None
            ref = c[0]
            ref_tag = ref.tag
            if not isinstance(ref_tag, str) or not (
                ref_tag.endswith("}CodeRef") or ref_tag == "CodeRef"
            ):
                return None
            target = ref.get("targetGUID")
            raw = c.get("guid")
            if target is None or raw is None:
                return None
            code = cache.get(target) or guid(target)
            own = guid.fresh(raw)
            user = c.get("creatingUser")
            codings.append(
                RefiCoding(
                    own,
                    code,
                    (cache.get(user) or guid(user)) if user else None,
                    c.get("creationDateTime"),
                    [],
                )
            )
        raw = element.get("guid")
        if raw is None:
            return None
        user = element.get("creatingUser")
        return RefiSelection(
            guid=guid.fresh(raw),
            name=element.get("name"),
            start=start,
            end=end,
            user=(cache.get(user) or guid(user)) if user else None,
            created=element.get("creationDateTime"),
            description="",
            codings=codings,
            note_refs=[],
        )

    def plain_selections(self, element: etree._Element) -> list[RefiSelection]:
        """The ``<PlainTextSelection>``s of a text source (the bulk of a project file)."""
        found: list[RefiSelection] = []
        skip_bare = self.skip_bare_selections
        for sel in element.iterchildren("{*}PlainTextSelection"):
            if skip_bare and len(sel) == 0:
                continue
            try:
                start = int(sel.get("startPosition") or "")
                end = int(sel.get("endPosition") or "")
            except ValueError:
                start_or_none = _int(attr(sel, "startPosition"))
                end_or_none = _int(attr(sel, "endPosition"))
                if start_or_none is None or end_or_none is None:
                    self.skip("selections without valid positions")
                    continue
                start, end = start_or_none, end_or_none
            simple = self.simple_selection(sel, start, end)
            found.append(simple if simple is not None else self.selection(sel, start, end))
        return found

    def source_text(self, element: etree._Element) -> tuple[bytes | None, str | None]:
        content = child(element, "PlainTextContent")
        if content is not None:
            return text_of(content).encode("utf-8"), None
        path = attr(element, "plainTextPath")
        if not path:
            return None, "no text"
        return self.load(path)

    def text_source(self, element: etree._Element) -> RefiSource:
        text, problem = self.source_text(element)
        source = RefiSource(
            guid=self.guid(attr(element, "guid")),
            name=(attr(element, "name") or "").strip(),
            text=text,
            text_problem=problem,
            description=text_of(child(element, "Description")).strip(),
            whole_codings=self.codings(element),
            note_refs=self.refs(element, "NoteRef"),
            values=self.values(element),
            created=attr(element, "creationDateTime"),
            text_path=attr(element, "plainTextPath"),
        )
        source.selections = self.plain_selections(element)
        return source

    def media(self, element: etree._Element, kind: str, sync: list[tuple[int, int]]) -> RefiMedia:
        """The recording an audio or video source names."""
        return RefiMedia(
            guid=self.guid(attr(element, "guid")),
            kind=kind.lower(),
            name=(attr(element, "name") or "").strip(),
            path=attr(element, "path") or attr(element, "currentPath"),
            sync=sync,
        )

    def media_transcripts(self, element: etree._Element, kind: str) -> None:
        name = (attr(element, "name") or "").strip()
        media_selections = children(element, f"{kind}Selection")
        if media_selections:
            self.skip(f"{kind.lower()} selections", len(media_selections))
        transcripts = children(element, "Transcript")
        if not transcripts:
            self.project.unplaced_media.append(self.media(element, kind, []))
        for transcript in transcripts:
            positions = {}
            sync: list[tuple[int, int]] = []
            for point in children(transcript, "SyncPoint"):
                position = _int(attr(point, "position"))
                if position is not None:
                    positions[self.guid(attr(point, "guid"))] = position
                    stamp = _int(attr(point, "timeStamp"))
                    if stamp is not None:
                        sync.append((position, stamp))
            media = self.media(element, kind, sorted(sync))
            text_path = attr(transcript, "plainTextPath")
            shared = next(
                (s for s in self.project.sources if text_path and s.text_path == text_path), None
            )
            if shared is not None and not children(transcript, "TranscriptSelection"):
                # The same text as a text source, with nothing of its own (files suhbat writes).
                shared.media = media
                continue
            text, problem = self.source_text(transcript)
            source = RefiSource(
                guid=self.guid(attr(transcript, "guid")),
                name=(attr(transcript, "name") or name or "").strip(),
                text=text,
                text_problem=problem,
                description=text_of(child(transcript, "Description")).strip(),
                note_refs=self.refs(transcript, "NoteRef"),
                text_path=text_path,
                media=media,
            )
            for sel in children(transcript, "TranscriptSelection"):
                start = positions.get(self.guid(attr(sel, "fromSyncPoint")))
                end = positions.get(self.guid(attr(sel, "toSyncPoint")))
                if start is None or end is None:
                    self.skip("transcript selections without sync points")
                    continue
                source.selections.append(self.selection(sel, start, end))
            self.project.sources.append(source)

    def read_project(self, root: etree._Element) -> None:
        project = self.project
        project.base_path = attr(root, "basePath")
        users = child(root, "Users")
        for user in children(users, "User") if users is not None else []:
            name = (attr(user, "name") or attr(user, "id") or "").strip()
            project.users.append(RefiUser(self.guid(attr(user, "guid")), name))
        project.codes = self.codes(child(root, "CodeBook"))
        variables = child(root, "Variables")
        for v in children(variables, "Variable") if variables is not None else []:
            project.variables.append(
                RefiVariable(
                    guid=self.guid(attr(v, "guid")),
                    name=(attr(v, "name") or "").strip(),
                    type=(attr(v, "typeOfVariable") or "Text").strip(),
                    description=text_of(child(v, "Description")).strip(),
                )
            )
        cases = child(root, "Cases")
        for case in children(cases, "Case") if cases is not None else []:
            project.cases.append(
                RefiCase(
                    guid=self.guid(attr(case, "guid")),
                    name=(attr(case, "name") or "").strip(),
                    description=text_of(child(case, "Description")).strip(),
                    values=self.values(case),
                    source_refs=self.refs(case, "SourceRef"),
                    selection_refs=self.refs(case, "SelectionRef"),
                    code_refs=len(children(case, "CodeRef")),
                )
            )
        sources = child(root, "Sources")
        for element in list(sources) if sources is not None else []:
            tag = str(element.tag).rsplit("}", 1)[-1].lower()
            if tag == "textsource":
                project.sources.append(self.text_source(element))
            elif tag in ("audiosource", "videosource"):
                self.media_transcripts(element, "Audio" if tag == "audiosource" else "Video")
            elif tag == "picturesource":
                self.skip("picture sources")
            elif tag == "pdfsource":
                self.skip("PDF sources")
        notes = child(root, "Notes")
        for note in children(notes, "Note") if notes is not None else []:
            text, _problem = self.source_text(note)
            project.notes.append(
                RefiNote(
                    guid=self.guid(attr(note, "guid")),
                    name=(attr(note, "name") or "").strip(),
                    text=text.decode("utf-8", errors="replace").lstrip("\ufeff") if text else None,
                    user=_optional(self.guid, attr(note, "creatingUser")),
                    created=attr(note, "creationDateTime"),
                )
            )
        links = child(root, "Links")
        for link in children(links, "Link") if links is not None else []:
            origin, target = attr(link, "originGUID"), attr(link, "targetGUID")
            if origin and target:
                project.links.append(RefiLink(self.guid(origin), self.guid(target)))
        self.sets(root)
        graphs = child(root, "Graphs")
        if graphs is not None and len(graphs):
            self.skip("graphs", len(children(graphs, "Graph")))
        project.project_note_refs = self.refs(root, "NoteRef")

    def sets(self, root: etree._Element) -> None:
        sets = child(root, "Sets")
        if sets is None:
            return
        found = children(sets, "Set")
        self.project.sets = len(found)
        self.project.empty_sets = not found


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _optional(reader: GuidReader, value: str | None) -> str | None:
    return reader(value) if value and value.strip() else None


def parse_project(root: etree._Element, file: str, load: Loader) -> RefiProject:
    """Read a ``<Project>`` element (namespaces already removed)."""
    project = RefiProject(
        kind="project", file=file, name=attr(root, "name") or "", origin=attr(root, "origin")
    )
    reader = _Reader(project, load)
    reader.read_project(root)
    project.invalid_guids = reader.guid.invalid
    return project


def parse_codebook(root: etree._Element, file: str) -> RefiProject:
    """Read a ``<CodeBook>`` element of a QDC file (namespaces already removed)."""
    project = RefiProject(kind="codebook", file=file, origin=attr(root, "origin"))
    reader = _Reader(project, lambda path: (None, "no sources in a codebook"))
    project.codes = reader.codes(root)
    reader.sets(root)
    project.invalid_guids = reader.guid.invalid
    return project
