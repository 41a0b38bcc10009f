"""Importing a REFI-QDA file (QDPX, QDE or QDC) into a project, in one transaction.

The file is read and checked completely first (safely: see :mod:`safe_zip` and
:mod:`safe_xml`); then everything is written inside one Store transaction, so a
failure leaves the project exactly as it was. Whatever suhbat cannot represent
is listed in the report's warnings, as the REFI-QDA standard requires.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from exports.file_errors import errors_name
from exports.refi.import_codes import import_codes, import_users
from exports.refi.import_context import ImportContext, RefiImportReport
from exports.refi.import_media import link_media
from exports.refi.import_notes import import_notes
from exports.refi.import_people import import_cases
from exports.refi.import_sources import group_sources, import_groups, link_cases
from exports.refi.import_texts import PreparedSource, prepare_source
from exports.refi.namespaces import origin_languages
from exports.refi.notices import Notices
from exports.refi.qdpx_reader import read_refi
from exports.refi.refi_model import RefiProject
from storage import Store
from storage.errors import N_, NN_

_SKIPPED = {
    "picture sources": NN_(
        "{count} picture source was not imported (suhbat holds texts only)",
        "{count} picture sources were not imported (suhbat holds texts only)",
    ),
    "PDF sources": NN_(
        "{count} PDF source was not imported (suhbat holds texts only)",
        "{count} PDF sources were not imported (suhbat holds texts only)",
    ),
    "audio selections": NN_(
        "{count} audio selection was not imported (suhbat codes transcripts, not recordings)",
        "{count} audio selections were not imported (suhbat codes transcripts, not recordings)",
    ),
    "video selections": NN_(
        "{count} video selection was not imported (suhbat codes transcripts, not recordings)",
        "{count} video selections were not imported (suhbat codes transcripts, not recordings)",
    ),
    "graphs": NN_(
        "{count} graph (network) was not imported",
        "{count} graphs (networks) were not imported",
    ),
    "selections without valid positions": NN_(
        "{count} selection without valid positions was not imported",
        "{count} selections without valid positions were not imported",
    ),
    "transcript selections without sync points": NN_(
        "{count} transcript selection without sync points was not imported",
        "{count} transcript selections without sync points were not imported",
    ),
}


def _file_notices(project: RefiProject, notices: Notices, from_suhbat: bool) -> None:
    if project.invalid_guids:
        notices.add(
            NN_(
                "{count} id is not a GUID ({example!r}); a stable UUID was made from it",
                "{count} ids are not GUIDs (e.g. {example!r}); stable UUIDs were made from them",
            ),
            count=len(project.invalid_guids),
            example=project.invalid_guids[0],
        )
    if project.empty_sets:
        notices.add(N_("An empty <Sets/> element (not valid REFI-QDA) was ignored"))
    elif project.sets and not from_suhbat:
        notices.add(
            NN_(
                "{count} set was not imported (suhbat has no sets)",
                "{count} sets were not imported (suhbat has no sets)",
            ),
            count=project.sets,
        )
    for what, count in project.skipped.items():
        notices.add(
            _SKIPPED.get(what, N_("{count} {what} were not imported")), count=count, what=what
        )


def _prepare(project: RefiProject, notices: Notices, from_suhbat: bool) -> list[PreparedSource]:
    prepared = []
    referenced: set[str] | None = None  # built only if a selection may be uncoded
    uncoded = 0
    seen: set[str] = set()
    for source in project.sources:
        if source.guid in seen:
            notices.add(
                NN_(
                    "{source}: another source has the same GUID; this one and its {count}"
                    " coding were not imported",
                    "{source}: another source has the same GUID; this one and its {count}"
                    " codings were not imported",
                ),
                source=source.name or source.guid,
                count=sum(len(s.codings) for s in source.selections) + len(source.whole_codings),
            )
            continue
        seen.add(source.guid)
        if source.text is None:
            lost = sum(len(s.codings) for s in source.selections) + len(source.whole_codings)
            notices.add(
                NN_(
                    "{source}: its text is {problem}; the source and its {count} coding"
                    " were not imported",
                    "{source}: its text is {problem}; the source and its {count} codings"
                    " were not imported",
                ),
                source=source.name or source.guid,
                problem=source.text_problem or "missing",
                count=lost,
            )
            continue
        bare = [
            s.guid
            for s in source.selections
            if not s.codings and not s.note_refs and not s.description
        ]
        if bare:
            if referenced is None:
                referenced = {g for case in project.cases for g in case.selection_refs}
            uncoded += sum(1 for guid in bare if guid not in referenced)
        prepared.append(
            prepare_source(source, source.text, from_suhbat=from_suhbat, notices=notices)
        )
    if uncoded:
        notices.add(
            N_("{count} uncoded selections (free quotations) were not imported"), count=uncoded
        )
    return prepared


def import_refi(store: Store, path: str | os.PathLike[str]) -> RefiImportReport:
    """Import a QDPX/QDE project or a QDC codebook into ``store``; return what happened.

    Raises :class:`storage.errors.InputError` (and writes nothing) for a file that
    is unsafe, malformed or not REFI-QDA.
    """
    collecting = gc.isenabled()
    gc.disable()  # see _import
    try:
        with errors_name(Path(path).name):
            return _import(store, Path(path))
    finally:
        if collecting:
            gc.enable()


def _import(store: Store, path: Path) -> RefiImportReport:
    """:func:`import_refi` itself.

    It runs with Python's cyclic garbage collector paused: reading a big project
    makes millions of objects that all stay alive until the import ends (and hardly
    any of them form cycles), and the collector would otherwise walk all of them again
    and again while they are made (about a tenth of the import's time).
    """
    project = read_refi(path)
    notices = Notices()
    from_suhbat = origin_languages(project.origin) is not None
    _file_notices(project, notices, from_suhbat)
    prepared = _prepare(project, notices, from_suhbat)
    ctx = ImportContext(store, project, notices)
    with store.bulk.writes(), store.transcripts.deferred_indexing():
        import_users(ctx)
        import_codes(ctx)
        import_cases(ctx)
        import_groups(ctx, group_sources(ctx, prepared))
        link_cases(ctx)
        import_notes(ctx)
        link_media(ctx, path)
    return RefiImportReport(
        file=project.file,
        kind=project.kind,
        origin=project.origin,
        counts=dict(ctx.counts),
        warnings=list(notices.items),
    )
