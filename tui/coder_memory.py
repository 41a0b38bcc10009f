"""Who codes a project, remembered per user and per project (in the user's settings file).

A project file travels between coders (copies merged later), so the coder is not a
project setting: the project's default or last coder would make a second coder's
codings look like the first one's and silently spoil intercoder agreement. Each user
keeps, in their own settings (:mod:`i18n.user_settings`), the name they code a project
under, keyed by the project's UUID (stable across copies and renames).
"""

from __future__ import annotations

from contextlib import suppress

from i18n.user_settings import read_settings, write_settings

CODERS_KEY = "coders"
"""The settings entry mapping project UUIDs to coder names."""


def remembered_coder(project_uuid: str) -> str | None:
    """The name this user codes the project under, if they said so before."""
    coders = read_settings().get(CODERS_KEY)
    if not isinstance(coders, dict):
        return None
    name = coders.get(project_uuid)
    return name if isinstance(name, str) and name.strip() else None


def remember_coder(project_uuid: str, name: str) -> None:
    """Remember that this user codes the project as ``name`` (other settings are kept).

    A settings folder that cannot be written is not an error: the name is then asked again.
    """
    settings = read_settings()
    coders = settings.get(CODERS_KEY)
    coders = dict(coders) if isinstance(coders, dict) else {}
    coders[project_uuid] = name
    settings[CODERS_KEY] = coders
    with suppress(OSError):
        write_settings(settings)
