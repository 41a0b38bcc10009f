"""``suhbat stats``: frequencies, crosstabs, co-occurrence, profiles, saturation, agreement.

Prints an aligned text table with its title, unit and notes in the UI language, or
JSON (``--json``, shape in docs/cli.md), and writes CSV with ``--csv FILE``. JSON is
for scripts and stays English whatever the UI language (titles, columns, notes,
verdict sentences), so the same keys and column names can be relied on; with
``--json`` a CSV written alongside is English too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from analysis.table import Table
from analysis.word_options import DEFAULT_TOP, WORD_FORMS
from analysis.wording import ENGLISH
from exports.study.analysis_request import (
    AGREEMENT_KINDS,
    KINDS,
    Filters,
    StatsRequest,
    StatsResult,
    compute,
    needs_project,
    parse_counts,
    parse_overlap_threshold,
    parse_positive,
    parse_session_kind,
    parse_thresholds,
    parse_where,
    parse_words_by,
    split_list,
)
from i18n import _, get_language, translate_error, translations
from storage import SuhbatError
from tui.commands.common import echo_json, fail, open_store, project_argument
from tui.commands.overwrite import force_option, refuse_to_overwrite
from tui.commands.redact_option import redact_option, stats_source
from tui.commands.text_table import render_table

if TYPE_CHECKING:
    from analysis.saturation import SaturationResult

SATURATION_MODES = ("rolling", "disjoint")
COOCCURRENCE_MODES = ("overlap", "utterance")
PROFILE_SUBJECTS = ("participants", "sessions")


@click.command(
    help=_("Statistics: frequencies, crosstabs, co-occurrence, profiles, saturation, agreement.")
)
@project_argument()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("subject", required=False, type=click.Choice(PROFILE_SUBJECTS))
@click.option("--attribute", default=None, help=_("crosstab: a participant attribute (columns)."))
@click.option(
    "--session-field",
    default=None,
    help=_("crosstab: a session field (setting, region, kind, location, …) as columns."),
)
@click.option(
    "--by",
    default=None,
    help=_(
        "crosstab by a session field: count participants or sessions (default); "
        "words: group by [transcript|kind|attribute:NAME] (default: the first)."
    ),
)
@click.option(
    "--forms",
    type=click.Choice(WORD_FORMS),
    default="lemma",
    show_default=True,
    help=_("words: count a word's forms together (lemma) or each form alone (surface)."),
)
@click.option(
    "--top",
    default=str(DEFAULT_TOP),
    show_default=True,
    help=_("words: how many words per group."),
)
@click.option(
    "--measure",
    type=click.Choice(["segments", "codings", "participants"]),
    default="segments",
    show_default=True,
    help=_("sessions-matrix: what the cells count."),
)
@click.option(
    "--mode",
    default=None,
    help=_("cooccurrence: overlap|utterance; saturation: rolling|disjoint."),
)
@click.option("--base", default="4", show_default=True, help=_("saturation: base size."))
@click.option(
    "--run", "run_length", default="2", show_default=True, help=_("saturation: run length.")
)
@click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    help=_(
        "saturation: threshold in percent (repeatable or 5,0; default 5 and 0); "
        "agreement: segment overlap (0.9 or 90%, default 0.9)."
    ),
)
@click.option(
    "--order",
    default="date",
    show_default=True,
    help=_("Session order: date, position or TITLE,TITLE,… (sessions not named follow by date)."),
)
@click.option(
    "--counts",
    default=None,
    help=_("saturation: new-code counts per session (9,12,7,…) instead of the project's codings."),
)
@click.option("--coders", default=None, help=_("agreement: the coders to compare (A,B)."))
@click.option(
    "--kind",
    "agreement_kind",
    type=click.Choice(AGREEMENT_KINDS),
    default="all",
    show_default=True,
    help=_("agreement: which tables."),
)
@click.option(
    "--coder", "coder_filter", multiple=True, help=_("Only codings by this coder (repeatable).")
)
@click.option(
    "--session-kind",
    default=None,
    help=_("Only sessions of this kind (interview, focus_group)."),
)
@click.option(
    "--where",
    multiple=True,
    help=_("Only participants with attribute=value (repeatable)."),
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    help=_(
        "Only codings in utterances of this language, e.g. kk (an utterance's own "
        "language before its layer's; repeatable)."
    ),
)
@click.option(
    "--include-sensitive",
    is_flag=True,
    help=_("crosstab, profile, words: also show attributes marked sensitive (off by default)."),
)
@redact_option()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=_("Also write the table as CSV to FILE (several tables: FILE-stem-KEY.csv)."),
)
@click.option(
    "--xlsx",
    "xlsx_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=_("Also write the tables to an Excel workbook FILE."),
)
@force_option()
def stats(
    project: Path,
    kind: str,
    subject: str | None,
    redact: Path | None,
    as_json: bool,
    csv_path: Path | None,
    xlsx_path: Path | None,
    force: bool,
    **options: Any,
) -> None:
    """Compute the KIND table of PROJECT (profile: SUBJECT participants or sessions)."""
    try:
        request = _request(kind, subject, StatsOptions(**options))
    except SuhbatError as error:  # an option's value: a wrong call (exit 2), not bad input
        raise click.UsageError(translate_error(error)) from None
    try:
        tr = ENGLISH if as_json else translations(get_language())
        if needs_project(request):
            with (
                open_store(project, read_only=True) as store,
                stats_source(store, redact) as source,
            ):
                result = compute(source, request, language=get_language(), tr=tr)
        else:
            result = compute(None, request, tr=tr)
    except SuhbatError as error:
        fail(error)
    if csv_path is not None:
        refuse_to_overwrite(csv_table_paths(result.tables, csv_path), force=force)
        try:
            written = write_csv_tables(result.tables, csv_path)
        except (OSError, SuhbatError) as error:
            fail(error)
        for path in written:
            click.echo(_("Wrote {path}").format(path=path), err=True)
    if xlsx_path is not None:
        refuse_to_overwrite([xlsx_path], force=force)
        from exports.table_files import write_xlsx

        try:
            write_xlsx(list(result.tables), xlsx_path, language=get_language())
        except (OSError, SuhbatError) as error:
            fail(error)
        click.echo(_("Wrote {path}").format(path=xlsx_path), err=True)
    if as_json:
        echo_json(result_json(request, result))
        return
    blocks = [render_table(table) for table in result.tables]
    click.echo("\n".join(blocks), nl=False)
    sentences = result.sentences()
    if sentences:
        click.echo("")
        for sentence in sentences:
            click.echo(sentence)


@dataclass(frozen=True)
class StatsOptions:
    """The options of ``suhbat stats`` that shape the request, as click passes them."""

    attribute: str | None
    session_field: str | None
    by: str | None
    measure: str
    mode: str | None
    base: str
    run_length: str
    thresholds: tuple[str, ...]
    order: str
    counts: str | None
    coders: str | None
    agreement_kind: str
    coder_filter: tuple[str, ...]
    session_kind: str | None
    where: tuple[str, ...]
    include_sensitive: bool
    languages: tuple[str, ...] = ()
    forms: str = "lemma"
    top: str = str(DEFAULT_TOP)


def _request(kind: str, subject: str | None, options: StatsOptions) -> StatsRequest:
    o = options
    filters = Filters(
        coders=split_list(o.coder_filter),
        session_kind=parse_session_kind(o.session_kind),
        where=parse_where(o.where),
        languages=split_list(o.languages),
    )
    if subject is not None and kind != "profile":
        raise click.UsageError(
            _("{subject!r} only follows the profile kind").format(subject=subject)
        )
    if filters.languages and kind in ("words", "sessions"):
        raise click.UsageError(_("--language applies to statistics of codings"))
    if filters.coders and kind in ("words", "sessions", "profile"):
        raise click.UsageError(_("--coder applies to statistics of codings"))
    if kind == "words":
        words_by, words_attribute = parse_words_by(o.by)
        return StatsRequest(
            kind="words",
            filters=filters,
            words_by=words_by,
            words_attribute=words_attribute,
            word_forms=cast(Any, o.forms),
            top=parse_positive(o.top, "--top"),
            include_sensitive=o.include_sensitive,
        )
    if o.by is not None and o.by not in ("participants", "sessions"):
        raise click.UsageError(
            _("--by must be one of: {choices}").format(choices="participants, sessions")
        )
    request = StatsRequest(
        kind=cast(Any, kind),
        filters=filters,
        attribute=o.attribute,
        session_field=o.session_field,
        by=cast(Any, o.by),
        measure=cast(Any, o.measure),
        profile_of=cast(Any, subject or "participants"),
        order=o.order,
        agreement_coders=split_list(o.coders),
        agreement_kind=cast(Any, o.agreement_kind),
        include_sensitive=o.include_sensitive,
    )
    mode, thresholds = o.mode, o.thresholds
    if kind == "cooccurrence" and mode is not None:
        request = replace(request, cooccurrence_mode=cast(Any, _choice(mode, COOCCURRENCE_MODES)))
    elif kind == "saturation":
        request = replace(
            request,
            base=parse_positive(o.base, _("The base size")),
            run=parse_positive(o.run_length, _("The run length")),
            thresholds=parse_thresholds(thresholds),
            saturation_mode=cast(Any, _choice(mode or "rolling", SATURATION_MODES)),
            counts=parse_counts(o.counts),
        )
    elif kind in ("agreement", "disagreements"):
        if len(split_list(thresholds)) > 1:
            raise click.UsageError(_("Agreement takes one --threshold"))
        given = split_list(thresholds)
        request = replace(
            request, agreement_threshold=parse_overlap_threshold(given[0] if given else None)
        )
    elif mode is not None:
        raise click.UsageError(_("--mode applies to cooccurrence and saturation"))
    return request


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise click.UsageError(
            _("--mode must be one of: {choices}").format(choices=", ".join(allowed))
        )
    return value


def csv_table_paths(tables: tuple[Table, ...], path: Path) -> list[Path]:
    """Where :func:`write_csv_tables` writes: ``path``, or ``stem-key.csv`` files beside it."""
    from exports.file_names import safe_file_stem, unique_path

    if len(tables) == 1:
        return [path]
    taken: set[str] = set()
    suffix = path.suffix or ".csv"
    return [
        unique_path(path.parent, safe_file_stem(f"{path.stem}-{table.key}", "table"), suffix, taken)
        for table in tables
    ]


def write_csv_tables(tables: tuple[Table, ...], path: Path) -> list[Path]:
    """Write one table to ``path``; several to ``stem-key.csv`` files beside it."""
    from exports.table_files import write_csv

    paths = csv_table_paths(tables, path)
    return [write_csv(table, target) for table, target in zip(tables, paths, strict=True)]


def saturation_json(result: SaturationResult) -> list[dict[str, Any]]:
    """The verdict for each threshold (fractions as ``"n/d"`` strings)."""
    out: list[dict[str, Any]] = []
    for o in result.outcomes:
        run = o.run
        out.append(
            {
                "threshold": str(o.threshold),
                "reached": o.reached,
                "label": o.label,
                "sessions_before_run": o.sessions_before_run,
                "run_first": run.first if run else None,
                "run_last": run.last if run else None,
                "new_in_run": run.new if run else None,
                "ratio": str(run.ratio) if run else None,
                "reason": o.reason,
            }
        )
    return out


def result_json(request: StatsRequest, result: StatsResult) -> dict[str, Any]:
    """The JSON document of ``suhbat stats --json``."""
    where: dict[str, list[str]] = {}
    for name, value in request.filters.where:
        where.setdefault(name, []).append(value)
    data: dict[str, Any] = {
        "kind": request.kind,
        "filters": {
            "coders": list(request.filters.coders),
            "session_kind": request.filters.session_kind,
            "where": where,
        },
        "tables": [table.to_json() for table in result.tables],
    }
    if request.filters.languages:
        data["filters"]["languages"] = list(request.filters.languages)
    if result.saturation is not None:
        sat = result.saturation
        data["saturation"] = {
            "base": sat.base,
            "run": sat.run_length,
            "mode": sat.mode,
            "base_total": sat.base_total,
            "outcomes": saturation_json(sat),
            "sentences": result.sentences("en"),
        }
    return data
