"""Command-palette entries, on every screen, for the dialogs that have no screen key of
their own: Speakers, Autocode and Memos."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from i18n import _


def _speakers(screen: Screen[Any]) -> None:
    from tui.screens.transcript_actions import open_speakers

    open_speakers(screen)


def _autocode(screen: Screen[Any]) -> None:
    from tui.dialogs.autocode_dialog import start_autocode

    start_autocode(screen)


def _memos(screen: Screen[Any]) -> None:
    from tui.dialogs.memos import open_memos

    open_memos(screen)


def work_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Palette commands that open the Speakers, Autocode and Memos dialogs over ``screen``."""
    yield SystemCommand(
        _("Speakers"), _("Speaker labels: link them to participants"), partial(_speakers, screen)
    )
    yield SystemCommand(
        _("Autocode"),
        _("Code every utterance of a speaker, answer to a question or search hit"),
        partial(_autocode, screen),
    )
    yield SystemCommand(
        _("Memos"),
        _("Every memo in the project: read, search, edit, jump to"),
        partial(_memos, screen),
    )
