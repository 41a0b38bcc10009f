"""House style of the Russian and Kazakh catalogs (i18n/GLOSSARY.md, "Style").

These catch mistakes a reviewer keeps finding by eye: a Latin lookalike letter typed
inside a Cyrillic word, Kazakh written without Kazakh letters, English quotes or a lost
ellipsis, and a glossary term translated another way than the glossary says. Entries
that are not translated yet are left to tests/unit/test_i18n_catalogs.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from babel.messages.catalog import Message

from i18n.catalog_checks import TRANSLATED_LANGUAGES
from i18n.extraction import catalog_path, read_catalog

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdr]|\[/?[^\]]*\]")
"""Text that is not prose: ``{name!r}``, ``%(prog)s``, Textual markup tags."""

CYRILLIC = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
MIXED_WORD = re.compile(rf"\b(?=\w*[{CYRILLIC}])(?=\w*[A-Za-z])\w+\b")
KAZAKH_LETTER = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
ENGLISH_QUOTES = re.compile("[“”]")

GLOSSARY_TERMS: dict[str, dict[str, str]] = {
    r"\bcodebooks?\b": {"ru": r"кодов\w* книг", "kk": r"кодтар кітаб"},
    r"\bcoders?\b": {"ru": r"кодировщик", "kk": r"кодтаушы"},
    r"\bsegments?\b": {"ru": r"сегмент", "kk": r"үзінді"},
    r"\bpseudonyms?\b": {"ru": r"псевдоним", "kk": r"бүркеншік ат"},
    r"\bpassphrase\b": {"ru": r"парольн\w* фраз", "kk": r"құпия фраза"},
    r"\bguides?\b": {"ru": r"гайд", "kk": r"жоспар"},
    r"\bprobes?\b": {"ru": r"уточн", "kk": r"нақтыла"},
    r"\bspeakers?\b": {"ru": r"говорящ", "kk": r"сөйлеуші"},
    r"\bbackups?\b": {"ru": r"копи", "kk": r"көшірме"},
    r"\bcrosstabs?\b": {"ru": r"сопряж", "kk": r"қиылыс кесте"},
    r"\bsaturation\b": {"ru": r"насыщ", "kk": r"қаны"},
}
"""English term (in prose) → the stem its translation must contain, per GLOSSARY.md."""

COMMAND_LINE = re.compile(r"--?[\w-]+|\b[a-z]+(?:-[a-z]+)*:|`[^`]*`|\b[a-z]+_[a-z_]+\b")
"""CLI option names, ``kind:`` prefixes and code that stay English in every language."""


def _entries(language: str) -> Iterator[tuple[str, str]]:
    """``(English, translation)`` pairs of every translated entry and plural form."""
    for message in read_catalog(catalog_path(language), language):
        if not message.id:
            continue
        yield from _pairs(message)


def _pairs(message: Message) -> Iterator[tuple[str, str]]:
    english = [str(text) for text in message.id] if message.pluralizable else [str(message.id)]
    forms = (
        [str(text or "") for text in message.string]
        if isinstance(message.string, tuple)
        else [str(message.string or "")]
    )
    for index, text in enumerate(forms):
        if text:
            yield english[min(index, len(english) - 1)], text


def _prose(text: str) -> str:
    return PLACEHOLDER.sub(" ", text)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_no_latin_lookalike_letters_inside_cyrillic_words(language: str) -> None:
    problems = [
        f"{word!r} in {text!r}"
        for _english, text in _entries(language)
        for word in MIXED_WORD.findall(_prose(text))
    ]
    assert not problems, "mixed Latin/Cyrillic words:\n" + "\n".join(problems)


def test_kazakh_sentences_use_kazakh_letters() -> None:
    problems = [
        text
        for _english, text in _entries("kk")
        if len(re.findall(f"[{CYRILLIC}]", _prose(text))) >= 40
        and not KAZAKH_LETTER.search(_prose(text))
    ]
    assert not problems, "Kazakh text without ә ғ қ ң ө ұ ү һ і:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_quotes_are_guillemets_and_ellipses_are_kept(language: str) -> None:
    problems = []
    for english, text in _entries(language):
        if ENGLISH_QUOTES.search(text):
            problems.append(f"“…” instead of «…»: {text!r}")
        if english.endswith("…") != text.endswith("…"):
            problems.append(f"ellipsis differs: {english!r} -> {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_glossary_terms_are_translated_as_the_glossary_says(language: str) -> None:
    problems = []
    for english, text in _entries(language):
        prose = COMMAND_LINE.sub(" ", _prose(english))
        for term, stems in GLOSSARY_TERMS.items():
            if (
                re.search(term, prose, re.IGNORECASE)
                and not re.search(term, text)  # a literal kept as is: `saturation`, `probe`
                and not re.search(stems[language], text, re.IGNORECASE)
            ):
                problems.append(f"{term} -> {stems[language]}: {english!r} -> {text!r}")
    assert not problems, "see i18n/GLOSSARY.md:\n" + "\n".join(problems)
