"""The codebook screen: create, rename, move, merge, delete with counts, undo; jump to segments."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import interview_project, open_codebook, wait_for_screen, wait_until
from textual.widgets import DataTable

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.confirm_modal import ConfirmModal
from tui.screens.transcript import TranscriptScreen

SIZE = (120, 40)


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir, translated=False) as store:
        layer = store.transcripts.layers()[0]
        coder = store.coders.get("aigerim")
        theme = store.codes.add({"ru": "Государство", "en": "State"}, is_codable=False)
        delays = store.codes.add({"ru": "Задержки", "en": "Delays"}, parent_id=theme.id)
        time = store.codes.add({"ru": "Сроки", "en": "Deadlines"})
        for code, phrase in ((delays, "через три дня"), (time, "через три дня"), (time, "сегодня")):
            start = layer.text.index(phrase)
            store.codings.add(code.id, layer.id, start, start + len(phrase), coder.id)
    return path


def _tree(path: Path) -> list[tuple[str, str | None]]:
    """(code, parent) in codebook order, read back from the file."""
    with Store(path) as store:
        names = {c.id: c.name("en") for c in store.codes.all()}
        return [(c.name("en"), names.get(c.parent_id or 0)) for c in store.codes.all()]


async def test_counts_new_code_rename_and_move(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        theme = next(c for c in screen.codes if c.name("en") == "State")
        assert screen.counts[theme.id].segments == 1  # a theme counts its children's
        assert screen.highlighted() == theme.id
        await pilot.press("i")  # new code inside «State»
        await pilot.pause()
        await pilot.press(*"Доверие", "tab", "tab", *"Trust", "ctrl+s")
        await pilot.pause()
        assert ("Trust", "State") in _tree(path)
        with Store(path) as store:
            trust = store.codes.find("Trust")
            assert trust is not None and trust.names == {"ru": "Доверие", "en": "Trust"}

        await pilot.press("r")  # rename in the UI language (en)
        await pilot.pause()
        await pilot.press("ctrl+u", *"Trust in the state", "enter")
        await pilot.pause()
        assert ("Trust in the state", "State") in _tree(path)

        await pilot.press("x", "ctrl+home", "b")  # cut, go to the top, paste beside: top level
        await pilot.pause()
        assert ("Trust in the state", None) in _tree(path)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("Trust in the state", "State") in _tree(path)


async def test_merge_and_delete_say_what_happens_and_undo(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        await pilot.press("ctrl+end")  # «Deadlines», the last code
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"delays", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "2 codings" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        with Store(path) as store:
            assert [c.name("en") for c in store.codes.all()] == ["State", "Delays"]
            assert len(store.codings.all()) == 2  # the duplicate collapsed

        await pilot.press("ctrl+home")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "2 codes" in app.screen.question and "2 codings" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert _tree(path) == []
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert _tree(path) == [("State", None), ("Delays", "State"), ("Deadlines", None)]
        with Store(path) as store:
            assert len(store.codings.all()) == 3
        assert len(screen.codes) == 3


async def test_enter_on_a_segment_opens_it_in_the_transcript(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot)
        await pilot.press(
            "ctrl+end", "s", "down", "enter"
        )  # «Deadlines» → its second segment in text order
        screen = await wait_for_screen(pilot, TranscriptScreen)
        await wait_until(pilot, lambda: screen.view.focused_pane().selected_text != "")
        assert screen.view.focused_pane().selected_text == "через три дня"


async def test_user_text_is_never_read_as_markup(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)
    name = "[b]Срочно [link=x] [i"
    with Store(path) as store:
        code = store.codes.add({"ru": name, "en": name})
        layer = store.transcripts.layers()[0]
        start = layer.text.index("[") if "[" in layer.text else 0
        store.codings.add(code.id, layer.id, start, start + 5, store.coders.get("aigerim").id)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_codebook(pilot)
        await pilot.press("ctrl+end")
        await pilot.pause()
        table = screen.query_one("#code-table", DataTable)
        assert name in str(table.get_row_at(table.cursor_row)[0])
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal) and name in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(c.name("en") == name for c in screen.codes)


async def test_status_line_counts_each_coding_once(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("codebook")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#codebook-status").render())
        with Store(demo_path, read_only=True) as store:
            total = len(store.codings.all())
        assert f"{total} codings" in status
