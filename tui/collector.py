"""How often Python's cycle collector runs: rarely for a command, as usual for the app.

A command such as ``suhbat stats`` reads tens of thousands of rows as tuples, computes
one table and exits. With Python's default thresholds (700 new container objects per
young collection) the collector walks those tuples again and again while they are
read: 60 ms of the 0.36 s that ``stats frequencies`` took on a 50,000-coding project.
The rows are not garbage and hold no cycles, so a command collects far less often;
the terminal app, which runs for hours, keeps Python's defaults.
"""

from __future__ import annotations

import gc

PYTHON_THRESHOLDS = gc.get_threshold()
"""The interpreter's own thresholds, as found when suhbat started."""

COMMAND_THRESHOLDS = (200_000, 30, 30)
"""A young collection after 200,000 new container objects (the default is 700)."""


def collect_for_a_command() -> None:
    """Collect rarely: the process reads its rows, writes its output and exits."""
    gc.set_threshold(*COMMAND_THRESHOLDS)


def collect_for_the_app() -> None:
    """Collect as Python does by default: the app runs for hours."""
    gc.set_threshold(*PYTHON_THRESHOLDS)
