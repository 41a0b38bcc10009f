"""Import step: notes become memos on what they are attached to.

A note referenced from the project becomes a project memo; from a code, a code
memo; from a source, a transcript memo (a suhbat "Session memo" goes back to its
session); from a coding, a coding memo. A note on an uncoded selection becomes
a transcript memo that quotes the selected text. Links from a note to a case or
code attach it there. A note attached to nothing becomes a project memo.
"""

from __future__ import annotations

from exports.refi.guids import derived_guid
from exports.refi.import_context import ImportContext
from exports.refi.refi_model import RefiCode
from exports.refi.valence_notes import VALENCE_NOTE, parse_valence_note
from storage.errors import NN_
from storage.models import MemoTarget

Target = tuple[MemoTarget, int | None, str]
"""``(target kind, target id, text to put before the note)``."""


def _code_refs(codes: list[RefiCode], out: dict[str, list[str]]) -> None:
    for code in codes:
        for guid in code.note_refs:
            out.setdefault(guid, []).append(code.guid)
        _code_refs(code.children, out)


def import_notes(ctx: ImportContext) -> None:
    """Add a memo for every note, on each object that refers to it."""
    store = ctx.store
    targets: dict[str, list[Target]] = {}

    def add(note: str, target: Target) -> None:
        targets.setdefault(note, []).append(target)

    descriptions: list[tuple[str, int, str]] = []
    code_refs: dict[str, list[str]] = {}
    _code_refs(ctx.project.codes, code_refs)
    for note, codes in code_refs.items():
        for code in codes:
            if code in ctx.codes:
                add(note, ("code", ctx.codes[code], ""))
    coding_ids = store.bulk.uuid_index("coding") if _coding_notes(ctx) else {}
    valence_notes = {
        n.guid: value
        for n in ctx.project.notes
        if n.name == VALENCE_NOTE and (value := parse_valence_note(n.text)) is not None
    }
    valences: dict[int, int] = {}
    suhbat_memo_names = {n.guid: n.name for n in ctx.project.notes} if ctx.from_suhbat else {}
    for source in ctx.project.sources:
        where = ctx.sources.get(source.guid)
        if where is None:
            continue
        _layer, transcript_id, session_id = where
        for note in source.note_refs:
            if suhbat_memo_names.get(note) == "Session memo":
                add(note, ("session", session_id, ""))
            else:
                add(note, ("transcript", transcript_id, ""))
        for selection in source.selections:
            for coding in selection.codings:
                for note in coding.note_refs:
                    if ctx.from_suhbat and note == derived_guid("coding-memo", coding.guid):
                        continue
                    if note in valence_notes and coding.guid in coding_ids:
                        valences[coding_ids[coding.guid]] = valence_notes[note]
                        continue
                    if coding.guid in coding_ids:
                        add(note, ("coding", coding_ids[coding.guid], ""))
            if not selection.note_refs and not selection.description:
                continue
            place = ctx.selections.get(selection.guid)
            for note in selection.note_refs:
                if place is not None:
                    add(note, ("transcript", place.transcript_id, _quote(ctx.quote(place))))
            if selection.description and place is not None and not selection.codings:
                descriptions.append(
                    (
                        derived_guid("selection-description", selection.guid),
                        place.transcript_id,
                        _quote(ctx.quote(place)) + selection.description,
                    )
                )
    for link in ctx.project.links:
        if link.target in ctx.participants:
            add(link.origin, ("participant", ctx.participants[link.target], ""))
        elif link.target in ctx.codes:
            add(link.origin, ("code", ctx.codes[link.target], ""))
        elif link.target in ctx.sources:
            add(link.origin, ("transcript", ctx.sources[link.target][1], ""))
        elif link.target in ctx.selections:
            place = ctx.selections[link.target]
            add(link.origin, ("transcript", place.transcript_id, _quote(ctx.quote(place))))
    for note in ctx.project.project_note_refs:
        add(note, ("project", None, ""))

    if valences:
        store.codings.take_valences(valences)
    known = store.bulk.uuid_index("memo")
    coder_names = {c.id: c.name for c in store.coders.all()}
    missing_text = 0
    for refi_note in ctx.project.notes:
        guid = refi_note.guid
        if ctx.from_suhbat and refi_note.name == "Coding memo" and guid not in targets:
            continue
        if guid in valence_notes and guid not in targets:
            continue  # became the valence of its codings
        places = targets.get(guid) or [("project", None, "")]
        if refi_note.text is None:
            missing_text += 1
            continue
        author = coder_names.get(ctx.coders.get(refi_note.user or "", -1))
        for i, (kind, target_id, prefix) in enumerate(dict.fromkeys(places)):
            uuid = guid if i == 0 else derived_guid("memo", guid, kind, target_id)
            if uuid in known:
                continue
            text = f"{prefix}{refi_note.text}" if prefix else refi_note.text
            if not ctx.from_suhbat and refi_note.name and refi_note.name not in text:
                text = f"{refi_note.name}\n\n{text}"
            store.memos.add(kind, target_id, text, author=author, uuid=uuid)
            known[uuid] = 0
            ctx.count("memos")
    for uuid, transcript_id, text in descriptions:
        if uuid not in known:
            store.memos.add("transcript", transcript_id, text, uuid=uuid)
            known[uuid] = 0
            ctx.count("memos")
    if missing_text:
        ctx.notices.add(
            NN_(
                "{count} note points to a text file that is not in the file; not imported",
                "{count} notes point to text files that are not in the file; not imported",
            ),
            count=missing_text,
        )


def _coding_notes(ctx: ImportContext) -> bool:
    """True if any coding in the file refers to a note."""
    return any(
        coding.note_refs
        for source in ctx.project.sources
        for selection in source.selections
        for coding in selection.codings
    )


def _quote(text: str) -> str:
    """The quoted selection put before a memo written on it."""
    if not text:
        return ""
    short = text if len(text) <= 200 else text[:199] + "…"
    return f"«{short}»\n\n"
