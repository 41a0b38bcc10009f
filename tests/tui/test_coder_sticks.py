"""The coder: given once (``--coder`` or the prompt), shown in the header, kept per user."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pilot_helpers import open_coding
from textual.pilot import Pilot
from textual.widgets import OptionList

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.coder_memory import remembered_coder
from tui.dialogs.code_finder import CodeFinder
from tui.screens.transcript import TranscriptScreen

SIZE = (120, 40)


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with Store.create(path, name="study", languages=("ru", "en"), default_coder="Aigerim") as s:
        import_transcript(s, fixtures_dir / "interview_07.ru.txt")
        s.codes.add({"ru": "Бюрократия"})
    return path


def _coders_of_codings(path: Path) -> list[str]:
    with Store(path) as store:
        names = {c.id: c.name for c in store.coders.all()}
        return [names[c.coder_id] for c in store.codings.all()]


async def _code_first_words(pilot: Pilot[None], app: SuhbatApp) -> TranscriptScreen:
    screen = await open_coding(pilot)
    await pilot.press("ctrl+shift+right", "c")
    await pilot.pause()
    assert isinstance(app.screen, CodeFinder)
    await pilot.press(*"Бюро", "enter")
    await pilot.pause()
    return screen


def test_coder_given_once_is_shown_remembered_and_never_a_question_mark(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    async def first_run() -> None:
        app = SuhbatApp(path, coder="Daniyar")
        async with app.run_test(size=SIZE) as pilot:
            assert "Daniyar" in app.sub_title
            screen = await _code_first_words(pilot, app)
            rows = screen.query_one("#at-cursor", OptionList)
            shown = [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
            assert shown and all("Daniyar" in row and "?" not in row for row in shown)

    async def second_run() -> None:
        app = SuhbatApp(path)  # no --coder: the name given last time, not the default coder
        async with app.run_test(size=SIZE) as pilot:
            assert app.coder_name == "Daniyar" and "Daniyar" in app.sub_title
            await open_coding(pilot)  # nobody asked again

    asyncio.run(first_run())
    assert _coders_of_codings(path) == ["Daniyar"]
    with Store(path) as store:
        assert remembered_coder(store.project().uuid) == "Daniyar"
    asyncio.run(second_run())


async def test_first_use_asks_instead_of_taking_the_default_coder(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.coder_name is None
        await pilot.press("f6")
        for _ in range(5):
            await pilot.pause()
        assert not isinstance(app.screen, TranscriptScreen)  # "Who is coding?"
        await pilot.press("ctrl+a", *"Тимур", "enter")
        await pilot.pause()
        assert app.coder_name == "Тимур" and "Тимур" in app.sub_title
    with Store(path) as store:
        assert remembered_coder(store.project().uuid) == "Тимур"
