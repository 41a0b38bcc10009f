"""``suhbat export``: write Word, CSV/XLSX and REFI-QDA files from a project.

Each format is a subcommand of the :data:`export` group (``docx``, ``codebook``,
``report``, ``csv``, ``xlsx``; REFI-QDA adds ``qdc`` and ``qdpx``).
"""

from __future__ import annotations

import click

from i18n import _


@click.group(help=_("Export transcripts, codebook, report, tables or REFI-QDA files."))
def export() -> None:
    """Write project data to files other tools read."""
