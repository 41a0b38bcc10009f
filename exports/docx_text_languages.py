"""Which language a piece of user text in a Word document is in, as a Word tag.

Labels are in the document's language, but user text is in its own: a code name
is in the language it is filed under (``{"en": "Bureaucracy"}`` is English in a
Russian codebook), a definition or an example in the language its letters say
(«Ауыл тұрғындарына…» is Kazakh), a quote in its utterance's language, a counted
word in its own. Word spell-checks each run in the language of its ``w:lang``, so
text tagged with the wrong one is underlined from end to end.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.dataset import StudyData
from exports.docx_language import word_language_tag
from storage.name_language import CYRILLIC_LANGUAGES, KAZAKH_LETTERS, script_of
from storage.word_forms import words

KAZAKH_WORD_SHARE = 0.25
"""The share of Cyrillic words with a Kazakh-only letter from which a text is Kazakh.

Most words of a Kazakh sentence have one (і, қ, ң, ы-words aside), a Russian sentence
naming a Kazakh place (Ақмола) has one such word in many.
"""


def code_name_tag(data: StudyData, code_id: int | None) -> str:
    """The Word tag of ``data.code_name(code_id)``: the language that name is filed under.

    "" (the document's language) for no code (a pooled row).
    """
    code = data.codes.get(code_id) if code_id is not None else None
    if code is None:
        return ""
    return word_language_tag(code.name_language(data.language, data.fallback_languages))


def text_language(text: str, languages: Sequence[str], fallback: str) -> str:
    """The language ``text`` is written in, by its letters.

    Cyrillic is Kazakh when enough of its words have a letter only Kazakh writes
    (:data:`KAZAKH_WORD_SHARE`), else Russian (or the project's Cyrillic language);
    Latin is the project's Latin-script language (English if none). Text without
    letters, or in another script, is ``fallback``.
    """
    script = script_of(text)
    if script == "cyrillic":
        cyrillic = [m.group() for m in words(text) if script_of(m.group()) == "cyrillic"]
        kazakh = sum(any(c in KAZAKH_LETTERS for c in w) for w in cyrillic)
        if cyrillic and kazakh / len(cyrillic) >= KAZAKH_WORD_SHARE:
            return "kk"
        if "ru" in languages or "kk" not in languages:
            return "ru"
        return "kk"
    if script == "latin":
        return next((x for x in languages if x not in CYRILLIC_LANGUAGES), "en")
    return fallback


def text_tag(text: str, languages: Sequence[str], fallback: str) -> str:
    """The Word tag of :func:`text_language`."""
    return word_language_tag(text_language(text, languages, fallback))


def word_tag(word: str, context: str, languages: Sequence[str]) -> str:
    """The Word tag of one word counted in text in the language ``context``.

    A word with a Kazakh-only letter is Kazakh, a Latin word in Cyrillic text (``eGov``)
    or a Cyrillic one in Latin text is in the language its script says; any other word
    is in its text's language (``бар`` in a Kazakh transcript is Kazakh).
    """
    if any(c in KAZAKH_LETTERS for c in word):
        return word_language_tag("kk")
    script = script_of(word)
    cyrillic_context = context in CYRILLIC_LANGUAGES
    if script in ("latin", "cyrillic") and (script == "cyrillic") != cyrillic_context:
        return text_tag(word, languages, context)
    return word_language_tag(context)
