"""Removing the temporary files that killed runs left beside a project, saying so once.

Both the CLI (every command that opens a project) and the app (when it opens one)
call :func:`remove_stale_files`; see :mod:`storage.temp_files` for what is stale.
"""

from __future__ import annotations

from pathlib import Path

from i18n import ngettext
from storage.temp_files import remove_stale_for


def stale_files_message(removed: list[Path]) -> str:
    """One line naming the temporary files of interrupted runs that were removed."""
    return ngettext(
        "removed {count} temporary file left by an interrupted run: {files}",
        "removed {count} temporary files left by interrupted runs: {files}",
        len(removed),
    ).format(count=len(removed), files=", ".join(str(p) for p in removed))


def remove_stale_files(project: str | Path) -> str | None:
    """Remove stale temporary files of ``project``; the line to show, or None if none."""
    removed = remove_stale_for(project)
    return stale_files_message(removed) if removed else None
