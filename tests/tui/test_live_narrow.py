"""The running session at 80x24 and 120x40 in en/ru/kk: a long note is read whole (it
wraps in the Note column instead of running off the edge), and every speaker's name is in
view on the speaker bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp

NOTE = "Әкімдіктің баспасөз қызметі журналистердің сұрақтарына екі аптадан кейін ғана жауап береді"
"""A note longer than the Note column at either size."""


def table_lines(table: DataTable[object]) -> list[str]:
    """What the table shows on screen, line by line."""
    return [table.render_line(y).text for y in range(table.size.height)]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_long_note_is_read_whole_and_every_speaker_is_in_view(
    demo_path: Path, language: str, size: tuple[int, int]
) -> None:
    with Store(demo_path) as store:
        session = store.sessions.find("Focus group Kordai")
        assert session is not None
        store.live.start(session.id, guide_id=session.guide_id, speaker="Aigerim")
        store.live.add_note(session.id, "Бастайық", elapsed_ms=4_000)
        store.live.add_note(session.id, NOTE, elapsed_ms=95_000)
    set_language(language)
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#notes", DataTable)
        shown = " ".join(line.strip() for line in table_lines(table))
        # every word of the note is on screen, nothing hidden past the right edge
        assert all(word in shown for word in NOTE.split()), shown
        assert table.virtual_size.width <= table.size.width
        assert "Бастайық" in shown
        bar = str(app.screen.query_one("#speakers", Static).render())
        assert cell_len(bar) <= size[0] - 2
        # the moderator and the four participants of the demo's focus group, keys 0-4
        for key, name in enumerate(["Aigerim", "P1", "P2", "P3", "P4"]):
            assert f" {key} {name} " in bar
