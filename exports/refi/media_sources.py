"""Recordings as REFI-QDA ``<AudioSource>``/``<VideoSource>`` with synchronised transcripts.

Each linked recording becomes an audio or video source whose ``path`` is
``relative://`` the project's folder (the project's ``basePath``) or ``absolute://``.
Each layer of the transcript it belongs to is a ``<Transcript>`` that shares the
layer's text file with its ``<TextSource>`` (``internal://<layer guid>.txt``), with a
``<SyncPoint>`` at the start of every timed utterance (``position`` in the exported
text, ``timeStamp`` in milliseconds of the recording, offset included). Codings stay on
the text sources, where their exact positions live; suhbat's importer recognises the
shared text and attaches the recording to that transcript instead of importing it twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from exports.refi.guids import derived_guid
from exports.refi.turn_prefixes import ExportLayout
from exports.refi.xml_out import start_tag
from storage.media_store import MediaFile
from storage.models import Layer, Transcript
from storage.refi_store import TurnRow

ELEMENT = {"audio": "AudioSource", "video": "VideoSource"}


def media_uri(stored: str) -> str:
    """A stored media path (relative to the project folder, or absolute) as a REFI URI."""
    path = Path(stored)
    if path.is_absolute():
        return "absolute://" + path.as_posix()
    return "relative://" + path.as_posix()


def transcript_guid(layer_uuid: str) -> str:
    """The guid of a layer's ``<Transcript>`` inside a media source (stable across exports)."""
    return derived_guid("media-transcript", layer_uuid)


def media_sources_xml(
    out: list[str],
    media: Sequence[MediaFile],
    transcripts: Mapping[int, Transcript],
    layers_of: Mapping[int, Sequence[Layer]],
    layouts: Mapping[int, ExportLayout],
    turns_of: Mapping[int, Sequence[TurnRow]],
) -> int:
    """Append a source per recording to ``out``; return how many were written."""
    for item in media:
        element = ELEMENT[item.kind]
        transcript = transcripts.get(item.transcript_id) if item.transcript_id else None
        name = Path(item.path).name
        out.append(
            "    "
            + start_tag(element, {"guid": item.uuid, "name": name, "path": media_uri(item.path)})
            + "\n"
        )
        if transcript is not None:
            for layer in layers_of.get(transcript.id, ()):
                layout = layouts[layer.id]
                out.append(
                    "      "
                    + start_tag(
                        "Transcript",
                        {
                            "guid": transcript_guid(layer.uuid),
                            "name": f"{transcript.title} ({layer.language})",
                            "plainTextPath": f"internal://{layer.uuid}.txt",
                        },
                    )
                    + "\n"
                )
                for turn in turns_of.get(layer.id, ()):
                    if turn.start_ms is None:
                        continue
                    point = {
                        "guid": derived_guid("sync", layer.uuid, turn.uuid),
                        "timeStamp": str(turn.start_ms + item.offset_ms),
                        "position": str(layout.start(turn.start)),
                    }
                    out.append("        " + start_tag("SyncPoint", point, empty=True) + "\n")
                out.append("      </Transcript>\n")
        out.append(f"    </{element}>\n")
    return len(media)
