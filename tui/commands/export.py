"""``suhbat export``: write Word, CSV/XLSX and REFI-QDA files from a project.

Each format is a subcommand of the :data:`export` group (``docx``, ``codebook``,
``report``, ``csv``, ``xlsx``; REFI-QDA adds ``qdc`` and ``qdpx``). Documents
are written in the UI language unless ``--language`` says otherwise; people
appear under their pseudonyms unless ``--real-names`` is given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from exports.report_options import SECTIONS
from i18n import LANGUAGES, _, get_language
from storage import Store
from tui.commands.common import fail, project_argument
from tui.commands.export_open import open_for_export, open_transcripts_for_export
from tui.commands.export_options import transcripts_option
from tui.commands.overwrite import force_option, refuse_to_overwrite
from tui.commands.redact_option import redact_option

F = TypeVar("F", bound=Callable[..., Any])


class ExportGroup(click.Group):
    """The export group: a file that cannot be written is a clean error, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as error:
            fail(error)


@click.group(
    cls=ExportGroup, help=_("Export transcripts, codebook, report, tables or REFI-QDA files.")
)
def export() -> None:
    """Write project data to files other tools read."""


def language_option() -> Callable[[F], F]:
    """``--language``: the language of the exported document (default: the UI language)."""
    return click.option(
        "--language",
        type=click.Choice(LANGUAGES),
        default=None,
        help=_("Language of the document (labels, dates, numbers); default: the UI language."),
    )


def real_names_option() -> Callable[[F], F]:
    """``--real-names``: show participants' real names instead of pseudonyms."""
    return click.option(
        "--real-names",
        is_flag=True,
        help=_("Show participants' real names instead of pseudonyms (off by default)."),
    )


def csv_list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def report_written(paths: list[Path]) -> None:
    for path in paths:
        click.echo(_("Wrote {path}").format(path=path))


@export.command("docx", help=_("Transcripts as Word documents with codings as comments."))
@project_argument()
@click.argument("out", type=click.Path(path_type=Path))
@transcripts_option()
@click.option(
    "--each",
    is_flag=True,
    help=_("One document per transcript; OUT is then a directory."),
)
@click.option(
    "--layers",
    default=None,
    help=_("Layer languages to include, in order (e.g. ru,en); several make a table."),
)
@click.option(
    "--codes",
    "codes_as",
    type=click.Choice(["comments", "highlight", "none"]),
    default="comments",
    show_default=True,
    help=_("Codings as Word comments, as highlights with a legend, or left out."),
)
@click.option("--coder", "coders", multiple=True, help=_("Only this coder's codings (repeatable)."))
@language_option()
@real_names_option()
@redact_option()
@force_option()
def export_docx(
    project: Path,
    out: Path,
    transcripts: tuple[str, ...],
    each: bool,
    layers: str | None,
    codes_as: str,
    coders: tuple[str, ...],
    language: str | None,
    real_names: bool,
    redact: Path | None,
    force: bool,
) -> None:
    """Write transcripts of PROJECT to OUT (.docx, or a directory with --each)."""
    from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx

    options = TranscriptDocxOptions(
        language=language or get_language(),
        layers=csv_list(layers),
        codes_as=codes_as,  # type: ignore[arg-type]
        coders=coders,
        real_names=real_names,
    )
    with open_transcripts_for_export(
        project, out, redact, transcripts, force=force, real_names=real_names
    ) as chosen:
        paths = write_transcripts_docx(
            chosen.source, out, chosen.ids, options, one_per_transcript=each
        )
    report_written(paths)


@export.command("codebook", help=_("The codebook as a Word document."))
@project_argument()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--names-in",
    default=None,
    help=_("Languages of code names to show, first in headings (e.g. en,ru,kk)."),
)
@click.option("--no-frequencies", is_flag=True, help=_("Leave out code frequencies."))
@click.option(
    "--coder", "coders", multiple=True, help=_("Count only this coder's codings (repeatable).")
)
@language_option()
@redact_option()
@force_option()
def export_codebook(
    project: Path,
    out: Path,
    names_in: str | None,
    no_frequencies: bool,
    coders: tuple[str, ...],
    language: str | None,
    redact: Path | None,
    force: bool,
) -> None:
    """Write the codebook of PROJECT to OUT (.docx)."""
    from exports.docx_codebook import CodebookDocxOptions, write_codebook_docx

    options = CodebookDocxOptions(
        language=language or get_language(),
        names_in=csv_list(names_in),
        frequencies=not no_frequencies,
        coders=coders,
    )
    with open_for_export(project, out, redact, force=force) as source:
        path = write_codebook_docx(source, out, options)
    report_written([path])


def _tables_option() -> Callable[[F], F]:
    from exports.table_catalog import table_names

    return click.option(
        "--table",
        "tables",
        multiple=True,
        type=click.Choice(table_names()),
        help=_("Table to export (repeatable); default: every table."),
    )


def _build_tables(
    store: Store, tables: tuple[str, ...], language: str, real_names: bool
) -> list[Any]:
    from exports.study.loading import load_study
    from exports.table_catalog import TableContext, build_tables
    from storage.pseudonyms import PeopleNames

    texts = not tables or "segments" in tables  # only the segment list reads texts
    data = load_study(store, language=language, with_text=texts, with_utterances=texts)
    names = PeopleNames.of(store.participants.all(), real_names=real_names)
    return build_tables(data, tables, TableContext(names, language))


