"""``suhbat passages``: read back every passage coded with a code (or a theme)."""

from __future__ import annotations

from pathlib import Path

import click

from exports.passages import (
    passage_source,
    passage_valence,
    passages_table,
    write_passages_csv,
    write_passages_docx,
)
from exports.study.analysis_request import Filters, parse_session_kind, parse_where, split_list
from i18n import _, get_language, translations
from storage import SuhbatError
from tui.commands.common import CliError, echo_json, fail, open_store, project_argument
from tui.commands.overwrite import force_option, refuse_to_overwrite
from tui.passages_request import (
    VALENCE_WORDS,
    PassagesRequest,
    code_for_name,
    describe_count,
    find_passages,
    parse_valences,
)


@click.command(help=_("Every passage coded with a code or theme, to read or export."))
@project_argument()
@click.option(
    "--code", "code_name", default=None, help=_("The code or theme (name or Theme/Code).")
)
@click.option(
    "--no-subcodes", is_flag=True, help=_("Leave out the passages of a theme's sub-codes.")
)
@click.option(
    "--coder", "coder_filter", multiple=True, help=_("Only codings by this coder (repeatable).")
)
@click.option(
    "--where", multiple=True, help=_("Only participants with attribute=value (repeatable).")
)
@click.option(
    "--session-kind", default=None, help=_("Only sessions of this kind (interview, focus_group).")
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    help=_("Only passages in this language (an utterance's own, else its layer's)."),
)
@click.option(
    "--valence",
    "valences",
    multiple=True,
    type=click.Choice(list(VALENCE_WORDS), case_sensitive=False),
    help=_("Only passages with this valence (repeatable)."),
)
@click.option("--context", is_flag=True, help=_("Also print the utterance before and after."))
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help=_("Write CSV.")
)
@click.option(
    "--docx",
    "docx_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Write a quotes document (DOCX)."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
@force_option()
def passages(
    project: Path,
    code_name: str | None,
    no_subcodes: bool,
    coder_filter: tuple[str, ...],
    where: tuple[str, ...],
    session_kind: str | None,
    languages: tuple[str, ...],
    valences: tuple[str, ...],
    context: bool,
    csv_path: Path | None,
    docx_path: Path | None,
    as_json: bool,
    force: bool,
) -> None:
    """List the passages coded with --code in PROJECT, filtered; optionally write them out."""
    if not code_name:
        raise CliError(_("Name the code or theme with --code NAME"))
    outputs = [p for p in (csv_path, docx_path) if p is not None]
    refuse_to_overwrite(outputs, force=force)
    language = get_language()
    try:
        with open_store(project, read_only=True) as store:
            request = PassagesRequest(
                code_id=code_for_name(store, code_name),
                filters=Filters(
                    coders=split_list(coder_filter),
                    session_kind=parse_session_kind(session_kind),
                    where=parse_where(where),
                ),
                languages=split_list(languages),
                valences=parse_valences(valences),
                include_subcodes=not no_subcodes,
            )
            listing = find_passages(store, request, language=language)
            project_name = store.project().name
        if csv_path is not None:
            write_passages_csv(listing, csv_path, language)
            click.echo(_("Wrote {path}").format(path=csv_path), err=True)
        if docx_path is not None:
            write_passages_docx(listing, docx_path, language, project_name)
            click.echo(_("Wrote {path}").format(path=docx_path), err=True)
    except (OSError, SuhbatError) as error:
        fail(error)
    if as_json:
        table = passages_table(listing)
        echo_json(
            [
                {
                    **dict(zip(table.column_keys, row, strict=True)),
                    "transcript_id": p.transcript_id,
                    "layer_id": p.layer_id,
                    "start": p.start,
                    "end": p.end,
                    "start_ms": p.start_ms,
                    "valences": list(p.valences),
                    "before": p.before,
                    "after": p.after,
                }
                for p, row in zip(listing.passages, table.rows, strict=True)
            ]
        )
        return
    tr = translations(language)
    data = listing.data
    click.echo(f"{listing.title} — {describe_count(len(listing.passages))}")
    for p in listing.passages:
        head = (passage_source(data, p), passage_valence(p, tr))
        click.echo("")
        click.echo(" · ".join(x for x in head if x))
        if context and p.before:
            click.echo(f"    … {p.before}")
        click.echo(f"  {p.text}")
        if p.translation:
            click.echo(f"  [{p.translation_language}] {p.translation}")
        if context and p.after:
            click.echo(f"    … {p.after}")
