"""suhbat's command line: a click group whose subcommands load lazily.

Headless subcommands never import textual; only ``open`` and ``demo`` do, inside
the command. ``suhbat PROJECT`` is short for ``suhbat open PROJECT``. Subcommands
live in ``tui/commands/``; register a new one in :data:`COMMANDS`.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from i18n import LANGUAGES, N_, _, detect_language, set_language
from i18n.click_strings import install as translate_click
from tui.collector import collect_for_a_command

translate_click()

COMMANDS: dict[str, str] = {
    "init": "tui.commands.project:init",
    "info": "tui.commands.project:info",
    "open": "tui.commands.open_app:open_project",
    "demo": "tui.commands.open_app:demo",
    "import": "tui.commands.importing:import_files",
    "table": "tui.commands.tables:table",
    "speakers": "tui.commands.speakers:speakers",
    "transcript": "tui.commands.transcripts:transcript",
    "autocode": "tui.commands.autocoding:autocode",
    "search": "tui.commands.search:search",
    "passages": "tui.commands.passages:passages",
    "valence": "tui.commands.valence:valence_scale",
    "concordance": "tui.commands.concordance:concordance",
    "export": "tui.commands.export:export",
    "stats": "tui.commands.stats:stats",
    "backup": "tui.commands.safety:backup",
    "backups": "tui.commands.safety:backups",
    "restore": "tui.commands.safety:restore",
    "encrypt": "tui.commands.safety:encrypt",
    "decrypt": "tui.commands.safety:decrypt",
    "session": "tui.commands.sessions:session",
    "guide": "tui.commands.guides:guide",
    "merge": "tui.commands.merge:merge",
    "check": "tui.commands.check:check",
    "redact": "tui.commands.redact:redact",
    "translate": "tui.commands.translate:translate",
    "media": "tui.commands.media:media",
    "transcribe": "tui.commands.transcribe:transcribe",
    "upgrade": "tui.commands.upgrade:upgrade",
}
"""Command name → ``module:attribute`` of its click command."""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The group's own texts were made at import time, before --lang was known.
        self.help = _(CLI_HELP)
        for param in self.params:
            if isinstance(param, click.Option) and param.help:
                param.help = _(param.help)
        super().format_help(ctx, formatter)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (sqlite3.Error, OSError) as error:
            from storage.disk_full import DiskFull, is_disk_full

            if not is_disk_full(error):
                raise
            from tui.commands.common import fail

            fail(DiskFull())

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _(COMMAND_HELP.get(name, ""))) for name in sorted(COMMANDS)]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Choose the language before any eager option (--help) prints text.
        set_language(_language_in(args) or detect_language())
        index = _first_positional(args)
        first = args[index] if index is not None else None
        if (
            index is not None
            and first not in COMMANDS
            and (str(first).endswith(".suhbat") or Path(str(first)).is_file())
        ):
            args = [*args[:index], "open", *args[index:]]
        return super().parse_args(ctx, args)


def _first_positional(args: list[str]) -> int | None:
    """Index of the first argument that is not an option or an option's value."""
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("-"):
            return index
    return None


COMMAND_HELP: dict[str, str] = {
    "init": N_("Create a new project file."),
    "info": N_("Show what a project holds."),
    "open": N_("Open a project in the terminal app."),
    "demo": N_("Build a demo project from sample data and open it."),
    "import": N_("Import transcripts (txt, md, vtt, srt, docx, eaf) or REFI-QDA files."),
    "table": N_("Import participants, sessions, protocol or codebook tables (CSV/XLSX)."),
    "speakers": N_("List speaker labels and link them to participants."),
    "transcript": N_("List, rename, move or delete transcripts; set a layer's language."),
    "autocode": N_("Code every utterance of a speaker, answer to a question or search hit."),
    "search": N_("Search every transcript (Cyrillic and Kazakh aware)."),
    "passages": N_("Every passage coded with a code or theme, to read or export."),
    "valence": N_("Show or choose the valence scale of codings: 3 points or 5 (−2…+2)."),
    "concordance": N_("Every occurrence of a word or its forms, with left and right context."),
    "export": N_("Export Word transcripts, codebook, report, CSV/XLSX or REFI-QDA."),
    "stats": N_("Statistics: frequencies, crosstabs, saturation, agreement (table, JSON, CSV)."),
    "backup": N_("Back up a project now (a verified copy; works while it is open)."),
    "backups": N_("List a project's backups, newest first."),
    "restore": N_("Replace a project with one of its backups."),
    "encrypt": N_("Encrypt a project file with a passphrase (SQLCipher)."),
    "decrypt": N_("Store an encrypted project unencrypted again."),
    "session": N_("Create and list sessions; link participants with roles and consent."),
    "guide": N_("List the interview guides or export one (CSV, XLSX, Markdown)."),
    "merge": N_("Merge a coder's copy of the project into it (by UUID; --dry-run)."),
    "check": N_("Check a project for damage and broken links, without changing it."),
    "redact": N_("Suggest names, places and organisations for a redaction list."),
    "translate": N_("Translation: progress, tables for translators, the glossary."),
    "media": N_("Link recordings (audio, video) to sessions and transcripts."),
    "transcribe": N_("Transcribe a recording offline into a new transcript (speech recognition)."),
    "upgrade": N_("Bring a project made by an older suhbat up to date."),
}
"""One-line help shown in ``suhbat --help`` (translated at display time)."""


CLI_HELP = N_(
    "suhbat: qualitative fieldwork in the terminal: protocols, live sessions, bilingual "
    "transcripts, coding, analysis and exports.\n\n"
    "Run `suhbat demo` to try it, or `suhbat PROJECT.suhbat` to open a project."
)
"""The group's help text (its docstring says the same for readers of the code)."""


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    language = value or detect_language()
    set_language(language)
    return language


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Print ``suhbat, version X`` in the UI language (click's own option fixes its text early)."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    message = _("%(prog)s, version %(version)s") % {"prog": "suhbat", "version": version("suhbat")}
    click.echo(message)
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    callback=_set_lang,
    is_eager=True,
    expose_value=False,
    help=N_("Interface language (en, ru, kk); default: SUHBAT_LANG or the locale."),
)
@click.option(
    "--version",
    is_flag=True,
    callback=_show_version,
    is_eager=True,
    expose_value=False,
    help=N_("Show the version and exit."),
)
def cli() -> None:
    """suhbat: qualitative fieldwork in the terminal: protocols, live sessions, bilingual
    transcripts, coding, analysis and exports.

    Run `suhbat demo` to try it, or `suhbat PROJECT.suhbat` to open a project.
    """


def _language_in(args: list[str]) -> str | None:
    """The value of ``--lang`` in ``args`` if it names a known language."""
    for index, arg in enumerate(args):
        value = None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in LANGUAGES:
            return value
        if arg == "--":
            break
    return None


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    # numpy's OpenBLAS starts a spinning thread per core when imported; the statistics
    # multiply small matrices, where those threads only burn CPU (0.1 s per command).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    collect_for_a_command()  # (the commands that open the app set it back)
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="suhbat")
