"""Refresh, compile and check the message catalogs: ``python -m i18n.catalogs COMMAND``.

Commands (see docs/translating.md):

* ``update``: extract msgids from the code into ``i18n/suhbat.pot`` and merge them into
  ``i18n/locales/{en,ru,kk}/LC_MESSAGES/suhbat.po`` (new entries are empty);
* ``compile``: write ``suhbat.mo`` beside each ``.po`` (the .mo files are not committed);
* ``check``: report template drift, untranslated entries, placeholder and plural
  problems; exit status 1 if there are any;
* ``stats``: how many entries each language translates.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from i18n import LANGUAGES
from i18n.catalog_checks import TRANSLATED_LANGUAGES, all_problems, untranslated
from i18n.extraction import ROOT, TEMPLATE_FILE, compile_catalogs, read_catalog, update


def _relative(path: object) -> str:
    text = str(path)
    prefix = str(ROOT) + "/"
    return text[len(prefix) :] if text.startswith(prefix) else text


def _stats() -> list[str]:
    total = sum(1 for message in read_catalog(TEMPLATE_FILE) if message.id)
    lines = []
    for language in TRANSLATED_LANGUAGES:
        missing = len(untranslated(language))
        lines.append(f"{language}: {total - missing}/{total} translated")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run one catalog command; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m i18n.catalogs", description=__doc__)
    parser.add_argument("command", choices=("update", "compile", "check", "stats"))
    args = parser.parse_args(argv)
    if args.command == "update":
        changed = update(LANGUAGES)
        for path in changed:
            print(f"updated {_relative(path)}")
        if not changed:
            print("catalogs already up to date")
        for line in _stats():
            print(line)
        return 0
    if args.command == "compile":
        for path in compile_catalogs(LANGUAGES):
            print(f"compiled {_relative(path)}")
        return 0
    if args.command == "stats":
        for line in _stats():
            print(line)
        return 0
    problems = all_problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); see docs/translating.md", file=sys.stderr)
        return 1
    print("catalogs OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
