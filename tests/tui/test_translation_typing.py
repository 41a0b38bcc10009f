"""Typing a translation while translation mode's list has the focus: the letters are text.

A translator into Kazakh types with the Kazakh layout on, whose letters are the layout
twins of the commands (``й`` is Q, ``ш`` is I, ``к`` is R …): typing «Айтыңызшы» in the
list once toggled a project setting and opened the table import.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Footer
from translation_study import open_translation_mode, translation_project

from storage import Store
from tui.app import SuhbatApp
from tui.screens.translation import TranslationScreen
from tui.widgets.translation_editor import TranslationEditor


async def _open(pilot: Pilot[None], app: SuhbatApp, language: str) -> TranslationScreen:
    screen = await open_translation_mode(pilot, app, language)
    assert screen.option_list.has_focus
    return screen


def _drafts_and_setting(path: Path, language: str) -> tuple[list[str | None], str | None]:
    """Each utterance's draft, and the report-quotes setting, read back from the file."""
    with Store(path, read_only=True) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.target_layer(transcript.id, language)
        assert layer is not None
        drafts = [r.draft for r in store.translations.rows(layer.id)]
        return drafts, store.get_setting("translation.mark_report_quotes")


async def test_kazakh_typed_in_the_list_goes_into_the_translation(tmp_path: Path) -> None:
    path = translation_project(tmp_path / "t.suhbat")

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, app, "kk")
        await pilot.press("й")  # Q's twin: no longer flips the report-quotes setting
        await pilot.pause()
        assert isinstance(app.focused, TranslationEditor)
        await pilot.press(*"тыңызшы, күніңіз қалай өтеді?")
        await pilot.pause()
        assert app.screen is screen  # «ш» (I's twin) opened no table import
        drafts, quotes = _drafts_and_setting(path, "kk")
        assert drafts[0] == "йтыңызшы, күніңіз қалай өтеді?"
        assert quotes in (None, "0")
        await pilot.press("escape")  # back in the list: a capital letter starts typing too
        screen.option_list.highlighted = 2
        await pilot.pause()
        await pilot.press(*"Рақмет", "enter")
        await pilot.pause()
    with Store(path, read_only=True) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.target_layer(transcript.id, "kk")
        assert layer is not None
        assert store.translations.rows(layer.id)[2].translation == "Рақмет"
        assert store.get_setting("translation.mark_report_quotes") in (None, "0")


async def test_into_english_latin_keys_stay_commands_and_quotes_need_shift(
    tmp_path: Path,
) -> None:
    path = translation_project(tmp_path / "t.suhbat")

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, app, "en")
        await pilot.press("q")  # no command's key now: starts the translation
        await pilot.pause()
        assert isinstance(app.focused, TranslationEditor)
        assert _drafts_and_setting(path, "en") == (["q", None, None, None, None], None)
        await pilot.press("escape", "ь")  # M's twin, into English: still marks
        await pilot.pause()
        with Store(path, read_only=True) as store:
            assert len(store.translations.marked()) == 1
        await pilot.press("Q")  # Shift+Q: the project-wide switch, announced
        await pilot.pause()
        assert _drafts_and_setting(path, "en")[1] == "1"
        assert any("now marked for translation" in str(n.message) for n in app._notifications)
        assert screen.option_list.has_focus


async def test_the_editor_footer_shows_that_enter_saves(tmp_path: Path) -> None:
    path = translation_project(tmp_path / "t.suhbat")

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, app, "en")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, TranslationEditor)
        footer = app.screen.query_one(Footer)
        shown = {(k.key, k.description) for k in footer.query("FooterKey").results()}  # type: ignore[attr-defined]
        assert ("enter", "Save") in shown and ("escape", "Back") in shown
        await pilot.press(*"Tell me", "enter")
        await pilot.pause()
    with Store(path, read_only=True) as store:
        layer = store.translations.target_layer(store.transcripts.all()[0].id, "en")
        assert layer is not None
        assert store.translations.rows(layer.id)[0].translation == "Tell me"
