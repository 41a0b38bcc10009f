"""The keys of translation mode, in one table.

Each row: the Latin key and its Cyrillic-layout twin, the action, the footer label,
the tooltip (also the palette's help) and the binding id (``translation-…``).
The project-wide switch (the report's quotes) takes Shift, so that no letter typed in
passing flips it.
"""

from __future__ import annotations

from textual.binding import BindingType

from i18n import _
from tui.keys.bindings import binding_maker

_b = binding_maker("translation")

TRANSLATION_KEYS: list[BindingType] = [
    _b("escape", "back", _("Back"), _("Leave the editor, or go back to the transcript"), "back"),
    _b(
        "m,ь",
        "toggle_mark",
        _("Mark"),
        _("Mark or unmark the utterance for translation"),
        "mark",
    ),
    _b(
        "f,а",
        "next_filter",
        _("Filter"),
        _("Show all, marked, untranslated or stale utterances"),
        "filter",
    ),
    _b("r,к", "review", _("Reviewed"), _("Mark the translation reviewed"), "review"),
    _b("g,п", "glossary", _("Glossary"), _("Edit the glossary"), "glossary"),
    _b(
        "c,с",
        "mark_codes",
        _("Mark codes"),
        _("Mark every passage coded with the chosen codes"),
        "codes",
        show=False,
    ),
    _b(
        "Q,Й",
        "toggle_quotes",
        _("Mark quotes"),
        _("Mark or unmark the report's quotes for translation"),
        "quotes",
        show=False,
    ),
    _b(
        "ctrl+g",
        "use_suggestion",
        _("Suggestion"),
        _("Put the suggested translation in the editor"),
        "suggestion",
        show=False,
    ),
    _b(
        "l,д",
        "choose_language",
        _("Language"),
        _("Translate into another language"),
        "language",
        show=False,
    ),
    _b(
        "x,ч",
        "export_table",
        _("Export table"),
        _("Write a table (XLSX, CSV or DOCX) for a translator"),
        "export",
        show=False,
    ),
    _b(
        "i,ш",
        "import_table",
        _("Import table"),
        _("Read a translator's table back"),
        "import",
        show=False,
    ),
]
