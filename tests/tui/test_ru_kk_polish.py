"""Russian and Kazakh at 120×40: nothing clipped, nothing left in the old language.

Each scenario drives the real app on the demo project the way a user would and
checks what the user reads on screen.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from pilot_helpers import open_analysis, settle_workers, wait_for_search
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey

from i18n import set_language, translations
from tui.app import SuhbatApp
from tui.commands.text_table import display_width
from tui.keys.history_keys import inline_label
from tui.screens.search import SearchScreen
from tui.widgets.analysis_options import AnalysisOptions, Caption
from tui.widgets.stats_table import CELL_PADDING, StatsTable
from tui.widgets.transcript_view import TranscriptView

SIZE = (120, 40)


async def test_f9_agreement_in_kazakh_after_a_switch_fits_and_speaks_kazakh(
    demo_path: Path,
) -> None:
    set_language("en")
    kk = translations("kk")

    app = SuhbatApp(demo_path, coder="Aigerim")  # coded here before: not asked again
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_analysis(pilot)
        options = screen.query_one(AnalysisOptions)
        options.set_kind("agreement")
        await settle_workers(pilot)
        assert options.query_one("#overlap", Input).value == "0.9"
        app.action_set_language("kk")
        await settle_workers(pilot)
        await pilot.pause()
        # Placeholders follow the switch; the default overlap is written with a comma.
        where = options.query_one("#filter-where", Input)
        assert where.placeholder == kk.gettext("e.g. {example}").format(example="gender=F")
        assert options.query_one("#agreement-coders", Input).placeholder == kk.gettext("all coders")
        assert options.query_one("#overlap", Input).value == "0,9"
        # Every caption is shown whole: long ones wrap onto more lines.
        for caption in options.query(Caption):
            if not caption.region.area:
                continue  # in an option group the chosen table does not use
            text = str(caption.render())
            shown = caption.content_size.width * caption.content_size.height
            assert display_width(text) <= shown, text
            assert caption.content_size.width <= options.scrollable_content_region.width
        # The agreement table's columns all fit beside the panel: numbers are whole.
        table = screen.query_one(StatsTable)
        assert table.table is not None and table.table.key.startswith("agreement")
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= table.scrollable_content_region.width
        for column in list(table.columns.values())[1:]:
            width = column.get_render_width(table) - CELL_PADDING
            for row_key in table.rows:
                cell = table.get_cell(row_key, column.key)
                assert display_width(str(cell)) <= width, str(cell)


async def test_f8_results_keep_every_column_in_view_and_the_hint_matches_the_footer(
    demo_path: Path,
) -> None:
    set_language("ru")
    ru = translations("ru")

    app = SuhbatApp(demo_path, coder="Aigerim")  # coded here before: not asked again
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f8")
        await settle_workers(pilot)
        await pilot.press("в")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for_search(pilot, screen)
        table = app.screen.query_one("#hits", DataTable)
        assert table.row_count >= 3
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= table.scrollable_content_region.width
        hit_column = table.columns[ColumnKey("hit")]
        shown = hit_column.get_render_width(table) - CELL_PADDING
        for row_key in table.rows:
            snippet = table.get_cell(row_key, "hit")
            lines = snippet.wrap(app.console, shown)
            assert len(lines) == 1
            if display_width(snippet.plain) > shown:
                assert lines[0].plain.endswith("…")
        hint = str(app.screen.query_one("#search-options", Static).render())
        assert f"l {ru.gettext('Language')}: " in hint
        assert f"u {ru.gettext('Scope')}: " in hint
        await pilot.press("down")
        shown_keys = {
            (active.binding.action, app.get_key_display(active.binding))
            for active in app.active_bindings.values()
            if active.binding.show
        }
        assert {("toggle_scope", "u"), ("next_language", "l")} <= shown_keys


async def test_f6_panes_rewrap_when_their_width_was_stale(demo_path: Path) -> None:
    set_language("ru")

    app = SuhbatApp(demo_path, coder="Aigerim")  # coded here before: not asked again
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await settle_workers(pilot)
        view = app.screen.query_one(TranscriptView)
        assert view.paired
        for pane in view.visible_panes():
            assert pane.aligned.width == pane.wrap_width > 20
            # Wrapped before the layout settled (as right after a live session ended).
            pane.wrapped_document.wrap(9 if pane is view.left else 200)
            pane.refresh()
        await pilot.pause()
        await pilot.pause()
        left, right = view.left, view.right
        for pane in (left, right):
            assert pane.aligned.width == pane.wrap_width
            for index in range(pane.document.line_count):
                line = pane.document.get_line(index)
                cuts = [0, *pane.aligned.get_offsets(index), len(line)]
                for start, end in itertools.pairwise(cuts):
                    assert display_width(line[start:end].rstrip()) <= pane.wrap_width
        # Both panes are aligned again: every utterance starts on the same row.
        assert [left.aligned.first_row(i) for i in range(left.document.line_count)] == [
            right.aligned.first_row(i) for i in range(right.document.line_count)
        ]


def test_undo_toast_names_the_step_in_lower_case() -> None:
    kk, ru = translations("kk"), translations("ru")
    assert inline_label(kk.gettext("Apply code")) == "кодты қолдану"
    assert inline_label(ru.gettext("Apply code")) == "присвоить код"
    assert inline_label("REFI-QDA import") == "REFI-QDA import"
