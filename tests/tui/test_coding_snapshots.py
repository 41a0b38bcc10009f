"""SVG snapshots: overlapping codes, Russian and English side by side, and the codebook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pilot_helpers import interview_project, open_codebook, open_coding
from textual.pilot import Pilot

from tui.app import SuhbatApp

SIZE = (120, 40)


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    """interview_07 (ru + en), a small codebook and overlapping codings by two coders."""
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir) as store:
        ru, en = store.transcripts.layers()
        theme = store.codes.add(
            {"ru": "Государство", "en": "State"}, is_codable=False, color="#4e79a7"
        )
        slow = store.codes.add(
            {"ru": "Медленное согласование", "en": "Slow approval"},
            parent_id=theme.id,
            color="#e15759",
            description="Delays caused by sign-off chains.",
            inclusion="Waiting for signatures or approvals.",
        )
        press = store.codes.add({"ru": "Пресса", "en": "Press"}, color="#59a14f")
        aigerim, daniyar = store.coders.get("aigerim"), store.coders.get("daniyar")

        def code(layer_id: int, text: str, phrase: str, code_id: int, coder_id: int) -> None:
            start = text.index(phrase)
            store.codings.add(code_id, layer_id, start, start + len(phrase), coder_id)

        code(ru.id, ru.text, "Согласование занимает слишком много времени", slow.id, aigerim.id)
        code(ru.id, ru.text, "слишком много времени, особенно", press.id, aigerim.id)
        code(ru.id, ru.text, "Журналисту нужно сегодня", press.id, aigerim.id)
        code(ru.id, ru.text, "через три дня", slow.id, daniyar.id)
        code(en.id, en.text, "Coordination takes too long", slow.id, aigerim.id)
    return path


async def _coding_screen(pilot: Pilot[Any]) -> None:
    await open_coding(pilot, pauses=6)
    await pilot.press("j", *"0:45", "enter")
    await pilot.pause()


def test_coding_screen_with_overlapping_codes_side_by_side(
    tmp_path: Path, fixtures_dir: Path, snap_compare: Callable[..., bool]
) -> None:
    app = SuhbatApp(_project(tmp_path, fixtures_dir), coder="aigerim")
    assert snap_compare(app, terminal_size=SIZE, run_before=_coding_screen)


def test_coding_screen_comparing_coders_with_mirrored_codes(
    tmp_path: Path, fixtures_dir: Path, snap_compare: Callable[..., bool]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _coding_screen(pilot)
        await pilot.press("k", "k", "x")  # daniyar's, then every coder's; mirror the English
        await pilot.pause()

    app = SuhbatApp(_project(tmp_path, fixtures_dir), coder="aigerim")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_codebook_with_counts_definition_and_segments(
    tmp_path: Path, fixtures_dir: Path, snap_compare: Callable[..., bool]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await open_codebook(pilot)
        for _ in range(200):  # participants are counted in the background
            if screen._participants_for == screen._seen:
                break
            await pilot.pause(0.02)
        await pilot.press("down")
        await pilot.pause()

    app = SuhbatApp(_project(tmp_path, fixtures_dir), coder="aigerim")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
