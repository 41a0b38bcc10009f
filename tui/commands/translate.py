"""``suhbat translate``: translation progress, tables for outside translators, the glossary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from i18n import _, ngettext, translate_error
from storage.errors import N_, NotFoundError, SuhbatError, ValidationError
from tui.commands.common import echo_json, fail, open_store, project_argument
from tui.commands.overwrite import force_option, refuse_to_overwrite

if TYPE_CHECKING:
    from storage.translation_models import TranslationProgress


@click.group(help=_("Translation: progress, tables for translators, the glossary."))
def translate() -> None:
    """Translation work."""


def _progress_fields(p: TranslationProgress) -> dict[str, object]:
    """The fields the progress lines of ``translate status`` are written with."""
    return {
        "language": p.language,
        "done": p.done_utterances,
        "total": p.utterances,
        "words": p.done_words,
        "all_words": p.words,
        "marked_done": p.marked_done_utterances,
        "marked": p.marked_utterances,
        "reviewed": p.reviewed,
        "stale": p.stale,
    }


@translate.command("status", help=_("Show how much is translated, per transcript and language."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def status(project: Path, as_json: bool) -> None:
    """Utterances and words translated, of all and of those marked, per transcript."""
    from exports.translation_marks import project_progress

    with open_store(project, read_only=True) as store:
        rows, totals = project_progress(store)
    if as_json:
        echo_json(
            {
                "transcripts": [{"transcript": r.title, **r.progress.as_dict()} for r in rows],
                "project": [p.as_dict() for p in totals.values()],
            }
        )
        return
    if not rows and not any(p.done_utterances for p in totals.values()):
        click.echo(_("Nothing translated yet."))
    for r in rows:
        p = r.progress
        click.echo(
            _(
                "{transcript} → {language}: {done}/{total} utterances, {words}/{all_words}"
                " words; marked {marked_done}/{marked}; reviewed {reviewed}, stale {stale}"
            ).format(transcript=r.title, **_progress_fields(p))
        )
    for p in totals.values():
        click.echo(
            _(
                "Project → {language}: {done}/{total} utterances, {words}/{all_words} words;"
                " marked {marked_done}/{marked}"
            ).format(**_progress_fields(p))
        )


@translate.command("export", help=_("Write a table (XLSX, CSV or DOCX) for a translator."))
@project_argument()
@click.argument("transcript")
@click.option("--to", "language", default="", help=_("The target language (e.g. en)."))
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--only-marked", is_flag=True, help=_("Only the utterances marked for translation."))
@force_option()
def export_table(
    project: Path, transcript: str, language: str, out: Path, only_marked: bool, force: bool
) -> None:
    """One row per utterance: id, time, speaker, original, translation, notes, status."""
    from exports.translation_sheet import write_sheet

    if not language.strip():
        fail(ValidationError(N_("Give the target language with --to (e.g. --to en)")))
    refuse_to_overwrite([out], force=force)
    with open_store(project, read_only=True) as store:
        found = store.transcripts.find(transcript)
        if found is None:
            fail(NotFoundError(N_("No transcript called {name!r}"), name=transcript))
        try:
            count = write_sheet(store, found.id, language, out, only_marked=only_marked)
        except SuhbatError as error:
            fail(error)
    click.echo(
        ngettext("{path}: {count} utterance", "{path}: {count} utterances", count).format(
            path=out, count=count
        )
    )


@translate.command("import", help=_("Read a translator's table back (matched by id)."))
@project_argument()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--partial", is_flag=True, help=_("Write the valid rows and report the others."))
@click.option("--translator", default="", help=_("Who translated (when the table does not say)."))
def import_table(project: Path, file: Path, partial: bool, translator: str) -> None:
    """Check every row; write nothing unless all are valid (or, with --partial, the valid ones)."""
    from exports.translation_sheet import import_sheet

    with open_store(project) as store:
        try:
            result = import_sheet(store, file, partial=partial, translator=translator)
        except SuhbatError as error:
            fail(error)
    for problem in result.errors:
        click.echo(translate_error(problem), err=True)
    if result.errors and not partial:
        raise click.ClickException(
            ngettext(
                "{count} row is not valid; nothing was written",
                "{count} rows are not valid; nothing was written",
                len(result.errors),
            ).format(count=len(result.errors))
        )
    click.echo(
        ngettext(
            "{file}: {count} translation saved", "{file}: {count} translations saved", result.saved
        ).format(file=file.name, count=result.saved)
    )
    if result.errors:
        raise SystemExit(1)


@translate.group("glossary", help=_("The glossary of terms and their renderings."))
def glossary() -> None:
    """Glossary commands."""


@glossary.command("import", help=_("Import glossary terms from a CSV or XLSX file."))
@project_argument()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--from", "source", default="ru", show_default=True, help=_("The terms' language."))
@click.option(
    "--to", "target", default="en", show_default=True, help=_("The renderings' language.")
)
def glossary_import(project: Path, file: Path, source: str, target: str) -> None:
    """Add or update the terms; nothing is written if any row is bad."""
    from exports.glossary import read_glossary

    with open_store(project) as store:
        try:
            count = store.translations.set_terms(read_glossary(file, source, target))
        except SuhbatError as error:
            fail(error)
    click.echo(
        ngettext("{file}: {count} term", "{file}: {count} terms", count).format(
            file=file.name, count=count
        )
    )


@glossary.command("list", help=_("List the glossary."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def glossary_list(project: Path, as_json: bool) -> None:
    """Every term with its languages, rendering and note."""
    with open_store(project, read_only=True) as store:
        terms = store.translations.glossary()
    if as_json:
        echo_json(
            [
                {
                    "id": t.uuid,
                    "source": t.source_language,
                    "term": t.term,
                    "target": t.target_language,
                    "rendering": t.rendering,
                    "note": t.note,
                }
                for t in terms
            ]
        )
        return
    for t in terms:
        note = f"\t{t.note}" if t.note else ""
        click.echo(f"{t.source_language}→{t.target_language}\t{t.term}\t{t.rendering}{note}")


@glossary.command("check", help=_("List translations that render a glossary term differently."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def glossary_check(project: Path, as_json: bool) -> None:
    """Exit 1 when some translation lacks a term's rendering."""
    from dataclasses import asdict

    from exports.glossary import inconsistencies

    with open_store(project, read_only=True) as store:
        found = inconsistencies(store)
    if as_json:
        echo_json([asdict(f) for f in found])
    else:
        for f in found:
            click.echo(
                _(
                    "{transcript} #{position} ({language}): «{term}» should be"
                    " “{rendering}”: {text}"
                ).format(
                    transcript=f.transcript,
                    position=f.position,
                    language=f.language,
                    term=f.term,
                    rendering=f.rendering,
                    text=f.translation,
                )
            )
        if not found:
            click.echo(_("Every translation follows the glossary."))
    if found:
        raise SystemExit(1)
