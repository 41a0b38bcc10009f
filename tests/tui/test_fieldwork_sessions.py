"""The Sessions screen (F4): create and edit sessions, link participants, go live."""

from __future__ import annotations

import csv
from pathlib import Path

from pilot_helpers import form_errors, wait_until
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from storage import Store
from storage.models import Session
from tui.app import SuhbatApp


def stored_session(path: Path, title: str) -> Session | None:
    """The session ``title`` as stored in the file."""
    with Store(path) as store:
        return store.sessions.find(title)


def links(path: Path, title: str) -> list[tuple[str, str, bool]]:
    """(pseudonym, role, consent) of a session's participants, from the file."""
    with Store(path) as store:
        session = store.sessions.find(title)
        assert session is not None
        codes = {p.id: p.code for p in store.participants.all()}
        return [
            (codes[x.participant_id], x.role, x.consent)
            for x in store.sessions.participants(session.id)
        ]


def set_field(pilot: Pilot[None], name: str, value: str) -> None:
    """Type ``value`` into form field ``name`` (at once)."""
    pilot.app.screen.query_one(f"#field-{name} Input", Input).value = value


async def test_new_session_form_checks_date_and_numbers(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "n", *"FG Dubovka")
        set_field(pilot, "date", "31.02.2024")
        set_field(pilot, "duration_min", "two hours")
        await pilot.press("ctrl+s")
        assert "'31.02.2024' is not a valid date" in form_errors(pilot)["date"]
        assert stored_session(demo_path, "FG Dubovka") is None
        set_field(pilot, "date", "10.07.2022")
        await pilot.press("ctrl+s")
        assert "'twohours' is not a number" in form_errors(pilot)["duration_min"]
        set_field(pilot, "duration_min", "120")
        set_field(pilot, "location", "Dubovka")
        set_field(pilot, "setting", "Rural")
        set_field(pilot, "languages", "ru, kk")
        await pilot.press("ctrl+s")
        saved = stored_session(demo_path, "FG Dubovka")
        assert saved is not None
        assert (saved.date, saved.location, saved.setting, saved.languages) == (
            "2022-07-10",
            "Dubovka",
            "Rural",
            ("ru", "kk"),
        )
        assert saved.duration_min == 120
        table = app.screen.query_one(DataTable)
        titles = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert "FG Dubovka" in titles


async def test_duplicate_title_is_refused_inline(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "e")  # the first session: Interview R1
        set_field(pilot, "title", "Interview R2")
        await pilot.press("ctrl+s")
        assert "exists" in form_errors(pilot)["title"]
        await pilot.press("escape")
        assert stored_session(demo_path, "Interview R1") is not None


async def test_link_participants_with_roles_and_consent(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "з")  # p on a Russian layout: Interview R1's people
        assert links(demo_path, "Interview R1") == [("R1", "respondent", True)]
        await pilot.press("a", *"P3", "enter")
        assert ("P3", "respondent", False) in links(demo_path, "Interview R1")
        await pilot.press("escape")  # back from the pseudonym box to the table
        await pilot.press("r")  # the cursor is on P3: respondent → moderator
        await pilot.press("c")  # consent recorded
        assert ("P3", "moderator", True) in links(demo_path, "Interview R1")
        await pilot.press("a", *"Nobody", "enter")
        assert "No participant 'Nobody'" in str(
            app.screen.query_one("#people-error", Static).render()
        )
        await pilot.press("escape", "up", "x")  # remove R1
        assert links(demo_path, "Interview R1") == [("P3", "moderator", True)]
        await pilot.press("escape")
        detail = str(app.screen.query_one("#session-detail", Static).render())
        assert "P3 (moderator, ✓ consent)" in detail


async def test_delete_asks_and_go_live_starts_the_session(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "d", "n")
        assert stored_session(demo_path, "Interview R1") is not None
        await pilot.press("d", "y")
        assert stored_session(demo_path, "Interview R1") is None
        await pilot.press("l")  # the cursor is now on Interview R2
        assert app.current_mode == "live"
        with Store(demo_path) as store:
            session = store.sessions.find("Interview R2")
            assert session is not None
            state = store.live.state(session.id)
            assert state is not None and state.status == "active"


async def test_import_sessions_table(tmp_path: Path, fixtures_dir: Path) -> None:
    path = tmp_path / "study.suhbat"
    Store.create(path, languages=("ru", "kk", "en")).close()
    with open(fixtures_dir / "focus_groups.csv", encoding="utf-8", newline="") as handle:
        expected = list(csv.DictReader(handle))

    app = SuhbatApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4", "ш")  # i on a Russian layout
        app.screen.query_one("#import-path", Input).value = str(fixtures_dir / "focus_groups.csv")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: app.screen.query(DataTable).first().row_count == len(expected)
        )
        with Store(path) as store:
            rows = [(s.location, s.setting, s.date, s.languages) for s in store.sessions.all()]
        assert rows == [
            (r["location"], r["setting"], r["date"], (r["language"],)) for r in expected
        ]
