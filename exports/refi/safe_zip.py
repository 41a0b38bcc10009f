"""Reading QDPX archives from untrusted files: no zip-slip, no zip bombs.

The archive is checked as a whole before anything is read: a member whose
path is absolute or climbs out with ``..``, an encrypted or symlinked member,
too many members, a member or a total that is too large, or a compression ratio
only a zip bomb has, refuses the whole file with a clear message. Members are
read into memory (never extracted to disk), each with a hard size cap.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from storage.errors import N_, InputError

MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200
"""A member that inflates more than this many times (and beyond 1 MB) is a zip bomb."""
RATIO_FLOOR_BYTES = 1024 * 1024


def _clean_name(name: str) -> str | None:
    """A member name as a relative POSIX path, or None if it escapes the archive."""
    path = name.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return None
    parts = PurePosixPath(path).parts
    if any(part == ".." for part in parts):
        return None
    return "/".join(p for p in parts if p not in ("", "."))


class SafeZip:
    """A checked QDPX archive: look up and read members by REFI-QDA paths."""

    def __init__(self, path: Path) -> None:
        self.file = path.name
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise InputError(
                N_("{file}: not a valid QDPX (zip) file: {reason}"), file=self.file, reason=error
            ) from None
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._check()

    def close(self) -> None:
        """Close the archive."""
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _refuse(self, message: str, **params: Any) -> NoReturn:
        self._zip.close()
        raise InputError(message, file=self.file, **params)

    def _check(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            self._refuse(
                N_("{file}: the archive has {count} members (at most {limit}); refused"),
                count=len(infos),
                limit=MAX_MEMBERS,
            )
        total = 0
        for info in infos:
            clean = _clean_name(info.filename)
            if clean is None:
                self._refuse(
                    N_("{file}: the archive member {member!r} points outside the archive; refused"),
                    member=info.filename,
                )
            if info.flag_bits & 0x1:
                self._refuse(
                    N_("{file}: the archive member {member!r} is encrypted; refused"),
                    member=info.filename,
                )
            if stat.S_ISLNK(info.external_attr >> 16):
                self._refuse(
                    N_("{file}: the archive member {member!r} is a symbolic link; refused"),
                    member=info.filename,
                )
            if info.file_size > MAX_MEMBER_BYTES:
                self._refuse(
                    N_("{file}: the archive member {member!r} is too large ({size} MB); refused"),
                    member=info.filename,
                    size=info.file_size // (1024 * 1024),
                )
            if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                self._refuse(
                    N_(
                        "{file}: the archive member {member!r} inflates {ratio} times"
                        " (a zip bomb?); refused"
                    ),
                    member=info.filename,
                    ratio=info.file_size // max(info.compress_size, 1),
                )
            total += info.file_size
            if info.is_dir() or not clean:
                continue
            self._members[clean] = info
        if total > MAX_TOTAL_BYTES:
            self._refuse(
                N_("{file}: the archive unpacks to {size} MB (at most {limit} MB); refused"),
                size=total // (1024 * 1024),
                limit=MAX_TOTAL_BYTES // (1024 * 1024),
            )

    def names(self) -> list[str]:
        """Every file member, as a clean relative path."""
        return list(self._members)

    def find_project_xml(self) -> str | None:
        """The project XML: ``project.qde``, else the shallowest ``*.qde`` member."""
        candidates = [n for n in self._members if n.lower().endswith(".qde")]
        if not candidates:
            return None
        candidates.sort(key=lambda n: (n.count("/"), n.lower() != "project.qde", n))
        return candidates[0]

    def find_source(self, relative: str) -> str | None:
        """The member an ``internal://`` path names (tools vary in folder and case)."""
        rel = _clean_name(relative)
        if not rel:
            return None
        if rel.lower().startswith("sources/"):
            rel = rel[len("sources/") :]
        for wanted in (f"sources/{rel}", rel):
            if wanted in self._members:
                return wanted
        lower = {n.lower(): n for n in self._members}
        for wanted in (f"sources/{rel}".lower(), rel.lower()):
            if wanted in lower:
                return lower[wanted]
        base = rel.rsplit("/", 1)[-1].lower()
        matches = [n for n in self._members if n.rsplit("/", 1)[-1].lower() == base]
        return matches[0] if len(matches) == 1 else None

    def read(self, name: str) -> bytes:
        """The bytes of a member (never more than its checked size)."""
        info = self._members[name]
        try:
            with self._zip.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
            raise InputError(
                N_("{file}: cannot read {member!r} from the archive: {reason}"),
                file=self.file,
                member=name,
                reason=error,
            ) from None
        if len(data) > MAX_MEMBER_BYTES:
            raise InputError(
                N_("{file}: the archive member {member!r} is too large ({size} MB); refused"),
                file=self.file,
                member=name,
                size=len(data) // (1024 * 1024),
            )
        return data
