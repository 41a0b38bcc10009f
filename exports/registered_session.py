"""Which registered session a transcript belongs to, from the date or place it names.

A team imports its sessions register first (``suhbat table import … sessions``: one row per
focus group, with its date and place) and then the transcripts, whose headings say where
and when they were held («Фокус-топ — Нұр-Сұлтан, 08.07.2022»). Without ``--session`` each
file used to make a session of its own beside the registered one. A transcript now joins
the one registered session that has that date and no transcript yet (with no date
written, the one held at a place its heading or file name names); with none or several,
it makes its own session as before (the user can move it: ``transcript move``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal

from storage import Store
from storage.models import Session

_DAY_FIRST = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def written_date(texts: Iterable[str]) -> str | None:
    """The first valid date in ``texts`` (``08.07.2022``, ``8/7/2022``, ``2022-07-08``),
    day first as written in Kazakhstan and Russia, as an ISO date."""
    for text in texts:
        found: list[tuple[int, str]] = []
        for match in _DAY_FIRST.finditer(text):
            day, month, year = (int(g) for g in match.groups())
            found.append((match.start(), _iso(year, month, day)))
        for match in _ISO.finditer(text):
            year, month, day = (int(g) for g in match.groups())
            found.append((match.start(), _iso(year, month, day)))
        for _start, iso in sorted(found):
            if iso:
                return iso
    return None


def _iso(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def registered_session_of(
    store: Store, texts: Sequence[str]
) -> tuple[Session, Literal["date", "place"]] | None:
    """The only session without a transcript yet dated as ``texts`` say or, when they
    name no date, held at a place they name (a word of its location: ``ryskulova`` in
    ``focus_group_ryskulova.kk.srt``), with which of the two it was; None when no session
    or several fit."""
    free = store.sessions.without_transcripts()
    if not free:  # (importing into a project whose sessions all have transcripts)
        return None
    when = written_date(texts)
    if when is not None:
        dated = [s for s in free if (s.date or "")[:10] == when]
        return (dated[0], "date") if len(dated) == 1 else None
    words = {w for text in texts for w in _words(text)}
    placed = [s for s in free if _words(s.location or "") & words]
    return (placed[0], "place") if len(placed) == 1 else None


def _words(text: str) -> set[str]:
    """The words of ``text`` that can name a place (four letters or more), case-folded."""
    return {w for w in re.findall(r"[^\W\d_]+", text.casefold()) if len(w) >= 4}
