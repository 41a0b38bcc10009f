"""Running the command line in-process, as a user's script would (click's test runner)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tui.cli import cli


def run(*args: str | Path) -> tuple[int, str, str]:
    """Run ``suhbat ARGS``: (exit code, standard output, standard error).

    An exception that escapes the command fails the test with its traceback.
    """
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_in_english(*args: str | Path) -> tuple[int, str, str]:
    """:func:`run` with ``--lang en``: the messages in English whatever the UI language."""
    return run("--lang", "en", *args)
