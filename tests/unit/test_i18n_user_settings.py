"""The interface language is chosen by SUHBAT_LANG, the user's last choice or the locale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from i18n import detect_language
from i18n.user_settings import settings_path, store_language, stored_language


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private configuration folder and a neutral environment."""
    folder = tmp_path / "config"
    monkeypatch.setenv("SUHBAT_CONFIG_DIR", str(folder))
    for var in ("SUHBAT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    return folder


def test_english_without_any_hint(config: Path) -> None:
    assert detect_language() == "en"


def test_locale_environment_is_used(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert detect_language() == "kk"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert detect_language() == "ru"


def test_last_choice_beats_the_locale_and_survives_restarts(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    store_language("kk")
    assert settings_path() == config / "settings.json"
    assert json.loads(settings_path().read_text(encoding="utf-8")) == {"language": "kk"}
    assert stored_language() == "kk"
    assert detect_language() == "kk"
    monkeypatch.setenv("SUHBAT_LANG", "en")
    assert detect_language() == "en"


def test_other_settings_are_kept_and_bad_files_ignored(config: Path) -> None:
    config.mkdir()
    settings_path().write_text('{"theme": "nord", "language": "xx"}', encoding="utf-8")
    assert stored_language() is None
    store_language("ru")
    assert json.loads(settings_path().read_text(encoding="utf-8")) == {
        "theme": "nord",
        "language": "ru",
    }
    settings_path().write_text("not json", encoding="utf-8")
    assert stored_language() is None
    assert detect_language() == "en"
