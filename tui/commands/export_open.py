"""How every export command opens its project: refuse to overwrite, read-only, maybe redacted."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from storage import Store
from tui.commands.common import open_store
from tui.commands.overwrite import refuse_to_overwrite_export
from tui.commands.redact_option import export_source


@contextmanager
def open_for_export(
    project: Path, out: Path, redact: Path | None, *, force: bool, real_names: bool = False
) -> Iterator[Store]:
    """The project to export to ``out``: read-only, through ``--redact``'s view if given.

    Stops first (a clean CLI error) when ``out`` or its redaction report exists and
    ``force`` is not set; the redaction report is written when the export succeeded.
    """
    refuse_to_overwrite_export(out, redact, force=force)
    with (
        open_store(project, read_only=True) as store,
        export_source(store, redact, out, real_names=real_names) as source,
    ):
        yield source
