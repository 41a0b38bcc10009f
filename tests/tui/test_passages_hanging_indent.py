"""A passage's text and translation are indented under its heading; when they wrap
(a narrow terminal, a long turn), the wrapped lines keep that indent instead of
running back to column 0 under the heading."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import settle_workers
from textual.widgets import OptionList

from storage import Store
from tui.app import SuhbatApp
from tui.screens.passages import PassagesScreen


def _list_lines(screen: PassagesScreen) -> list[str]:
    """The lines the passages list draws, as text (the scrollbar column left off)."""
    options = screen.query_one(OptionList)
    lines = [options.render_line(y).text.rstrip() for y in range(options.size.height)]
    return [line.rstrip("▁▂▃▄▅▆▇█▉▊▋▌▍▎▏ ") for line in lines]


async def test_wrapped_passage_lines_keep_their_indent(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store:
        code = store.codes.find("Fear of responsibility")
        assert code is not None
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(64, 40)) as pilot:
        screen = PassagesScreen(code.id)
        app.push_screen(screen)
        await settle_workers(pilot)
        assert screen.listing is not None and screen.listing.passages
        translated = [p for p in screen.listing.passages if p.translation]
        assert translated and max(len(p.translation or "") for p in translated) > 100
        lines = _list_lines(screen)
        blocks: list[list[str]] = [[]]
        for line in lines:
            if line.strip():
                blocks[-1].append(line)
            elif blocks[-1]:
                blocks.append([])
        blocks = [block for block in blocks if block]
        assert len(blocks) >= 2
        for block in blocks:
            heading, *body = block
            assert heading.startswith("■")
            translation = [i for i, line in enumerate(body) if line.lstrip().startswith("[")]
            assert translation, block  # the translation, labelled with its language
            assert len(body) > translation[0] + 1, block  # it wraps at this width
            for line in body:  # the text, the translation and every wrapped line
                assert line.startswith("  ") and not line.startswith("   "), block
