"""Proofing languages in Word documents: every run says which language it is in.

Word and LibreOffice spell-check and hyphenate each run in the language of its
``w:lang`` (falling back to the document defaults), so Kazakh text tagged as
Russian is underlined word after word. Text from a transcript layer or a quote
is tagged with that layer's language; labels, numbers and names with the
document language. Tags are BCP 47 with a region (``kk-KZ``), as Word expects.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

WORD_LANGUAGE_TAGS = {"en": "en-US", "ru": "ru-RU", "kk": "kk-KZ"}
"""Proofing language Word uses for each of the app's languages."""

W_R = qn("w:r")
W_RPR = qn("w:rPr")
W_LANG = qn("w:lang")
W_VAL = qn("w:val")
_AFTER_LANG = {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath"), qn("w:rPrChange")}


def word_language_tag(language: str) -> str:
    """The region-qualified tag Word uses for a project language (``kk`` → ``kk-KZ``)."""
    if language in WORD_LANGUAGE_TAGS:
        return WORD_LANGUAGE_TAGS[language]
    if "-" in language or "_" in language:
        return language.replace("_", "-")
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return language
    likely = get_global("likely_subtags").get(language, "")
    parts = str(likely).split("_")
    region = next((p for p in parts[1:] if p.isupper() and len(p) == 2), "")
    return f"{language}-{region}" if region else language


def _lang_element(tag: str) -> Any:
    lang = OxmlElement("w:lang")
    lang.set(W_VAL, tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)
    return lang


def set_properties_language(r_pr: Any, tag: str) -> None:
    """Put ``w:lang`` = ``tag`` into run properties ``r_pr``, in schema order."""
    existing = r_pr.find(W_LANG)
    if existing is not None:
        r_pr.remove(existing)
    lang = _lang_element(tag)
    for child in r_pr:
        if child.tag in _AFTER_LANG:
            child.addprevious(lang)
            return
    r_pr.append(lang)


def set_run_language(r: Any, tag: str) -> None:
    """Tag the run element ``r`` (a ``w:r``) with the proofing language ``tag``."""
    r_pr = r.find(W_RPR)
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r.insert(0, r_pr)
    set_properties_language(r_pr, tag)


def tag_untagged_runs(elements: Iterable[Any], tag: str) -> int:
    """Give every run under ``elements`` that has no language the language ``tag``.

    Returns the number of runs tagged.
    """
    count = 0
    for root in elements:
        for r in root.iter(W_R):
            r_pr = r.find(W_RPR)
            if r_pr is None or r_pr.find(W_LANG) is None:
                set_run_language(r, tag)
                count += 1
    return count


def set_default_language(doc: Document, tag: str) -> None:
    """Make ``tag`` the language of the document defaults and of the Normal style."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(W_RPR)
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    set_properties_language(r_pr, tag)
    set_properties_language(doc.styles["Normal"].element.get_or_add_rPr(), tag)


def tag_document(doc: Document, tag: str) -> int:
    """Tag every untagged run of the body, headers, footers and comments with ``tag``."""
    roots: list[Any] = [doc.element.body]
    for section in doc.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                roots.append(part._element)
    with suppress(KeyError):  # no comments part: nothing to tag there
        roots.append(doc.part.part_related_by(RT.COMMENTS).element)  # type: ignore[attr-defined]
    return tag_untagged_runs(roots, tag)
