"""Reading QDPX archives from untrusted files: no zip-slip, no zip bombs.

The archive is checked as a whole before anything is read: a member whose
path is absolute or climbs out with ``..``, an encrypted or symlinked member,
too many members, a member or a total that is too large, or a compression ratio
only a zip bomb has, refuses the whole file with a clear message. Members are
read into memory (never extracted to disk) a chunk at a time, each with a hard
cap on the bytes actually inflated: a header that understates a member's size
cannot make the reader inflate more than the header says.
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
READ_CHUNK = 1024 * 1024
"""Bytes inflated per step when a member is read (the most ever held beyond its data)."""


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
        """The bytes of a member, inflated a chunk at a time under a hard cap.

        The header's size is not trusted: at most :data:`READ_CHUNK` bytes are inflated
        per step, never more than the member's checked size in all, and a member whose
        inflated bytes do not match its header (a lying size or checksum) is refused
        before more than its declared size is ever held in memory.
        """
        info = self._members[name]
        limit = min(info.file_size, MAX_MEMBER_BYTES)
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(READ_CHUNK):
                    total += len(chunk)
                    if total > limit:
                        self._too_large(name, total)
                    chunks.append(chunk)
        except zipfile.BadZipFile as error:
            if "CRC" in str(error):  # zipfile stops at the declared size, then checks the CRC
                self._mismatch(name)
            self._unreadable(name, error)
        except (zlib.error, OSError, EOFError) as error:
            self._unreadable(name, error)
        return b"".join(chunks)

    def _unreadable(self, name: str, error: BaseException) -> NoReturn:
        raise InputError(
            N_("{file}: cannot read {member!r} from the archive: {reason}"),
            file=self.file,
            member=name,
            reason=error,
        ) from None

    def _mismatch(self, name: str) -> NoReturn:
        raise InputError(
            N_(
                "{file}: the archive member {member!r} does not match its header"
                " (its size or checksum is wrong); refused"
            ),
            file=self.file,
            member=name,
        ) from None

    def _too_large(self, name: str, size: int) -> NoReturn:
        if size <= MAX_MEMBER_BYTES:
            self._mismatch(name)
        raise InputError(
            N_("{file}: the archive member {member!r} is too large ({size} MB); refused"),
            file=self.file,
            member=name,
            size=size // (1024 * 1024),
        )
