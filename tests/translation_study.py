"""A small ru/kk/en project with one Russian transcript, for the translation tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from storage import Store
from storage.models import TranscriptInput, UtteranceInput

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tui.app import SuhbatApp
    from tui.screens.translation import TranslationScreen

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


async def open_translation_mode(
    pilot: Pilot[None], app: SuhbatApp, language: str = "en"
) -> TranslationScreen:
    """Open the coding screen, then translation mode (Shift+T) into ``language`` (en, kk)."""
    from pilot_helpers import open_coding

    from tui.screens.translation import TranslationScreen

    await open_coding(pilot)
    await pilot.press("T")
    await pilot.pause()
    await pilot.press(*{"en": "engl", "kk": "kaz"}[language], "enter")
    for _ in range(3):
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, TranslationScreen)
    return screen
