"""Fieldwork forms in Russian and Kazakh at 120×40: every label is read in full."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input, TextArea
from textual.widgets.data_table import ColumnKey

from i18n import set_language
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.attribute_form import AttributeForm
from tui.dialogs.participant_form import ParticipantForm

SIZE = (120, 40)


def screen_words(app: SuhbatApp) -> set[str]:
    """Every word the terminal shows now."""
    svg = app.export_screenshot()
    text = html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")
    return set(re.findall(r"\w+", text))


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()


@pytest.mark.parametrize("language", ["ru", "kk"])
async def test_sensitive_check_box_is_not_clipped(demo_path: Path, language: str) -> None:
    set_language(language)

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(AttributeForm(app.store))
        await settle(pilot)
        box = app.screen.query_one("#field-sensitive Checkbox", Checkbox)
        label = str(box.label)
        assert re.search("[а-яё]", label)  # in the UI language, not English
        assert box.region.right <= SIZE[0]
        shown = screen_words(app)
        missing = [w for w in re.findall(r"\w+", label) if w not in shown]
        assert missing == []


async def test_protocol_number_column_is_as_wide_as_its_numbers(demo_path: Path) -> None:
    set_language("ru")
    with Store(demo_path) as store:
        guide = store.guides.find("Interview guide")
        assert guide is not None
        mains = [q for q in store.guides.questions(guide.id) if q.parent_id is None]
        for i in range(len(mains) + 1, 13):
            last = store.guides.add_question(guide.id, {"en": f"Question {i}"}, area=f"Area {i}")
        for i in range(1, 4):
            store.guides.add_question(
                guide.id, {"en": f"Probe 12.{i}"}, kind="probe", parent_id=last.id
            )

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        column = table.columns[ColumnKey("no")]
        numbers = [str(table.get_row_at(i)[0].plain) for i in range(table.row_count)]
        assert numbers[-4:] == ["12", "↳ 12.1", "↳ 12.2", "↳ 12.3"]
        widest = max(cell_len(text) for text in [str(column.label), *numbers])
        assert column.width == widest  # every number whole, no spare columns
        assert str(column.label) == "№"


async def test_participant_notes_line_up_with_the_other_fields(demo_path: Path) -> None:
    set_language("ru")

    app = SuhbatApp(demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ParticipantForm(app.store))
        await settle(pilot)
        form = app.screen
        starts = {text_box.content_region.x for text_box in form.query(Input)}
        assert len(starts) == 1
        notes = form.query_one("#field-notes TextArea", TextArea)
        assert notes.content_region.x in starts
        notes.focus()
        notes.text = "Говорит быстро"
        await settle(pilot)
        assert notes.content_region.x in starts
