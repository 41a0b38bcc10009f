"""Find English left in text meant to be Russian or Kazakh (CLI help, messages, files).

:func:`english_words` returns the Latin words of four or more letters that are not
something a user types or a name: option names, metavars, choice lists, paths, and the
words in :data:`ALLOWED` (product and format names, values typed as option arguments).
"""

from __future__ import annotations

import re

from analysis.dataset import StudyData

ALLOWED = {
    # product, format and standard names
    "suhbat",
    "Word",
    "Excel",
    "Markdown",
    "SQLCipher",
    "REFI",
    "UTF",
    "JSON",
    "CSV",
    "XLSX",
    "DOCX",
    "QDPX",
    "WebVTT",
    "ELAN",
    "UUID",
    "docx",
    "xlsx",
    "qdpx",
    "html",
    "eGov",
    "SPSS",
    # the redaction list's line syntax ("KIND: term => replacement")
    "term",
    "replacement",
    "kind",
    # values typed as option arguments that help texts list in prose
    "respondent",
    "moderator",
    "observer",
    "interview",
    "setting",
    "region",
    "location",
    "overlap",
    "utterance",
    "rolling",
    "disjoint",
    "date",
    "position",
    # a command the help quotes (pip install 'suhbat[encryption]')
    "install",
    "encryption",
}
"""Latin words that may appear in translated help."""

_LATIN_WORD = re.compile(r"(?<![\w.$%{/-])[A-Za-z]{4,}(?![\w./}-])")
_OPTION = re.compile(r"--?[A-Za-z][\w-]*")
_METAVAR = re.compile(r"\b[A-Z][A-Z0-9_]+\b")
_CHOICES = re.compile(r"[\[{][^\]}]*\|[^\]}]*[\]}]")
_PATHLIKE = re.compile(r"\S+\.(?:md|suhbat|csv|docx|txt|srt|vtt|xlsx)\b|\S*/\S*")


def english_words(text: str, allowed: set[str]) -> list[str]:
    """Latin words in ``text`` that are not options, metavars, choices, paths or allowed."""
    found = []
    for line in _CHOICES.sub(" ", text).splitlines():  # a list of choices may wrap
        stripped = _PATHLIKE.sub(" ", line)
        stripped = _METAVAR.sub(" ", _OPTION.sub(" ", stripped))
        found += [w for w in _LATIN_WORD.findall(stripped) if w not in allowed | ALLOWED]
    return found


def study_texts(data: StudyData) -> list[str]:
    """Texts the project itself supplies: names of codes, coders, sessions and attributes,
    participants' codes and values, where sessions took place and who led them."""
    texts = [data.code_name(c) for c in data.codes]
    texts += [c.name for c in data.coders.values()]
    texts += [data.session_label(s) for s in data.sessions]
    texts += [a.name for a in data.attributes]
    for p in data.participants.values():
        texts += [p.code, *(str(v) for v in p.attributes.values() if v)]
    for s in data.sessions.values():
        texts += [str(x) for x in (s.location, s.region, s.setting, s.interviewer) if x]
    return texts
