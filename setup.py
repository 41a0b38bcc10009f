"""Build hook: the wheel carries compiled message catalogs (``.mo``), not the ``.po`` sources.

Everything else about the package is declared in ``pyproject.toml``. ``build_py`` compiles
``i18n/locales/<lang>/LC_MESSAGES/suhbat.po`` into the build tree, so an installed suhbat
reads ``.mo`` files and never parses ``.po`` at start-up.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent


class BuildWithCatalogs(build_py):
    """``build_py`` that also writes the compiled catalogs beside the package files."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the .mo files `make setup` compiles in place
        sys.path.insert(0, str(SOURCE))
        from i18n.extraction import compile_catalogs

        target = Path(self.build_lib) / "i18n" / "locales"
        for written in compile_catalogs(directory=target):
            print(f"compiled {written.relative_to(self.build_lib)}")


setup(cmdclass={"build_py": BuildWithCatalogs})
