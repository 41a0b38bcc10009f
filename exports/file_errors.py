"""Errors for files that cannot be read, in words a user can act on (and translate).

The operating system's own texts (``No such file or directory``) and those of zip and
XML libraries are English; these helpers turn the common cases into translated
messages naming the file, and keep the library's text only for rare ones.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from storage.errors import N_, InputError, SuhbatError, naming_file

_BY_ERRNO: dict[int, str] = {
    errno.ENOENT: N_("{file}: no such file"),
    errno.EACCES: N_("{file}: permission denied"),
    errno.EPERM: N_("{file}: permission denied"),
    errno.EISDIR: N_("{file}: this is a folder, not a file"),
}


def unreadable_file(file: str, error: OSError) -> InputError:
    """The error to raise when ``file`` cannot be opened or read (``error`` from the OS)."""
    if isinstance(error, IsADirectoryError):
        return InputError(_BY_ERRNO[errno.EISDIR], file=file)
    message = _BY_ERRNO.get(error.errno or 0)
    if message is not None:
        return InputError(message, file=file)
    return InputError(
        N_("{file}: cannot read the file ({reason})"),
        file=file,
        reason=error.strerror or type(error).__name__,
    )


@contextmanager
def errors_name(file: str) -> Iterator[None]:
    """Make every :class:`SuhbatError` leaving the block one line that names ``file``.

    Readers name the file themselves; this catches the rest (a Store check failing
    while the file is imported), so a user always learns which file it was.
    """
    try:
        yield
    except SuhbatError as error:
        named = naming_file(error, file)
        if named is error:
            raise
        raise named from None
