"""The code tree as REFI-QDA ``<Code>`` elements (shared by the QDC and QDPX writers)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from lxml import etree

from exports.refi.code_details import describe_code
from exports.xml_text import xml_safe
from storage.models import Code


def name_language(code: Code, languages: tuple[str, ...]) -> str:
    """The language whose name is the code's REFI name: the first project language it has."""
    for language in languages:
        if code.names.get(language):
            return language
    return next((lang for lang, name in code.names.items() if name), languages[0])


def refi_codable(code: Code, has_children: bool, coded: Collection[int]) -> bool:
    """The code's ``isCodable``: false for a folder, and for a theme used only as one.

    A code that is not codable in the project is a folder; a theme (a code with
    sub-codes) that has no codings of its own is written as a folder too, as other
    tools expect of themes. A theme that has codings of its own stays codable, so
    that those codings stay valid.
    """
    return code.is_codable and (not has_children or code.id in coded)


def append_codes(
    parent: etree._Element,
    codes: Sequence[Code],
    namespace: str,
    languages: tuple[str, ...],
    note_refs: Mapping[int, Sequence[str]] | None = None,
    *,
    coded: Collection[int] = (),
) -> None:
    """Append ``<Code>`` elements for ``codes`` (parents before children) under ``parent``.

    ``note_refs`` maps a code id to the GUIDs of notes about it (project files only);
    ``coded`` holds the ids of codes with codings of their own (see :func:`refi_codable`).
    An empty ``namespace`` makes elements without one (to be written inside a
    parent that declares the default namespace).
    """
    prefix = f"{{{namespace}}}" if namespace else ""
    tag_code = f"{prefix}Code"
    tag_description = f"{prefix}Description"
    tag_note_ref = f"{prefix}NoteRef"
    elements: dict[int, etree._Element] = {}
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    known = {c.id for c in codes}

    def add(code: Code, under: etree._Element) -> None:
        language = name_language(code, languages)
        element = etree.SubElement(
            under,
            tag_code,
            guid=code.uuid,
            name=xml_safe(code.names.get(language) or code.name()),
            isCodable="true" if refi_codable(code, code.id in children, coded) else "false",
            color=code.color,
        )
        description = describe_code(code, language)
        if description:
            etree.SubElement(element, tag_description).text = xml_safe(description)
        for guid in (note_refs or {}).get(code.id, ()):
            etree.SubElement(element, tag_note_ref, targetGUID=guid)
        elements[code.id] = element
        for child in children.get(code.id, []):
            add(child, element)

    for code in codes:
        if code.parent_id is None or code.parent_id not in known:
            add(code, parent)
