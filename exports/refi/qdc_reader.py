"""Reading a REFI-QDA codebook (``.qdc``): the code tree, nothing else."""

from __future__ import annotations

import os
from pathlib import Path

from exports.refi.qde_parser import parse_codebook
from exports.refi.refi_model import RefiProject
from exports.refi.safe_xml import MAX_XML_BYTES, local_name, parse_xml
from storage.errors import N_, InputError


def read_codebook_xml(data: bytes, file: str) -> RefiProject:
    """Parse QDC bytes (safely) into a :class:`RefiProject` holding only codes."""
    root = parse_xml(data, file)
    if local_name(root).lower() != "codebook":
        raise InputError(N_("{file}: not a REFI-QDA codebook"), file=file)
    return parse_codebook(root, file)


def read_qdc(path: str | os.PathLike[str]) -> RefiProject:
    """Read a ``.qdc`` file."""
    target = Path(path)
    if target.stat().st_size > MAX_XML_BYTES:
        raise InputError(
            N_("{file}: the XML is larger than {limit} MB; refused"),
            file=target.name,
            limit=MAX_XML_BYTES // (1024 * 1024),
        )
    return read_codebook_xml(target.read_bytes(), target.name)
