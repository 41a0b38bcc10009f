"""Errors raised by the headless core.

Messages are English msgids with ``{placeholders}``; the CLI and the TUI
translate them through :mod:`i18n` at the edge (storage must not import i18n).
Mark a msgid with :func:`N_` so that Babel extracts it.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


class SuhbatError(Exception):
    """Base class of every error suhbat reports to a user."""

    def __init__(self, message: str, /, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(message.format(**params) if params else message)


class ProjectError(SuhbatError):
    """The project file cannot be opened or is not a suhbat project."""


class NotFoundError(SuhbatError):
    """A named entity does not exist in the project."""


class ConflictError(SuhbatError):
    """The operation would duplicate or contradict what the project holds."""


class ValidationError(SuhbatError):
    """A value does not fit its field (a date, a number, an allowed category)."""


class InputError(SuhbatError):
    """A file cannot be read; names the file and, where it applies, the line."""

    def __init__(self, message: str, /, *, file: str, line: int | None = None, **params: object):
        super().__init__(message, file=file, line=line, **params)
        self.file = file
        self.line = line
