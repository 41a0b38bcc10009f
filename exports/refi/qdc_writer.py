"""Writing a project's codebook as a REFI-QDA codebook file (``.qdc``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

from exports.refi.code_elements import append_codes
from exports.refi.namespaces import (
    CODEBOOK_NS,
    CODEBOOK_SCHEMA_URL,
    XML_DECLARATION,
    XSI_NS,
    origin,
)
from storage import Store
from storage.errors import N_, ValidationError
from storage.temp_files import PART, remove_stale, temp_prefix_tail


def codebook_xml(store: Store) -> bytes:
    """The codebook of ``store`` as QDC XML (UTF-8, no BOM, ``\\n`` line ends)."""
    project = store.project()
    root = etree.Element(
        f"{{{CODEBOOK_NS}}}CodeBook",
        nsmap={None: CODEBOOK_NS, "xsi": XSI_NS},  # type: ignore[dict-item]
        origin=origin(project.languages),
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{CODEBOOK_NS} {CODEBOOK_SCHEMA_URL}")
    codes = store.codes.all()
    if not codes:
        raise ValidationError(N_("The project has no codes; a codebook file needs at least one"))
    codes_element = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    coded = {coding.code_id for coding in store.bulk.coding_rows()}
    append_codes(codes_element, codes, CODEBOOK_NS, project.languages, coded=coded)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)


def write_qdc(store: Store, out: str | os.PathLike[str]) -> Path:
    """Write the codebook of ``store`` to ``out`` (replaced atomically); return the path."""
    target = Path(out)
    data = codebook_xml(store)
    write_atomically(target, data)
    return target


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file, so no half file is left."""
    remove_stale(target.parent or Path("."))  # partial exports of killed runs
    handle, temp = tempfile.mkstemp(
        dir=target.parent or Path("."),
        prefix=f".{target.name}.{temp_prefix_tail()}",
        suffix="." + PART,
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
