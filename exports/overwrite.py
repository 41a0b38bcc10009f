"""Whether an export would replace something already on disk (asked before writing).

An export never replaces an existing file or fills a folder that already holds files
without the user saying so: the CLI needs ``--force``, the app asks. An empty folder,
or a path that does not exist yet, is free.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from exports.redaction_log import report_path


def is_taken(path: Path) -> bool:
    """True if ``path`` is a file, or a folder with anything in it."""
    try:
        if path.is_dir():
            return any(path.iterdir())
        return path.exists() or path.is_symlink()
    except OSError:
        return False  # unreadable: the export itself reports why it cannot write there


def export_outputs(out: Path, *, redacted: bool = False) -> list[Path]:
    """The paths an export to ``out`` writes: ``out``, and the redaction report if any."""
    return [out, report_path(out)] if redacted else [out]


def taken_outputs(paths: Iterable[Path]) -> list[Path]:
    """The paths among ``paths`` that an export would replace or write into."""
    return [path for path in paths if is_taken(path)]
