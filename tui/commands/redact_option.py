"""``--redact FILE`` for the export commands: redacted exports and their report.

With the option an export reads the project through
:class:`exports.redacted_view.RedactedStore`: the names, places and organisations
of the list (and participants' real names, unless ``--real-names``) are replaced in
every exported text, and the report of what was replaced is written beside the
export as ``OUT.redactions.csv`` (announced on stderr after the files written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from i18n import _, ngettext
from storage import Store
from tui.commands.common import note

F = TypeVar("F", bound=Callable[..., Any])


def redact_option() -> Callable[[F], F]:
    """``--redact FILE``: the redaction list to apply (none by default)."""
    return click.option(
        "--redact",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        metavar="FILE",
        help=_(
            "Replace the names, places and organisations listed in FILE in all exported "
            "text (lines 'KIND: term => replacement', or CSV kind,term,replacement); "
            "participants' real names become their pseudonyms. A report of what was "
            "replaced is written beside the export."
        ),
    )


@contextmanager
def export_source(
    store: Store, redact: Path | None, out: Path, *, real_names: bool = False
) -> Iterator[Store]:
    """``store`` itself, or with ``redact`` a redacted view of it; then the report.

    The list is read before anything is written (a bad line stops the command with
    its file and line). The report is written only when the export succeeded.
    """
    if redact is None:
        yield store
        return
    from exports.redacted_view import open_redacted
    from exports.redaction import Redactor
    from exports.redaction_log import report_path

    redactor = Redactor.from_file(redact)
    with open_redacted(store, redactor, real_names=real_names) as view:
        yield view
        log = view.log
    path = log.write(report_path(out))
    messages = [
        ngettext("Redacted {n} occurrence", "Redacted {n} occurrences", log.count).format(
            n=log.count
        ),
        _("Redaction report (it names what was replaced; keep it private): {path}").format(
            path=path
        ),
    ]
    context = click.get_current_context(silent=True)
    if context is None:
        for message in messages:
            note(message)
        return
    # after the command's own "Wrote …" lines (callbacks on close run last first)
    for message in reversed(messages):
        context.call_on_close(lambda message=message: note(message))


@contextmanager
def stats_source(store: Store, redact: Path | None) -> Iterator[Store]:
    """``store``, or with ``redact`` a redacted view of it, for ``suhbat stats``.

    Tables printed or written by ``stats`` are small and shown to the user, so no
    report file is written: a note says how many occurrences were replaced (an
    ``export csv --redact`` gives the report of where).
    """
    if redact is None:
        yield store
        return
    from exports.redacted_view import open_redacted
    from exports.redaction import Redactor

    with open_redacted(store, Redactor.from_file(redact)) as view:
        yield view
        count = view.log.count
    note(ngettext("Redacted {n} occurrence", "Redacted {n} occurrences", count).format(n=count))
