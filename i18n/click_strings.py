"""Click's own English strings (usage, option help, errors), marked for our catalogs.

Click 8 looks its texts up with the standard library's ``gettext.gettext`` and
``gettext.ngettext``, which each of its modules imported as ``_`` and ``ngettext``.
:func:`install` points those names at :mod:`i18n`, so ``Usage:``, ``Options``,
``Show this message and exit.`` and errors such as ``No such command 'x'.`` come out in
the UI language. Texts not listed here (programming errors) stay English.

A click command's own ``help=_("...")`` is evaluated when its module is imported; the
CLI imports subcommands lazily, after ``--lang`` is known, so they are translated too.
"""

from __future__ import annotations

import importlib

from i18n import N_, _, ngettext


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural msgid pair for extraction (``pybabel -k NN_:1,2``)."""
    return singular, plural


CLICK_MODULES: tuple[str, ...] = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
)
"""The click modules that translate their texts with a module-level ``_``."""

CLICK_TEXTS: tuple[str, ...] = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("deprecated"),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("(dynamic)"),
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing parameter: {param_name}"),
    N_("Missing {param_type}"),
    N_("unknown error"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Could not open file {filename!r}: {message}"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Press any key to continue..."),
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("Choose from:\n\t{choices}"),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value!r} is not a valid UUID."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    N_("{name} {filename!r} does not exist."),
)
"""Click's user-facing texts, verbatim."""

CLICK_PLURALS: tuple[tuple[str, str], ...] = (
    NN_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    NN_("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."),
    NN_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    NN_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    NN_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    NN_(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ),
    NN_(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ),
)
"""Click's user-facing plural texts, verbatim."""


def install() -> None:
    """Make click's own texts follow the UI language (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            setattr(module, "_", _)  # noqa: B010 - module attribute, not known to mypy
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010
