"""Writing a whole project as a REFI-QDA project exchange file (``.qdpx``).

The archive holds ``project.qde`` and ``sources/<guid>.txt`` for every
transcript layer (UTF-8 without BOM, ``\\n`` line ends). It is written to a
temporary file next to the target and renamed at the end, so a failed export
never leaves a half-written file behind (:func:`exports.file_names.atomic_path`,
like every export: missing folders are made, the file is private to its owner).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from exports.file_names import atomic_path
from exports.progress import Progress, no_progress
from exports.refi.notices import Notice
from exports.refi.qde_writer import ProjectWriter
from storage import Store

COMPRESSION_LEVEL = 1
"""Fast deflate: nearly as small as the default level, in a fraction of the time."""


@dataclass
class RefiExportReport:
    """What an export wrote: the file, counts and what REFI-QDA could not carry."""

    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[Notice] = field(default_factory=list)


def write_qdpx(
    store: Store,
    out: str | os.PathLike[str],
    *,
    include_sensitive: bool = False,
    progress: Progress = no_progress,
) -> RefiExportReport:
    """Export ``store`` to ``out`` as QDPX; return a report of what was written."""
    target = Path(out)
    writer = ProjectWriter(store, include_sensitive=include_sensitive)
    xml = writer.xml(progress)
    with (
        atomic_path(target) as temporary,
        zipfile.ZipFile(
            temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL
        ) as archive,
    ):
        archive.writestr("project.qde", xml)
        for name, text in writer.texts.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))
    return RefiExportReport(target, dict(writer.counts), list(writer.notices.items))
