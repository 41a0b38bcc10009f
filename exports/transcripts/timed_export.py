"""Write transcripts as subtitles (WebVTT, SRT) or ELAN files: one file per transcript and layer."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from exports.file_names import atomic_path, safe_file_stem, unique_path
from exports.transcripts.eaf_writer import write_eaf
from exports.transcripts.subtitle_writer import srt_text, vtt_text
from exports.transcripts.timed_turns import timed_turns
from storage import Store
from storage.media_store import resolved_path

TimedFormat = Literal["vtt", "srt", "eaf"]


def write_timed(
    store: Store,
    folder: Path,
    transcript_ids: list[int],
    kind: TimedFormat,
    languages: tuple[str, ...] = (),
    *,
    media_store: Store | None = None,
) -> list[Path]:
    """Write each transcript to ``folder``; subtitles get one file per layer (``title.ru.vtt``).

    ``languages`` limits the layers (default: all). ELAN files hold every layer in one
    file and link the transcript's recording (looked up in ``media_store``, the real
    project when ``store`` is a redacted view).
    """
    written: list[Path] = []
    taken: set[str] = set()
    for transcript_id in transcript_ids:
        transcript = store.transcripts.get(transcript_id)
        layer_languages, turns = timed_turns(store, transcript_id)
        chosen = [x for x in layer_languages if not languages or x in languages]
        stem = safe_file_stem(transcript.title, "transcript")
        if kind == "eaf":
            target = unique_path(folder, stem, ".eaf", taken)
            media = _media_file(media_store or store, transcript_id)
            with atomic_path(target) as temporary:
                write_eaf(temporary, chosen or layer_languages, turns, media)
            written.append(target)
            continue
        for language in chosen:
            target = unique_path(folder, f"{stem}.{language}", f".{kind}", taken)
            text = (
                vtt_text(turns, language, transcript.title)
                if kind == "vtt"
                else srt_text(turns, language)
            )
            with atomic_path(target) as temporary:
                temporary.write_text(text, encoding="utf-8", newline="\n")
            written.append(target)
    return written


def _media_file(store: Store, transcript_id: int) -> Path | None:
    media = store.media.for_transcript(transcript_id)
    return resolved_path(store.path, media.path) if media else None
