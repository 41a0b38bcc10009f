"""Checks that keep the catalogs honest; used by ``python -m i18n.catalogs check`` and tests.

Each check returns a list of human-readable problems (empty when all is well):

* :func:`template_drift`: msgids in the code but not in ``i18n/suhbat.pot`` (run
  ``python -m i18n.catalogs update``), and msgids in the .pot no longer in the code;
* :func:`untranslated`: msgids of the template with no (or a fuzzy) translation;
* :func:`placeholder_mismatches`: ``{name}``/``%(name)s`` fields or Textual markup tags
  (``[b]``) that differ between a msgid and its translation (each plural form needs the
  fields common to both English forms and may use only fields of either);
* :func:`untranslatable_calls`: ``_(f"...")`` or ``_("...".format(...))``, which format
  the text before the lookup, so no msgid can ever match;
* :func:`plural_problems`: a Plural-Forms header that disagrees with
  :mod:`babel.messages.plurals` (ru 3 forms, kk 2) or entries with the wrong number
  of forms.
"""

from __future__ import annotations

import ast
import gettext
import re
import string
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from i18n.extraction import (
    ROOT,
    SOURCE_LANGUAGE,
    TEMPLATE_FILE,
    MessageKey,
    catalog_path,
    extract,
    gettext_calls,
    message_key,
    read_catalog,
    source_files,
)

TRANSLATED_LANGUAGES: tuple[str, ...] = ("ru", "kk")
"""Languages that must be 100 % translated (English is the source language)."""

_PERCENT = re.compile(r"%\([a-z_]+\)[sdr]")
_MARKUP = re.compile(r"\[/?(?:b|i|u|s|bold|italic|dim|reverse|underline|\$[\w-]+|@[^\]]*)?\]")


def _describe(key: MessageKey) -> str:
    msgid, context = key
    text = " | ".join(msgid) if isinstance(msgid, tuple) else msgid
    return f"{context}: {text}" if context else text


def _keys(catalog: Catalog) -> set[MessageKey]:
    return {message_key(message) for message in catalog if message.id}


def template_drift(root: Path = ROOT, template_file: Path = TEMPLATE_FILE) -> list[str]:
    """Differences between the msgids in the code and those in the committed .pot."""
    in_code = _keys(extract(root))
    committed = _keys(read_catalog(template_file)) if template_file.exists() else set()
    problems = [f"missing from {template_file.name}: {_describe(k)}" for k in in_code - committed]
    problems += [f"no longer in the code: {_describe(k)}" for k in committed - in_code]
    return sorted(problems)


def _formatted_before_lookup(node: ast.expr | None) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return isinstance(node.left, ast.Constant)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    )


def untranslatable_calls(root: Path = ROOT) -> list[str]:
    """``_()``/``ngettext()`` calls whose text is formatted before it is looked up."""
    problems: list[str] = []
    for relative in source_files(root):
        for line, name, first, second in gettext_calls(root / relative):
            if _formatted_before_lookup(first) or _formatted_before_lookup(second):
                problems.append(
                    f"{relative.as_posix()}:{line}: {name}() gets text formatted before the "
                    "lookup; pass the msgid with {placeholders} and call .format() on the result"
                )
    return problems


def _translations(message: Message) -> list[str]:
    value = message.string
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [value or ""]


def untranslated(
    language: str, template_file: Path = TEMPLATE_FILE, po_file: Path | None = None
) -> list[str]:
    """Msgids of the template that ``language`` does not translate (missing, empty, fuzzy)."""
    template = read_catalog(template_file)
    catalog = read_catalog(po_file or catalog_path(language), language)
    problems: list[str] = []
    for entry in template:
        if not entry.id:
            continue
        message = catalog.get(entry.id, entry.context)
        if message is None:
            problems.append(f"{language}: missing: {_describe(message_key(entry))}")
        elif message.fuzzy:
            problems.append(f"{language}: fuzzy: {_describe(message_key(entry))}")
        elif not all(text.strip() for text in _translations(message)):
            problems.append(f"{language}: untranslated: {_describe(message_key(entry))}")
    return problems


