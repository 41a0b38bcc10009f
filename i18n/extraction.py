"""Extract msgids from the code, refresh the .pot and .po files, compile .mo files.

The template is ``i18n/suhbat.pot``; catalogs are
``i18n/locales/<lang>/LC_MESSAGES/suhbat.po``. Files are written in a stable form
(sorted by msgid, file names without line numbers, no obsolete entries) and left
untouched when their messages have not changed, so refreshing gives small diffs.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
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


def extract(root: Path = ROOT) -> Catalog:
    """Every msgid marked in the code under ``root`` (per ``i18n/babel.cfg``)."""
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
        root, method_map, options_map, comment_tags=COMMENT_TAGS, strip_comment_tags=True
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
