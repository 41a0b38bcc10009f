"""The folder of a user's own suhbat settings and state (not a project's).

``$SUHBAT_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/suhbat``, else ``%APPDATA%/suhbat`` on
Windows, else ``~/.config/suhbat``. It lives in ``storage`` because both the storage layer
(remembered damage checks) and :mod:`i18n.user_settings` (the interface language, the
coder's name) keep files there, and ``i18n`` may import ``storage`` but not the reverse.
"""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "SUHBAT_CONFIG_DIR"
"""Environment variable naming the configuration folder (tests point it elsewhere)."""


def config_dir() -> Path:
    """The folder of the user's suhbat settings (it may not exist yet)."""
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg:
        return Path(xdg) / "suhbat"
    appdata = os.environ.get("APPDATA")
    if os.name == "nt" and appdata:
        return Path(appdata) / "suhbat"
    return Path.home() / ".config" / "suhbat"
