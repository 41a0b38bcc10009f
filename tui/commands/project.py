"""``suhbat init`` and ``suhbat info``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from i18n import _
from storage import Store, SuhbatError
from tui.commands.common import echo_json, fail, open_store, project_argument


@click.command(help=_("Create a new project file."))
@project_argument()
@click.option("--languages", default="ru,kk,en", show_default=True, help=_("Project languages."))
@click.option("--name", default=None, help=_("Project name (default: the file name)."))
@click.option(
    "--encrypt",
    is_flag=True,
    help=_(
        "Encrypt the file with a passphrase (or SUHBAT_PASSPHRASE); needs the encryption"
        " extra: pip install 'suhbat[encryption]'."
    ),
)
def init(project: Path, languages: str, name: str | None, encrypt: bool) -> None:
    """Create PROJECT with the given languages."""
    try:
        if encrypt and not project.exists():
            from storage.connection import remember_passphrase, require_sqlcipher
            from tui.commands.passphrase import new_passphrase

            require_sqlcipher()  # before asking for a passphrase that could not be used
            remember_passphrase(project, new_passphrase(project))
        Store.create(project, name=name, languages=languages.split(",")).close()
    except SuhbatError as error:
        fail(error)
    click.echo(_("Created {path}").format(path=project))


@click.command(help=_("Show what a project holds."))
@project_argument()
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
def info(project: Path, as_json: bool) -> None:
    """Print counts of participants, sessions, transcripts, utterances, words, codes, codings."""
    with open_store(project, read_only=True) as store:
        data = store.info()
        translation = _translation_progress(store) if as_json else []
    if as_json:
        record = asdict(data)
        record["languages"] = list(data.languages)
        record["translation"] = translation
        echo_json(record)
        return
    click.echo(f"{data.name} ({', '.join(data.languages)})")
    rows = [
        (_("participants"), data.participants),
        (_("sessions"), data.sessions),
        (_("transcripts"), data.transcripts),
        (_("layers"), data.layers),
        (_("utterances"), data.utterances),
        (_("words"), data.words),
        (_("codes"), data.codes),
        (_("codings"), data.codings),
        (_("coders"), data.coders),
    ]
    width = max(len(label) for label, _n in rows)
    for label, number in rows:
        click.echo(f"  {label:<{width}}  {number:>8}")


def _translation_progress(store: Store) -> list[dict[str, object]]:
    """Project-wide translation progress per target language (for ``info --json``)."""
    from exports.translation_marks import project_progress

    return [p.as_dict() for p in project_progress(store)[1].values()]
