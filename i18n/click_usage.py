"""Click's usage line wrapped between words, never inside one.

Click wraps ``Usage: suhbat stats [OPTIONS] PROJECT {frequencies|crosstab|…}`` with
:class:`textwrap.TextWrapper`, which cuts a word longer than the line wherever the line
ends (``sessions-mat`` / ``rix``). :func:`write_usage` replaces
:meth:`click.HelpFormatter.write_usage`: it wraps at spaces and breaks a choice list
that does not fit on a line after one of its ``|``; any other word longer than the line
stays whole.
"""

from __future__ import annotations

import re

import click

from i18n import _


def term_len(text: str) -> int:
    """The columns ``text`` takes on a terminal (ANSI styles left out), as click counts."""
    return len(click.unstyle(text))


_CHOICE = re.compile(r"[^|]+\|?|\|")
"""The pieces of a choice list, each with its ``|``: ``{a|``, ``b|``, ``c}``."""


def wrap_usage(args: str, width: int, first: str, indent: str) -> str:
    """``args`` after ``first`` in lines of at most ``width`` columns, the next lines
    starting with ``indent``; lines break between words, and inside a word after a ``|``
    only when the word does not fit on a line of its own."""
    lines = [first]
    fresh = True  # nothing on the current line but its prefix
    for word in args.split():
        fits = term_len(indent) + term_len(word) <= width
        pieces = [word] if fits or "|" not in word else _CHOICE.findall(word)
        for index, piece in enumerate(pieces):
            joined = piece if fresh or index > 0 else " " + piece
            if fresh or term_len(lines[-1] + joined) <= width:
                lines[-1] += joined
            else:
                lines.append(indent + piece)
            fresh = False
    return "\n".join(lines)


def write_usage(
    self: click.HelpFormatter, prog: str, args: str = "", prefix: str | None = None
) -> None:
    """:meth:`click.HelpFormatter.write_usage` with :func:`wrap_usage` for the arguments."""
    if prefix is None:
        prefix = "{usage} ".format(usage=_("Usage:"))
    usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
    text_width = self.width - self.current_indent
    if not args:
        self.write(usage_prefix.rstrip(" "))
        self.write("\n")
        return
    if text_width >= term_len(usage_prefix) + 20:
        indent = " " * term_len(usage_prefix)
        self.write(wrap_usage(args, text_width, usage_prefix, indent))
    else:
        self.write(usage_prefix)
        self.write("\n")
        indent = " " * (max(self.current_indent, term_len(prefix)) + 4)
        self.write(wrap_usage(args, text_width, indent, indent))
    self.write("\n")
