"""What is marked for translation, and how far translation has come (per transcript, project).

Three kinds of mark add up: utterances chosen one by one, every passage coded with
a chosen code (``store.translations``), and, when the project setting
:data:`QUOTES_SETTING` is on, every quote the analysis report picks (the same
:class:`exports.quotes.QuotePicker` with the report's default of three per theme).
"""

from __future__ import annotations

from dataclasses import dataclass

from exports.quotes import QuotePicker
from exports.study.loading import load_study
from storage.pseudonyms import PeopleNames
from storage.store import Store
from storage.translation_models import TranslationProgress

QUOTES_SETTING = "translation.mark_report_quotes"
"""Project setting: "1" when the report's quotes are marked for translation."""

QUOTES_PER_THEME = 3
"""Quotes per theme the report picks by default (``ReportOptions.quotes_per_theme``)."""


def marks_report_quotes(store: Store) -> bool:
    """Whether the report's quotes are marked for translation."""
    return store.get_setting(QUOTES_SETTING) == "1"


def set_marks_report_quotes(store: Store, on: bool) -> None:
    """Mark (or stop marking) the report's quotes for translation."""
    store.set_setting(QUOTES_SETTING, "1" if on else "0")


def report_quote_utterances(store: Store, language: str | None = None) -> set[int]:
    """Utterances that the report's quotes come from."""
    data = load_study(store, language=language, with_text=True)
    names = PeopleNames.of(store.participants.all())
    picker = QuotePicker(data, names, store.project().languages)
    out: set[int] = set()
    for theme in data.code_roots:
        for quote in picker.quotes(theme, QUOTES_PER_THEME):
            if quote.coding_id is not None:
                out.update(data.coding_utterances.get(quote.coding_id, ()))
    return out


class MarkedUtterances:
    """The utterances marked for translation, computed once per use (quotes are costly)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._quotes: set[int] | None = None

    def of(self, transcript_id: int) -> set[int]:
        """Marked utterances of one transcript (all three kinds of mark)."""
        part = self.store.translations
        marked = part.marked(transcript_id) | part.coded_with_marked_codes(transcript_id)
        if marks_report_quotes(self.store):
            if self._quotes is None:
                self._quotes = report_quote_utterances(self.store)
            ids = set(self.store.transcripts.utterance_ids(transcript_id))
            marked |= self._quotes & ids
        return marked


@dataclass(frozen=True)
class TranscriptProgress:
    """Progress of one transcript into one language."""

    transcript_id: int
    title: str
    progress: TranslationProgress


def project_progress(
    store: Store,
) -> tuple[list[TranscriptProgress], dict[str, TranslationProgress]]:
    """Progress per transcript and translation layer, and totals per target language.

    A transcript without a layer in a language counts as untranslated in it, so the
    project total covers every transcript.
    """
    marks = MarkedUtterances(store)
    rows: list[TranscriptProgress] = []
    totals: dict[str, TranslationProgress] = {}
    languages = store.project().languages
    for transcript in store.transcripts.all():
        layers = store.transcripts.layers(transcript.id, with_text=False)
        original = next((la for la in layers if la.is_original), None)
        if original is None:
            continue
        marked = marks.of(transcript.id)
        for language in languages:
            if language == original.language:
                continue
            layer = next((la for la in layers if la.language == language), None)
            if layer is not None:
                progress = store.translations.progress(layer.id, marked)
                rows.append(TranscriptProgress(transcript.id, transcript.title, progress))
            else:
                progress = store.translations.untranslated(original.id, language, marked)
            totals[language] = totals.get(language, TranslationProgress(language)).plus(progress)
    return rows, totals
