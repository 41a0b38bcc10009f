"""The search screen: live Cyrillic-aware search, jump to a hit, auto-code after review, undo."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import interview_project, wait_for_screen, wait_for_search, wait_until
from textual.pilot import Pilot

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.code_finder import CodeFinder
from tui.dialogs.confirm_modal import ConfirmModal
from tui.screens.search import SearchScreen
from tui.screens.transcript import TranscriptScreen

SIZE = (120, 40)


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir) as store:
        import_transcript(store, fixtures_dir / "focus_group_oskemen.ru.vtt")
        store.codes.add({"ru": "Согласование", "en": "Approval"})
    return path


async def _search(pilot: Pilot[None], app: SuhbatApp, query: str) -> SearchScreen:
    await pilot.press("f8")
    screen = await wait_for_screen(pilot, SearchScreen)
    await pilot.press(*query)
    await wait_for_search(pilot, screen)
    return screen


async def test_live_search_is_case_and_yo_insensitive_and_jumps(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, app, "ПЛАНЕРКА")
        assert [h.snippet[h.match_start : h.match_end] for h in screen.hits] == ["планёрка"]
        await pilot.press("down", "enter")
        coding = await wait_for_screen(pilot, TranscriptScreen)
        await wait_until(pilot, lambda: coding.view.focused_pane().selected_text != "")
        assert coding.view.focused_pane().selected_text == "планёрка"


async def test_auto_code_ticked_hits_as_one_undo_step(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)
    with Store(path) as store:
        expected = store.search.hits("журналист*", language="ru", limit=500)
    assert len(expected) == 3

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _search(pilot, app, "журналист*")
        await pilot.press("ctrl+l")  # all languages → ru only (from the search field)
        await wait_until(pilot, lambda: screen.language == "ru")
        await wait_for_search(pilot, screen)
        assert screen.language == "ru" and len(screen.hits) == len(expected)
        await pilot.press("down", "space")  # leave the first hit out
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"approval", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        with Store(path) as store:
            texts = {layer.id: layer.text for layer in store.transcripts.layers()}
            coded = sorted((c.layer_id, c.start, c.end) for c in store.codings.all())
            assert coded == sorted((h.layer_id, h.start, h.end) for h in expected[1:])
            assert all(
                texts[layer][start:end].casefold().startswith("журналист")
                for layer, start, end in coded
            )
        await pilot.press("ctrl+z")
        await pilot.pause()
        with Store(path) as store:
            assert store.codings.all() == []


async def test_auto_code_whole_utterances(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await _search(pilot, app, "очеред*")
        await pilot.press("down", "u", "a")
        await pilot.pause()
        await pilot.press(*"approval", "enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    with Store(path) as store:
        texts = {layer.id: layer.text for layer in store.transcripts.layers()}
        for coding in store.codings.all():
            text = texts[coding.layer_id]
            assert coding.start == 0 or text[coding.start - 1] == "\n"
            assert coding.end == len(text) or text[coding.end] == "\n"
            assert "очеред" in text[coding.start : coding.end].casefold()
        assert len(store.codings.all()) == 2
