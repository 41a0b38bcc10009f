"""Numbers and statistics as text in a document's language (via Babel).

Undefined statistics are shown as an em dash, and the reason is remembered so
that a note under the table can explain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from analysis.undefined import Undefined
from exports.report_language import Translate
from i18n.formatting import format_decimal, format_number, format_percent

DASH = "—"

PERCENT_DIGITS = 1
"""Decimals of every percentage in a document's tables and text (``50,0 %`` in ru)."""


def percent_text(value: float | Fraction, language: str) -> str:
    """A percentage given as 0–100 in the one style documents use (``50.0%``, ``50,0 %``)."""
    return format_percent(float(value) / 100, PERCENT_DIGITS, language=language)


@dataclass
class CellText:
    """Formats cells for one document language and collects reasons for undefined values."""

    language: str
    tr: Translate
    undefined: list[str] = field(default_factory=list)

    def count(self, value: int | None) -> str:
        """A count with digit grouping (``1 234`` in ru and kk)."""
        return "" if value is None else format_number(value, language=self.language)

    def decimal(self, value: float | Fraction | None, digits: int = 2) -> str:
        """A decimal number with exactly ``digits`` decimals and the local separator."""
        if value is None:
            return ""
        return format_decimal(float(value), digits, language=self.language)

    def percent(self, value: float | Fraction | None, digits: int = 0) -> str:
        """A percentage given as 0–100 (``45,6 %`` in ru)."""
        if value is None:
            return ""
        return format_percent(float(value) / 100, digits, language=self.language)

    def statistic(self, value: float | Fraction | Undefined | None, digits: int = 2) -> str:
        """A coefficient, or a dash when it is undefined (the reason is noted)."""
        if value is None:
            return ""
        if isinstance(value, Undefined):
            reason = self.tr(value.reason)
            if reason not in self.undefined:
                self.undefined.append(reason)
            return DASH
        return self.decimal(value, digits)

    def take_notes(self) -> list[str]:
        """Notes explaining every dash shown since the last call, then forget them."""
        _ = self.tr
        notes = [f"{DASH} {_('undefined')}: {reason}" for reason in self.undefined]
        self.undefined = []
        return notes
