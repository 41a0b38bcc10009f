"""``suhbat transcript list|rename|move|delete|set-language|split|join``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from exports.transcript_import import import_transcript, import_translation
from storage import Store
from tui.cli import cli


def run(*args: str | Path, answer: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args], input=answer, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "study.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
        store.sessions.add("Интервью 8")
        ru = next(x for x in store.transcripts.layers() if x.language == "ru")
        code = store.codes.add("Бюрократия")
        store.codings.add(code.id, ru.id, 0, 10, store.coders.get("a").id)
    return path


def test_list_rename_move_and_set_language(project: Path) -> None:
    code, out, err = run("transcript", "list", project, "--json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["languages"] == ["ru", "en"] and row["codings"] == 1 and row["utterances"] > 5

    assert run("transcript", "rename", project, "interview_07", "Интервью 7")[0] == 0
    assert run("transcript", "move", project, "Интервью 7", "Интервью 8")[0] == 0
    code, out, err = run("transcript", "set-language", project, "Интервью 7", "en", "kk")
    assert code == 0, err
    with Store(project) as store:
        (t,) = store.transcripts.all()
        assert t.title == "Интервью 7"
        assert store.sessions.get(t.session_id).title == "Интервью 8"
        assert [x.language for x in store.transcripts.layers(t.id)] == ["ru", "kk"]

    code, _out, err = run("transcript", "set-language", project, "Интервью 7", "kk", "ru")
    assert code == 1 and "ru" in err


def test_delete_says_what_goes_and_asks(project: Path) -> None:
    code, out, err = run("transcript", "delete", project, "interview_07", answer="n\n")
    assert code == 0 and "1 coding" in err and "Nothing deleted" in out
    with Store(project) as store:
        assert len(store.transcripts.all()) == 1
    code, out, err = run("transcript", "delete", project, "interview_07", "--yes")
    assert code == 0, err
    with Store(project) as store:
        assert store.transcripts.all() == [] and store.codings.all() == []
    code, _out, err = run("transcript", "delete", project, "interview_07", "--yes")
    assert code == 1 and "interview_07" in err


ANSWER = "4"
"""The number of the answer that starts «Согласование занимает слишком много времени,»."""


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


def test_split_then_join_gives_the_text_back_with_its_codings(coded_across_path: Path) -> None:
    project = coded_across_path
    before = _texts(project, "ru")
    offset = str(before[int(ANSWER) - 1].index("особенно"))
    code, out, err = run("transcript", "split", project, "interview_07", ANSWER, offset)
    assert code == 0, err
    assert "времени,» | «особенно" in out
    after = _texts(project, "ru")
    assert after[3].endswith("времени,") and after[4].startswith("особенно")
    assert _texts(project, "en")[4] == ""
    with Store(project, read_only=True) as store:
        text = store.transcripts.layers()[0].text
        coded = [text[c.start : c.end] for c in store.codings.all()]
        assert sorted(coded) == ["времени,", "особенно"]

    code, out, err = run("transcript", "join", project, "interview_07", ANSWER)
    assert code == 0, err
    assert _texts(project, "ru") == before


def test_split_counts_the_offset_in_the_layer_asked_for(project: Path) -> None:
    offset = str(_texts(project, "en")[3].index("especially"))
    code, _out, err = run(
        "transcript", "split", project, "interview_07", ANSWER, offset, "--layer", "en"
    )
    assert code == 0, err
    assert _texts(project, "en")[4].startswith("especially")
    assert _texts(project, "ru")[4] == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("split", ANSWER, "10000"), "outside the utterance"),
        (("split", ANSWER, "0"), "empty"),
        (("split", "99", "3"), "from 1 to"),
        (("split", ANSWER, "3", "--layer", "kk"), "no kk layer"),
        (("join", "10"), "last one"),
        (("join", "0"), "from 1 to"),
        (("join", "1"), "--force"),
    ],
)
def test_bad_split_or_join_is_one_line_exit_one_and_the_file_unchanged(
    project: Path, args: tuple[str, ...], words: str
) -> None:
    before = _state(project)
    code, out, err = run("transcript", args[0], project, "interview_07", *args[1:])
    assert code == 1 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1
    assert _state(project) == before


def test_join_refusal_is_translated_and_force_joins_two_speakers(project: Path) -> None:
    code, _out, err = run("--lang", "ru", "transcript", "join", project, "interview_07", "1")
    assert code == 1 and "--force" in err and "разные" in err
    before = _texts(project, "ru")
    code, _out, err = run("transcript", "join", project, "interview_07", "1", "--force")
    assert code == 0, err
    assert _texts(project, "ru")[0] == before[0] + " " + before[1]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1 utterance, 1 coding"), ("ru", "1 реплика, 1 кодирование")],
)
def test_list_says_one_utterance_in_the_singular(
    tmp_path: Path, language: str, expected: str
) -> None:
    text = tmp_path / "short.txt"
    text.write_text("R1: Одна реплика.\n", encoding="utf-8")
    path = tmp_path / "short.suhbat"
    with Store.create(path, languages=("ru",)) as store:
        import_transcript(store, text)
        layer = store.transcripts.layers()[0]
        store.codings.add(store.codes.add("Код").id, layer.id, 0, 4, store.coders.get("a").id)
    code, out, err = run("--lang", language, "transcript", "list", path)
    assert code == 0, err
    assert out.rstrip().endswith("\t" + expected)
