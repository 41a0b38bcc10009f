"""Reading REFI-QDA files back for tests: schema validation and a normalised dump (test helper)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from xml_values import attribute, number

NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}
PREFIX = re.compile(r"(?m)^(\[\d\d:\d\d:\d\d(\.\d{3})?\] )?([^\n:]+: )?")


def schema(shared_dir: Path, name: str) -> etree.XMLSchema:
    """The REFI-QDA schema ``name`` (``Project.xsd`` or ``Codebook.xsd``)."""
    return etree.XMLSchema(etree.parse(str(shared_dir / "refi-qda" / name)))


def assert_valid(xml: bytes, xsd: etree.XMLSchema) -> etree._Element:
    """Parse ``xml`` and assert it is valid against ``xsd``; return its root."""
    root = etree.fromstring(xml)
    assert xsd.validate(root), xsd.error_log
    return root


def read_qdpx(path: Path) -> tuple[bytes, dict[str, str]]:
    """The ``project.qde`` bytes and every source text (member name → text) of a QDPX."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("project.qde")
        texts = {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("sources/")
        }
    return xml, texts


def _parent_guid(code: etree._Element) -> str | None:
    """The GUID of the code a code sits under (None at the top level)."""
    parent = code.getparent()
    return parent.get("guid") if parent is not None else None


def dump(path: Path) -> dict[str, Any]:
    """Codes, sources (text) and codings (offsets, code, coder) of a QDPX, order-free."""
    xml, texts = read_qdpx(path)
    root = etree.fromstring(xml)
    codes = sorted(
        (
            c.get("guid"),
            c.get("name"),
            c.get("color"),
            c.get("isCodable"),
            _parent_guid(c),
            c.findtext("q:Description", namespaces=NS),
        )
        for c in root.iterfind(".//q:Code", NS)
    )
    sources = {}
    codings = set()
    for source in root.iterfind(".//q:TextSource", NS):
        name = attribute(source, "plainTextPath").removeprefix("internal://")
        sources[source.get("guid")] = (source.get("name"), texts[f"sources/{name}"])
        for selection in source.iterfind("q:PlainTextSelection", NS):
            for coding in selection.iterfind("q:Coding", NS):
                codings.add(
                    (
                        source.get("guid"),
                        coding.get("guid"),
                        number(selection, "startPosition"),
                        number(selection, "endPosition"),
                        attribute(coding.find("q:CodeRef", NS), "targetGUID"),
                        coding.get("creatingUser"),
                    )
                )
    return {"codes": codes, "sources": sources, "codings": codings}
