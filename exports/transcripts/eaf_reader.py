"""ELAN annotation files (``.eaf``) read with pympi-ling: tiers become speakers and layers.

Every top-level (time-aligned) tier is one speaker's turns: its ``PARTICIPANT``
attribute names the speaker, else the tier's name. A child tier that refers to a
top-level tier's annotations (symbolic association, as ELAN's "translation" type) is a
translation: its ``LANG_REF`` (ISO 639-3 ``rus``, ``kaz``, ``eng`` or a two-letter
code), else its name's ``-ru``/``@kk`` suffix, tells the language; all child tiers of
one language form one text column. Utterances are every top-level annotation in time
order. The file is first checked by the same safe XML parser as REFI-QDA files (no
DOCTYPE, no entities) so pympi never sees a hostile document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from exports.refi.safe_xml import parse_xml
from exports.transcripts.parsed import ParsedTranscript, ParsedUtterance, one_line
from storage.errors import N_, InputError

ISO_639_3 = {"rus": "ru", "kaz": "kk", "eng": "en", "uzb": "uz", "kir": "ky", "tgk": "tg"}
"""ELAN's usual language references, as suhbat's two-letter codes."""

_SUFFIX = re.compile(r"[-_@.\s](ru|kk|en|rus|kaz|eng)$", re.IGNORECASE)


def tier_language(name: str, lang_ref: str | None) -> str | None:
    """The two-letter language of a tier, from ``LANG_REF`` or its name, if either tells."""
    for candidate in (lang_ref, *(m.group(1) for m in [_SUFFIX.search(name)] if m)):
        if candidate:
            code = candidate.strip().lower()
            code = ISO_639_3.get(code, code)
            if len(code) == 2:
                return code
    return None


def read_eaf(path: Path, file: str) -> ParsedTranscript:
    """Parse the ELAN file at ``path`` (shown to users as ``file``)."""
    import pympi

    data = path.read_bytes()
    parse_xml(data, file)  # refuses DOCTYPE/entities and malformed XML with a clear message
    try:
        eaf = pympi.Elan.Eaf(str(path))
    except Exception as error:  # pympi raises KeyError/ValueError/... on odd files
        raise InputError(
            N_("{file}: not an ELAN file pympi can read ({reason})"),
            file=file,
            reason=str(error) or type(error).__name__,
        ) from None
    tiers: dict[str, dict[str, Any]] = {
        name: eaf.get_parameters_for_tier(name) for name in eaf.get_tier_names()
    }
    top = [name for name, params in tiers.items() if not params.get("PARENT_REF")]
    if not top:
        raise InputError(N_("{file}: the ELAN file has no time-aligned tier"), file=file)
    main_language = next(
        (lang for name in top if (lang := tier_language(name, tiers[name].get("LANG_REF")))), None
    )
    columns: list[str] = [main_language or "original"]
    translations: dict[str, dict[tuple[str, int, int], str]] = defaultdict(dict)
    for name, params in tiers.items():
        parent = params.get("PARENT_REF")
        if not parent or parent not in top:
            continue
        language = (
            tier_language(name, params.get("LANG_REF")) or params.get("LINGUISTIC_TYPE_REF") or name
        )
        if language == main_language:
            continue
        if language not in columns:
            columns.append(language)
        for start, end, value in _ref_annotations(eaf, name):
            translations[language][(parent, start, end)] = one_line(value)
    turns: list[tuple[int, int, str, str]] = []
    for name in top:
        for start, end, value, *_rest in eaf.get_annotation_data_for_tier(name):
            turns.append((int(start), int(end), name, value))
    if not turns:
        raise InputError(N_("{file}: the ELAN file has no annotations"), file=file)
    turns.sort(key=lambda turn: (turn[0], turn[1]))
    utterances = tuple(
        ParsedUtterance(
            speaker=one_line(tiers[name].get("PARTICIPANT") or name),
            start_ms=start,
            end_ms=end,
            texts=(
                one_line(value),
                *(translations[language].get((name, start, end), "") for language in columns[1:]),
            ),
        )
        for start, end, name, value in turns
    )
    return ParsedTranscript(
        path=file,
        format="eaf",
        encoding="utf-8",
        title=None,
        columns=tuple(columns),
        utterances=utterances,
    )


def _ref_annotations(eaf: Any, tier: str) -> list[tuple[int, int, str]]:
    """A child tier's annotations as (start, end, value); the times are its parent's."""
    return [
        (int(row[0]), int(row[1]), str(row[2]))
        for row in eaf.get_ref_annotation_data_for_tier(tier)
    ]
