"""How every export command opens its project: refuse to overwrite, read-only, maybe redacted."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from storage import NotFoundError, Store
from storage.errors import N_
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


@dataclass(frozen=True)
class ChosenTranscripts:
    """The transcripts an export writes, and the project it reads them from."""

    store: Store
    """The project itself (recordings are looked up here, never redacted)."""
    source: Store
    """What the export reads: ``store``, or its redacted view with ``--redact``."""
    ids: list[int]


@contextmanager
def open_transcripts_for_export(
    project: Path,
    out: Path,
    redact: Path | None,
    names: tuple[str, ...],
    *,
    force: bool,
    real_names: bool = False,
) -> Iterator[ChosenTranscripts]:
    """:func:`open_for_export` for the transcripts called ``names`` (all when empty).

    The names are looked up in the project as stored, before any redaction.
    """
    refuse_to_overwrite_export(out, redact, force=force)
    with open_store(project, read_only=True) as store:
        ids = resolve_transcripts(store, names)
        with export_source(store, redact, out, real_names=real_names) as source:
            yield ChosenTranscripts(store, source, ids)


def resolve_transcripts(store: Store, names: tuple[str, ...]) -> list[int]:
    """Transcript ids for titles, source file names or session titles (all when empty)."""
    if not names:
        return [t.id for t in store.transcripts.all()]
    ids: list[int] = []
    for name in names:
        transcript = store.transcripts.find(name)
        if transcript is not None:
            ids.append(transcript.id)
            continue
        session = store.sessions.find(name)
        if session is None or not store.transcripts.all(session.id):
            raise NotFoundError(N_("No transcript or session called {name!r}"), name=name)
        ids.extend(t.id for t in store.transcripts.all(session.id))
    return list(dict.fromkeys(ids))
