"""The narrow coding view: layers interleaved utterance by utterance, languages shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pilot_helpers import open_coding
from textual.pilot import Pilot

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.coding_dialogs import TextPrompt
from tui.widgets.layer_pane import LayerPane


def _row(pane: LayerPane, y: int) -> str:
    """What the pane shows on screen row ``y``."""
    return "".join(segment.text for segment in pane.render_line(y)).rstrip()


def _header(pane: LayerPane) -> str:
    """The first row of the utterance at the cursor (its header when interleaved)."""
    line = pane.selection.end[0]
    return _row(pane, pane.aligned.first_row(line) - round(pane.scroll_y))


def _words_whole(text: str, breaks: list[int]) -> bool:
    return all(text[b - 1] == " " or text[b] == " " for b in breaks)


def _coded(path: Path) -> set[tuple[int, str]]:
    with Store(path) as store:
        texts = {layer.id: layer.text for layer in store.transcripts.layers()}
        return {(c.layer_id, texts[c.layer_id][c.start : c.end]) for c in store.codings.all()}


async def test_narrow_view_interleaves_each_utterance_with_its_translation(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUHBAT_CONFIG_DIR", str(tmp_path / "config"))
    with Store(demo_path) as store:
        ru, en = store.transcripts.layers(store.transcripts.all()[0].id)
    ru_lines, en_lines = ru.text.split("\n"), en.text.split("\n")
    before = _coded(demo_path)

    async def code_first_word(pilot: Pilot[None], letters: int) -> None:
        await pilot.press("ctrl+home", *["shift+right"] * letters, "c")
        await pilot.pause()
        await pilot.press(*"Bureau", "enter")
        await pilot.pause()

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot)
        view = screen.view
        left, right = view.left, view.right
        assert view.stacked
        assert left.size.height > 0 and right.size.height == 0
        assert left.size.width == view.size.width
        rows = [_row(left, y) for y in range(left.size.height)]
        # time and speaker, the Russian turn, its English translation dimmed and tagged
        assert re.match(r"▌\s+00:00:04 Aigerim$", rows[0])
        text_rows = left.aligned.natural_rows[0]
        assert " ".join(row[5:] for row in rows[1 : 1 + text_rows]) == ru_lines[0]
        assert rows[1 + text_rows][5:].startswith("en " + en_lines[0][:20])
        assert rows[2 + text_rows].strip().startswith("00:00:10 R1")
        # words are never cut, in the text nor in the translation beside it
        for line, text in enumerate(ru_lines):
            assert _words_whole(text, left.aligned.get_offsets(line))
        for line, text in enumerate(en_lines):
            assert _words_whole(text, left.aligned.companion_offsets[line])
        await code_first_word(pilot, len("Расскажите"))

        await pilot.press("tab")  # the translation, with the original above it
        await pilot.pause()
        assert right.has_focus
        assert right.size.height > 0 and left.size.height == 0
        line = right.selection.end[0]
        header = right.aligned.first_row(line) - round(right.scroll_y)
        assert _row(right, header + 1)[5:].startswith("ru " + ru_lines[line][:20])
        await code_first_word(pilot, len("Can"))

        await pilot.press("t")  # one layer: nothing to interleave
        await pilot.pause()
        assert not view.stacked

    assert _coded(demo_path) - before == {(ru.id, "Расскажите"), (en.id, "Can")}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_an_utterance_in_another_language_shows_it_after_g(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.setenv("SUHBAT_CONFIG_DIR", str(tmp_path / "config"))

    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=size) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("j", *"0:47", "enter")
        await pilot.pause()
        pane = screen.view.left
        assert "00:00:47 R1" in _header(pane)
        assert " kk" not in _header(pane)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+a", "ctrl+k", *"kk", "enter")
        await pilot.pause()
        assert re.search(r"00:00:47 R1\s+kk\b", _header(pane))
        if screen.view.stacked:  # the English pane tags this turn's original as Kazakh
            await pilot.press("tab")
            await pilot.pause()
            right = screen.view.right
            header = right.aligned.first_row(right.selection.end[0]) - round(right.scroll_y)
            assert re.match(r"\s+kk Согласование", _row(right, header + 1))
        store = app.store
        ru = store.transcripts.layers()[0]
        marks = store.transcripts.utterance_languages()
        assert list(marks.values()) == ["kk"]
        assert {layer_id for _utterance, layer_id in marks} == {ru.id}
