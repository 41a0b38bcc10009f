"""Load a project's data into :class:`analysis.dataset.StudyData` for statistics and exports."""

from __future__ import annotations

from analysis.dataset import StudyData
from storage.store import Store


def load_study(
    store: Store,
    *,
    language: str | None = None,
    with_text: bool = False,
    with_utterances: bool = True,
) -> StudyData:
    """Everything the statistics and exports need, read once from ``store``.

    ``language`` chooses code names (falling back to the project's languages in
    order); ``with_text`` loads layer texts too (needed for quotes and segments);
    without ``with_utterances`` only the utterances' spans and speakers are read, as
    columns (:attr:`StudyData.utterances` stays empty), which is all the statistics need.
    """
    project = store.project()
    return StudyData.build(
        codes=store.codes.all(),
        codings=store.codings.all(),
        coders=store.coders.all(),
        sessions=store.sessions.all(),
        participants=store.participants.all(),
        attributes=store.participants.attributes(),
        transcripts=store.transcripts.all(),
        layers=store.transcripts.layers(with_text=with_text),
        utterances=store.transcripts.utterances() if with_utterances else (),
        utterance_spans=None if with_utterances else store.transcripts.utterance_spans(),
        session_participants=store.sessions.participants(),
        language=language or project.languages[0],
        fallback_languages=project.languages,
    )
