"""suhbat's project file: schema, migrations, the Store API, text normalisation and search.

Headless: imports nothing from the rest of suhbat and never imports textual.
"""

from storage.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    ProjectError,
    SuhbatError,
    ValidationError,
)
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
