"""Edit the project's stop words for word frequencies, one language at a time.

The list starts as the one shipped with suhbat; saving keeps the edited list in the
project file (so it travels with the project); "Use the shipped list" goes back to it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Checkbox, Select, TextArea

from exports.project_stop_words import (
    is_customised,
    reset_stop_words,
    save_stop_words,
    stop_words_text,
)
from i18n import _, get_language
from i18n.formatting import language_name
from storage import Store
from tui.dialogs.form_modal import FormField, FormModal

EDITOR_HEIGHT = 6


class StopWordsModal(FormModal[str]):
    """Language, its stop words (one a line) and a reset box; returns the language saved."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.languages = store.project().languages
        self.form_title = _("Stop words for word frequencies")
        self.shown_language = self.languages[0]

    def compose_fields(self) -> ComposeResult:
        options = [(Text(language_name(x, language=get_language())), x) for x in self.languages]
        yield FormField(
            _("Language"),
            Select(options, value=self.shown_language, allow_blank=False, id="stop-language"),
            name="language",
        )
        yield FormField(
            _("Words (one a line)"),
            TextArea(stop_words_text(self.store, self.shown_language), id="stop-words"),
            name="words",
        )
        yield FormField(
            _("Use the shipped list"),
            Checkbox(_("forget this project's changes"), False, id="stop-reset"),
            name="reset",
        )

    def on_mount(self) -> None:
        self.field("words").control.styles.height = EDITOR_HEIGHT
        self.field("language").control.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        language = str(event.value)
        if language == self.shown_language or event.value is Select.NULL:
            return
        self.shown_language = language
        editor = self.query_one("#stop-words", TextArea)
        editor.text = stop_words_text(self.store, language)

    def save(self) -> str:
        """Keep the edited list (or with the box ticked, go back to the shipped one)."""
        language = self.shown_language
        if self.value("reset"):
            if is_customised(self.store, language):
                reset_stop_words(self.store, language)
        else:
            save_stop_words(self.store, language, self.value("words"))
        return language
