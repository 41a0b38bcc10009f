"""A small ru/kk/en project with one Russian transcript, for the translation tests."""

from __future__ import annotations

from pathlib import Path

from storage import Store
from storage.models import TranscriptInput, UtteranceInput

ORIGINALS = (
    "Расскажите, как проходит день?",
    "Согласование у акима занимает три дня.",
    "Спасибо.",
    "Согласование у акима занимает три дня.",
    "Аким района отвечает сам.",
)


def translation_project(path: Path, originals: tuple[str, ...] = ORIGINALS) -> Path:
    """Create ``path``: a session with a five-utterance Russian transcript and a code."""
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        session = store.sessions.add("Interview 7")
        utterances = tuple(
            UtteranceInput("Интервьюер" if i % 2 == 0 else "Респондент 7", i * 10_000, None, (t,))
            for i, t in enumerate(originals)
        )
        store.transcripts.add(session.id, TranscriptInput("interview_07", ("ru",), utterances))
        store.codes.add({"en": "Delays", "ru": "Задержки"})
    return path
