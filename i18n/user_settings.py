"""The interface language a user chose last, kept in their own configuration folder.

The file is ``settings.json`` in ``$SUHBAT_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/suhbat``,
else ``%APPDATA%/suhbat`` on Windows, else ``~/.config/suhbat``. It belongs to the user,
not to a project: a Russian-speaking coder keeps a Russian interface on every project.
:func:`i18n.detect_language` consults it after ``SUHBAT_LANG`` and before the locale;
``suhbat --lang`` overrides everything for one run.
"""

from __future__ import annotations

import json
from pathlib import Path

from storage.user_folder import config_dir

SETTINGS_FILE = "settings.json"


def settings_path() -> Path:
    """The user's settings file."""
    return config_dir() / SETTINGS_FILE


def read_settings() -> dict[str, object]:
    """The user's settings; empty if the file is missing or unreadable."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def stored_language() -> str | None:
    """The interface language the user chose last, if it is one suhbat speaks."""
    from i18n import LANGUAGES

    value = read_settings().get("language")
    return value if isinstance(value, str) and value in LANGUAGES else None


def store_language(language: str) -> None:
    """Remember ``language`` for the next start (other settings are kept)."""
    store_setting("language", language)


def store_setting(key: str, value: object) -> None:
    """Remember one setting (others are kept).

    Written to a temporary file and moved into place, so a crash never leaves half a file.
    """
    settings = read_settings()
    settings[key] = value
    write_settings(settings)


def write_settings(settings: dict[str, object]) -> None:
    """Replace the user's settings file with ``settings`` (atomically)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(settings, ensure_ascii=False, indent=2) + "\n", "utf-8")
    temporary.replace(path)
