"""The Analysis screen (F9) in Russian and Kazakh: the table's own words follow the UI language."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_analysis, settle_workers
from textual.widgets import Select, Static

from analysis.frequencies import COLUMNS
from i18n import set_language, translations
from tui.app import SuhbatApp
from tui.screens.analysis import AnalysisScreen
from tui.widgets.stats_table import StatsTable

SIZE = (120, 40)


def headers(screen: AnalysisScreen) -> list[str]:
    table = screen.query_one(StatsTable)
    # A narrowed column's header is wrapped, a long word broken with a hyphen.
    labels = (str(column.label).replace("-\n", "") for column in table.columns.values())
    return [label.replace("\n", " ").strip() for label in labels]


def text(screen: AnalysisScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_f9_in_russian_shows_russian_headers_and_notes(demo_path: Path) -> None:
    set_language("ru")
    tr = translations("ru")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        assert headers(screen) == [tr.gettext(c) for c in COLUMNS]
        assert text(screen, "#table-title") == tr.gettext("Code frequencies")
        assert tr.gettext("segments, codings, participants, sessions") in text(
            screen, "#table-unit"
        )
        notes = text(screen, "#notes")
        assert (
            tr.gettext(
                "Segments are distinct coded spans (layer, start, end); codings are code "
                "applications by any coder."
            )
            in notes
        )


async def test_switching_to_kazakh_recomputes_the_shown_table(demo_path: Path) -> None:
    set_language("en")
    tr = translations("kk")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        assert headers(screen) == list(COLUMNS)
        app.action_set_language("kk")
        await settle_workers(pilot)
        assert headers(screen) == [tr.gettext(c) for c in COLUMNS]
        assert text(screen, "#table-title") == tr.gettext("Code frequencies")
        app.action_set_language("en")
        await settle_workers(pilot)
        assert headers(screen) == list(COLUMNS)


async def test_a_language_switch_keeps_the_agreement_table_shown(demo_path: Path) -> None:
    set_language("en")
    tr = translations("ru")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        await pilot.press("k", "enter", "I", "enter")  # the table list: Intercoder agreement
        await settle_workers(pilot)
        await pilot.press("n")
        table = screen.query_one(StatsTable).table
        assert table is not None and table.key == "agreement_segments"
        app.action_set_language("ru")
        await settle_workers(pilot)
        table = screen.query_one(StatsTable).table
        assert table is not None and table.key == "agreement_segments"
        assert table.title == tr.gettext("Intercoder agreement: segment overlap")
        assert text(screen, "#table-title").startswith(table.title)


def shown_choice(screen: AnalysisScreen, select_id: str) -> str:
    """The label a Select shows for its current choice (what the user reads)."""
    return str(screen.query_one(f"#{select_id} SelectCurrent #label", Static).render())


async def test_a_language_switch_translates_the_chosen_options_and_keeps_them(
    demo_path: Path,
) -> None:
    set_language("en")
    kk = translations("kk")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        screen.query_one("#filter-kind", Select).value = "interview"
        await settle_workers(pilot)
        assert shown_choice(screen, "kind") == "Code frequencies"
        assert shown_choice(screen, "filter-coder") == "all coders"
        assert shown_choice(screen, "filter-kind") == "interviews"
        app.action_set_language("kk")
        await settle_workers(pilot)
        assert shown_choice(screen, "kind") == kk.gettext("Code frequencies")
        assert shown_choice(screen, "filter-coder") == kk.gettext("all coders")
        assert shown_choice(screen, "filter-kind") == kk.gettext("interviews")
        assert screen.query_one("#kind", Select).value == "frequencies"
        assert screen.query_one("#filter-kind", Select).value == "interview"
        request = screen.last_request
        assert request is not None and request.filters.session_kind == "interview"
