"""Whether LibreOffice and the part of it a test needs (Writer, Calc) are installed.

``soffice`` alone is not enough: Debian's ``libreoffice-writer-nogui`` brings ``soffice``
without Calc, and Calc then answers "source file could not be loaded" for a workbook.
"""

from __future__ import annotations

import shutil
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
