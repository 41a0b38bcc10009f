"""Opening a long transcript wraps each layer once, at the width the pane ends up with."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import open_coding

from storage import Store
from storage.models import TranscriptInput, UtteranceInput
from tui.app import SuhbatApp
from tui.widgets import aligned_document

WORDS = ("согласование", "занимает", "слишком", "много", "времени", "қызметтерді", "керек")


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "long.suhbat"
    with Store.create(path, name="long", languages=("ru", "en")) as store:
        session = store.sessions.add("Long interview", "interview")
        turns = tuple(
            UtteranceInput(
                "Interviewer" if n % 2 == 0 else "R1",
                n * 7_000,
                n * 7_000 + 6_000,
                (
                    " ".join(WORDS[(n + k) % len(WORDS)] for k in range(8 + n % 30)),
                    f"Turn {n}: " + "word " * (5 + n % 20),
                ),
            )
            for n in range(1_500)
        )
        store.transcripts.add(
            session.id, TranscriptInput(title="long", languages=("ru", "en"), utterances=turns)
        )
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_first_open_wraps_each_layer_once_at_its_final_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    path = _project(tmp_path)
    widths: list[int] = []
    wrap = aligned_document.AlignedWrappedDocument.wrap

    def recording(
        self: aligned_document.AlignedWrappedDocument, width: int, tab_width: int | None = None
    ) -> None:
        if width and self.document.line_count >= 1_500:
            widths.append(width)
        wrap(self, width, tab_width)

    monkeypatch.setattr(aligned_document.AlignedWrappedDocument, "wrap", recording)

    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=size) as pilot:
        screen = await open_coding(pilot, pauses=8)
        assert len(screen.view.visible_panes()) == 2
        # interleaved (a narrow view), one pane shows both layers; the other waits
        panes = [pane for pane in screen.view.visible_panes() if pane.size.height]
        assert len(panes) == (1 if screen.view.stacked else 2)
        final = sorted(pane.wrap_width for pane in panes)
        assert all(pane.aligned.width == pane.wrap_width for pane in panes)
        assert sorted(widths) == final  # one wrap per layer, at the width it kept
        if not screen.view.stacked:  # side by side the layers stay aligned line by line
            assert panes[0].aligned.height == panes[1].aligned.height
        with Store(path) as store:
            assert len(store.transcripts.utterances()) == 1_500
