"""``suhbat --lang`` and the environment choose the language of the CLI's help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _suhbat(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("SUHBAT_LANG", "LANGUAGE")}
    environment.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=environment,
        timeout=60,
        check=False,
    )


def test_lang_ru_shows_russian_command_help() -> None:
    result = _suhbat("--lang", "ru", "--help")
    assert result.returncode == 0, result.stderr
    assert "Команды" in result.stdout
    assert "Создать новый файл проекта." in result.stdout
    assert "Create a new project file." not in result.stdout


def test_lang_kk_shows_kazakh_help_of_a_subcommand() -> None:
    result = _suhbat("--lang", "kk", "init", "--help")
    assert result.returncode == 0, result.stderr
    assert "Жаңа жоба файлын жасау." in result.stdout


def test_environment_chooses_the_language_without_the_option() -> None:
    result = _suhbat("--help", env={"SUHBAT_LANG": "kk"})
    assert result.returncode == 0, result.stderr
    assert "Командалар" in result.stdout


def test_english_by_default() -> None:
    result = _suhbat("--help")
    assert result.returncode == 0, result.stderr
    assert "Create a new project file." in result.stdout


def test_clicks_own_texts_and_errors_follow_the_language() -> None:
    help_text = _suhbat("--lang", "ru", "--help").stdout
    assert help_text.startswith("Использование: suhbat")
    assert "Показать эту справку и выйти." in help_text
    assert "Язык интерфейса" in help_text
    error = _suhbat("--lang", "kk", "nosuch")
    assert error.returncode == 2
    assert "Қате: 'nosuch' деген команда жоқ." in error.stderr
    missing = _suhbat("--lang", "ru", "init")
    assert "Ошибка: Не указан аргумент 'ПРОЕКТ'." in missing.stderr
