"""The Participants screen (F2), driven with keys; results are read back from the file."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pilot_helpers import form_errors, wait_until
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from storage import Store
from tui.app import SuhbatApp


def participant(path: Path, code: str) -> dict[str, str] | None:
    """The attributes of participant ``code`` as stored in the file (None if absent)."""
    with Store(path) as store:
        found = next((p for p in store.participants.all() if p.code == code), None)
        return dict(found.attributes) if found else None


def text_of(pilot: Pilot[None], selector: str) -> str:
    """The plain text a Static shows."""
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_inline_edit_validates_and_saves(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        table = app.screen.query_one(DataTable)
        codes = [table.get_cell_at(Coordinate(i, 0)).plain for i in range(table.row_count)]
        assert codes == ["P1", "P2", "P3", "P4", "R1", "R2"]  # sorted by pseudonym
        r1 = codes.index("R1")
        # columns: Pseudonym, gender, age, … → the age of R1
        await pilot.press(*["down"] * r1, "right", "right", "enter")
        await pilot.press("ctrl+u", *"forty", "enter")
        assert "'forty' is not a valid integer" in text_of(pilot, "#edit-error")
        assert participant(demo_path, "R1") == {
            "gender": "F",
            "age": "41",
            "setting": "Urban",
            "role": "Press secretary",
            "region": "Almaty",
        }
        await pilot.press("ctrl+u", *"42", "enter")
        assert (participant(demo_path, "R1") or {}).get("age") == "42"
        assert table.get_cell_at(Coordinate(r1, 2)).plain == "42"
        # a category value outside the allowed ones is refused, Esc cancels
        await pilot.press("right", "enter", "ctrl+u", *"Suburban", "enter")
        assert "not one of Rural, Urban" in text_of(pilot, "#edit-error")
        await pilot.press("escape")
        assert (participant(demo_path, "R1") or {}).get("setting") == "Urban"


async def test_form_rejects_duplicate_pseudonym_and_bad_values_then_saves(demo_path: Path) -> None:
    with Store(demo_path) as store:
        store.participants.add_attribute("interviewed", "date")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "т")  # the Cyrillic twin of n: a new participant
        form = app.screen
        await pilot.press(*"r1")  # exists as R1 (case-insensitive)
        form.query_one("#field-attr-1 Input", Input).value = "abc"
        form.query_one("#field-attr-5 Input", Input).value = "31.02.2024"
        await pilot.press("ctrl+s")
        errors = form_errors(pilot)
        assert "exists" in errors["code"]
        assert participant(demo_path, "r1") is None
        form.query_one("#field-code Input", Input).value = "P9"
        await pilot.press("ctrl+s")
        errors = form_errors(pilot)
        assert "'abc' is not a valid integer" in errors["attr-1"]
        assert "'31.02.2024' is not a valid date" in errors["attr-5"]
        assert participant(demo_path, "P9") is None
        form.query_one("#field-attr-1 Input", Input).value = "30"
        form.query_one("#field-attr-5 Input", Input).value = "28.02.2024"
        form.query_one("#field-attr-0 Input", Input).value = "F"
        await pilot.press("ctrl+s")
        assert participant(demo_path, "P9") == {
            "gender": "F",
            "age": "30",
            "interviewed": "2024-02-28",
        }


async def test_delete_asks_first(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        table = app.screen.query_one(DataTable)
        codes = [table.get_cell_at(Coordinate(i, 0)).plain for i in range(table.row_count)]
        await pilot.press(*["down"] * codes.index("R2"), "d", "n")
        assert participant(demo_path, "R2") is not None
        await pilot.press("в", "y")  # в is d on a Russian layout
        assert participant(demo_path, "R2") is None
        assert participant(demo_path, "R1") is not None


async def test_user_text_is_shown_literally(demo_path: Path) -> None:
    with Store(demo_path) as store:
        store.participants.add("[b]P7[/b]", attributes={"role": "[00:00:04] moderator"})

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        row = next(r for r in rows if r[0].plain == "[b]P7[/b]")
        assert row[4].plain == "[00:00:04] moderator"
        summary = text_of(pilot, "#summary")
        assert "[00:00:04] moderator: 1" in summary


async def test_summary_shows_counts_and_numbers(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        summary = text_of(pilot, "#summary")
        # six demo participants: three F, three M; ages 41 35 29 52 38 24
        assert "Participant profile (n = 6)" in summary
        assert "F: 3 (50%)" in summary and "M: 3 (50%)" in summary
        assert "mean 36.5 · median 36.5" in summary
        assert "range 24–52" in summary
        await pilot.press("s")
        assert app.screen.query_one("#summary-panel").has_class("-hidden")


async def test_import_and_attributes_from_the_palette(tmp_path: Path, fixtures_dir: Path) -> None:
    path = tmp_path / "empty.suhbat"
    Store.create(path, languages=("ru", "kk", "en")).close()

    app = SuhbatApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "i")
        app.screen.query_one("#import-path", Input).value = str(fixtures_dir / "participants.csv")
        await pilot.press("enter")
        await wait_until(pilot, lambda: participant(path, "Interviewee 17") is not None)
        await wait_until(pilot, lambda: app.screen.query_one(DataTable).row_count == 17)
        assert participant(path, "Interviewee 3") == {
            "gender": "M",
            "position": "Press officer",
            "years_as_pio": "4",
            "major": "Chemistry technology",
            "unit": "Akimat's unit",
        }
        await pilot.press("ctrl+p", *"Attributes", "enter")
        await pilot.pause()
        table = app.screen.query_one("#attributes", DataTable)
        names = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert names == ["gender", "position", "years_as_pio", "major", "unit"]


async def test_bad_import_reports_the_line_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "study.suhbat"
    with Store.create(path, languages=("ru", "en")) as store:
        store.participants.add_attribute("age", "integer")
    bad = tmp_path / "people.csv"
    bad.write_text("participant,age\nP1,31\nP2,thirty\n", encoding="utf-8")

    app = SuhbatApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2", "i")
        app.screen.query_one("#import-path", Input).value = str(bad)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "line" in text_of(pilot, "#import-status"))
        status = text_of(pilot, "#import-status")
        assert "people.csv, line 3" in status
        assert "Nothing was imported" in status
        assert participant(path, "P1") is None


def test_participants_are_listed_in_the_alphabet_of_the_ui_language(demo_path: Path) -> None:
    from i18n import get_language, set_language

    names = ["Ілияс", "Ұлан", "Өмір", "Яна", "Қанат", "Аружан", "Әлия", "Бақыт", "Ғалия"]
    with Store(demo_path) as store:
        for name in names:
            store.participants.add(name)
    before = get_language()
    set_language("kk")

    async def scenario() -> list[str]:
        app = SuhbatApp(demo_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f2")
            table = app.screen.query_one(DataTable)
            return [table.get_cell_at(Coordinate(i, 0)).plain for i in range(table.row_count)]

    try:
        shown = asyncio.run(scenario())
    finally:
        set_language(before)
    kazakh = [c for c in shown if c in names]
    # А Ә Б … Ғ … Қ … Ө … Ұ … І … Я: Kazakh letters in their places, not after Я
    assert kazakh == ["Аружан", "Әлия", "Бақыт", "Ғалия", "Қанат", "Өмір", "Ұлан", "Ілияс", "Яна"]
