"""Reading a REFI-QDA codebook (``.qdc``): the code tree, nothing else."""

from __future__ import annotations

from exports.refi.qde_parser import parse_codebook
from exports.refi.refi_model import RefiProject
from exports.refi.safe_xml import local_name, parse_xml
from storage.errors import N_, InputError


def read_codebook_xml(data: bytes, file: str) -> RefiProject:
    """Parse QDC bytes (safely) into a :class:`RefiProject` holding only codes."""
    root = parse_xml(data, file)
    if local_name(root).lower() != "codebook":
        raise InputError(N_("{file}: not a REFI-QDA codebook"), file=file)
    return parse_codebook(root, file)
