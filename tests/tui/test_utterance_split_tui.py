"""The coding screen splits the turn at the cursor (Shift+S) and joins turns (Shift+J)."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_coding

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal


def _texts(store: Store, language: str) -> list[str]:
    layer = next(x for x in store.transcripts.layers() if x.language == language)
    return [layer.text[slice(*u.spans[layer.id])] for u in store.transcripts.utterances()]


def _coded(store: Store) -> list[str]:
    texts = {x.id: x.text for x in store.transcripts.layers()}
    return sorted(texts[c.layer_id][c.start : c.end] for c in store.codings.all())


async def test_split_at_the_cursor_undo_and_join_from_the_keyboard(coded_across_path: Path) -> None:
    path = coded_across_path
    with Store(path, read_only=True) as store:
        before = _texts(store, "ru")
    answer = next(i for i, t in enumerate(before) if t.startswith("Согласование"))

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("j", *"0:45", "enter")
        await pilot.pause()
        pane = screen.view.focused_pane()
        assert pane.selection.end[0] == answer
        await pilot.press(*["right"] * before[answer].index("особенно"))
        await pilot.press("S")
        await pilot.pause()
        store = app.store
        ru = _texts(store, "ru")
        assert len(ru) == len(before) + 1
        assert ru[answer].endswith("времени,") and ru[answer + 1].startswith("особенно")
        assert _texts(store, "en")[answer + 1] == ""
        assert _coded(store) == ["времени,", "особенно"]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _texts(store, "ru") == before
        assert _coded(store) == ["времени, особенно"]

        await pilot.press("j", *"0:45", "enter", "J")  # same speaker next: no question
        await pilot.pause()
        assert _texts(store, "ru")[answer] == before[answer] + " " + before[answer + 1]

        await pilot.press("j", *"0:04", "enter", "J")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert _texts(store, "ru")[0] == before[0] + " " + before[1]
        assert len(store.transcripts.utterances()) == len(before) - 2
