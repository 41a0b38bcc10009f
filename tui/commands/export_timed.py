"""``suhbat export subtitles`` and ``suhbat export eaf``: transcripts with their times."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from i18n import _
from tui.commands.common import project_argument
from tui.commands.export_open import open_transcripts_for_export
from tui.commands.export_options import transcripts_option
from tui.commands.overwrite import force_option
from tui.commands.redact_option import redact_option

F = TypeVar("F", bound=Callable[..., Any])


def _layers_option() -> Callable[[F], F]:
    return click.option(
        "--layers", default=None, help=_("Layer languages to write (e.g. ru,en); default: all.")
    )


@click.command("subtitles", help=_("Transcripts as WebVTT or SRT subtitles, one file per layer."))
@project_argument()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "kind",
    type=click.Choice(["vtt", "srt"]),
    default="vtt",
    show_default=True,
    help=_("WebVTT (speakers as voice spans) or SRT (speakers before the text)."),
)
@transcripts_option()
@_layers_option()
@redact_option()
@force_option()
def export_subtitles(
    project: Path,
    out: Path,
    kind: str,
    transcripts: tuple[str, ...],
    layers: str | None,
    redact: Path | None,
    force: bool,
) -> None:
    """Write subtitles of PROJECT's transcripts into the folder OUT."""
    _export(project, out, kind, transcripts, layers, redact, force)


@click.command("eaf", help=_("Transcripts as ELAN files: a tier per speaker, translations below."))
@project_argument()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@transcripts_option()
@_layers_option()
@redact_option()
@force_option()
def export_eaf(
    project: Path,
    out: Path,
    transcripts: tuple[str, ...],
    layers: str | None,
    redact: Path | None,
    force: bool,
) -> None:
    """Write ELAN files of PROJECT's transcripts into the folder OUT."""
    _export(project, out, "eaf", transcripts, layers, redact, force)


def _export(
    project: Path,
    out: Path,
    kind: str,
    transcripts: tuple[str, ...],
    layers: str | None,
    redact: Path | None,
    force: bool,
) -> None:
    from exports.transcripts.timed_export import TimedFormat, write_timed
    from tui.commands.export import csv_list, report_written

    with open_transcripts_for_export(project, out, redact, transcripts, force=force) as chosen:
        paths = write_timed(
            chosen.source,
            out,
            chosen.ids,
            cast("TimedFormat", kind),
            csv_list(layers),
            media_store=chosen.store,
        )
    report_written(paths)
