"""Translation mode: type a transcript's translation utterance by utterance.

Opened from the transcript screen (Shift+T) for one target language; the aligned
translation layer is created if the transcript has none. The list shows every
utterance (marked ones flagged, with its state: untranslated, draft, translated,
reviewed, stale); the editor below shows the original and the translation, side
by side on a wide terminal and stacked on a narrow one. Every keystroke is stored
as a draft at once (like a live note); Enter saves the translation with its
translator and time and moves to the next untranslated utterance. Glossary terms
found in the original and a translation-memory suggestion (the same original
translated elsewhere) are shown under the editor.

Its key table is :mod:`tui.screens.translation_keys`; the translator's table (X, I) is
:mod:`tui.screens.translation_table`. A letter typed while the list has the focus starts
the translation instead of running a command when it is one of the target language's
letters or no command's key (:mod:`tui.screens.translation_typing`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from exports.translation_marks import (
    MarkedUtterances,
    marks_report_quotes,
    set_marks_report_quotes,
)
from exports.translation_sheet import term_note, terms_in
from i18n import _, get_language, translate_error
from i18n.formatting import language_name
from storage import Store, SuhbatError
from storage.models import Layer
from storage.translation_models import GlossaryTerm, TranslationRow
from tui.dialogs.coding_dialogs import ChoiceDialog, TextPrompt
from tui.keys.bindings import binding_maker
from tui.keys.screen_commands import ScreenActionsProvider
from tui.models.translation_rows import FILTERS, Filter, row_label, shown, state_of
from tui.screens.translation_keys import TRANSLATION_KEYS
from tui.screens.translation_table import export_table, import_table
from tui.screens.translation_typing import is_translation_text
from tui.store_access import app_store
from tui.widgets.translation_editor import TranslationEditor
from tui.widgets.utterance_list import UtteranceList

WIDE = 100
"""From this many columns the original and the translation stand side by side."""

_b = binding_maker("translation")


def filter_name(which: Filter) -> str:
    """The filter's name in the UI language."""
    names = {
        "all": _("all"),
        "marked": _("marked"),
        "untranslated": _("untranslated"),
        "stale": _("stale"),
    }
    return names[which]


