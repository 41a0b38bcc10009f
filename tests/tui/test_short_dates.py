"""Tables show English dates as 2024-04-02, not CLDR's ambiguous 4/2/24 (2 April or
4 February?), and Russian and Kazakh ones as 02.04.2024, on the home screen, the
Sessions screen and after a switch of the UI language."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import settle
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp
from tui.short_dates import short_date


def test_an_english_short_date_is_unambiguous() -> None:
    assert short_date("2024-04-02", language="en") == "2024-04-02"
    assert short_date("2024-04-02", language="ru") == "02.04.2024"
    assert short_date("2024-04-02", language="kk") == "02.04.2024"
    assert short_date("spring 2024", language="en") == "spring 2024"  # not a full date
    assert short_date(None, language="en") == ""


def _shown_dates(app: SuhbatApp, table_id: str) -> set[str]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return {
        str(table.get_cell_at(Coordinate(row, column)))
        for row in range(table.row_count)
        for column in range(len(table.columns))
    }


@pytest.mark.parametrize(("language", "shown"), [("en", "2024-04-02"), ("kk", "02.04.2024")])
async def test_the_sessions_screen_shows_dates_a_reader_cannot_misread(
    demo_path: Path, language: str, shown: str
) -> None:
    with Store(demo_path, read_only=True) as store:
        kordai = store.sessions.find("Focus group Kordai")
        assert kordai is not None and kordai.date == "2024-04-02"
    set_language(language)
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        cells = _shown_dates(app, "sessions")
        assert shown in cells
        assert "4/2/24" not in cells
        app.action_set_language("en" if language != "en" else "ru")
        await settle(pilot)
        other = "02.04.2024" if language == "en" else "2024-04-02"
        assert other in _shown_dates(app, "sessions")
