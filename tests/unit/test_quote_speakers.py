"""Who said a quote: names joined once, an utterance without a speaker left out."""

from __future__ import annotations

from exports.quotes import QuotePicker
from exports.study.loading import load_study
from storage import Store
from storage.models import TranscriptInput, UtteranceInput
from storage.pseudonyms import PeopleNames


def test_a_quote_from_a_translation_names_only_the_speakers_there_are(store: Store) -> None:
    """A coding in a translation whose original has no text there (typed from the
    translation only) is quoted from the translation: its speaker list used to keep the
    empty label of an unattributed turn (", R1")."""
    session = store.sessions.add("Фокус-группа")
    transcript = store.transcripts.add(
        session.id,
        TranscriptInput(
            "Шымкент",
            ("ru", "en"),
            (
                UtteranceInput("", 0, 4_000, ("", "Noise in the hall, then the first answer.")),
                UtteranceInput("R1", 4_000, 9_000, ("", "The akimat answers every letter late.")),
            ),
        ),
    )
    en = next(x for x in store.transcripts.layers(transcript.id) if x.language == "en")
    code = store.codes.add("Задержки")
    store.codings.add(code.id, en.id, 0, len(en.text), store.coders.get("aigerim").id)
    data = load_study(store, with_text=True)
    picker = QuotePicker(data, PeopleNames.of(store.participants.all()), ("en",))
    (quote,) = picker.quotes(code.id)
    assert quote.speaker == "R1"
    assert quote.language == "en" and "akimat" in quote.text
