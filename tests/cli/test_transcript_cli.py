"""``suhbat transcript list|rename|move|delete|set-language``."""

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
