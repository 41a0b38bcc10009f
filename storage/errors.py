"""Errors raised by the headless core.

Messages are English msgids with ``{placeholders}``; the CLI and the TUI
translate them through :mod:`i18n` at the edge (storage must not import i18n).
Mark a msgid with :func:`N_` so that Babel extracts it.
"""

from __future__ import annotations

import re


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it here."""
    return message


class Plural(str):
    """A msgid with a plural form; the parameter ``counted`` says which form applies.

    It is the singular msgid (so it works wherever a msgid does) and carries the
    plural msgid; the edges pick the form with ``ngettext`` (:func:`english` here).
    """

    plural: str
    counted: str

    def __new__(cls, singular: str, plural: str, counted: str = "count") -> Plural:
        self = super().__new__(cls, singular)
        self.plural = plural
        self.counted = counted
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (Plural, (str(self), self.plural, self.counted))


def NN_(singular: str, plural: str, counted: str = "count") -> str:
    """Mark a message with a count for extraction; ``params[counted]`` picks the form."""
    return Plural(singular, plural, counted)


def count_of(message: Plural, params: dict[str, object]) -> int:
    """The count that picks a plural msgid's form (an int, or digits in a string)."""
    value = params.get(message.counted)
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else 0


def english(message: str, params: dict[str, object]) -> str:
    """The English text of a msgid (singular or plural form) with its parameters filled in."""
    if isinstance(message, Plural) and count_of(message, params) != 1:
        message = message.plural
    return message.format(**params) if params else str(message)


_LINE_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+\s*")
_LONGEST_PARAMETER = 300


def one_line(value: str) -> str:
    """``value`` on one line (line breaks become spaces), cut to 300 characters with ``…``."""
    value = _LINE_BREAKS.sub(" ", value).strip()
    if len(value) > _LONGEST_PARAMETER:
        value = value[: _LONGEST_PARAMETER - 1] + "…"
    return value


class SuhbatError(Exception):
    """Base class of every error suhbat reports to a user."""

    def __init__(self, message: str, /, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(english(message, params))

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle by message and parameters, so an error crosses to another process."""
        return (_rebuilt, (type(self), self.message, self.params, dict(self.__dict__)))


def _rebuilt(
    cls: type[SuhbatError], message: str, params: dict[str, object], state: dict[str, object]
) -> SuhbatError:
    """An error made again from what :meth:`SuhbatError.__reduce__` kept."""
    error = cls.__new__(cls)
    Exception.__init__(error, english(message, params))
    error.__dict__.update(state)
    return error


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
        """Every parameter is shown on one line: texts and other errors (a library's
        reason, a nested :class:`SuhbatError`) are flattened, so the message is one line.
        """
        flat = {key: _one_line_parameter(value) for key, value in params.items()}
        super().__init__(message, file=_one_line_parameter(file), line=line, **flat)
        self.file = file
        self.line = line


def _one_line_parameter(value: object) -> object:
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, SuhbatError):
        value.params = {k: _one_line_parameter(v) for k, v in value.params.items()}
        value.args = (english(value.message, value.params),)
        return value
    if isinstance(value, BaseException):
        return one_line(str(value) or type(value).__name__)
    return value


def naming_file(error: SuhbatError, file: str) -> SuhbatError:
    """``error`` as an error of the same kind whose one-line text starts with ``file``.

    Errors that already say it (the readers' own) come back as they are; others (a
    Store check failing during an import of ``file``) are wrapped as ``{file}: {problem}``.
    """
    text = str(error)
    name = one_line(file)
    if text.startswith(name) and "\n" not in text and "\r" not in text:
        return error
    wrapped = type(error)(N_("{file}: {problem}"), file=name, problem=_one_line_parameter(error))
    wrapped.__cause__ = error
    return wrapped
