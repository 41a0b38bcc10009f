"""File names for exported files, made from titles users typed."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from exports.output_files import cannot_write, create_private_file, ensure_folder
from storage.temp_files import PART, remove_stale, temp_name

_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_stem(name: str, fallback: str = "export") -> str:
    """A file name stem made from a title: no path separators or characters Windows refuses."""
    stem = _UNSAFE_FILE_CHARS.sub("_", name).strip(" ._")
    return stem[:120] or fallback


def unique_path(directory: Path, stem: str, suffix: str, taken: set[str]) -> Path:
    """``directory/stem.suffix``, numbered if that name was already used in this export."""
    candidate = stem
    n = 2
    while candidate.casefold() in taken:
        candidate = f"{stem} ({n})"
        n += 1
    taken.add(candidate.casefold())
    return directory / f"{candidate}{suffix}"


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that replaces it only if the block succeeds.

    A failed export therefore never leaves a half-written file (nor destroys an
    earlier one). Missing folders are created and the file is private to its owner
    (see :mod:`exports.output_files`); errors name ``target``, not the temporary file.
    """
    ensure_folder(target.parent)
    remove_stale(target.parent)  # hidden partial exports of killed runs (storage.temp_files)
    temporary = temp_name(target, PART, hidden=True)
    create_private_file(temporary, target)
    try:
        yield temporary
        try:
            os.replace(temporary, target)
        except OSError as error:
            raise cannot_write(target, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
