"""Options that several export commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from i18n import _

F = TypeVar("F", bound=Callable[..., Any])


def transcripts_option() -> Callable[[F], F]:
    """``--transcript/-t``: a transcript or session to export (repeatable; default: all)."""
    return click.option(
        "--transcript",
        "-t",
        "transcripts",
        multiple=True,
        help=_("Transcript or session to export (repeatable); default: all."),
    )
