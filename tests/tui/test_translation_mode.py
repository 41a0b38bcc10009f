"""Translation mode driven with the keyboard: type, save, mark, filter, review, glossary."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot
from translation_study import open_translation_mode, translation_project

from storage import Store
from storage.translations_store import TermInput
from tui.app import SuhbatApp
from tui.dialogs.glossary_dialog import GlossaryDialog
from tui.screens.transcript import TranscriptScreen
from tui.screens.translation import TranslationScreen
from tui.widgets.translation_editor import TranslationEditor


def _rows(path: Path, language: str = "en") -> list[tuple[str, str | None, str | None, str | None]]:
    """(translation, translator, reviewer, draft) per utterance, read back from the file."""
    with Store(path, read_only=True) as store:
        transcript = store.transcripts.all()[0]
        layer = store.translations.target_layer(transcript.id, language)
        assert layer is not None
        return [
            (
                r.translation,
                r.status.translator if r.status else None,
                r.status.reviewer if r.status else None,
                r.draft,
            )
            for r in store.translations.rows(layer.id)
        ]


async def _open(pilot: Pilot[None], app: SuhbatApp, language: str = "en") -> TranslationScreen:
    return await open_translation_mode(pilot, app, language)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_type_save_next_mark_filter_review(tmp_path: Path, size: tuple[int, int]) -> None:
    path = translation_project(tmp_path / "t.suhbat")

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=size) as pilot:
        screen = await _open(pilot, app)
        assert screen.has_class("-stacked") == (size[0] < 100)
        await pilot.press("enter")  # into the editor on the first untranslated utterance
        assert isinstance(app.focused, TranslationEditor)
        await pilot.press(*"Tell me")
        await pilot.pause()
        assert _rows(path)[0] == ("", None, None, "Tell me")  # durable per keystroke
        await pilot.press("enter")
        await pilot.pause()
        assert _rows(path)[0] == ("Tell me", "aigerim", None, None)
        assert screen.current == 1  # moved to the next untranslated utterance
        await pilot.press(*"Approval takes three days.", "enter")
        await pilot.pause()
        assert _rows(path)[1][0] == "Approval takes three days."
        # utterance 4 has the same original as 2: translation memory suggests it
        await pilot.press("escape")
        screen.option_list.highlighted = 3
        await pilot.pause()
        assert screen.suggestion() == "Approval takes three days."
        await pilot.press("ctrl+g", "enter")
        await pilot.pause()
        assert _rows(path)[3][0] == "Approval takes three days."
        # mark utterance 5, filter to marked ones, review the first translation
        await pilot.press("escape")
        screen.option_list.highlighted = 4
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        with Store(path, read_only=True) as store:
            assert len(store.translations.marked()) == 1
        await pilot.press("f")
        await pilot.pause()
        assert screen.filter == "marked" and screen.option_list.count == 1
        await pilot.press("f", "f", "f")  # untranslated, stale, all
        await pilot.pause()
        screen.option_list.highlighted = 0
        await pilot.pause()
        await pilot.press("к")  # R on a Russian layout
        await pilot.pause()
        assert _rows(path)[0] == ("Tell me", "aigerim", "aigerim", None)
        # back in the transcript screen, the new layer is there with its text
        await pilot.press("escape")
        for _ in range(3):
            await pilot.pause()
        transcript_screen = app.screen
        assert isinstance(transcript_screen, TranscriptScreen)
        model = transcript_screen.model
        assert model is not None
        (english,) = [la for la in model.layers if la.language == "en"]
        assert english.text.startswith("Tell me\nApproval takes three days.")


async def test_glossary_editor_adds_a_term_shown_beside_the_utterance(tmp_path: Path) -> None:
    path = translation_project(tmp_path / "t.suhbat")

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryDialog)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"аким", "enter")
        await pilot.pause()
        await pilot.press(*"akim (head of local administration)", "enter")
        await pilot.pause()
        await pilot.press("enter")  # no note
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        with Store(path, read_only=True) as store:
            (term,) = store.translations.glossary("ru", "en")
            assert term.rendering == "akim (head of local administration)"
        screen.option_list.highlighted = 1
        await pilot.pause()
        help_text = str(screen.query_one("#tr-help").render())
        assert "аким → akim (head of local administration)" in help_text


async def test_mark_codes_and_report_quotes_then_glossary_check(tmp_path: Path) -> None:
    path = translation_project(tmp_path / "t.suhbat")
    with Store(path) as store:
        transcript = store.transcripts.all()[0]
        original = store.translations.original_layer(transcript.id)
        coder = store.coders.get("aigerim")
        code = store.codes.all()[0]
        store.codings.add(code.id, original.id, 31, 43, coder.id)  # in utterance 2
        store.translations.set_term(TermInput("ru", "аким", "en", "akim"))

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot, app)
        await pilot.press("с")  # C on a Russian layout: mark a code's passages
        await pilot.pause()
        await pilot.press("enter")  # the only code
        await pilot.pause()
        with Store(path, read_only=True) as store:
            assert store.translations.marked_codes() == {code.id}
        await pilot.press("f")  # marked only: utterance 2
        await pilot.pause()
        assert screen.option_list.count == 1 and screen.current == 1
        await pilot.press("enter", *"The mayor approves in three days.", "enter")
        await pilot.pause()
        await pilot.press("escape", "Q")  # the report's quotes: the same passage
        await pilot.pause()
        assert screen.option_list.count == 1
        with Store(path, read_only=True) as store:
            assert store.get_setting("translation.mark_report_quotes") == "1"
        await pilot.press("g")
        await pilot.pause()
        check = str(app.screen.query_one("#glossary-check").render())
        assert "1 translation renders a term differently" in check
        assert "«аким» → akim" in check


def test_translator_table_from_the_app_round_trips(tmp_path: Path) -> None:
    import csv

    path = translation_project(tmp_path / "t.suhbat")
    table = tmp_path / "for translator.csv"

    async def scenario(step: str) -> None:
        app = SuhbatApp(path, coder="aigerim")
        async with app.run_test(size=(120, 40)) as pilot:
            await _open(pilot, app)
            await pilot.press("x" if step == "export" else "i")
            await pilot.pause()
            await pilot.press("ctrl+u", *str(table), "enter")
            await pilot.pause()

    asyncio.run(scenario("export"))
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and rows[2]["original"] == "Спасибо."
    rows[2]["translation"] = "Thank you."
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    asyncio.run(scenario("import"))
    assert _rows(path)[2][:2] == ("Thank you.", "aigerim")
