"""Translation mode's table for a translator working outside the app: write it, read it back.

The screen's X and I keys; the table itself is :mod:`exports.translation_sheet`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from i18n import _, ngettext, translate_error
from storage import SuhbatError
from tui.dialogs.coding_dialogs import TextPrompt

if TYPE_CHECKING:
    from tui.screens.translation import TranslationScreen


def export_table(screen: TranslationScreen) -> None:
    """Write the translator's table to a file named in a prompt."""
    from exports.translation_sheet import write_sheet

    default = f"{screen.title_text}.{screen.language}.xlsx"

    def chosen(name: str | None) -> None:
        if not name or not name.strip():
            return
        path = Path(name.strip()).expanduser()
        try:
            count = write_sheet(screen.store, screen.transcript_id, screen.language, path)
        except SuhbatError as error:
            screen.notify(translate_error(error), severity="error", markup=False)
            return
        screen.notify(
            ngettext("{path}: {count} utterance", "{path}: {count} utterances", count).format(
                path=str(path), count=count
            ),
            markup=False,
        )

    screen.app.push_screen(
        TextPrompt(
            _("Write a table for a translator (.xlsx, .csv or .docx)"),
            value=default,
            hint=_("One row per utterance; the translator fills the translation column."),
        ),
        chosen,
    )


def import_table(screen: TranslationScreen) -> None:
    """Read a translator's table back; nothing is written if a row is invalid."""
    from exports.translation_sheet import import_sheet

    def chosen(name: str | None) -> None:
        if not name or not name.strip():
            return
        path = Path(name.strip()).expanduser()
        try:
            who = str(getattr(screen.app, "coder_name", "") or "")
            result = import_sheet(screen.store, path, translator=who)
        except SuhbatError as error:
            screen.notify(translate_error(error), severity="error", markup=False)
            return
        if result.errors:
            shown_errors = "\n".join(translate_error(e) for e in result.errors[:5])
            screen.notify(
                _("Nothing was written:") + "\n" + shown_errors,
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        screen.notify(
            ngettext(
                "{file}: {count} translation saved",
                "{file}: {count} translations saved",
                result.saved,
            ).format(file=path.name, count=result.saved),
            markup=False,
        )
        screen.load()

    screen.app.push_screen(
        TextPrompt(
            _("Read a translator's table (.xlsx, .csv or .docx)"),
            value=f"{screen.title_text}.{screen.language}.xlsx",
        ),
        chosen,
    )
