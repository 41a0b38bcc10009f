"""What the Word study report contains: its sections and options (no Word code).

Kept apart from the writer so that screens and commands can offer the choices without
importing python-docx.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from storage.errors import N_

SECTIONS: tuple[str, ...] = (
    "participants",
    "sessions",
    "frequencies",
    "crosstab",
    "saturation",
    "words",
    "agreement",
    "quotes",
    "memos",
)
"""Report sections, in the order they appear."""

SECTION_TITLES = {
    "participants": N_("Participants"),
    "sessions": N_("Sessions"),
    "frequencies": N_("Themes and categories"),
    "crosstab": N_("Codes by participant attributes"),
    "saturation": N_("Thematic saturation"),
    "words": N_("Word frequencies"),
    "agreement": N_("Intercoder agreement"),
    "quotes": N_("Representative quotes"),
    "memos": N_("Memos"),
}


@dataclass(frozen=True)
class ReportOptions:
    """What the report contains and how it is written.

    ``crosstab_attributes`` empty means every categorical attribute that is not
    marked sensitive. Saturation uses Guest, Namey & Chen's base size, run length
    and thresholds (in percent). ``generated`` is the date printed on the report
    (default: today).
    """

    language: str = "en"
    sections: tuple[str, ...] = SECTIONS
    real_names: bool = False
    title: str = ""
    crosstab_attributes: tuple[str, ...] = ()
    saturation_base: int = 4
    saturation_run: int = 2
    saturation_thresholds: tuple[float, ...] = (5, 0)
    saturation_mode: str = "rolling"
    segment_threshold: float = 90
    quotes_per_theme: int = 3
    generated: date | None = None
    charts: bool = True
    """Code frequency bars, the saturation curve and crosstab heat maps as pictures."""
    words_top: int = 10
    """Words per transcript in the word-frequency section."""
    stop_words: Mapping[str, frozenset[str]] | None = None
    """Stop words per language (None: the shipped lists); the project's own when
    written with :func:`exports.docx_report.write_report_docx`."""
