"""Hypothesis strategies that damage real files: bytes, text, ZIP packages and their XML.

Used by the reader fuzz tests (test helper). Each strategy starts from a real file
(a transcript, a table, a DOCX, XLSX or QDPX package), so that the damage reaches
deep into the readers instead of being refused at the first byte.
"""

from __future__ import annotations

import copy
import io
import re
import warnings
import zipfile

from hypothesis import strategies as st
from lxml import etree

XML_VALUES = [
    "", "-1", "0", "1", "999999999", "1e309", "abc", "A1", "XFD1048576", "A0", "s", "b", "e",
    "str", "inlineStr", "d", "n", "{ABC}", "&", "<", "]]>", "not-a-guid", "internal://missing.txt",
    "../../etc/passwd", "true", "false", "Алматы", "e\u0301", "👍🏽",
]  # fmt: skip
"""Attribute values and element texts put in place of real ones."""


class Sample(bytes):
    """Bytes of a sample file that show as their size in Hypothesis reports, not in full."""

    def __repr__(self) -> str:
        return f"<{len(self)} bytes>"


@st.composite
def byte_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few flips, cuts, insertions or duplicated slices."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "duplicate", "truncate"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if kind == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "duplicate":
            out[at:at] = out[at : at + draw(st.integers(1, 64))]
        else:
            del out[at:]
    return bytes(out)


@st.composite
def text_mutations(draw: st.DrawFn, text: str, tokens: list[str]) -> str:
    """``text`` with tokens of its own syntax inserted, spans cut, or a value replaced."""
    out = text
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "cut", "value"]))
        at = draw(st.integers(0, len(out)))
        if kind == "insert":
            out = out[:at] + draw(st.sampled_from(tokens)) + out[at:]
        elif kind == "cut":
            out = out[:at] + out[at + draw(st.integers(1, 80)) :]
        else:
            values = list(re.finditer(r'="[^"]*"', out))
            if values:
                match = values[draw(st.integers(0, len(values) - 1))]
                replacement = draw(st.sampled_from(["", "-1", "x" * 40, "{ABC}", "\x01", "&"]))
                out = out[: match.start()] + f'="{replacement}"' + out[match.end() :]
    return out


def members_of(data: bytes) -> list[tuple[str, bytes]]:
    """Every member of a ZIP archive, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def zipped(members: list[tuple[str, bytes]]) -> bytes:
    """A ZIP archive of ``members`` (names may repeat: a damaged package may have them)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name"
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in members:
                archive.writestr(name, content)
    return buffer.getvalue()


def rezip(original: bytes, member: str, new: bytes) -> bytes:
    """``original`` archive with ``member`` replaced by ``new``."""
    return zipped([(n, new if n == member else c) for n, c in members_of(original)])


@st.composite
def xml_mutations(draw: st.DrawFn, xml: bytes) -> bytes:
    """``xml`` with elements removed, duplicated (GUIDs and all) or renamed, attributes
    dropped or given odd values, texts replaced; unparsable XML is cut instead."""
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return xml[: draw(st.integers(0, len(xml)))]
    for _ in range(draw(st.integers(1, 3))):
        elements = list(root.iter())
        element = elements[draw(st.integers(0, len(elements) - 1))]
        kind = draw(st.sampled_from(["remove", "duplicate", "rename", "attribute", "text"]))
        parent = element.getparent()
        if kind == "remove" and parent is not None:
            parent.remove(element)
        elif kind == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif kind == "rename" and isinstance(element.tag, str):
            other = elements[draw(st.integers(0, len(elements) - 1))].tag
            element.tag = other if isinstance(other, str) and draw(st.booleans()) else "x"
        elif kind == "attribute" and element.attrib:
            key = draw(st.sampled_from(sorted(element.attrib)))
            if draw(st.booleans()):
                del element.attrib[key]
            else:
                element.set(key, draw(st.sampled_from(XML_VALUES)))
        elif kind == "text" and isinstance(element.tag, str):
            element.text = draw(st.sampled_from(XML_VALUES))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels", ".qde")) or name == "[Content_Types].xml"


@st.composite
def zip_mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """A ZIP package with members removed, duplicated, emptied, renamed, their bytes or
    XML damaged, or the compressed stream itself corrupted."""
    members = members_of(data)
    raw_damage = False
    for _ in range(draw(st.integers(1, 3))):
        if not members:
            break
        at = draw(st.integers(0, len(members) - 1))
        name, content = members[at]
        kind = draw(
            st.sampled_from(
                ["remove", "duplicate", "empty", "rename", "bytes", "xml", "xml", "raw"]
            )
        )
        if kind == "remove":
            del members[at]
        elif kind == "duplicate":
            members.insert(at + draw(st.integers(0, 1)), (name, draw(byte_mutations(content))))
        elif kind == "empty":
            members[at] = (name, b"")
        elif kind == "rename":
            members[at] = (
                draw(st.sampled_from([name.upper(), name + ".bak", "x/" + name])),
                content,
            )
        elif kind == "bytes":
            members[at] = (name, draw(byte_mutations(content)))
        elif kind == "xml" and _is_xml(name):
            members[at] = (name, draw(xml_mutations(content)))
        elif kind == "raw":
            raw_damage = True
    out = bytearray(zipped(members))
    if raw_damage and out:
        # Damage the compressed data itself: zlib errors and bad CRCs, not just odd content.
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] ^= 1 << draw(st.integers(0, 7))
    return bytes(out)
