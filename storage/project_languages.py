"""Reading a language a user typed (``--language``, a dialog field) as one of the project's.

Layers are filtered and searched by their language code, so a layer may only carry
one of the project's languages: ``RU`` and `` ru `` are read as ``ru``; anything else
(``русский``, ``de`` in a ru/kk/en project) is refused with a message listing the
project's languages.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.errors import N_, ValidationError


def find_project_language(value: str, languages: Sequence[str]) -> str | None:
    """The project's code ``value`` names (case-insensitively), or None."""
    folded = value.strip().casefold()
    return next((code for code in languages if code.casefold() == folded), None)


def project_language(value: str, languages: Sequence[str]) -> str:
    """The project's code ``value`` names; a :class:`ValidationError` when it names none."""
    code = find_project_language(value, languages)
    if code is None:
        raise ValidationError(
            N_("Unknown language {language!r}: this project's languages are {languages}"),
            language=value.strip(),
            languages=", ".join(languages),
        )
    return code
