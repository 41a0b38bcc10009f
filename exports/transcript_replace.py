"""Replace a transcript's text with an edited file of the same name, keeping its codings.

Two ways, chosen by what the file changed:

* the same turns (same number of utterances, same speakers, in order): every changed
  utterance is edited in place with :meth:`storage.Store.edit_utterance_text`, so
  codings move with the edit exactly as when the text is corrected in the app (text
  inserted before a coding shifts it, text changed inside it stays in it, a coding
  whose text is deleted is dropped); utterances, their links and translations stay;
* other turns (utterances merged, split, added or removed, speakers changed): the
  transcript is stored again under the same UUID, and each coding is put back where
  its text now is (the same place, else the nearest copy of its text); a coding
  whose text is no longer in the file is dropped.

Either way the caller gets counts of codings kept in place, moved, and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storage import Store
from storage.errors import ConflictError
from storage.merge_codings import reanchor
from storage.models import Layer, Transcript
from storage.transcript_layout import PreparedTranscript


@dataclass
class ReplaceSummary:
    """What replacing a transcript's text did to its codings."""

    title: str
    in_place: bool
    """True when the text was edited utterance by utterance (same turns)."""
    changed: bool
    kept: int = 0
    """Codings on the same text at the same place."""
    moved: int = 0
    """Codings on the same text, now at another place (text before them changed)."""
    edited: int = 0
    """Codings kept whose text was changed by the edit (they cover the new wording)."""
    dropped: int = 0
    """Codings removed: their text is gone."""
    dropped_layers: list[str] = field(default_factory=list)
    """Languages of translation layers that could not be kept (the turns changed)."""


def _positions(store: Store, transcript_id: int) -> dict[str, tuple[str, int, int, str]]:
    """Every coding of a transcript by UUID: (layer language, start, end, coded text)."""
    result: dict[str, tuple[str, int, int, str]] = {}
    for layer in store.transcripts.layers(transcript_id):
        for c in store.codings.all(layer_id=layer.id):
            result[c.uuid] = (layer.language, c.start, c.end, layer.text[c.start : c.end])
    return result


def _same_turns(store: Store, transcript_id: int, data: PreparedTranscript) -> bool:
    speakers = [u.speaker for u in store.transcripts.utterances(transcript_id)]
    return speakers == list(data.speakers)


def _unchanged(store: Store, transcript_id: int, data: PreparedTranscript) -> bool:
    utterances = store.transcripts.utterances(transcript_id)
    if [u.speaker for u in utterances] != list(data.speakers):
        return False
    if [(u.start_ms, u.end_ms) for u in utterances] != list(
        zip(data.start_ms, data.end_ms, strict=True)
    ):
        return False
    texts = {layer.language: layer.text for layer in store.transcripts.layers(transcript_id)}
    return all(texts.get(layer.language) == layer.text for layer in data.layers)


def replace_transcript(
    store: Store, existing: Transcript, data: PreparedTranscript
) -> tuple[Transcript, ReplaceSummary]:
    """Make ``existing`` hold the text of ``data``, keeping what codings can be kept.

    Runs in one transaction; returns the transcript (the same UUID and title) and
    what happened to its codings.
    """
    before = _positions(store, existing.id)
    with store.transaction():
        if _unchanged(store, existing.id, data):
            summary = ReplaceSummary(existing.title, True, False, kept=len(before))
            return existing, summary
        in_place = _same_turns(store, existing.id, data)
        dropped_layers: list[str] = []
        if in_place:
            transcript = _edit_in_place(store, existing, data)
        else:
            transcript, dropped_layers = _store_again(store, existing, data)
        after = _positions(store, transcript.id)
    kept = sum(1 for uuid, where in after.items() if before.get(uuid) == where)
    edited = sum(1 for uuid, where in after.items() if before[uuid][3] != where[3])
    summary = ReplaceSummary(
        existing.title,
        in_place,
        True,
        kept=kept,
        moved=len(after) - kept - edited,
        edited=edited,
        dropped=len(before) - len(after),
        dropped_layers=dropped_layers,
    )
    return transcript, summary


def _edit_in_place(store: Store, existing: Transcript, data: PreparedTranscript) -> Transcript:
    layers = {layer.language: layer for layer in store.transcripts.layers(existing.id)}
    utterances = store.transcripts.utterances(existing.id)
    for new in data.layers:
        old = layers.get(new.language)
        if old is None:
            store.transcripts.add_layer(
                existing.id, new.language, new.lines, source_file=data.source_file
            )
            continue
        for utterance, line in zip(utterances, new.lines, strict=True):
            span = utterance.spans.get(old.id)
            current = old.text[span[0] : span[1]] if span else ""
            if span is not None and current != line:
                store.transcripts.edit_utterance_text(utterance.id, old.id, line)
    store.transcripts.update_source(
        existing.id,
        source_file=data.source_file,
        source_hash=data.source_hash,
        encoding=data.encoding,
        start_ms=data.start_ms,
        end_ms=data.end_ms,
    )
    return store.transcripts.get(existing.id)


def _store_again(
    store: Store, existing: Transcript, data: PreparedTranscript
) -> tuple[Transcript, list[str]]:
    old_layers: dict[str, Layer] = {
        layer.language: layer for layer in store.transcripts.layers(existing.id)
    }
    codings = {
        language: store.codings.all(layer_id=layer.id) for language, layer in old_layers.items()
    }
    memos = store.memos.all("transcript", existing.id)
    coding_memos = {
        c.uuid: store.memos.all("coding", c.id) for layer in codings.values() for c in layer
    }
    store.transcripts.delete(existing.id)
    transcript = store.transcripts.add_prepared(existing.session_id, data, uuid=existing.uuid)
    new_layers = {layer.language: layer for layer in store.transcripts.layers(transcript.id)}
    for language, layer in new_layers.items():
        old = old_layers.get(language)
        if old is None:
            continue
        for c in codings[language]:
            where = reanchor(old.text, layer.text, c.start, c.end)
            if where is None:
                continue
            try:
                added = store.codings.add(
                    c.code_id,
                    layer.id,
                    where[0],
                    where[1],
                    c.coder_id,
                    memo=c.memo,
                    snap=False,
                    uuid=c.uuid,
                    created=c.created,
                )
            except ConflictError:  # two codings landed on the same text: keep one
                continue
            for memo in coding_memos.get(c.uuid, []):
                store.memos.delete(memo.id)
                store.memos.add("coding", added.id, memo.text, author=memo.author, uuid=memo.uuid)
    for memo in memos:
        store.memos.delete(memo.id)
        store.memos.add("transcript", transcript.id, memo.text, author=memo.author, uuid=memo.uuid)
    dropped = sorted(language for language in old_layers if language not in new_layers)
    return transcript, dropped
