"""G on a code in the codebook lists its passages, read from the sessions the code was
applied in only (a study of 2,000 transcripts showed its list after reading them all)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pilot_helpers import (
    open_analysis,
    open_codebook,
    settle_workers,
    wait_for_screen,
    wait_until,
)
from query_trace import traced
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from storage import Store
from tui.app import SuhbatApp
from tui.screens.passages import PassagesScreen
from tui.screens.transcript import TranscriptScreen
from tui.widgets.stats_table import StatsTable


async def passages_of(pilot: Pilot[None], code_id: int) -> PassagesScreen:
    """The Coded passages of a code, opened as a user does: F7, the code, g."""
    app = pilot.app
    codebook = await open_codebook(pilot)
    for _step in range(20):
        if codebook.highlighted() == code_id:
            break
        await pilot.press("down")
    await pilot.press("g")
    await wait_until(pilot, lambda: isinstance(app.screen, PassagesScreen))
    await settle_workers(pilot)
    screen = app.screen
    assert isinstance(screen, PassagesScreen) and screen.listing is not None
    return screen


async def test_g_on_a_code_lists_its_passages_from_its_sessions_only(demo_path: Path) -> None:
    with Store(demo_path) as store:
        fear = store.codes.find("Fear of responsibility")
        assert fear is not None
        codings = store.codings.all(code_id=fear.id)
        layers = {layer.id: layer for layer in store.transcripts.layers()}
        segments = sorted({(c.layer_id, c.start, c.end) for c in codings})
        texts = {" ".join(layers[lid].text[s:e].split()) for lid, s, e in segments}
        coded = {layers[lid].transcript_id for lid, _s, _e in segments}
        assert len(coded) < len(store.transcripts.all())
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await passages_of(pilot, fear.id)
        assert screen.listing is not None
        status = str(screen.query_one("#passages-status", Static).render())
        assert status == f"Bureaucracy / Fear of responsibility · {len(segments)} passages"
        assert screen.query_one(OptionList).option_count == len(segments)
        assert {p.text for p in screen.listing.passages} == texts
        # only the sessions the code was applied in were read
        data = screen.listing.data
        assert {u.transcript_id for u in data.utterances.values()} == coded
        assert {layer.transcript_id for layer in data.layers.values()} == coded
        await pilot.press("down", "enter")  # the second passage, in its transcript
        coding = await wait_for_screen(pilot, TranscriptScreen)
        await pilot.pause()
        second = screen.listing.passages[1]
        pane = coding.view.focused_pane()
        assert pane.selected_range() == (second.start, second.end)


async def test_enter_on_a_frequency_cell_reads_no_codings_or_utterances_on_the_ui_thread(
    demo_path: Path,
) -> None:
    """Which code a cell stands for is read from the code tree: the texts, codings and
    utterances are read by the passages screen's worker (with its own Store)."""
    app = SuhbatApp(demo_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        analysis = await open_analysis(pilot)
        table = analysis.query_one(StatsTable)
        assert table.table is not None
        table.focus()
        row = next(i for i, r in enumerate(table.table.rows) if r[0] == "Fear of responsibility")
        table.move_cursor(row=row, column=2)
        with traced(app.store) as queries:
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, PassagesScreen))
        read = " ".join(queries)
        assert "FROM span" not in read and "FROM utterance" not in read
        await settle_workers(pilot)
        screen = app.screen
        assert isinstance(screen, PassagesScreen) and screen.listing is not None
        assert screen.listing.title == "Bureaucracy / Fear of responsibility"
        assert len(screen.listing.passages) == 3


def test_the_codebook_opens_without_loading_word(tmp_path: Path) -> None:
    """The codebook (with its passages screen) loads no python-docx module on its first
    open (a tenth of a second before the screen showed), only when a quotes DOCX is written."""
    code = (
        "import sys\n"
        "import tui.screens.codebook\n"
        "print('docx' in sys.modules)\n"
        "from exports.passages import write_passages_docx\n"
        "print('docx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


async def test_back_from_rating_a_passage_the_list_shows_the_new_valence(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        theme = app.store.codes.find("Bureaucracy")
        assert theme is not None
        screen = await passages_of(pilot, theme.id)
        assert screen.listing is not None
        mine = app.store.coders.get("Aigerim").id
        index = next(  # a passage with a coding of hers, which her screen shows
            i for i, p in enumerate(screen.listing.passages) if mine in p.coder_ids
        )
        assert all(c.valence is None for p in screen.listing.passages for c in p.codings)
        await pilot.press(*["down"] * index, "enter")  # the passage, in its transcript
        await wait_for_screen(pilot, TranscriptScreen)
        await settle_workers(pilot)
        await pilot.press("y")  # rate the coding there
        await pilot.pause()
        await pilot.press("f7")  # back to the codebook's screens: the passages on top
        await wait_until(pilot, lambda: app.screen is screen)
        await settle_workers(pilot)
        assert screen.listing is not None
        rated = [
            c.valence for p in screen.listing.passages for c in p.codings if c.valence is not None
        ]
        with Store(demo_path, read_only=True) as store:
            stored = [c.valence for c in store.codings.all() if c.valence is not None]
        assert stored, "nothing was rated"
        assert rated == stored


async def test_a_passage_of_another_coder_opens_with_its_coding_shown(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Daniyar")
    async with app.run_test(size=(120, 40)) as pilot:
        theme = app.store.codes.find("Bureaucracy")
        assert theme is not None
        daniyar = app.store.coders.get("Daniyar").id
        screen = await passages_of(pilot, theme.id)
        assert screen.listing is not None
        index, passage = next(  # coded by Aigerim alone
            (i, p) for i, p in enumerate(screen.listing.passages) if daniyar not in p.coder_ids
        )
        await pilot.press(*["down"] * index, "enter")
        coding = await wait_for_screen(pilot, TranscriptScreen)
        await settle_workers(pilot)
        assert coding.model is not None
        shown = coding.model.at(passage.layer_id, passage.start, passage.end, coding.coder_filter)
        assert {c.id for c in passage.codings} <= {c.id for c in shown}
