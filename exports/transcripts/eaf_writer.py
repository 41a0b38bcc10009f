"""A transcript as an ELAN file (``.eaf``) written with pympi-ling.

One time-aligned tier per speaker (``PARTICIPANT`` = the label, ``LANG_REF`` = the
original's language) and, under it, one symbolically associated tier per translation
layer (``<speaker>-<language>``), so ELAN shows each translation under the turn it
translates. A linked recording is written as the media descriptor, relative to the
ELAN file. :mod:`exports.transcripts.eaf_reader` reads these files back.
"""

from __future__ import annotations

import os
from pathlib import Path

from exports.transcripts.timed_turns import TimedTurn

UTTERANCE_TYPE = "utterance"
TRANSLATION_TYPE = "translation"
ISO_639_3 = {"ru": "rus", "kk": "kaz", "en": "eng"}
MIME = {".wav": "audio/x-wav", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".mp4": "video/mp4"}


def write_eaf(
    out: Path, languages: list[str], turns: list[TimedTurn], media: Path | None = None
) -> None:
    """Write ``turns`` (original first in ``languages``) to ``out``."""
    import pympi

    eaf = pympi.Elan.Eaf(author="suhbat")
    eaf.remove_tier("default")
    eaf.add_linguistic_type(UTTERANCE_TYPE, timealignable=True)
    eaf.add_linguistic_type(
        TRANSLATION_TYPE, constraints="Symbolic_Association", timealignable=False
    )
    for language in languages:
        eaf.add_language(ISO_639_3.get(language, language), lang_label=language)
    original, translations = languages[0], languages[1:]
    speakers = list(dict.fromkeys(turn.speaker or "?" for turn in turns))
    for speaker in speakers:
        eaf.add_tier(
            speaker, ling=UTTERANCE_TYPE, part=speaker, language=ISO_639_3.get(original, original)
        )
        for language in translations:
            eaf.add_tier(
                f"{speaker}-{language}",
                ling=TRANSLATION_TYPE,
                parent=speaker,
                part=speaker,
                language=ISO_639_3.get(language, language),
            )
    for turn in turns:
        speaker = turn.speaker or "?"
        eaf.add_annotation(speaker, turn.start_ms, turn.end_ms, turn.texts.get(original, ""))
        middle = (turn.start_ms + turn.end_ms) // 2
        for language in translations:
            text = turn.texts.get(language, "")
            if text:
                eaf.add_ref_annotation(f"{speaker}-{language}", speaker, middle, text)
    if media is not None:
        relative = os.path.relpath(media.resolve(), out.resolve().parent)
        eaf.add_linked_file(
            media.resolve().as_uri(),
            relpath=Path(relative).as_posix(),
            mimetype=MIME.get(media.suffix.lower(), "audio/*"),
        )
    eaf.to_file(str(out))
