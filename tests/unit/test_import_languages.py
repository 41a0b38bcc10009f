"""A transcript's language must be one of the project's: typed codes are checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from exports.transcript_import import import_transcript, import_translation
from storage import Store, ValidationError
from tui.cli import cli


def test_language_option_is_read_as_a_project_code(store: Store, fixtures_dir: Path) -> None:
    report = import_transcript(store, fixtures_dir / "interview_07.ru.txt", language=" RU ")
    assert report.languages == ("ru",)
    assert [layer.language for layer in store.transcripts.layers()] == ["ru"]


def test_unknown_language_is_refused_and_nothing_is_written(
    store: Store, fixtures_dir: Path
) -> None:
    with pytest.raises(ValidationError) as error:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt", language="русский")
    assert str(error.value) == (
        "interview_07.ru.txt: Unknown language 'русский': this project's languages are ru, kk, en"
    )
    assert store.info().transcripts == 0 and store.sessions.all() == []


def test_translation_language_is_checked(store: Store, fixtures_dir: Path) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    with pytest.raises(ValidationError, match="ru, kk, en"):
        import_translation(
            store, fixtures_dir / "interview_07.en.txt", "interview_07", language="de"
        )
    import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07", language="EN")
    assert [layer.language for layer in store.transcripts.layers()] == ["ru", "en"]


def test_file_name_tag_that_is_not_a_project_language_is_not_a_language(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    odd = tmp_path / "interview_07.abc.txt"
    shutil.copyfile(fixtures_dir / "interview_07.ru.txt", odd)
    assert import_transcript(store, odd).languages == ("ru",)


def test_cli_refuses_an_unknown_language(tmp_path: Path, fixtures_dir: Path) -> None:
    project = tmp_path / "study.suhbat"
    Store.create(project, languages=("ru", "kk", "en")).close()
    result = CliRunner().invoke(
        cli,
        [
            "import",
            str(project),
            str(fixtures_dir / "interview_07.ru.txt"),
            "--language",
            "русский",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 1
    assert "Unknown language 'русский': this project's languages are ru, kk, en" in result.stderr
    with Store(project) as store:
        assert store.info().transcripts == 0
