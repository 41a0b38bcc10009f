"""Extract msgids from the code, refresh the .pot and .po files, compile .mo files.

The template is ``i18n/suhbat.pot``; catalogs are
``i18n/locales/<lang>/LC_MESSAGES/suhbat.po``. Files are written in a stable form
(sorted by msgid, file names without line numbers, no obsolete entries) and left
untouched when their messages have not changed, so refreshing gives small diffs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from i18n import DOMAIN, LANGUAGES, LOCALE_DIR

I18N_DIR = Path(__file__).resolve().parent
ROOT = I18N_DIR.parent
MAPPING_FILE = I18N_DIR / "babel.cfg"
TEMPLATE_FILE = I18N_DIR / f"{DOMAIN}.pot"
COMMENT_TAGS = ("TRANSLATORS:",)
PROJECT = "suhbat"
SOURCE_LANGUAGE = "en"
VERSION = "0.1"
BUGS_ADDRESS = "the suhbat issue tracker"
COPYRIGHT_HOLDER = "the suhbat authors"
TEMPLATE_HEADER = (
    "# Messages of suhbat's interface, command line and reports.\n"
    "# Do not edit by hand: run `python -m i18n.catalogs update` (docs/translating.md).\n"
    "#"
)
CATALOG_HEADER = (
    "# {language} translation of suhbat's interface, command line and reports.\n"
    "# Keep terms consistent with i18n/GLOSSARY.md; see docs/translating.md.\n"
    "#"
)

KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2), "NN_": (1, 2)}
"""Babel's gettext keywords plus ``NP_(context, msgid)`` and ``NN_(singular, plural)``
(``pybabel -k NP_:1c,2 -k NN_:1,2``)."""

MessageKey = tuple[str | tuple[str, ...], str | None]
"""A message's identity: its msgid (a tuple for plurals) and its context."""


def catalog_path(language: str) -> Path:
    """The .po file of ``language``."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def message_key(message: Message) -> MessageKey:
    """The identity of ``message`` within a catalog."""
    msgid = message.id
    key: str | tuple[str, ...] = tuple(msgid) if isinstance(msgid, (list, tuple)) else msgid
    return key, message.context


GETTEXT_CALLS = frozenset({"_", "N_", "gettext"})
"""Functions whose first argument is a msgid."""


def source_files(root: Path = ROOT) -> list[Path]:
    """The Python files ``i18n/babel.cfg`` maps for extraction, relative to ``root``."""
    with open(MAPPING_FILE, encoding="utf-8") as handle:
        method_map, _options = parse_mapping_cfg(handle, str(MAPPING_FILE))  # type: ignore[no-untyped-call]
    files: set[Path] = set()
    for pattern, method in method_map:
        if method == "python":
            top, _sep, rest = pattern.partition("/")
            files.update(
                path.relative_to(root)
                for path in (root / top).rglob(rest.replace("**", "*") or "*.py")
                if not any(
                    part.startswith((".", "_")) for part in path.relative_to(root).parts[:-1]
                )
            )
    return sorted(files)


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def gettext_calls(path: Path) -> Iterator[tuple[int, str, ast.expr | None, ast.expr | None]]:
    """``(line, function, first argument, second argument)`` of each gettext call in a file."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except (SyntaxError, UnicodeDecodeError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = _call_name(node)
            if name in GETTEXT_CALLS or name == "ngettext":
                second = node.args[1] if len(node.args) > 1 else None
                yield node.lineno, name, node.args[0], second


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _add_nested(template: Catalog, root: Path) -> None:
    """Add msgids Babel misses: calls inside f-string expressions (Python 3.11 tokens)."""
    for relative in source_files(root):
        for _line, name, first, second in gettext_calls(root / relative):
            singular = _literal(first)
            if singular is None:
                continue
            msgid: str | tuple[str, str] = singular
            if name == "ngettext":
                plural = _literal(second)
                if plural is None:
                    continue
                msgid = (singular, plural)
            if template.get(msgid) is None:
                template.add(msgid, None, [(relative.as_posix(), 0)])