class TranslationScreen(Screen[None]):
    """Translation mode for one transcript and one target language."""

    COMMANDS: ClassVar[set[Any]] = {ScreenActionsProvider}

    BINDINGS: ClassVar[list[BindingType]] = TRANSLATION_KEYS

    DEFAULT_CSS = """
    TranslationScreen #tr-status { height: auto; max-height: 2; padding: 0 1; background: $boost; }
    TranslationScreen #tr-list { height: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    TranslationScreen #tr-editor { height: 10; layout: horizontal; }
    TranslationScreen.-stacked #tr-editor { height: 10; layout: vertical; }
    TranslationScreen #tr-original-box { width: 1fr; height: 1fr; border: round $primary 50%; }
    TranslationScreen #tr-text { width: 1fr; height: 1fr; }
    TranslationScreen #tr-help { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, transcript_id: int, language: str) -> None:
        super().__init__()
        self.transcript_id = transcript_id
        self.language = language
        self.target: Layer | None = None
        self.original_language = ""
        self.title_text = ""
        self.rows: list[TranslationRow] = []
        self.marked: set[int] = set()
        self.terms: list[GlossaryTerm] = []
        self.memory: dict[str, str] = {}
        self.filter: Filter = "all"
        self.shown_rows: list[int] = []
        self.current: int | None = None
        self._loading = False

    @property
    def store(self) -> Store:
        """The app's Store."""
        return app_store(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="tr-status", markup=False)
        yield UtteranceList(id="tr-list")
        with Horizontal(id="tr-editor"):
            with VerticalScroll(id="tr-original-box"):
                yield Static("", id="tr-original", markup=False)
            yield TranslationEditor(id="tr-text")
        yield Static("", id="tr-help", markup=False)
        yield Footer()

    @property
    def option_list(self) -> UtteranceList:
        """The list of utterances."""
        return self.query_one("#tr-list", UtteranceList)

    @property
    def editor(self) -> TranslationEditor:
        """The translation box."""
        return self.query_one(TranslationEditor)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < WIDE, "-stacked")
        self.load()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < WIDE, "-stacked")

    # -- loading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the transcript's utterances, marks, glossary and memory; show the list."""
        store = self.store
        try:
            self.target = store.translations.ensure_layer(self.transcript_id, self.language)
        except SuhbatError as error:
            self.notify(translate_error(error), severity="error", markup=False)
            self.dismiss(None)
            return
        original = store.translations.original_layer(self.transcript_id)
        self.original_language = original.language
        self.title_text = store.transcripts.get(self.transcript_id).title
        self.rows = store.translations.rows(self.target.id)
        self.marked = MarkedUtterances(store).of(self.transcript_id)
        self.terms = store.translations.glossary(original.language, self.language)
        self.memory = store.translations.memory(self.language)
        store.set_setting("translation.language", self.language)
        self.rebuild(first_untranslated=True)

    def rebuild(self, *, first_untranslated: bool = False) -> None:
        """Fill the list for the current filter and keep (or pick) the current utterance."""
        self.shown_rows = [
            i
            for i, row in enumerate(self.rows)
            if shown(row, row.utterance_id in self.marked, self.filter)
        ]
        options = self.option_list
        options.set_items(
            [
                row_label(self.rows[i], self.rows[i].utterance_id in self.marked)
                for i in self.shown_rows
            ]
        )
        target = self.current
        if first_untranslated or target not in self.shown_rows:
            target = next((i for i in self.shown_rows if not self.rows[i].translated), None)
            if target is None and self.shown_rows:
                target = self.shown_rows[0]
        if target is not None:
            options.highlighted = self.shown_rows.index(target)
            self.show(target)
        else:
            self.current = None
            self._set_editor("")
            self.query_one("#tr-original", Static).update(_("No utterance matches the filter."))
        self.update_status()

    def show(self, index: int) -> None:
        """Show utterance ``index`` in the editor (its draft if there is one)."""
        self.current = index
        row = self.rows[index]
        self.query_one("#tr-original", Static).update(row.original)
        self._set_editor(row.draft if row.draft is not None else row.translation)
        self.update_help()

    def _set_editor(self, text: str) -> None:
        self._loading = True
        self.editor.load_text(text)
        self.editor.move_cursor(self.editor.document.end)
        self._loading = False

    def update_help(self) -> None:
        """Glossary terms in the original and the translation memory's suggestion."""
        if self.current is None:
            self.query_one("#tr-help", Static).update("")
            return
        row = self.rows[self.current]
        lines = []
        found = terms_in(row.original, self.terms)
        if found:
            lines.append(
                _("Glossary: {terms}").format(terms="; ".join(term_note(t) for t in found))
            )
        suggestion = self.suggestion()
        if suggestion:
            lines.append(_("Suggestion (Ctrl+G): {text}").format(text=suggestion))
        self.query_one("#tr-help", Static).update("\n".join(lines))

    def suggestion(self) -> str | None:
        """A translation of the same original made elsewhere, if it differs from this one."""
        if self.current is None:
            return None
        row = self.rows[self.current]
        found = self.memory.get(" ".join(row.original.split()))
        return found if found and found != row.translation else None

    def update_status(self) -> None:
        """Progress line: translated of all and of marked, in utterances and words."""
        done = sum(1 for r in self.rows if r.translated)
        words = sum(len(r.original.split()) for r in self.rows)
        done_words = sum(len(r.original.split()) for r in self.rows if r.translated)
        marked = [r for r in self.rows if r.utterance_id in self.marked]
        marked_done = sum(1 for r in marked if r.translated)
        quotes = _(" · report quotes marked") if marks_report_quotes(self.store) else ""
        self.query_one("#tr-status", Static).update(
            _(
                "{title} → {language}: {done}/{total} translated ({words}/{all_words} words)"
                " · marked {marked_done}/{marked} · filter: {filter}{quotes}"
            ).format(
                title=self.title_text,
                language=self.language,
                done=done,
                total=len(self.rows),
                words=done_words,
                all_words=words,
                marked_done=marked_done,
                marked=len(marked),
                filter=filter_name(self.filter),
                quotes=quotes,
            )
        )

    def _refresh_row(self, index: int) -> None:
        if index in self.shown_rows:
            row = self.rows[index]
            self.option_list.replace(
                self.shown_rows.index(index), row_label(row, row.utterance_id in self.marked)
            )

    # -- moving --------------------------------------------------------------------------

    def on_utterance_list_highlighted(self, event: UtteranceList.Highlighted) -> None:
        event.stop()
        if 0 <= event.index < len(self.shown_rows) and self.shown_rows[event.index] != self.current:
            self.show(self.shown_rows[event.index])

    def on_utterance_list_selected(self, event: UtteranceList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.shown_rows):
            self.show(self.shown_rows[event.index])
            self.editor.focus()

    def sync_current(self) -> None:
        """Follow the list's highlight now (its message may still be on its way)."""
        index = self.option_list.highlighted
        if index is None or not 0 <= index < len(self.shown_rows):
            return
        if self.shown_rows[index] != self.current:
            self.show(self.shown_rows[index])

    def action_back(self) -> None:
        """Leave the editor for the list; from the list, go back to the transcript."""
        if self.editor.has_focus:
            self.option_list.focus()
        else:
            self.dismiss(None)

    # -- typing --------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """In the list, a letter of the translation starts it instead of running a command."""
        if not self.option_list.has_focus:
            return
        if is_translation_text(event.character, event.key, self.language, self.active_bindings):
            event.stop()
            event.prevent_default()
            self.start_typing(event.character or "")

    def start_typing(self, text: str) -> None:
        """Go into the editor of the highlighted utterance and type ``text`` at its end."""
        self.sync_current()
        if self.current is None:
            return
        self.editor.focus()
        self.editor.move_cursor(self.editor.document.end)
        self.editor.insert(text)  # stored as a draft by the change event

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading or self.current is None or self.target is None:
            return
        event.stop()
        row = self.rows[self.current]
        text = self.editor.text
        if text == (row.draft if row.draft is not None else row.translation):
            return  # the text just loaded (the change event arrives after loading)
        try:
            self.store.translations.set_draft(self.target.id, row.utterance_id, text)
        except (SuhbatError, sqlite3.Error) as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        before = state_of(row)
        self.rows[self.current] = replace(row, draft=text)
        if state_of(self.rows[self.current]) != before:
            self._refresh_row(self.current)

    def on_translation_editor_submitted(self, event: TranslationEditor.Submitted) -> None:
        event.stop()
        self.with_translator(self.save_current)

    def with_translator(self, then: Any) -> None:
        """Run ``then(name)`` with the translator's name, asking once if nobody is set."""
        name: str | None = getattr(self.app, "coder_name", None)
        if name:
            then(name)
            return

        def chosen(value: str | None) -> None:
            if value and value.strip():
                self.app.coder_name = value.strip()  # type: ignore[attr-defined]
                self.store.set_setting("last_coder", value.strip())
                then(value.strip())

        self.app.push_screen(
            TextPrompt(_("Who is translating?"), placeholder=_("Your name or initials")), chosen
        )

    def save_current(self, translator: str) -> None:
        """Save the editor's text as the translation; go to the next untranslated utterance."""
        if self.current is None or self.target is None:
            return
        index = self.current
        row = self.rows[index]
        try:
            status = self.store.translations.save(
                self.target.id, row.utterance_id, self.editor.text, translator
            )
        except (SuhbatError, sqlite3.Error) as error:
            self.notify(translate_error(error), severity="error", markup=False)
            return
        text = " ".join(self.editor.text.split("\n")).strip()
        if text != row.translation:
            row = replace(row, translation=text, status=status)
        self.rows[index] = replace(row, draft=None)
        if text:
            self.memory[" ".join(row.original.split())] = text
        self._refresh_row(index)
        self.update_status()
        self.go_next_untranslated(index)

    def go_next_untranslated(self, after: int) -> None:
        """Highlight the next untranslated utterance shown (wrapping round)."""
        if not self.shown_rows:
            return
        start = self.shown_rows.index(after) + 1 if after in self.shown_rows else 0
        order = self.shown_rows[start:] + self.shown_rows[:start]
        target = next((i for i in order if not self.rows[i].translated), None)
        if target is None:
            self.notify(_("Every utterance shown is translated."), markup=False)
            return
        self.option_list.highlighted = self.shown_rows.index(target)
        self.show(target)

    def action_use_suggestion(self) -> None:
        """Put the translation memory's suggestion in the editor."""
        suggestion = self.suggestion()
        if suggestion:
            self.editor.load_text(suggestion)  # stored as a draft by the change event
            self.editor.focus()

    # -- marks, review, filter -----------------------------------------------------------

    def action_toggle_mark(self) -> None:
        """Mark the highlighted utterance for translation, or take the mark off."""
        self.sync_current()
        if self.current is None:
            return
        uid = self.rows[self.current].utterance_id
        on = uid not in self.store.translations.marked(self.transcript_id)
        self.store.translations.mark([uid], on)
        self.marked = MarkedUtterances(self.store).of(self.transcript_id)
        self._refresh_row(self.current)
        self.update_status()

    def action_next_filter(self) -> None:
        """Cycle the filter: all, marked, untranslated, stale."""
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.rebuild()

    def action_review(self) -> None:
        """Mark the highlighted translation reviewed (by the current translator's name)."""
        self.sync_current()
        if self.current is None or self.target is None:
            return
        index = self.current
        row = self.rows[index]
        if not row.translated:
            self.notify(_("Nothing to review: the utterance is not translated."), markup=False)
            return
        layer_id = self.target.id

        def review(name: str) -> None:
            self.store.translations.review(layer_id, [row.utterance_id], name)
            self.rows[index] = replace(
                row, status=self.store.translations.statuses(layer_id).get(row.utterance_id)
            )
            self._refresh_row(index)
            self.update_status()

        self.with_translator(review)

    def action_mark_codes(self) -> None:
        """Choose codes whose passages all need translating (toggles the chosen code)."""
        codes = [c for c in self.store.codes.all() if c.is_codable]
        marked = self.store.translations.marked_codes()
        language = str(getattr(self.app, "language", "") or self.language)
        items = [(c.id, ("▸ " if c.id in marked else "  ") + c.name(language)) for c in codes]
        if not items:
            self.notify(_("The codebook has no codes yet."), markup=False)
            return

        def chosen(code_id: int | None) -> None:
            if code_id is None:
                return
            self.store.translations.mark_codes([code_id], code_id not in marked)
            self.marked = MarkedUtterances(self.store).of(self.transcript_id)
            self.rebuild()

        self.app.push_screen(
            ChoiceDialog(_("Mark (or unmark) the passages of a code"), items), chosen
        )

    def action_toggle_quotes(self) -> None:
        """Mark (or stop marking) every quote the report picks; say which it did."""
        on = not marks_report_quotes(self.store)
        set_marks_report_quotes(self.store, on)
        self.marked = MarkedUtterances(self.store).of(self.transcript_id)
        self.rebuild()
        self.notify(
            _("The report's quotes are now marked for translation (in every transcript).")
            if on
            else _("The report's quotes are no longer marked for translation."),
            markup=False,
        )

    # -- language, glossary, files -------------------------------------------------------

    def action_choose_language(self) -> None:
        """Translate into another of the project's languages."""
        languages = [x for x in self.store.project().languages if x != self.original_language]
        items = [(i, language_label(x)) for i, x in enumerate(languages)]

        def chosen(index: int | None) -> None:
            if index is not None and languages[index] != self.language:
                self.language = languages[index]
                self.current = None
                self.load()

        self.app.push_screen(ChoiceDialog(_("Translate into"), items), chosen)

    def action_glossary(self) -> None:
        """Open the glossary editor for the original's and the target language."""
        from tui.dialogs.glossary_dialog import GlossaryDialog

        def closed(_result: None) -> None:
            self.terms = self.store.translations.glossary(self.original_language, self.language)
            self.update_help()

        self.app.push_screen(GlossaryDialog(self.original_language, self.language), closed)

    def action_export_table(self) -> None:
        """Write the translator's table to a file named in a prompt."""
        export_table(self)

    def action_import_table(self) -> None:
        """Read a translator's table back; nothing is written if a row is invalid."""
        import_table(self)


