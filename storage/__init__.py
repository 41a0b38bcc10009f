"""suhbat's project file: schema, migrations, the Store API, text normalisation and search.

Headless: imports nothing from the rest of suhbat and never imports textual.
"""

from typing import TYPE_CHECKING

from storage.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    ProjectError,
    SuhbatError,
    ValidationError,
)

if TYPE_CHECKING:
    from storage.store import Store

__all__ = [
    "ConflictError",
    "InputError",
    "NotFoundError",
    "ProjectError",
    "Store",
    "SuhbatError",
    "ValidationError",
]


def __getattr__(name: str) -> object:
    """``Store`` is imported on first use: ``--help`` and i18n need only the errors."""
    if name == "Store":
        from storage.store import Store

        return Store
    raise AttributeError(f"module 'storage' has no attribute {name!r}")
