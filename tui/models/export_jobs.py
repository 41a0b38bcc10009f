"""What the Export screen asks for, and running it (headless, used from a worker thread)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from exports.progress import Progress, no_progress
from exports.redacted_view import open_redacted
from exports.redaction import Redactor
from exports.redaction_log import report_path
from exports.report_options import SECTIONS, ReportOptions
from exports.study.loading import load_study
from exports.table_catalog import TableContext, build_tables, table_names
from i18n import _, ngettext
from storage import Store
from storage.pseudonyms import PeopleNames

if TYPE_CHECKING:
    from exports.docx_transcript import CodesAs

ExportKind = Literal["transcripts", "codebook", "report", "xlsx", "csv", "qdpx", "qdc"]
EXPORT_KINDS: tuple[ExportKind, ...] = (
    "transcripts",
    "codebook",
    "report",
    "xlsx",
    "csv",
    "qdpx",
    "qdc",
)
REFI_KINDS: tuple[ExportKind, ...] = ("qdpx", "qdc")
"""REFI-QDA exports: no document language, never real names."""


@dataclass(frozen=True)
class ExportJob:
    """One export as chosen on the screen (``redaction``: a redaction list to apply)."""

    kind: ExportKind
    out: Path
    language: str = "en"
    real_names: bool = False
    transcript_ids: tuple[int, ...] = ()
    layers: tuple[str, ...] = ()
    codes_as: CodesAs = "comments"
    one_per_transcript: bool = False
    names_in: tuple[str, ...] = ()
    frequencies: bool = True
    sections: tuple[str, ...] = SECTIONS
    tables: tuple[str, ...] = field(default_factory=lambda: tuple(table_names()))
    include_sensitive: bool = False
    redaction: Path | None = None


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote, and what it could not carry (translated warnings)."""

    files: list[Path]
    warnings: list[str] = field(default_factory=list)


def default_name(project: Path, kind: ExportKind, one_per_transcript: bool = False) -> str:
    """The file (or folder) name an export gets unless the user types another."""
    stem = project.stem
    if kind == "transcripts":
        return f"{stem}-transcripts" + ("" if one_per_transcript else ".docx")
    if kind == "csv":
        return f"{stem}-tables"
    if kind == "xlsx":
        return f"{stem}-tables.xlsx"
    if kind == "qdpx":
        return f"{stem}.qdpx"
    if kind == "qdc":
        return f"{stem}-codebook.qdc"
    return f"{stem}-{kind}.docx"


def run_export(store: Store, job: ExportJob, progress: Progress = no_progress) -> ExportResult:
    """Write the export described by ``job``; returns the files written and any warnings."""
    if job.redaction is not None:
        return _redacted(store, job, progress)
    # The writers (python-docx, lxml) are imported when an export runs, not with the screen.
    from exports.refi import write_qdc, write_qdpx

    if job.kind == "qdpx":
        report = write_qdpx(
            store, job.out, include_sensitive=job.include_sensitive, progress=progress
        )
        return ExportResult([report.path], [w.text() for w in report.warnings])
    if job.kind == "qdc":
        progress(0, 1)
        path = write_qdc(store, job.out)
        progress(1, 1)
        return ExportResult([path])
    return ExportResult(_write_files(store, job, progress))


def _redacted(store: Store, job: ExportJob, progress: Progress) -> ExportResult:
    """The export read through a redacted view of ``store``; its report written beside it."""
    assert job.redaction is not None
    redactor = Redactor.from_file(job.redaction)
    real_names = job.real_names and job.kind not in REFI_KINDS
    with open_redacted(store, redactor, real_names=real_names) as view:
        result = run_export(view, dataclasses.replace(job, redaction=None), progress)
        log = view.log
    report = log.write(report_path(job.out))
    count = ngettext("Redacted {n} occurrence", "Redacted {n} occurrences", log.count)
    where = _("Redaction report (it names what was replaced; keep it private): {path}")
    notes = [count.format(n=log.count), where.format(path=report)]
    return ExportResult(result.files, [*result.warnings, *notes])


def _write_files(store: Store, job: ExportJob, progress: Progress) -> list[Path]:
    from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx
    from exports.docx_report import write_report_docx
    from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
    from exports.table_files import write_csv_files, write_xlsx

    if job.kind == "transcripts":
        options = TranscriptDocxOptions(
            language=job.language,
            layers=job.layers,
            codes_as=job.codes_as,
            real_names=job.real_names,
        )
        return write_transcripts_docx(
            store,
            job.out,
            list(job.transcript_ids),
            options,
            one_per_transcript=job.one_per_transcript,
            progress=progress,
        )
    if job.kind == "codebook":
        progress(0, 1)
        path = write_codebook_docx(
            store,
            job.out,
            CodebookDocxOptions(
                language=job.language, names_in=job.names_in, frequencies=job.frequencies
            ),
        )
        progress(1, 1)
        return [path]
    if job.kind == "report":
        options_report = ReportOptions(
            language=job.language, sections=job.sections, real_names=job.real_names
        )
        return [write_report_docx(store, job.out, options_report, progress=progress)]
    total = len(job.tables) + 2
    progress(0, total)
    data = load_study(store, language=job.language, with_text="segments" in job.tables)
    context = TableContext(
        PeopleNames.of(store.participants.all(), real_names=job.real_names), job.language
    )
    progress(1, total)
    tables = []
    for index, name in enumerate(job.tables, start=2):
        tables += build_tables(data, [name], context)
        progress(index, total)
    if job.kind == "csv":
        written = write_csv_files(tables, job.out)
    else:
        written = [write_xlsx(tables, job.out, language=job.language)]
    progress(total, total)
    return written
