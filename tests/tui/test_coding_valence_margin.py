"""Valence with one key, the code-name margin, and the layer keys t, l, t."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import interview_project, open_coding

from storage import Store
from tui.app import SuhbatApp


def _project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with interview_project(path, fixtures_dir, languages=("ru", "en")) as store:
        code = store.codes.add({"ru": "Согласование", "en": "Approval"})
        layer = store.transcripts.layers()[0]
        start = layer.text.index("через три дня")
        coder = store.coders.get("aigerim")
        store.codings.add(code.id, layer.id, start, start + len("через три дня"), coder.id)
    return path


def _valence(path: Path) -> list[int | None]:
    with Store(path) as store:
        return [c.valence for c in store.codings.all()]


async def test_one_key_steps_the_valence_and_the_margin_shows_it(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        assert screen.model is not None
        coding = screen.model.codings[screen.left_layer or 0][0]
        screen.jump_to(screen.model.transcript.id, coding.layer_id, coding.start, coding.end)
        await pilot.pause()
        margin = screen.view.right
        assert margin.margin_width > 0
        line = margin.location_of(0)[0]
        labels = [e.label for entries in margin.margin.values() for e in entries]
        assert labels == ["Approval"] and line == 0

        await pilot.press("y")
        await pilot.pause()
        assert _valence(path) == [-1]
        labels = [e.label for entries in margin.margin.values() for e in entries]
        assert labels == ["− Approval"]
        await pilot.press("н", "y")  # the Russian-layout key works too
        await pilot.pause()
        assert _valence(path) == [1]
        await pilot.press("y")
        await pilot.pause()
        assert _valence(path) == [None]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert _valence(path) == [1]

        shown = margin.margin_width
        await pilot.press("M")  # narrower (if the terminal gave more), then hidden
        await pilot.pause()
        if shown > 8:
            assert margin.margin_width == 8
            await pilot.press("M")
            await pilot.pause()
        assert all(p.margin_width == 0 for p in screen.view.panes)
        await pilot.press("M")  # back
        await pilot.pause()
        assert margin.margin_width == shown


async def test_margin_hides_when_the_terminal_is_narrow(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot)
        assert all(p.margin_width == 0 for p in screen.view.panes)


async def test_t_l_t_never_shows_one_layer_twice(tmp_path: Path, fixtures_dir: Path) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        await pilot.press("t", "l", "t")
        await pilot.pause()
        assert screen.view.paired
        assert screen.view.left.layer_id != screen.view.right.layer_id
        assert (
            {screen.view.left.layer_id, screen.view.right.layer_id}
            == {layer.id for layer in screen.model.layers}
            if screen.model
            else False
        )


async def test_narrow_view_stacks_the_layers_and_breaks_only_between_words(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = _project(tmp_path, fixtures_dir)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_coding(pilot)
        view = screen.view
        assert view.stacked
        left, right = view.left, view.right
        assert left.region.y < right.region.y  # the original above the translation
        # interleaved: the pane shown is the original, each line followed by its translation
        companion = left.aligned.companion
        assert left.size.height > 0 and companion is not None and not companion.above
        assert left.region.width == right.region.width == view.size.width
        for pane in (left, right):
            assert pane.wrap_width >= 20
            for line in range(pane.document.line_count):
                text = pane.document.get_line(line)
                for offset in pane.wrapped_document.get_offsets(line):
                    assert text[offset - 1] == " " or text[offset] == " ", text
        await pilot.press("t")  # one layer: no stacking
        await pilot.pause()
        assert not view.stacked
        await pilot.press("t")
        await pilot.pause()
        assert view.stacked