def extract(root: Path = ROOT) -> Catalog:
    """Every msgid marked in the code under ``root`` (per ``i18n/babel.cfg``).

    Babel's extractor reads the files; a second pass over their syntax trees adds the
    calls Babel cannot see inside f-string expressions.
    """
    with open(MAPPING_FILE, encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING_FILE))  # type: ignore[no-untyped-call]
    template = Catalog(
        project=PROJECT,
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        header_comment=TEMPLATE_HEADER,
        version=VERSION,
        msgid_bugs_address=BUGS_ADDRESS,
        copyright_holder=COPYRIGHT_HOLDER,
    )
    for filename, _lineno, msgid, comments, context in extract_from_dir(
        root,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        if not msgid or (isinstance(msgid, tuple) and not all(msgid)):
            continue
        template.add(
            msgid,
            None,
            [(Path(filename).as_posix(), 0)],
            auto_comments=comments,
            context=context,
        )
    _add_nested(template, root)
    return template


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    """Read a .po or .pot file."""
    with open(path, "rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _render(catalog: Catalog) -> bytes:
    buffer = BytesIO()
    write_po(
        buffer, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False
    )
    return buffer.getvalue()


def _body(data: bytes) -> bytes:
    """A rendered catalog without its date lines (they change on every write)."""
    return b"\n".join(
        line
        for line in data.splitlines()
        if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))
    )


def _write_if_changed(path: Path, catalog: Catalog) -> bool:
    data = _render(catalog)
    if path.exists() and _body(path.read_bytes()) == _body(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_template(template: Catalog, path: Path = TEMPLATE_FILE) -> bool:
    """Write the .pot file; True if it changed."""
    return _write_if_changed(path, template)


def _new_catalog(language: str) -> Catalog:
    from babel import Locale

    name = Locale.parse(language).get_display_name("en") or language
    catalog = Catalog(
        locale=language,
        project=PROJECT,
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        header_comment=CATALOG_HEADER.format(language=name),
        version=VERSION,
        msgid_bugs_address=BUGS_ADDRESS,
        copyright_holder=COPYRIGHT_HOLDER,
        last_translator="suhbat translators",
        language_team=name,
    )
    return catalog


def update_catalog(language: str, template: Catalog) -> bool:
    """Merge ``template`` into the .po of ``language``: add new msgids, drop removed ones.

    Existing translations are kept; no fuzzy guesses are made for new msgids. Returns
    True if the file changed.
    """
    path = catalog_path(language)
    catalog = read_catalog(path, language) if path.exists() else _new_catalog(language)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    plural = get_plural(language)
    catalog.fuzzy = False
    if catalog.num_plurals != plural.num_plurals:
        raise ValueError(f"{path}: {catalog.num_plurals} plural forms, expected {plural}")
    return _write_if_changed(path, catalog)


def update(languages: Iterable[str] = LANGUAGES, root: Path = ROOT) -> list[Path]:
    """Extract, write the template and merge it into every catalog; the files changed."""
    template = extract(root)
    changed: list[Path] = []
    if write_template(template):
        changed.append(TEMPLATE_FILE)
    for language in languages:
        if update_catalog(language, template):
            changed.append(catalog_path(language))
    return changed


def compile_catalogs(
    languages: Iterable[str] = LANGUAGES, directory: Path | None = None
) -> list[Path]:
    """Write ``suhbat.mo`` beside every ``suhbat.po``; the .mo files written.

    With ``directory``, write ``directory/<lang>/LC_MESSAGES/suhbat.mo`` instead (a
    layout :func:`gettext.translation` reads). Fuzzy entries are left out (gettext then
    falls back to the English msgid).
    """
    written: list[Path] = []
    for language in languages:
        po = catalog_path(language)
        if not po.exists():
            continue
        catalog = read_catalog(po, language)
        mo = po.with_suffix(".mo")
        if directory is not None:
            mo = directory / language / "LC_MESSAGES" / mo.name
            mo.parent.mkdir(parents=True, exist_ok=True)
        with open(mo, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo)
    return written
