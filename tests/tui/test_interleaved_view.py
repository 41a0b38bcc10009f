"""The narrow coding view: layers interleaved utterance by utterance, languages shown."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot

from exports.transcript_import import import_transcript, import_translation
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.coding_dialogs import TextPrompt
from tui.screens.transcript import TranscriptScreen
from tui.widgets.layer_pane import LayerPane


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with Store.create(path, name="study", languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
        store.codes.add({"ru": "Согласование", "en": "Approval"})
    return path


async def _open(pilot: Pilot[None], app: SuhbatApp) -> TranscriptScreen:
    await pilot.press("f6")
    for _ in range(5):
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, TranscriptScreen)
    return screen


def _row(pane: LayerPane, y: int) -> str:
    """What the pane shows on screen row ``y`` (after the gutter's marker and stripes)."""
    return "".join(segment.text for segment in pane.render_line(y)).rstrip()


def _rows(pane: LayerPane) -> list[str]:
    return [_row(pane, y) for y in range(pane.size.height)]


def _words_whole(text: str, breaks: list[int]) -> bool:
    return all(text[b - 1] == " " or text[b] == " " for b in breaks)


def test_narrow_view_interleaves_each_utterance_with_its_translation(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)
    with Store(path) as store:
        ru, en = store.transcripts.layers()
    ru_lines, en_lines = ru.text.split("\n"), en.text.split("\n")

    async def code_first_word(pilot: Pilot[None], letters: int) -> None:
        await pilot.press("ctrl+home", *["shift+right"] * letters, "c")
        await pilot.pause()
        await pilot.press(*"Appr", "enter")
        await pilot.pause()

    async def scenario() -> None:
        app = SuhbatApp(path, coder="aigerim")
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _open(pilot, app)
            view = screen.view
            left, right = view.left, view.right
            assert view.stacked
            assert left.size.height > 0 and right.size.height == 0
            assert left.size.width == view.size.width
            rows = _rows(left)
            # time and speaker, the Russian turn, its English translation dimmed and tagged
            assert re.match(r"▌\s+00:00:04 Интервьюер$", rows[0])
            text_rows = left.aligned.natural_rows[0]
            shown = " ".join(row[5:] for row in rows[1 : 1 + text_rows])
            assert shown == ru_lines[0]
            translation = rows[1 + text_rows]
            assert translation[5:].startswith("en " + en_lines[0][:20])
            assert any(row.strip().startswith("00:00:11 Респондент 7") for row in rows)
            # words are never cut, in the text nor in the translation beside it
            document = left.aligned
            for line, text in enumerate(ru_lines):
                assert _words_whole(text, document.get_offsets(line))
            for line, text in enumerate(en_lines):
                assert _words_whole(text, document.companion_offsets[line])
            await code_first_word(pilot, len("Расскажите"))

            await pilot.press("tab")  # the translation, with the original above it
            await pilot.pause()
            assert right.has_focus
            assert right.size.height > 0 and left.size.height == 0
            line = right.selection.end[0]
            header = right.aligned.first_row(line) - round(right.scroll_y)
            assert _row(right, header + 1)[5:].startswith("ru " + ru_lines[line][:20])
            await code_first_word(pilot, len("Could"))

            await pilot.press("t")  # one layer: nothing to interleave
            await pilot.pause()
            assert not view.stacked

        with Store(path) as store:
            coded = {
                (c.layer_id, store.transcripts.layer(c.layer_id).text[c.start : c.end])
                for c in store.codings.all()
            }
        assert coded == {(ru.id, "Расскажите"), (en.id, "Could")}

    asyncio.run(scenario())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_an_utterance_in_another_language_shows_it_after_g(
    tmp_path: Path, fixtures_dir: Path, size: tuple[int, int]
) -> None:
    path = _project(tmp_path, fixtures_dir)

    def header(pane: LayerPane) -> str:
        line = pane.selection.end[0]
        return _row(pane, pane.aligned.first_row(line) - round(pane.scroll_y))

    async def scenario() -> None:
        app = SuhbatApp(path, coder="aigerim")
        async with app.run_test(size=size) as pilot:
            screen = await _open(pilot, app)
            await pilot.press("j", *"2:40", "enter")
            await pilot.pause()
            pane = screen.view.left
            assert "00:02:40 Респондент 7" in header(pane)
            assert " kk" not in header(pane)
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, TextPrompt)
            await pilot.press("ctrl+a", "ctrl+k", *"kk", "enter")
            await pilot.pause()
            assert re.search(r"00:02:40 Респондент 7\s+kk\b", header(pane))
            if screen.view.stacked:  # the English pane tags this turn's original as Kazakh
                await pilot.press("tab")
                await pilot.pause()
                right = screen.view.right
                assert re.match(
                    r"\s+kk Біз халықпен",
                    _row(
                        right,
                        1 + right.aligned.first_row(right.selection.end[0]) - round(right.scroll_y),
                    ),
                )
            store = app.store
            ru = store.transcripts.layers()[0]
            assert list(store.transcripts.utterance_languages().values()) == ["kk"]
            assert {lid for _uid, lid in store.transcripts.utterance_languages()} == {ru.id}

    asyncio.run(scenario())
