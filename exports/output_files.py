"""Where exported files go: missing folders are made, files are private to their owner.

Every export (Word, CSV, XLSX, REFI-QDA, the redaction report, guides, statistics
tables) goes through :func:`exports.file_names.atomic_path`, which uses the two
functions here, so that all exports behave alike:

* the folders of the path the user gave are created when missing (as ``mkdir -p``);
  when that is impossible the error names that folder, never a temporary file;
* each file is created readable and writable by its owner only (mode ``0600``,
  :data:`EXPORT_FILE_MODE`): exports carry interview text and participant data, and on
  a shared machine other users must not read them. ``chmod`` widens it when a file is
  meant for others.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from storage.errors import N_, SuhbatError

EXPORT_FILE_MODE = 0o600
"""Permissions of every exported file (before the umask): owner read and write only."""


class OutputError(SuhbatError):
    """An export cannot create its folder or write its file; names the path given."""


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents; :class:`OutputError` naming it otherwise."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if error.errno in (errno.EEXIST, errno.ENOTDIR):
            raise OutputError(
                N_("Cannot create the folder {folder}: a file of that name is in the way"),
                folder=str(folder),
            ) from None
        raise OutputError(
            N_("Cannot create the folder {folder}: {reason}"),
            folder=str(folder),
            reason=error.strerror or type(error).__name__,
        ) from None


def cannot_write(target: Path, error: OSError) -> OutputError:
    """The error for an export that cannot write ``target`` (``error`` from the OS)."""
    return OutputError(
        N_("Cannot write {file}: {reason}"),
        file=str(target),
        reason=error.strerror or type(error).__name__,
    )


def create_private_file(path: Path, target: Path) -> None:
    """Create the empty file ``path`` (mode :data:`EXPORT_FILE_MODE`) that will become
    ``target``; an error names ``target``, the file the user asked for."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, EXPORT_FILE_MODE))
    except OSError as error:
        raise cannot_write(target, error) from None
