"""Writing a whole project as a REFI-QDA project exchange file (``.qdpx``).

The archive holds ``project.qde`` and ``sources/<guid>.txt`` for every
transcript layer (UTF-8 without BOM, ``\\n`` line ends). It is written to a
temporary file next to the target and renamed at the end, so a failed export
never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from exports.progress import Progress, no_progress
from exports.refi.notices import Notice
from exports.refi.qde_writer import ProjectWriter
from storage import Store
from storage.temp_files import PART, remove_stale, temp_prefix_tail

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
    remove_stale(target.parent or Path("."))  # partial exports of killed runs
    handle, temp = tempfile.mkstemp(
        dir=target.parent or Path("."),
        prefix=f".{target.name}.{temp_prefix_tail()}",
        suffix="." + PART,
    )
    os.close(handle)
    try:
        with zipfile.ZipFile(
            temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL
        ) as archive:
            archive.writestr("project.qde", xml)
            for name, text in writer.texts.items():
                archive.writestr(f"sources/{name}", text.encode("utf-8"))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return RefiExportReport(target, dict(writer.counts), list(writer.notices.items))
