"""Load a project's data into :class:`analysis.dataset.StudyData` for statistics and exports."""

from __future__ import annotations

import dataclasses
from typing import Any

from analysis.dataset import StudyData, utterances_of_facts
from storage.coding_speakers import SpeakerSpans
from storage.store import Store

NO_SPANS = SpeakerSpans((), (), (), (), (), frozenset())
"""No utterance span at all (facts without speakers)."""


def _study(store: Store, language: str | None, **parts: Any) -> StudyData:
    """The study's codes, coders, sessions, participants and transcripts, and ``parts``."""
    project = store.project()
    return StudyData.build(
        codes=store.codes.all(),
        coders=store.coders.all(),
        sessions=store.sessions.all(),
        participants=store.participants.all(),
        attributes=store.participants.attributes(),
        transcripts=store.transcripts.all(),
        session_participants=store.sessions.participants(),
        language=language or project.languages[0],
        fallback_languages=project.languages,
        **parts,
    )


def load_study(
    store: Store,
    *,
    language: str | None = None,
    with_text: bool = False,
    with_utterances: bool = True,
    with_languages: bool = False,
) -> StudyData:
    """Everything the statistics and exports need, read once from ``store``.

    ``language`` chooses code names (falling back to the project's languages in
    order); ``with_text`` loads layer texts too (needed for quotes and segments);
    without ``with_utterances`` only the utterances' spans and speakers are read, as
    columns (:attr:`StudyData.utterances` stays empty), which is all the statistics need.
    ``with_languages`` reads the languages of the utterances each coding overlaps (to
    filter by language: :meth:`StudyData.filter`).
    """
    return _study(
        store,
        language,
        codings=store.codings.all(),
        layers=store.transcripts.layers(with_text=with_text),
        utterances=store.transcripts.utterances() if with_utterances else (),
        utterance_spans=None if with_utterances else store.transcripts.utterance_spans(),
        coding_rows=store.counts.coding_rows() if with_languages else None,
        speaker_spans=store.counts.speaker_spans() if with_languages else None,
    )


def load_coding_facts(
    store: Store,
    *,
    language: str | None = None,
    with_lengths: bool = False,
    with_speakers: bool = True,
    with_languages: bool = True,
) -> StudyData:
    """The study as the counting statistics read it: codes, sessions, participants and one
    light fact per coding (:attr:`StudyData.coding_facts`), without coding objects,
    utterances or layer texts.

    Frequencies, crosstabs, the code × session matrix, saturation and the agreement
    tables compute the same tables from it as from :func:`load_study` (agreement with
    ``with_lengths``: the layers' lengths, for the unitizing α); other statistics need
    :func:`load_study`. Without ``with_speakers`` no utterance span is read: the facts
    carry no participants and their layers' languages (agreement needs neither). Without
    ``with_languages`` the facts carry their layers' languages only (enough unless the
    statistic is filtered by language), and only the spans participants speak are read.
    """
    return _study(
        store,
        language,
        layers=store.counts.layer_outlines(),
        coding_rows=store.counts.coding_rows(),
        speaker_spans=(
            store.counts.speaker_spans(with_languages=with_languages) if with_speakers else NO_SPANS
        ),
        layer_lengths=store.counts.layer_lengths() if with_lengths else None,
    )


def load_study_outline(
    store: Store, *, language: str | None = None, with_speakers: bool = True
) -> StudyData:
    """The study without codings, utterances or layer texts: codes, coders, sessions,
    participants, transcripts, layers and (``with_speakers``) who speaks in each transcript.

    The participant and session profiles and the sessions register read nothing else (a
    session's respondents are its linked respondents, else who speaks in it): they compute
    the same tables from it as from :func:`load_study`. Codings counted in SQL (codes ×
    valence, codings per session) need it without speakers.
    """
    speakers = store.transcripts.transcript_speakers() if with_speakers else frozenset()
    return _study(
        store,
        language,
        layers=store.counts.layer_outlines(),
        speaker_spans=SpeakerSpans((), (), (), (), (), speakers),
    )


def load_coding_utterances(
    store: Store,
    *,
    language: str | None = None,
    with_speakers: bool = False,
    with_languages: bool = False,
) -> StudyData:
    """:func:`load_coding_facts` and the utterances each coding overlaps
    (:attr:`StudyData.coding_utterances`, from the spans alone): what
    co-occurrence by utterance reads. The speakers only when the statistic is filtered by
    participant attribute or language."""
    data = load_coding_facts(
        store, language=language, with_speakers=with_speakers, with_languages=with_languages
    )
    overlapped = utterances_of_facts(data.facts, store.transcripts.span_rows())
    return dataclasses.replace(data, coding_utterances=overlapped)


def with_layer_texts(store: Store, data: StudyData) -> StudyData:
    """``data`` (loaded without texts) with its layers' texts: for the disagreement list's
    excerpts."""
    texts = {layer.id: layer for layer in store.transcripts.layers(with_text=True)}
    layers = {lid: texts.get(lid, layer) for lid, layer in data.layers.items()}
    return dataclasses.replace(data, layers=layers)


def load_utterances_and_texts(store: Store, *, language: str | None = None) -> StudyData:
    """The study without its codings: utterances and the layers with their texts (word
    frequencies count the words spoken, not codings)."""
    return _study(
        store,
        language,
        layers=store.transcripts.layers(with_text=True),
        utterances=store.transcripts.utterances(),
    )
