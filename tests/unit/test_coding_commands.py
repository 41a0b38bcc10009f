"""The coding screen's commands over a real project file, without the app.

Each command is one undo step, refused input leaves the file as it was, and the
controller runs without Textual.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exports.transcript_import import import_transcript
from i18n import set_language
from storage import Store, SuhbatError
from storage.models import Layer
from tui.screens.coding_commands import IN_VIVO_LENGTH, CodingCommands, in_vivo_name
from tui.widgets.code_matching import CodeChoice


def _open(tmp_path: Path, fixtures_dir: Path) -> tuple[Store, Layer]:
    path = tmp_path / "study.suhbat"
    store = Store.create(path, name="study", languages=("ru", "kk", "en"))
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    store.history.enable()
    return store, store.transcripts.layers()[0]


def _coded(store: Store, layer: Layer) -> list[tuple[str, str, str]]:
    """(code name in ru/en, coded text, memo) of every coding, read back from the file."""
    text = store.transcripts.layers()[0].text
    assert layer.id == store.transcripts.layers()[0].id
    rows = []
    for coding in store.codings.all():
        code = store.codes.get(coding.code_id)
        rows.append(
            (code.name("ru") or code.name("en"), text[coding.start : coding.end], coding.memo)
        )
    return rows


def test_apply_creates_the_code_in_the_ui_language_and_undo_takes_both_back(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    store, layer = _open(tmp_path, fixtures_dir)
    with store:
        set_language("ru")
        commands = CodingCommands(store)
        coder = commands.set_coder("aigerim").id
        start = layer.text.index("Согласование")
        coding = commands.apply(
            CodeChoice(new_name="Согласование"),
            layer.id,
            start,
            start + 12,
            coder,
            layer_text=layer.text,
        )
        assert commands.last_code == coding.code_id
        assert store.codes.get(coding.code_id).names == {"ru": "Согласование"}
        assert _coded(store, layer) == [("Согласование", "Согласование", "")]
        assert store.get_setting("last_coder") == "aigerim"

        step = store.history.undo()
        assert step is not None and step.label == "Apply code"
        assert store.codings.all() == [] and store.codes.all() == []


def test_apply_widens_a_range_to_whole_grapheme_clusters(tmp_path: Path) -> None:
    with Store.create(tmp_path / "g.suhbat", languages=("kk",)) as store:
        source = tmp_path / "g.txt"
        source.write_text("A: сөз👍🏽 бар\n", encoding="utf-8")
        import_transcript(store, source)
        layer = store.transcripts.layers()[0]
        commands = CodingCommands(store)
        thumb = layer.text.index("👍")
        coding = commands.apply(
            CodeChoice(new_name="emoji"),
            layer.id,
            thumb,
            thumb + 1,
            commands.set_coder("a").id,
            layer_text=layer.text,
        )
        assert layer.text[coding.start : coding.end] == "👍🏽"


def test_remove_recode_resize_and_memo_are_one_step_each(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    store, layer = _open(tmp_path, fixtures_dir)
    with store:
        commands = CodingCommands(store)
        coder = commands.set_coder("aigerim").id
        first = store.codes.add({"ru": "Бюрократия"})
        start = layer.text.index("Согласование занимает")
        coding = commands.apply(CodeChoice(code_id=first.id), layer.id, start, start + 12, coder)

        recoded = commands.recode(coding.id, CodeChoice(new_name="Сроки"))
        assert store.codes.get(recoded.code_id).name("ru") == "Сроки"
        resized = commands.resize(coding.id, start, start + len("Согласование занимает"))
        assert resized.end - resized.start == len("Согласование занимает")
        commands.set_memo(coding.id, "долго")
        assert _coded(store, layer) == [("Сроки", "Согласование занимает", "долго")]

        labels = [step.label for step in store.history.undo_steps()]
        assert labels[-3:] == ["Recode", "Resize coding", "Coding memo"]
        commands.remove(coding.id)
        assert commands.current(coding.id) is None
        store.history.undo()
        assert _coded(store, layer) == [("Сроки", "Согласование занимает", "долго")]


def test_a_refused_change_leaves_the_file_as_it_was(tmp_path: Path, fixtures_dir: Path) -> None:
    store, layer = _open(tmp_path, fixtures_dir)
    with store:
        commands = CodingCommands(store)
        coder = commands.set_coder("aigerim").id
        with pytest.raises(SuhbatError):
            # a new code, then a range past the end of the layer: neither is kept
            commands.apply(CodeChoice(new_name="Лишний"), layer.id, 5, len(layer.text) + 10, coder)
        assert store.codes.all() == [] and store.codings.all() == []
        assert commands.last_code is None


def test_editing_text_moves_the_codings_with_it(tmp_path: Path, fixtures_dir: Path) -> None:
    store, layer = _open(tmp_path, fixtures_dir)
    with store:
        commands = CodingCommands(store)
        coder = commands.set_coder("aigerim").id
        start = layer.text.index("Согласование")
        commands.apply(CodeChoice(new_name="Согласование"), layer.id, start, start + 12, coder)
        utterance = next(u for u in store.transcripts.utterances() if u.position == 3)
        low, high = utterance.spans[layer.id]
        commands.edit_text(utterance.id, layer.id, "Вот: " + layer.text[low:high])
        assert _coded(store, layer)[0][1] == "Согласование"
        assert "Вот: Согласование" in store.transcripts.layers()[0].text
        assert store.history.undo_steps()[-1].label == "Edit text"


def test_in_vivo_names_the_code_after_the_words_and_reuses_an_existing_one(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    assert in_vivo_name("  «слишком   много\nвремени», ") == "слишком много времени"
    assert in_vivo_name("a/b") == "a∕b"
    assert in_vivo_name(" — ") == ""
    long = in_vivo_name("слово " * 40)
    assert len(long) == IN_VIVO_LENGTH and long.endswith("…")
    store, _layer = _open(tmp_path, fixtures_dir)
    with store:
        commands = CodingCommands(store)
        assert commands.in_vivo("!!") is None
        assert commands.in_vivo("много времени") == CodeChoice(new_name="много времени")
        code = store.codes.add({"ru": "много времени"})
        assert commands.in_vivo("Много  времени.") == CodeChoice(code_id=code.id)


def test_the_controller_runs_without_textual() -> None:
    probe = "import sys, tui.screens.coding_commands; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
