"""Translations for suhbat's UI, CLI and reports (en, ru, kk); headless.

Use ``_("text")`` for a message, ``ngettext(singular, plural, n)`` for counts and
:func:`translate_error` for a :class:`storage.errors.SuhbatError`-style error. The
language is process-wide and can be switched at run time with :func:`set_language`.
Catalogs live in ``i18n/locales/<lang>/LC_MESSAGES/suhbat.po``; a compiled ``.mo``
is used when it is at least as new as its ``.po``, else the ``.po`` is read directly.
Mark a string for extraction without translating it on the spot with :func:`N_`.
Refresh and check catalogs with ``python -m i18n.catalogs`` (see docs/translating.md).
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path
from typing import Protocol

from storage.errors import Plural, count_of, english

LANGUAGES: tuple[str, ...] = ("en", "ru", "kk")
DOMAIN = "suhbat"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"

_current = "en"
_translations: dict[str, gettext.NullTranslations] = {}


class _Message(Protocol):
    message: str
    params: dict[str, object]


def _load(language: str) -> gettext.NullTranslations:
    if language in _translations:
        return _translations[language]
    translation: gettext.NullTranslations
    mo = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with open(mo, "rb") as handle:
            translation = gettext.GNUTranslations(handle)
    elif po.exists():
        translation = _from_po(po)
    else:
        translation = gettext.NullTranslations()
    _translations[language] = translation
    return translation


def _from_po(po: Path) -> gettext.NullTranslations:
    """Compile a .po catalog in memory (used when no .mo was built)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as handle:
        catalog = read_po(handle)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language``, whatever the UI language is (e.g. for a report).

    Its ``gettext``/``ngettext`` translate into ``language``; unknown languages get
    English (the msgids).
    """
    return _load(language if language in LANGUAGES else "en")


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translate it later, where it is shown, with ``_``."""
    return message


def detect_language() -> str:
    """The UI language: SUHBAT_LANG, then the user's last choice, then the locale, else English.

    The last choice is kept by :func:`i18n.user_settings.store_language`.
    """
    explicit = _language_code(os.environ.get("SUHBAT_LANG", ""))
    if explicit:
        return explicit
    from i18n.user_settings import stored_language

    stored = stored_language()
    if stored:
        return stored
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        code = _language_code(os.environ.get(var, ""))
        if code:
            return code
    return "en"


def _language_code(value: str) -> str | None:
    code = value.split(".")[0].split("_")[0].split(":")[0].lower()
    return code if code in LANGUAGES else None


def set_language(language: str) -> None:
    """Switch the UI language for the whole process."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current = language


def get_language() -> str:
    """The current UI language code."""
    return _current


class Translation(str):
    """A translated text that remembers its English msgid (and context).

    It is an ordinary ``str`` everywhere; :func:`retranslate` uses the msgid to give the
    text again in another UI language (key-binding descriptions made at import time,
    for example), and ``_`` of a translation translates its msgid, not its text.
    """

    msgid: str
    context: str | None


def _translation(text: str, msgid: str, context: str | None) -> Translation:
    result = Translation(text)
    result.msgid = msgid
    result.context = context
    return result


def _(message: str) -> str:
    """Translate ``message`` into the current UI language (``""`` stays ``""``)."""
    msgid = message.msgid if isinstance(message, Translation) else message
    if not msgid:
        return message
    return _translation(_load(_current).gettext(msgid), msgid, None)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in ``context`` (same English text, different meaning)."""
    msgid = message.msgid if isinstance(message, Translation) else message
    if not msgid:
        return message
    return _translation(_load(_current).pgettext(context, msgid), msgid, context)


def retranslate(text: str) -> str:
    """``text`` in the current UI language if it came from ``_``/``pgettext``, else as is."""
    if isinstance(text, Translation):
        return pgettext(text.context, text.msgid) if text.context else _(text.msgid)
    return text


def NP_(context: str, message: str) -> str:
    """Mark ``message`` in ``context`` for extraction; translate it with :func:`pgettext`."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, using the language's plural forms."""
    return _load(_current).ngettext(singular, plural, n)


def translate_message(message: str, params: dict[str, object]) -> str:
    """A msgid (``N_`` or ``NN_``) translated, with its parameters filled in.

    A plural msgid takes the form its count parameter needs; a broken translation
    falls back to the English text.
    """
    # A parameter may be an error itself (a file's error wrapping the Store's): its text too.
    params = {
        k: translate_error(v) if isinstance(v, BaseException) and _is_message(v) else v
        for k, v in params.items()
    }
    try:
        if isinstance(message, Plural):
            return ngettext(message, message.plural, count_of(message, params)).format(**params)
        return _(message).format(**params)
    except (KeyError, IndexError, ValueError):
        return english(message, params)


def _is_message(error: BaseException) -> bool:
    """True for an error that carries a msgid and parameters (a :class:`SuhbatError`)."""
    return isinstance(getattr(error, "params", None), dict)


def translate_error(error: BaseException) -> str:
    """The user-facing text of an error: translated msgid with its parameters filled in."""
    message = getattr(error, "message", None)
    params = getattr(error, "params", None)
    if isinstance(message, str) and isinstance(params, dict):
        return translate_message(message, params)
    return str(error)
