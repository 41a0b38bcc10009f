"""Load the part of a study that the coded passages of one code (or theme) lie in.

Coded passages need texts: the coded layers', their translations', and the utterances
around each passage. :func:`exports.study.loading.load_study` reads them for the whole
project (every utterance of 2,000 transcripts is most of the half second a theme's list
took to load); :func:`load_code_study` reads the texts, utterances and utterance
languages of the sessions the code's codings lie in only, and the code's codings only.
Codes, coders, sessions, participants and transcripts come whole (they are small).

Everything a passage shows comes out as from the whole study: a coding's utterances,
participants and languages are computed from the same rows, because a session is read
with all its transcripts (a session without linked participants takes its respondents
from every one of its transcripts).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from operator import itemgetter

from analysis.dataset import StudyData
from storage.coding_speakers import CodingRows, SpeakerSpans
from storage.models import Coding, Utterance
from storage.store import Store


def load_code_study(store: Store, code_id: int, *, language: str | None = None) -> StudyData:
    """The study as :func:`~exports.study.loading.load_study` loads it with texts and
    languages, but with only the codings of ``code_id`` and its sub-codes, and only the
    layers and utterances of the sessions they lie in."""
    project = store.project()
    codes = store.codes.all()
    subtree = StudyData.build(codes=codes).subtree(code_id)  # (the code tree alone)
    codings = sorted(  # in text order, as ``store.codings.all()`` reads every coding
        (coding for cid in subtree for coding in store.codings.all(code_id=cid)),
        key=lambda c: (c.layer_id, c.start, c.end, c.id),
    )
    transcripts = store.transcripts.all()
    coded_layers = {coding.layer_id for coding in codings}
    session_of = {t.id: t.session_id for t in transcripts}
    sessions = {
        session_of[layer.transcript_id]
        for layer in store.counts.layer_outlines()
        if layer.id in coded_layers and layer.transcript_id in session_of
    }
    read = [t.id for t in transcripts if t.session_id in sessions]
    utterances = store.transcripts.utterances(transcript_ids=read) if read else []
    own = store.transcripts.utterance_languages(transcript_ids=read) if read else {}
    return StudyData.build(
        codes=codes,
        codings=codings,
        coders=store.coders.all(),
        sessions=store.sessions.all(),
        participants=store.participants.all(),
        attributes=store.participants.attributes(),
        transcripts=transcripts,
        layers=store.transcripts.layers(transcript_ids=read) if read else (),
        utterances=utterances,
        session_participants=store.sessions.participants(),
        language=language or project.languages[0],
        fallback_languages=project.languages,
        coding_rows=coding_rows(codings),
        speaker_spans=speaker_spans(utterances, own),
    )


def coding_rows(codings: Collection[Coding]) -> CodingRows:
    """``codings`` as rows, in id order (as the Store reads every coding)."""
    return CodingRows(
        tuple(sorted((c.id, c.code_id, c.layer_id, c.start, c.end, c.coder_id) for c in codings))
    )


def speaker_spans(utterances: Sequence[Utterance], own: dict[tuple[int, int], str]) -> SpeakerSpans:
    """The spans of ``utterances`` with their speakers and own languages (``own``: see
    :meth:`storage.transcripts_store.TranscriptsPart.utterance_languages`), sorted by layer,
    start and end as :class:`~storage.coding_speakers.SpeakerSpans` are."""
    rows = sorted(
        (
            (layer_id, start, end, u.participant_id, own.get((u.id, layer_id)))
            for u in utterances
            for layer_id, (start, end) in u.spans.items()
        ),
        key=itemgetter(0, 1, 2),
    )
    columns = tuple(zip(*rows, strict=True)) or ((),) * 5
    layers, starts, ends, speakers, languages = columns
    spoken = frozenset(
        (u.transcript_id, u.participant_id) for u in utterances if u.participant_id is not None
    )
    return SpeakerSpans(layers, starts, ends, speakers, languages, spoken)
