"""``suhbat import``: transcripts (txt, md, vtt, srt, docx, eaf), translations, REFI-QDA files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from i18n import _, ngettext, translate_error, translate_message
from storage import SuhbatError
from tui.commands.common import CliError, echo_json, note, open_store, project_argument
from tui.commands.session_kind import SESSION_KIND

if TYPE_CHECKING:
    from exports.transcript_replace import ReplaceSummary


class _Report:
    """What the import says about each file, held back until the transaction commits.

    An import is all or nothing: a line printed per file while the transaction is
    still open would claim files that a later error (or a kill) rolls back.
    """

    def __init__(self) -> None:
        self._lines: list[tuple[str, bool]] = []

    def echo(self, line: str) -> None:
        """A line for stdout."""
        self._lines.append((line, False))

    def note(self, message: str) -> None:
        """A note for stderr."""
        self._lines.append((message, True))

    def notes(self, notes: list[tuple[str, dict[str, object]]]) -> None:
        """A reader's notes, translated."""
        for message, params in notes:
            self.note(translate_message(message, params))

    def print(self) -> None:
        """Print everything held back, in order."""
        for line, is_note in self._lines:
            if is_note:
                note(line)
            else:
                click.echo(line)


@click.command(
    "import", help=_("Import transcripts (txt, md, vtt, srt, docx, eaf) or REFI-QDA files.")
)
@project_argument()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--session", default=None, help=_("Session title (default: the file's title or name).")
)
@click.option("--kind", type=SESSION_KIND, default=None, help=_("Session kind."))
@click.option("--language", default=None, help=_("Language of the (first) text layer, e.g. ru."))
@click.option(
    "--translation-of",
    "translation_of",
    default=None,
    help=_("Add FILE as a translation layer of this already imported transcript."),
)
@click.option(
    "--replace",
    is_flag=True,
    help=_(
        "Replace the text of the transcript of the same name (or an earlier import of the"
        " same file); codings move with the edited text."
    ),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print a JSON summary."))
def import_files(
    project: Path,
    files: tuple[Path, ...],
    session: str | None,
    kind: str | None,
    language: str | None,
    translation_of: str | None,
    replace: bool,
    as_json: bool,
) -> None:
    """Import FILES into PROJECT in one transaction: all of them, or nothing.

    A file that cannot be read is named in one line and the others are still read,
    so that one run names every bad file; then nothing is written at all.
    """
    from exports.transcript_import import batch_import, import_transcript, import_translation

    summary: list[dict[str, object]] = []
    unresolved: dict[str, None] = {}
    said = _Report()
    refused: list[str] = []
    with (
        open_store(project) as store,
        store.transaction(),
        batch_import(store, () if translation_of else files, language=language) as ahead,
    ):
        for path in files:
            try:
                with store.transaction():  # a file refused leaves nothing behind
                    if _is_refi(path):
                        from exports.refi import import_refi

                        result = import_refi(store, path)
                        summary.append(
                            {
                                "file": path.name,
                                "format": "refi-qda",
                                "counts": dict(result.counts),
                                "warnings": [str(w) for w in result.warnings],
                            }
                        )
                        if not as_json:
                            from tui.exchange_reports import refi_import_lines

                            for line in refi_import_lines(result, with_warnings=False):
                                said.echo(line)
                        for message in result.warnings:
                            said.note(str(message))
                        continue
                    if translation_of:
                        report = import_translation(
                            store, path, translation_of, language=language, replace=replace
                        )
                    else:
                        report = import_transcript(
                            store,
                            path,
                            session=session,
                            kind=kind,
                            language=language,
                            replace=replace,
                            ahead=ahead,
                        )
            except SuhbatError as error:
                refused.append(translate_error(error))
                continue
            except OSError as error:
                refused.append(
                    _("{file}: cannot read ({reason})").format(
                        file=path.name, reason=error.strerror or translate_error(error)
                    )
                )
                continue
            said.notes(report.notes)
            unresolved.update(dict.fromkeys(report.unresolved_speakers))
            summary.append(
                {
                    "file": report.file,
                    "transcript": report.transcript.title,
                    "languages": list(report.languages),
                    "utterances": report.utterances,
                    "unresolved_speakers": report.unresolved_speakers,
                    **_replaced_json(report.replaced),
                }
            )
            if not as_json:
                from tui.exchange_reports import transcript_import_summary

                for line in transcript_import_summary(report):
                    said.echo(line)
        if refused:
            raise CliError(_refusal(refused, len(files)))  # rolls every file back
    said.print()  # only now is everything committed
    if unresolved and not as_json:
        note(
            _("speakers not linked to a participant: {labels}").format(labels=", ".join(unresolved))
            + "\n"
            + _("link them with: suhbat speakers link PROJECT LABEL PARTICIPANT")
        )
    if as_json:
        echo_json(summary)


def _replaced_json(replaced: ReplaceSummary | None) -> dict[str, object]:
    """The ``replaced`` entry of the JSON summary (nothing when no transcript was replaced)."""
    if replaced is None:
        return {}
    return {
        "replaced": {
            "transcript": replaced.title,
            "changed": replaced.changed,
            "in_place": replaced.in_place,
            "codings_kept": replaced.kept,
            "codings_moved": replaced.moved,
            "codings_on_edited_text": replaced.edited,
            "codings_dropped": replaced.dropped,
            "layers_dropped": replaced.dropped_layers,
        }
    }


def _refusal(refused: list[str], files: int) -> str:
    """The error for files that could not be imported: one line each, under a heading."""
    if len(refused) == 1:
        return refused[0]
    heading = ngettext(
        "{refused} of {count} file refused; nothing was imported:",
        "{refused} of {count} files refused; nothing was imported:",
        files,
    ).format(refused=len(refused), count=files)
    return "\n".join([heading, *(f"  {line}" for line in refused)])


def _is_refi(path: Path) -> bool:
    """Whether ``path`` is read as a REFI-QDA file (QDPX, QDE or QDC), not a transcript.

    A ``.qdpx``, ``.qdc`` or ``.qde`` name decides; a ``.zip`` or ``.xml`` is told by its
    content (see :func:`exports.refi.imports_as_refi`).
    """
    if path.suffix.lower() not in (".qdpx", ".qdc", ".qde", ".zip", ".xml"):
        return False  # no need to load the REFI-QDA readers
    from exports.refi import imports_as_refi

    return imports_as_refi(path)