@export.command("csv", help=_("Tables and the coded-segment list as CSV files."))
@project_argument()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@_tables_option()
@click.option(
    "--no-bom", is_flag=True, help=_("Write UTF-8 without a byte-order mark (Excel needs one).")
)
@language_option()
@real_names_option()
@redact_option()
@force_option()
def export_csv(
    project: Path,
    out: Path,
    tables: tuple[str, ...],
    no_bom: bool,
    language: str | None,
    real_names: bool,
    redact: Path | None,
    force: bool,
) -> None:
    """Write one CSV per table of PROJECT into the directory OUT."""
    from exports.table_files import write_csv_files

    with open_for_export(project, out, redact, force=force, real_names=real_names) as source:
        built = _build_tables(source, tables, language or get_language(), real_names)
        written = write_csv_files(built, out, bom=not no_bom)
    report_written(written)


@export.command("xlsx", help=_("Tables and the coded-segment list as one Excel workbook."))
@project_argument()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_tables_option()
@language_option()
@real_names_option()
@redact_option()
@force_option()
def export_xlsx(
    project: Path,
    out: Path,
    tables: tuple[str, ...],
    language: str | None,
    real_names: bool,
    redact: Path | None,
    force: bool,
) -> None:
    """Write the tables of PROJECT to the workbook OUT (.xlsx), one sheet each."""
    from exports.table_files import write_xlsx

    lang = language or get_language()
    with open_for_export(project, out, redact, force=force, real_names=real_names) as source:
        built = _build_tables(source, tables, lang, real_names)
        written = [write_xlsx(built, out, language=lang)]
    report_written(written)


@export.command("report", help=_("A study report (tables, saturation, agreement, quotes) as Word."))
@project_argument()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--section",
    "sections",
    multiple=True,
    type=click.Choice(SECTIONS),
    help=_("Section to include (repeatable); default: all."),
)
@click.option("--title", default="", help=_("Report title (default: 'Study report')."))
@click.option(
    "--crosstab",
    "crosstab_attributes",
    multiple=True,
    help=_("Participant attribute to cross codes with (repeatable); default: every category."),
)
@click.option("--saturation-base", default=4, show_default=True, help=_("Base size (sessions)."))
@click.option("--saturation-run", default=2, show_default=True, help=_("Run length (sessions)."))
@click.option(
    "--saturation-threshold",
    "thresholds",
    multiple=True,
    type=float,
    help=_("New-information threshold in percent (repeatable); default: 5 and 0."),
)
@click.option(
    "--saturation-mode",
    type=click.Choice(["rolling", "disjoint"]),
    default="rolling",
    show_default=True,
    help=_("Rolling or disjoint runs."),
)
@click.option(
    "--segment-threshold",
    type=float,
    default=90,
    show_default=True,
    help=_("Overlap (percent) at which two coders' segments agree."),
)
@click.option("--quotes", default=3, show_default=True, help=_("Quotes per theme."))
@click.option(
    "--workbook",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=_(
        "Also write every table to this Excel workbook, as 'export xlsx' does;"
        " statistics both show are computed once."
    ),
)
@language_option()
@real_names_option()
@redact_option()
@force_option()
def export_report(
    project: Path,
    out: Path,
    sections: tuple[str, ...],
    title: str,
    crosstab_attributes: tuple[str, ...],
    saturation_base: int,
    saturation_run: int,
    thresholds: tuple[float, ...],
    saturation_mode: str,
    segment_threshold: float,
    quotes: int,
    workbook: Path | None,
    language: str | None,
    real_names: bool,
    redact: Path | None,
    force: bool,
) -> None:
    """Write a report on PROJECT to OUT (.docx)."""
    if workbook is not None:
        refuse_to_overwrite([workbook], force=force)
    from exports.docx_report import ReportOptions, write_report_docx

    options = ReportOptions(
        language=language or get_language(),
        sections=sections or SECTIONS,
        real_names=real_names,
        title=title,
        crosstab_attributes=crosstab_attributes,
        saturation_base=saturation_base,
        saturation_run=saturation_run,
        saturation_thresholds=thresholds or (5, 0),
        saturation_mode=saturation_mode,
        segment_threshold=segment_threshold,
        quotes_per_theme=quotes,
    )
    with open_for_export(project, out, redact, force=force, real_names=real_names) as source:
        path = write_report_docx(source, out, options, workbook=workbook)
    report_written([path] if workbook is None else [path, workbook])


def _add_refi_commands() -> None:
    """Add ``qdc`` and ``qdpx`` (REFI-QDA, in :mod:`tui.commands.refi`) to the group."""
    from tui.commands.refi import export_qdc, export_qdpx

    export.add_command(export_qdc)
    export.add_command(export_qdpx)


_add_refi_commands()


def _add_timed_formats() -> None:
    """Subtitles and ELAN files live in their own module; they are commands of this group."""
    from tui.commands.export_timed import export_eaf, export_subtitles

    export.add_command(export_subtitles)
    export.add_command(export_eaf)


_add_timed_formats()
