"""Passages opened for several coders or languages (an Analysis table filtered by them)
keep all of them when another filter of the bar changes."""

from __future__ import annotations

import re
from pathlib import Path

from pilot_helpers import settle_workers
from textual.widgets import Select

from exports.study.analysis_request import Filters
from storage import Store
from tui.app import SuhbatApp
from tui.screens.passages import PassagesScreen


def _filter_bar(app: SuhbatApp) -> str:
    """The filter bar's line as drawn (its boxes end in ``▼``)."""
    text = re.sub(r"<[^>]+>", "", app.export_screenshot()).replace("&#160;", " ")
    return next(line.strip() for line in text.splitlines() if "all kinds▼" in line)


async def test_changing_the_kind_keeps_both_coders_and_both_languages(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store:
        code = store.codes.find("Bureaucracy")
        assert code is not None
    both = ("Aigerim", "Daniyar")
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = PassagesScreen(code.id, filters=Filters(coders=both), languages=("ru", "kk"))
        app.push_screen(screen)
        await settle_workers(pilot)
        assert _filter_bar(app).startswith("Aigerim, Daniyar▼all kinds▼ru, kk▼")
        listed = len(screen.listing.passages) if screen.listing else 0
        screen.query_one("#filter-kind", Select).value = "interview"
        await pilot.pause()
        await settle_workers(pilot)
        assert screen.request.filters.coders == both
        assert screen.request.languages == ("ru", "kk")
        assert screen.request.filters.session_kind == "interview"
        screen.query_one("#filter-kind", Select).value = "*"  # all kinds again
        await pilot.pause()
        await settle_workers(pilot)
        assert screen.listing is not None and len(screen.listing.passages) == listed