def open_translation(
    screen: Screen[Any], transcript_id: int, closed: Callable[[None], None] | None = None
) -> None:
    """Ask for the target language (the last one used first) and open translation mode.

    ``closed`` runs when translation mode is left (the transcript screen reloads the
    transcript then: a layer may have been added and texts changed).
    """
    store = app_store(screen)
    original = store.translations.original_layer(transcript_id)
    languages = [x for x in store.project().languages if x != original.language]
    if not languages:
        screen.notify(_("The project has no other language to translate into."), markup=False)
        return
    last = store.get_setting("translation.language")
    if last in languages:
        languages.remove(last)
        languages.insert(0, last)
    if len(languages) == 1:
        screen.app.push_screen(TranslationScreen(transcript_id, languages[0]), closed)
        return

    def chosen(index: int | None) -> None:
        if index is not None:
            screen.app.push_screen(TranslationScreen(transcript_id, languages[index]), closed)

    screen.app.push_screen(
        ChoiceDialog(
            _("Translate into"),
            [(i, language_label(x)) for i, x in enumerate(languages)],
            current=0,
        ),
        chosen,
    )


def language_label(code: str) -> str:
    """A language as the chooser shows it: ``English (en)`` in the UI language."""
    return f"{language_name(code, language=get_language())} ({code})"
