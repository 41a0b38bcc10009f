"""Opening REFI-QDA files: QDPX archives, bare ``.qde`` project XML and QDC codebooks.

:func:`is_refi_file` decides by content (a zip holding a ``.qde``, or XML whose
root is ``Project`` or ``CodeBook``). :func:`imports_as_refi` decides how an import
reads a file: a name ending in ``.qdpx``, ``.qdc`` or ``.qde`` says REFI-QDA, so the
file is read as one or refused (never taken for a transcript); a ``.zip`` or ``.xml``
is told by its content. :func:`read_refi` returns a :class:`RefiProject` with the
source texts loaded, or raises :class:`InputError` for a file that is unsafe or
unreadable; it writes nothing.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from exports.file_errors import unreadable_file
from exports.refi.qde_parser import Loader, parse_codebook, parse_project
from exports.refi.refi_model import RefiProject
from exports.refi.safe_xml import MAX_XML_BYTES, local_name, local_root_name, parse_xml
from exports.refi.safe_zip import MAX_MEMBER_BYTES, SafeZip
from storage.errors import N_, InputError

_INTERNAL = "internal://"


REFI_SUFFIXES = (".qdpx", ".qdc", ".qde")
"""File name endings that say REFI-QDA: a project archive, a codebook, a project XML."""
_MAYBE_REFI_SUFFIXES = (".zip", ".xml")


def imports_as_refi(path: str | os.PathLike[str]) -> bool:
    """True if an import should read ``path`` as REFI-QDA rather than as a transcript.

    By name for ``.qdpx``, ``.qdc`` and ``.qde`` (whatever the file holds: if it is not
    REFI-QDA, :func:`read_refi` says so), by content for ``.zip`` and ``.xml``.
    """
    suffix = Path(path).suffix.lower()
    if suffix in REFI_SUFFIXES:
        return True
    return suffix in _MAYBE_REFI_SUFFIXES and is_refi_file(path)


def is_refi_file(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a QDPX archive, a REFI project XML or a QDC codebook."""
    target = Path(path)
    try:
        if not target.is_file():
            return False
        if zipfile.is_zipfile(target):
            with zipfile.ZipFile(target) as archive:
                return any(n.lower().endswith(".qde") for n in archive.namelist())
        with open(target, "rb") as handle:
            head = handle.read(4096)
    except (OSError, zipfile.BadZipFile):
        return False
    return local_root_name(head) in ("Project", "CodeBook", "Codebook")


_NOT_XML = {
    ".qdc": N_("{file}: not a REFI-QDA codebook (not XML)"),
    ".qde": N_("{file}: not a REFI-QDA project (not XML)"),
}
"""What to say of a file named as REFI-QDA XML that holds no XML."""


def _read_limited(path: Path, limit: int, file: str) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(
            N_("{file}: the file is larger than {limit} MB; refused"),
            file=file,
            limit=limit // (1024 * 1024),
        )
    return path.read_bytes()


def _zip_loader(archive: SafeZip) -> Loader:
    def load(path: str) -> tuple[bytes | None, str | None]:
        if "://" in path and not path.startswith(_INTERNAL):
            return None, "external file not included"
        member = archive.find_source(path.removeprefix(_INTERNAL))
        if member is None:
            return None, "missing from the archive"
        return archive.read(member), None

    return load


def _folder_loader(folder: Path, file: str) -> Loader:
    def load(path: str) -> tuple[bytes | None, str | None]:
        if "://" in path and not path.startswith(_INTERNAL):
            return None, "external file not included"
        name = path.removeprefix(_INTERNAL).replace("\\", "/").rsplit("/", 1)[-1]
        sources = folder / "sources"
        if not name or not sources.is_dir():
            return None, "missing next to the project file"
        matches = [p for p in sources.iterdir() if p.name.lower() == name.lower() and p.is_file()]
        if not matches:
            return None, "missing next to the project file"
        return _read_limited(matches[0], MAX_MEMBER_BYTES, file), None

    return load


def read_refi(path: str | os.PathLike[str]) -> RefiProject:
    """Read a QDPX, QDE or QDC file into a :class:`RefiProject` (safely; writes nothing)."""
    target = Path(path)
    file = target.name
    suffix = target.suffix.lower()
    try:
        target.stat()
        is_zip = zipfile.is_zipfile(target)
    except OSError as error:
        raise unreadable_file(file, error) from None
    if suffix == ".qdpx" and not is_zip:
        raise InputError(N_("{file}: not a REFI-QDA project (not a zip archive)"), file=file)
    if is_zip:
        with SafeZip(target) as archive:
            qde = archive.find_project_xml()
            if qde is None:
                raise InputError(N_("{file}: no project.qde in the archive"), file=file)
            root = parse_xml(archive.read(qde), file)
            if local_name(root).lower() != "project":
                raise InputError(
                    N_("{file}: {member} is not a REFI-QDA project"), file=file, member=qde
                )
            project = parse_project(root, file, _zip_loader(archive))
            project.kind = "qdpx"
            return project
    data = _read_limited(target, MAX_XML_BYTES, file)
    if local_root_name(data) is None:
        if suffix in _NOT_XML:
            raise InputError(_NOT_XML[suffix], file=file)
        raise InputError(
            N_("{file}: not a REFI-QDA file (QDPX, QDE project or QDC codebook)"), file=file
        )
    root = parse_xml(data, file)
    name = local_name(root)
    if name in ("CodeBook", "Codebook"):
        return parse_codebook(root, file)
    if name != "Project":
        raise InputError(
            N_("{file}: not a REFI-QDA file (QDPX, QDE project or QDC codebook)"), file=file
        )
    project = parse_project(root, file, _folder_loader(target.parent, file))
    project.kind = "qde"
    return project
