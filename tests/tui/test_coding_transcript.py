"""The coding screen driven with the keyboard: select, code, recode, resize, memo, undo."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import interview_project, open_coding
from textual.pilot import Pilot

from storage import Store
from storage.models import Coding, Layer
from tui.app import SuhbatApp
from tui.dialogs.code_finder import CodeFinder
from tui.widgets.layer_pane import LayerPane

SIZE = (120, 40)


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir) as store:
        store.codes.add({"ru": "Бюрократия", "en": "Bureaucracy"})
        theme = store.codes.add({"ru": "Государство", "en": "State"}, is_codable=False)
        store.codes.add({"ru": "Согласование", "en": "Approval"}, parent_id=theme.id)
    return path


def _codings(path: Path) -> list[tuple[str, str, str, str]]:
    """(code name, coded text, coder, memo) of every coding, read back from the file."""
    with Store(path) as store:
        coders = {c.id: c.name for c in store.coders.all()}
        texts = {layer.id: layer.text for layer in store.transcripts.layers()}
        return [
            (
                store.codes.get(c.code_id).name("ru"),
                texts[c.layer_id][c.start : c.end],
                coders[c.coder_id],
                c.memo,
            )
            for c in store.codings.all()
        ]


def _add_coding(path: Path, layer: int, phrase: str, code: str, coder: str) -> tuple[Layer, int]:
    """Code the first ``phrase`` of the ``layer``-th layer; the layer and where the phrase is."""
    with Store(path) as store:
        found = store.transcripts.layers()[layer]
        start = found.text.index(phrase)
        code_found = store.codes.find(code)
        assert code_found is not None
        coder_id = store.coders.get(coder).id
        store.codings.add(code_found.id, found.id, start, start + len(phrase), coder_id)
        return found, start


async def _go_to(pilot: Pilot[None], time: str) -> None:
    await pilot.press("j")
    await pilot.press(*time, "enter")
    await pilot.pause()


async def test_select_code_recode_and_undo(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        await _go_to(pilot, "0:45")
        await pilot.press("ctrl+shift+right", "shift+right", "ctrl+shift+right")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"byuro", "enter")  # Latin typing finds «Бюрократия»
        await pilot.pause()
        assert _codings(path) == [("Бюрократия", "Согласование занимает", "aigerim", "")]

        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"cjukfc", "enter")  # wrong keyboard layout still finds it
        await pilot.pause()
        assert _codings(path) == [("Согласование", "Согласование занимает", "aigerim", "")]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _codings(path) == [("Бюрократия", "Согласование занимает", "aigerim", "")]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _codings(path) == []
        await pilot.press("ctrl+y", "ctrl+y")
        await pilot.pause()
        assert _codings(path) == [("Согласование", "Согласование занимает", "aigerim", "")]
        assert screen.model is not None and len(screen.model.codings[screen.left_layer or 0]) == 1


async def test_cyrillic_layout_keys_new_code_in_vivo_and_whole_utterance(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await open_coding(pilot)
        await _go_to(pilot, "0:45")
        await pilot.press("г")  # U on a Russian layout: code the whole turn
        await pilot.pause()
        await pilot.press(*"Задержки", "enter")  # no such code: the create option
        await pilot.pause()
        await _go_to(pilot, "1:20")
        await pilot.press("left", "left", *["shift+left"] * len("через три дня"))
        await pilot.press("ф")  # A: the last code again
        await pilot.pause()
        await pilot.press("left", "left", *["shift+left"] * len("получаем подпись"))
        await pilot.press("м")  # V: in vivo
        await pilot.pause()

    codings = _codings(path)
    with Store(path) as store:
        turn = next(
            line for line in store.transcripts.layers()[0].text.split("\n") if "Согласов" in line
        )
    assert sorted(t for n, t, *_ in codings if n == "Задержки") == sorted([turn, "через три дня"])
    assert [(n, t) for n, t, *_ in codings if n != "Задержки"] == [
        ("получаем подпись", "получаем подпись")
    ]
    with Store(path) as store:
        created = store.codes.find("Задержки")
        assert created is not None and created.parent_id is None


async def test_resize_memo_remove_and_coders(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)
    _add_coding(path, 0, "через три", "Бюрократия", "daniyar")

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        pane = screen.view.focused_pane()
        assert screen.model is not None
        assert screen.model.shown(pane.layer_id or 0, screen.coder_filter) == []
        await pilot.press("k")  # show daniyar's codings
        await pilot.pause()
        shown = screen.model.shown(pane.layer_id or 0, screen.coder_filter)
        assert [screen.model.coders[c.coder_id] for c in shown] == ["daniyar"]
        await pilot.press("n")  # next coding: selects it
        await pilot.pause()
        assert pane.selected_text == "через три"
        await pilot.press("shift+right", "ctrl+shift+right", "b")  # widen to «через три дня»
        await pilot.pause()
        assert _codings(path)[0][1] == "через три дня"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"подпись [важно]", "ctrl+s")
        await pilot.pause()
        assert _codings(path)[0][3] == "подпись [важно]"
        await pilot.press("d")
        await pilot.pause()
        assert _codings(path) == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _codings(path) == [("Бюрократия", "через три дня", "daniyar", "подпись [важно]")]


async def test_editing_the_text_moves_codings_and_undo_restores(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)
    layer, _start = _add_coding(path, 0, "через три дня", "Бюрократия", "aigerim")
    original = layer.text

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        await open_coding(pilot)
        await _go_to(pilot, "0:45")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("home", *"Да. ", "enter")
        await pilot.pause()
        with Store(path) as store:
            assert store.transcripts.layers()[0].text.count("Да. Согласование занимает") == 1
        assert _codings(path)[0][1] == "через три дня"
        await pilot.press("ctrl+z")
        await pilot.pause()

    with Store(path) as store:
        assert store.transcripts.layers()[0].text == original
    assert _codings(path)[0][1] == "через три дня"


async def test_side_by_side_rows_stay_aligned_and_toggle_to_one_layer(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        left, right = screen.view.left, screen.view.right
        assert left.aligned.height == right.aligned.height
        for line in range(left.document.line_count):
            assert left.aligned.first_row(line) == right.aligned.first_row(line)
        await pilot.press("pagedown")
        await pilot.pause()
        assert left.scroll_y == right.scroll_y > 0
        await pilot.press("t")
        await pilot.pause()
        assert not screen.view.paired and screen.view.visible_panes() == [left]
        assert isinstance(app.focused, LayerPane)
        await pilot.press("l")  # the English layer alone
        await pilot.pause()
        assert "Coordination takes too long" in left.text


async def test_other_layers_codings_mirror_on_aligned_utterances(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)
    en, start = _add_coding(path, 1, "three days", "Bureaucracy", "aigerim")
    line = en.text[:start].count("\n")

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_coding(pilot)
        assert screen.view.left.mirror == {}
        await pilot.press("x")
        await pilot.pause()
        assert list(screen.view.left.mirror) == [line]
        coding: Coding | None = None
        assert screen.model is not None
        coding = screen.model.codings[en.id][0]
        assert coding.layer_id == en.id
