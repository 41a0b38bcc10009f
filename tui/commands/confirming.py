"""A yes/no question on the terminal that accepts answers in the UI language.

``click.confirm`` shows ``[y/N]`` and understands only ``y``/``yes``/``n``/``no``; here
the hint is translated (``[д/Н]``, ``[и/Ж]``) and both the English answers and those
of the interface languages are understood, so a habit from either keyboard layout works.
"""

from __future__ import annotations

import click

from i18n import _

YES: frozenset[str] = frozenset({"y", "yes", "д", "да", "и", "иә", "ия"})
"""Answers that mean yes (compared case-insensitively)."""

NO: frozenset[str] = frozenset({"n", "no", "н", "нет", "ж", "жоқ"})
"""Answers that mean no (compared case-insensitively)."""


def confirm(question: str, *, err: bool = True) -> bool:
    """Ask ``question``; True for a yes answer, False for no or an empty answer.

    Stops the command (click's ``Abort``) when there is no input to read.
    """
    hint = _("[y/N]")
    while True:
        answer = click.prompt(
            f"{question} {hint}", default="", show_default=False, err=err, prompt_suffix=" "
        )
        word = str(answer).strip().casefold()
        if not word or word in NO:
            return False
        if word in YES:
            return True
        click.echo(_("Please answer yes or no."), err=err)
