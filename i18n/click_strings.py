"""Click's own English strings (usage, option help, errors), marked for our catalogs.

Click 8 looks its texts up with the standard library's ``gettext.gettext`` and
``gettext.ngettext``, which each of its modules imported as ``_`` and ``ngettext``.
:func:`install` points those names at :mod:`i18n`, so ``Usage:``, ``Options``,
``Show this message and exit.`` and errors such as ``No such command 'x'.`` come out in
the UI language. Texts not listed here (programming errors) stay English.

Click builds a few texts of its own without gettext: the usage placeholders
``[OPTIONS]`` and ``COMMAND [ARGS]...`` and the metavars of typed options (``TEXT``,
``INTEGER``); :func:`install` translates them where click shows them. A command's own
``help=_("...")`` is evaluated when its module is imported; :func:`install` also makes
click translate every help text (command, short help, option) again when it shows it,
so help follows the language chosen by ``--lang`` even in a process that switched it.
It also makes the usage line wrap between words (:mod:`i18n.click_usage`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import click

from i18n import N_, NP_, _, ngettext, pgettext
from i18n.click_usage import write_usage


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


USAGE_PIECES: dict[str, str] = {
    "[OPTIONS]": NP_("usage", "[OPTIONS]"),
    "COMMAND [ARGS]...": NP_("usage", "COMMAND [ARGS]..."),
    "[COMMAND] [ARGS]...": NP_("usage", "[COMMAND] [ARGS]..."),
}
"""Placeholders click writes into usage lines without gettext → their msgids."""

TYPE_METAVARS: dict[str, str] = {
    "TEXT": NP_("metavar", "TEXT"),
    "INTEGER": NP_("metavar", "INTEGER"),
    "FLOAT": NP_("metavar", "FLOAT"),
    "BOOLEAN": NP_("metavar", "BOOLEAN"),
    "FILENAME": NP_("metavar", "FILENAME"),
}
"""Metavars click derives from an option's type name (``--name TEXT``) → their msgids."""

NAMED_METAVARS: dict[str, str] = {
    "PROJECT": NP_("metavar", "PROJECT"),
    "QUERY": NP_("metavar", "QUERY"),
    "OUT": NP_("metavar", "OUT"),
    "FILE": NP_("metavar", "FILE"),
    "FILES": NP_("metavar", "FILES"),
    "BACKUP": NP_("metavar", "BACKUP"),
    "SESSION": NP_("metavar", "SESSION"),
    "TITLE": NP_("metavar", "TITLE"),
    "LABEL": NP_("metavar", "LABEL"),
    "PARTICIPANT": NP_("metavar", "PARTICIPANT"),
    "NAME": NP_("metavar", "NAME"),
    "OTHER": NP_("metavar", "OTHER"),
    "PATH": NP_("metavar", "PATH"),
}
"""Names of suhbat's arguments (``PROJECT``) and named option values (``--redact FILE``)
as usage lines, help and errors show them → their msgids."""

_PATCHED = "_suhbat_translated"


def _translated_usage(
    original: Callable[[click.Command, click.Context], list[str]],
) -> Callable[[click.Command, click.Context], list[str]]:
    def collect_usage_pieces(self: click.Command, ctx: click.Context) -> list[str]:
        pieces = original(self, ctx)
        return [pgettext("usage", USAGE_PIECES[p]) if p in USAGE_PIECES else p for p in pieces]

    setattr(collect_usage_pieces, _PATCHED, True)
    return collect_usage_pieces


def _translated_metavar(
    original: Callable[[click.Parameter, click.Context], str],
) -> Callable[[click.Parameter, click.Context], str]:
    def make_metavar(self: click.Parameter, ctx: click.Context) -> str:
        metavar = original(self, ctx)
        base, dots, rest = metavar.partition("...")
        if isinstance(self, click.Option) and self.metavar is None and base in TYPE_METAVARS:
            return pgettext("metavar", TYPE_METAVARS[base]) + dots
        bare = base.strip("[]")
        if bare in NAMED_METAVARS:
            return base.replace(bare, pgettext("metavar", NAMED_METAVARS[bare])) + dots + rest
        return metavar

    setattr(make_metavar, _PATCHED, True)
    return make_metavar


def retranslate_help(command: click.Command) -> None:
    """Translate ``command``'s help texts (and its options') into the current UI language.

    Texts made with ``_`` or marked with ``N_`` are looked up again by their msgid;
    others are left as they are.
    """
    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            param.help = _(param.help)


def _translated_help(
    original: Callable[..., Any],
) -> Callable[..., Any]:
    def method(self: click.Command, *args: Any, **kwargs: Any) -> Any:
        retranslate_help(self)
        return original(self, *args, **kwargs)

    setattr(method, _PATCHED, True)
    return method


def _word_wrapped_usage(_original: Callable[..., None]) -> Callable[..., None]:
    def method(self: click.HelpFormatter, *args: Any, **kwargs: Any) -> None:
        write_usage(self, *args, **kwargs)

    setattr(method, _PATCHED, True)
    return method


def install() -> None:
    """Make click's own texts follow the UI language (idempotent)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            setattr(module, "_", _)  # noqa: B010 - module attribute, not known to mypy
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010
    patches: tuple[tuple[type, str, Callable[..., Any]], ...] = (
        (click.Command, "collect_usage_pieces", _translated_usage),
        (click.Group, "collect_usage_pieces", _translated_usage),
        (click.Parameter, "make_metavar", _translated_metavar),
        (click.Argument, "make_metavar", _translated_metavar),
        (click.Command, "format_help", _translated_help),
        (click.Command, "get_short_help_str", _translated_help),
        (click.HelpFormatter, "write_usage", _word_wrapped_usage),
    )
    for cls, attribute, wrap in patches:
        current = cls.__dict__.get(attribute)
        if current is not None and not getattr(current, _PATCHED, False):
            setattr(cls, attribute, wrap(current))
