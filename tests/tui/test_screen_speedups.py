"""The shortcuts that make screens open fast give what the slow paths give."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region
from textual.widgets import DataTable

from storage import Store
from tui.app import SuhbatApp
from tui.textual_internals import ReusingStylesheet
from tui.widgets.sized_table import SizedTable
from tui.widgets.stable_footer import StableFooter

ROWS = [
    (f"r{n}", [Text(f"P{n:03d}", style="bold"), Text("[00:00:04] Алматы"), Text(str(n * 7))])
    for n in range(1, 41)
]


class TwoTables(App[None]):
    """One table filled row by row, one in a batch."""

    def compose(self) -> ComposeResult:
        yield SizedTable(id="one-by-one", cursor_type="cell", zebra_stripes=True)
        yield SizedTable(id="batch", cursor_type="cell", zebra_stripes=True)

    def on_mount(self) -> None:
        for table in self.query(SizedTable):
            for key, width in (("code", 6), ("place", 12), ("n", 4)):
                table.add_column(key.title(), key=key, width=width)
        one = self.query_one("#one-by-one", SizedTable)
        for key, cells in ROWS:
            one.add_row(*cells, key=key)
        self.query_one("#batch", SizedTable).add_keyed_rows(ROWS)


async def test_batch_rows_show_and_behave_as_rows_added_one_by_one() -> None:
    app = TwoTables()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        one = app.query_one("#one-by-one", SizedTable)
        batch = app.query_one("#batch", SizedTable)
        assert batch.row_count == one.row_count == len(ROWS)
        assert batch.get_row("r7") == one.get_row("r7")
        assert batch.get_row_index("r40") == one.get_row_index("r40") == 39
        assert batch.cursor_coordinate == one.cursor_coordinate
        region = Region(0, 0, 30, 10)
        assert [s.text for s in batch.render_lines(region)] == [
            s.text for s in one.render_lines(region)
        ]
        batch.focus()
        await pilot.press("down", "down", "right")
        assert batch.coordinate_to_cell_key(batch.cursor_coordinate).row_key.value == "r3"
        try:
            batch.add_keyed_rows([("r1", [Text("again")])])
        except Exception as error:  # the key is taken, as with add_row
            assert "already exists" in str(error)
        else:
            raise AssertionError("a duplicate row key was accepted")


CSS = """
Screen { background: $primary; }
DataTable > .datatable--header { color: $text-accent; }
"""


def test_reused_parses_match_a_fresh_parse_and_follow_the_theme() -> None:
    variables = {"primary": "#004578", "text-accent": "#ffa62b"}
    reusing = ReusingStylesheet(variables=variables)
    fresh = Stylesheet(variables=variables)
    for sheet in (reusing, fresh):
        sheet.add_source(CSS, read_from=("test", "css"))
        sheet.reparse()
    reusing.add_source("Static { color: red; }", read_from=("test", "static"))
    reusing.reparse()
    assert reusing.css.startswith(fresh.css)
    assert "Static" in reusing.css
    reusing.set_variables({"primary": "#ff0000", "text-accent": "#00ff00"})
    reusing.reparse()
    assert "#FF0000" in reusing.css.upper() and "#004578" not in reusing.css.upper()


async def test_footer_follows_a_language_switch_and_keeps_its_keys_on_return(
    tmp_path: Path,
) -> None:
    path = tmp_path / "study.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        store.participants.add("P01")

    app = SuhbatApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        footer = app.screen.query_one(StableFooter)
        keys = list(footer.children)
        assert any("New" in str(key.render()) for key in keys)
        await pilot.press("f1", "f2")
        await pilot.pause()
        assert list(footer.children) == keys  # nothing changed: the same keys
        app.action_set_language("ru")
        await pilot.pause()
        await pilot.pause()
        labels = " ".join(str(key.render()) for key in footer.children)
        assert "Новый" in labels and "New" not in labels
        assert isinstance(app.screen.query_one(DataTable), SizedTable)
