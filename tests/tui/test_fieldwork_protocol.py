"""The Protocol screen (F3): questions and probes per language, reordering, several guides."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import wait_until
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.form_modal import FormField


def outline(path: Path, guide: str = "Interview guide") -> list[tuple[str, str, bool]]:
    """(kind, English text, is a probe of the question before) in stored guide order."""
    with Store(path) as store:
        found = store.guides.find(guide)
        assert found is not None
        questions = store.guides.questions(found.id)
    order = sorted(questions, key=lambda q: q.position)
    result: list[tuple[str, str, bool]] = []
    last_main = None
    for q in order:
        result.append((q.kind, q.texts.get("en", ""), q.parent_id is not None))
        if q.parent_id is None:
            last_main = q.id
        else:
            assert q.parent_id == last_main, "a probe must follow its question"
    return result


def set_text(pilot: Pilot[None], language: str, text: str) -> None:
    """Write ``text`` into the form's text area for ``language``."""
    pilot.app.screen.query_one(f"#field-text-{language} TextArea", TextArea).text = text


async def test_languages_side_by_side_and_probes_nested(demo_path: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        table = app.screen.query_one(DataTable)
        header = [str(c.label) for c in table.ordered_columns]
        assert header[-3:] == ["ru", "kk", "en"]
        numbers = [table.get_row_at(i)[0].plain.strip() for i in range(table.row_count)]
        assert numbers == ["1", "2", "↳ 2.1", "3", "4"]
        with Store(demo_path) as store:
            probe = next(q for q in store.guides.questions() if q.kind == "probe")
        row = table.get_row_at(2)
        assert [cell.plain for cell in row[-3:]] == [
            probe.texts["ru"],
            probe.texts["kk"],
            probe.texts["en"],
        ]


async def test_add_question_and_probe_then_reorder(demo_path: Path) -> None:
    before = outline(demo_path)

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "n")  # the cursor is on question 1
        await pilot.press("ctrl+s")
        form_errors = [
            str(f.query_one(".field-error", Static).render())
            for f in app.screen.query(FormField)
            if f.has_class("-invalid")
        ]
        assert form_errors == ["A question needs text in at least one language"]
        set_text(pilot, "ru", "Где вы учились?")
        set_text(pilot, "en", "Where did you study?")
        await pilot.press("ctrl+s")
        assert outline(demo_path)[1] == ("main", "Where did you study?", False)
        await pilot.press("p")  # a probe under the new question
        set_text(pilot, "en", "Which subject?")
        await pilot.press("ctrl+s")
        assert outline(demo_path)[1:3] == [
            ("main", "Where did you study?", False),
            ("probe", "Which subject?", True),
        ]
        # back on the new main question: move it (with its probe) below question 2's block
        await pilot.press("up", "ctrl+down")
        after = outline(demo_path)
        assert after[:6] == [
            before[0],
            before[1],
            before[2],  # question 2 and its probe now come first …
            ("main", "Where did you study?", False),
            ("probe", "Which subject?", True),  # … and the probe moved along
            before[3],
        ]
        await pilot.press("shift+up")
        assert outline(demo_path)[1:3] == [
            ("main", "Where did you study?", False),
            ("probe", "Which subject?", True),
        ]


async def test_delete_a_question_with_its_probe(demo_path: Path) -> None:
    before = outline(demo_path)

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "down", "d")
        assert "1 probe" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("y")
        assert outline(demo_path) == [before[0], *before[3:]]


async def test_guides_new_import_and_switch(demo_path: Path, fixtures_dir: Path) -> None:
    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "п", "n", *"Focus groups", "enter")
        await pilot.press("enter")  # open the new guide
        bar = app.screen.query_one("#guide-bar", Static)
        assert "Focus groups (2 of 2)" in str(bar.render())
        await pilot.press("n")
        set_text(pilot, "kk", "Сіздің ауылыңызда не өзгерді?")
        await pilot.press("ctrl+s")
        assert outline(demo_path, "Focus groups") == [("main", "", False)]
        await pilot.press("i")
        app.screen.query_one("#import-path", Input).value = str(fixtures_dir / "protocol.csv")
        app.screen.query_one("#import-guide", Input).value = "Press officers"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Press officers" in str(bar.render()))
        imported = outline(demo_path, "Press officers")
        assert imported[0] == (
            "main",
            "Can you describe a typical day in your press office?",
            False,
        )
        assert imported[2] == ("probe", "Can you recall a recent confrontation?", True)


async def test_long_areas_and_questions_end_with_an_ellipsis(demo_path: Path) -> None:
    with Store(demo_path) as store:
        questions = sorted(store.guides.questions(), key=lambda q: q.position)

    app = SuhbatApp(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = {str(c.key.value): c.width for c in table.ordered_columns}
        lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
        cut = 0
        for q in questions:
            values = {f"text-{lang}": text for lang, text in q.texts.items()}
            if q.parent_id is None:
                values["area"] = q.area
            line = next(text for text in lines if q.texts["en"][:10] in text)
            for key, value in values.items():
                width = widths[key]
                if len(value) > width:
                    cut += 1
                    assert value[: width - 1] + "…" in line, (key, line)
                else:
                    assert value in line
        assert cut >= 5  # the demo's questions are longer than their columns
        detail = str(app.screen.query_one("#question-detail", Static).render())
        first = next(q for q in questions if q.parent_id is None)
        assert first.texts["ru"] in detail  # the full text is in the detail pane
