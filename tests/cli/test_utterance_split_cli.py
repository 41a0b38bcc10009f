"""``suhbat transcript split|join``: utterances cut in two and joined, codings kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exports.transcript_import import import_transcript, import_translation
from storage import Store
from tui.cli import cli

ANSWER = 4
"""The number of the answer that starts «Согласование занимает слишком много времени,»."""


def run(*args: str | int | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
        ru = next(x for x in store.transcripts.layers() if x.language == "ru")
        start = ru.text.index("времени, особенно")
        code = store.codes.add("Сроки")
        store.codings.add(code.id, ru.id, start, start + 17, store.coders.get("a").id)
    return path


def _state(project: Path) -> tuple[object, ...]:
    with Store(project, read_only=True) as store:
        return (
            [x.text for x in store.transcripts.layers()],
            store.transcripts.utterances(),
            store.codings.all(),
        )


def _texts(project: Path, language: str) -> list[str]:
    with Store(project, read_only=True) as store:
        layer = next(x for x in store.transcripts.layers() if x.language == language)
        return [layer.text[slice(*u.spans[layer.id])] for u in store.transcripts.utterances()]


def test_split_then_join_gives_the_text_back_with_its_codings(project: Path) -> None:
    before = _texts(project, "ru")
    offset = before[ANSWER - 1].index("особенно")
    code, out, err = run("transcript", "split", project, "interview_07", ANSWER, offset)
    assert code == 0, err
    assert "времени,» | «особенно" in out
    after = _texts(project, "ru")
    assert after[ANSWER - 1].endswith("времени,") and after[ANSWER].startswith("особенно")
    assert _texts(project, "en")[ANSWER] == ""
    with Store(project, read_only=True) as store:
        ru = store.transcripts.layers()[0]
        assert sorted(ru.text[c.start : c.end] for c in store.codings.all()) == [
            "времени,",
            "особенно",
        ]

    code, out, err = run("transcript", "join", project, "interview_07", ANSWER)
    assert code == 0, err
    assert _texts(project, "ru") == before


def test_split_counts_the_offset_in_the_layer_asked_for(project: Path) -> None:
    en = _texts(project, "en")[ANSWER - 1]
    offset = en.index("especially")
    code, _out, err = run(
        "transcript", "split", project, "interview_07", ANSWER, offset, "--layer", "en"
    )
    assert code == 0, err
    assert _texts(project, "en")[ANSWER].startswith("especially")
    assert _texts(project, "ru")[ANSWER] == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("split", "interview_07", ANSWER, 10_000), "outside the utterance"),
        (("split", "interview_07", ANSWER, 0), "empty"),
        (("split", "interview_07", 99, 3), "from 1 to"),
        (("split", "interview_07", ANSWER, 3, "--layer", "kk"), "no kk layer"),
        (("split", "nobody", ANSWER, 3), "No transcript"),
        (("join", "interview_07", 10), "last one"),
        (("join", "interview_07", 0), "from 1 to"),
        (("join", "interview_07", 1), "--force"),
    ],
)
def test_bad_input_is_one_line_exit_one_and_the_file_unchanged(
    project: Path, args: tuple[object, ...], words: str
) -> None:
    before = _state(project)
    code, out, err = run("transcript", *[str(a) for a in args[:1]], project, *map(str, args[1:]))
    assert code == 1 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1
    assert _state(project) == before


def test_the_refusal_is_translated(project: Path) -> None:
    code, _out, err = run("--lang", "ru", "transcript", "join", project, "interview_07", 1)
    assert code == 1 and "--force" in err and "разные" in err.lower()


def test_join_force_joins_two_speakers(project: Path) -> None:
    before = _texts(project, "ru")
    code, _out, err = run("transcript", "join", project, "interview_07", 1, "--force")
    assert code == 0, err
    assert _texts(project, "ru")[0] == before[0] + " " + before[1]