def placeholders(text: str) -> Counter[str]:
    """The ``{field}`` names, ``%(name)s`` fields and markup tags in ``text``, with counts."""
    found: Counter[str] = Counter()
    try:
        for _literal, field, spec, conversion in string.Formatter().parse(text):
            if field is not None:
                found[
                    "{"
                    + field
                    + (f"!{conversion}" if conversion else "")
                    + (f":{spec}" if spec else "")
                    + "}"
                ] += 1
    except ValueError:
        found["<malformed braces>"] += 1
    found.update(_MARKUP.findall(text))
    found.update(_PERCENT.findall(text))
    return found


def placeholder_mismatches(language: str, po_file: Path | None = None) -> list[str]:
    """Translations whose ``{fields}`` or markup differ from their msgid's."""
    catalog = read_catalog(po_file or catalog_path(language), language)
    problems: list[str] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, (list, tuple)):
            singular, plural = set(placeholders(message.id[0])), set(placeholders(message.id[1]))
            required, allowed = singular & plural, singular | plural
            for index, text in enumerate(_translations(message)):
                found = set(placeholders(text))
                if text and not required <= found <= allowed:
                    problems.append(
                        f"{language}: form {index} of {_describe(message_key(message))!r}: "
                        f"{sorted(found)}; needs {sorted(required)}, may use {sorted(allowed)}"
                    )
        else:
            text = _translations(message)[0]
            if text and placeholders(text) != placeholders(message.id):
                problems.append(
                    f"{language}: {_describe(message_key(message))!r}: "
                    f"{sorted(placeholders(text).elements())} instead of "
                    f"{sorted(placeholders(message.id).elements())}"
                )
    return problems


def _same_plural_rule(header: str, expected: str) -> bool:
    """Whether two Plural-Forms headers give every count the same form.

    Babel versions write the same CLDR rule as different expressions (ru: ``n%100<10 ||
    n%100>=20`` or ``n%100<12 || n%100>14``), so the rules are compared by their results.
    """
    if header.replace(" ", "") == expected.replace(" ", ""):
        return True
    rules = []
    for text in (header, expected):
        found = re.fullmatch(r"\s*nplurals=\s*(\d+)\s*;\s*plural=(.+?);?\s*", text)
        if found is None:
            return False
        rules.append((int(found.group(1)), gettext.c2py(found.group(2))))
    (forms_a, rule_a), (forms_b, rule_b) = rules
    return forms_a == forms_b and all(rule_a(n) == rule_b(n) for n in range(1_000))


def plural_problems(language: str, po_file: Path | None = None) -> list[str]:
    """A wrong Plural-Forms header or plural entries with the wrong number of forms."""
    catalog = read_catalog(po_file or catalog_path(language), language)
    plural = get_plural(language)
    problems: list[str] = []
    header = dict(catalog.mime_headers).get("Plural-Forms", "")
    expected = f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
    if not _same_plural_rule(header, expected):
        problems.append(f"{language}: Plural-Forms is {header!r}, expected {expected!r}")
    if language == SOURCE_LANGUAGE:
        return problems
    for message in catalog:
        if message.id and isinstance(message.id, (list, tuple)):
            forms = _translations(message)
            if len(forms) != plural.num_plurals:
                problems.append(
                    f"{language}: {_describe(message_key(message))!r} has {len(forms)} "
                    f"forms, expected {plural.num_plurals}"
                )
    return problems


def all_problems(root: Path = ROOT) -> list[str]:
    """Every problem found by the checks above, for every language."""
    problems = template_drift(root) + untranslatable_calls(root)
    for language in TRANSLATED_LANGUAGES:
        problems += untranslated(language)
        problems += placeholder_mismatches(language)
    for language in (SOURCE_LANGUAGE, *TRANSLATED_LANGUAGES):
        problems += plural_problems(language)
    return problems
