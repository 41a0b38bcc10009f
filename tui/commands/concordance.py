"""``suhbat concordance``: every occurrence of a word (or its forms) in context."""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _, get_language
from storage.media_time import clock
from storage.search import exact_query
from tui.commands.common import echo_json, open_store, project_argument
from tui.commands.overwrite import force_option, refuse_to_overwrite

SORT_CHOICES = ("text", "left", "right")


@click.command(help=_("Every occurrence of a word or its forms, with left and right context."))
@project_argument()
@click.argument("word")
@click.option(
    "--forms/--exact",
    default=True,
    help=_("Find every form of the word (default), or only the form written."),
)
@click.option("--language", default=None, help=_("Only layers in this language (e.g. kk)."))
@click.option(
    "--sort",
    "order",
    type=click.Choice(SORT_CHOICES),
    default="text",
    show_default=True,
    help=_("Order: as in the transcripts, by the words to the left, or to the right."),
)
@click.option(
    "--width",
    type=click.IntRange(0, 500),
    default=40,
    show_default=True,
    help=_("Characters of context on each side."),
)
@click.option("--limit", default=10_000, show_default=True, help=_("At most this many lines."))
@click.option(
    "--csv", "csv_path", type=click.Path(path_type=Path), help=_("Write the lines as CSV to FILE.")
)
@click.option(
    "--docx",
    "docx_path",
    type=click.Path(path_type=Path),
    help=_("Write the lines as DOCX to FILE."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
@force_option()
def concordance(
    project: Path,
    word: str,
    forms: bool,
    language: str | None,
    order: str,
    width: int,
    limit: int,
    csv_path: Path | None,
    docx_path: Path | None,
    as_json: bool,
    force: bool,
) -> None:
    """List WORD in context (keyword in context), sorted and exported as asked."""
    from analysis.concordance import concordance as make_lines
    from analysis.concordance import sort_lines

    query = word if forms else exact_query(word)
    refuse_to_overwrite([p for p in (csv_path, docx_path) if p is not None], force=force)
    with open_store(project, read_only=True) as store:
        occurrences = store.search.occurrences(query, language=language, limit=limit)
        name = store.project().name
    lines = sort_lines(make_lines(occurrences, width), order)
    ui = get_language()
    if csv_path is not None or docx_path is not None:
        from exports.concordance_files import write_concordance_csv, write_concordance_docx

        if csv_path is not None:
            write_concordance_csv(lines, word, csv_path, language=ui)
            click.echo(_("Wrote {path}").format(path=csv_path))
        if docx_path is not None:
            write_concordance_docx(lines, word, docx_path, language=ui, project=name)
            click.echo(_("Wrote {path}").format(path=docx_path))
    if as_json:
        echo_json(
            [
                {
                    "session": line.occurrence.session_title,
                    "speaker": line.occurrence.speaker,
                    "language": line.occurrence.language,
                    "utterance_id": line.occurrence.utterance_id,
                    "layer_id": line.occurrence.layer_id,
                    "start": line.occurrence.start,
                    "end": line.occurrence.end,
                    "time": clock(line.occurrence.start_ms),
                    "left": line.left,
                    "keyword": line.keyword,
                    "right": line.right,
                }
                for line in lines
            ]
        )
        return
    if not lines:
        click.echo(_("No hits for {query!r}").format(query=word))
        raise SystemExit(1)
    for line in lines:
        source = " · ".join(
            x
            for x in (
                line.occurrence.session_title,
                line.occurrence.speaker,
                clock(line.occurrence.start_ms),
            )
            if x
        )
        click.echo(
            f"{line.left.rjust(width)} {click.style(line.keyword, bold=True)} "
            f"{line.right.ljust(width)}  {source}"
        )
