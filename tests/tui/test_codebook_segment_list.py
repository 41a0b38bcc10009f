"""The codebook's segment list says how many segments and, when a segment has several
lines (two coders), how many codings it lists; it keeps punctuation attached."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_codebook
from textual.widgets import Static

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.models.segment_context import segment_words


async def test_two_coders_on_one_segment_are_one_segment_two_codings_no_space_before_the_stop(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    path = tmp_path / "study.suhbat"
    with Store.create(path, name="study", languages=("ru",)) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        layer = store.transcripts.layers()[0]
        code = store.codes.add("Задержки")
        start = layer.text.index("через три дня")
        for coder in ("aigerim", "daniyar"):
            store.codings.add(code.id, layer.id, start, start + 13, store.coders.get(coder).id)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_codebook(pilot)
        screen.show_details()
        await pilot.pause()
        caption = str(screen.query_one("#segments-caption", Static).content)
        assert caption == "1 segment · 2 codings"  # one line per coding
        assert len(screen.segments) == 2
        row = screen._segment_row(next(iter(screen.segments))).plain
        assert "через три дня." in row and "дня ." not in row


def test_context_keeps_the_spacing_of_the_text() -> None:
    assert segment_words("а мы получаем подпись ", "через три дня", ". Дальше") == (
        "а мы получаем подпись ",
        "через три дня",
        ". Дальше",
    )
    assert segment_words("word", "s", ", and") == ("word", "s", ", and")
