"""Keys typed into a dialog in a burst end up in its text box in order, none lost."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import open_codebook, open_coding, settle
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from exports.transcript_import import import_transcript
from storage import Store
from tui.app import SuhbatApp
from tui.dialogs.coding_dialogs import TextPrompt
from tui.dialogs.confirm_modal import ConfirmModal


async def test_time_typed_right_after_j_reaches_the_box(demo_path: Path) -> None:
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        screen.action_jump_time()  # the dialog is pushed; the keys come at once
        for character in "1:20":
            app.post_message(events.Key(character, character))
        for _ in range(4):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TextPrompt)
        assert dialog.query_one(Input).value == "1:20"


async def _burst(app: SuhbatApp, keys: list[str], pilot: Pilot[None] | None = None) -> None:
    """Post keys at once, as a terminal delivers a fast typist's burst (and with ``pilot``
    wait until the app has done what they ask)."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    if pilot is not None:
        for _ in range(6):
            await settle(pilot)


async def test_corrections_typed_at_once_land_in_the_order_typed(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    """Backspace reaches a box by a longer road than letters: typed in one burst with
    them, it used to come after them (or reach nothing while the dialog opened)."""
    path = tmp_path / "burst.suhbat"
    with Store.create(path, name="study", languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    app = SuhbatApp(path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_coding(pilot)
        for keys, typed in (
            (["backspace", "backspace", "k", "k"], "kk"),  # the code selected, then replaced
            (["end", "backspace", "k", "left", "z"], "rzk"),
        ):
            screen.action_utterance_language()  # the dialog is pushed; the keys come at once
            await _burst(app, keys)
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, TextPrompt)
            assert dialog.query_one(Input).value == typed
            dialog.dismiss(None)
            await settle(pilot)
        screen.action_utterance_language()
        await _burst(app, ["end", "backspace", "backspace", "k", "k", "enter"])
        await settle(pilot)
        assert app.screen is screen
        assert list(app.store.transcripts.utterance_languages().values()) == ["kk"]
        # the key that opens the dialog in the same burst: the keys behind it reach the
        # coding view first and come back up once the dialog is there
        await _burst(app, ["g", "end", "backspace", "backspace", "e", "n", "enter"])
        await settle(pilot)
        assert app.screen is screen
        assert list(app.store.transcripts.utterance_languages().values()) == ["en"]


async def test_a_key_typed_as_a_question_opens_still_answers_it(coded_across_path: Path) -> None:
    """A dialog without a text box gets early keys back in order: ``y`` confirms."""
    app = SuhbatApp(coded_across_path, coder="aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_coding(pilot)
        before = len(app.store.transcripts.utterances())
        await pilot.press("j", *"0:04", "enter")
        await pilot.pause()
        await _burst(app, ["J", "y"])  # two speakers: the question, answered at once
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmModal)
        assert len(app.store.transcripts.utterances()) == before - 1


async def test_keys_after_a_dialogs_enter_go_to_what_comes_next(demo_path: Path) -> None:
    """``j 2:51 Enter u Fear Enter`` typed at once: jump, then code the turn there (the
    keys after the first Enter used to go into the closed jump box and crash the app)."""
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_coding(pilot)
        before = {c.id for c in app.store.codings.all()}
        await _burst(app, ["j", *"2:51", "enter", "u", *"Fear", "enter"], pilot)
        assert not isinstance(app.screen, TextPrompt)
        (new,) = [c for c in app.store.codings.all() if c.id not in before]
        assert app.store.codes.get(new.code_id).name().startswith("Fear")
        layer = app.store.transcripts.layer(new.layer_id)
        turn = next(
            u
            for u in app.store.transcripts.utterances(layer.transcript_id)
            if u.spans[layer.id][0] <= new.start < u.spans[layer.id][1]
        )
        assert turn.start_ms == 171_000  # 00:02:51


async def test_a_memo_typed_and_saved_in_one_burst_is_kept(demo_path: Path) -> None:
    """Ctrl+S typed behind the memo's text waits for it (it saved an empty memo)."""
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_coding(pilot)
        await _burst(app, ["u", *"Fear", "enter"], pilot)
        await _burst(app, ["m", *"тихий голос", "ctrl+s"], pilot)
        assert "тихий голос" in [c.memo for c in app.store.codings.all()]


async def test_a_new_codes_name_typed_at_once_reaches_its_first_field(demo_path: Path) -> None:
    """The form's first field has the focus (its scrolling body took it, and the name)."""
    app = SuhbatApp(demo_path, coder="Aigerim")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_codebook(pilot)
        await _burst(app, ["n", *"Доверие", "ctrl+s"], pilot)
        assert "Доверие" in [code.name() for code in app.store.codes.all()]
