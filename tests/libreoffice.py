"""Whether LibreOffice and the part of it a test needs (Writer, Calc) are installed.

``soffice`` alone is not enough: Debian's ``libreoffice-writer-nogui`` brings ``soffice``
without Calc, and Calc then answers "source file could not be loaded" for a workbook.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

LIBRARIES = {"writer": "swlo", "calc": "sclo"}
SUFFIXES = (".so", ".dylib", ".dll")


def has_libreoffice(component: str) -> bool:
    """Whether ``soffice`` is on the PATH with ``component`` (``writer`` or ``calc``)."""
    found = shutil.which("soffice")
    if found is None:
        return False
    program = Path(found).resolve().parent
    name = LIBRARIES[component]
    return any(
        (program / f"{prefix}{name}{suffix}").exists()
        for prefix in ("lib", "")
        for suffix in SUFFIXES
    )


def needs_libreoffice(component: str) -> pytest.MarkDecorator:
    """Skip a test, saying why, unless LibreOffice with ``component`` is installed."""
    return pytest.mark.skipif(
        not has_libreoffice(component),
        reason=f"LibreOffice with {component.capitalize()} is not installed",
    )


def convert_with_libreoffice(
    files: Sequence[Path], to: str, folder: Path
) -> subprocess.CompletedProcess[str]:
    """Convert ``files`` into ``folder`` as ``to`` (``fodt``, ``fods``) with headless LibreOffice.

    It runs with a fresh user profile in ``folder``, so no setting of this machine counts.
    """
    profile = (folder / "profile").as_uri()
    return subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
