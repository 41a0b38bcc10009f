"""Autocoding: find the passages a rule selects, preview them, code them in one step.

Three rules, as in NVivo's and MAXQDA's autocoding:

* **speaker** — every utterance spoken under a label (or by a participant);
* **question** — every answer to a protocol question: in a live-session transcript the
  utterances recorded while the question was current (their ``question_id``); in a
  transcript of a session that follows the guide, the utterances after the one that asks
  the question (its text, in any of the guide's languages) up to the next question asked;
* **query** — every hit of a search query (the whole utterance, or only the matched words).

Every rule codes one layer of each transcript: its original, unless the rule names a
layer language. A translation is the same turn again, so coding it too would count and
quote each passage twice.

:func:`plan` only reads; :func:`apply` writes the codings in one transaction, which
the history records as one undo step. Passages the coder has coded with the code
already are counted, not coded twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from storage.errors import N_, NotFoundError, ValidationError
from storage.models import Question, Utterance
from storage.store import Store
from storage.text import fold

RuleKind = Literal["speaker", "question", "query"]

QUESTION_LIKENESS = 0.8
"""How alike (0–1, after folding) an utterance and a question's text must be to match."""

SEARCH_LIMIT = 100_000
"""The most search hits one query codes."""


@dataclass(frozen=True)
class Rule:
    """What to autocode: ``kind`` and its value (a speaker label, question id or query).

    ``language`` picks the layer to code by its language (None: each transcript's
    original layer; a query's hits in other layers are not coded);
    ``match_only`` codes only the matched words of query hits.
    """

    kind: RuleKind
    value: str
    language: str | None = None
    match_only: bool = False


@dataclass(frozen=True)
class Passage:
    """One passage a rule selects: a range of a layer."""

    layer_id: int
    transcript_id: int
    utterance_id: int
    speaker: str
    start: int
    end: int
    text: str
    coded_already: bool = False


@dataclass(frozen=True)
class Outcome:
    """What :func:`apply` did: passages coded and passages that had the code already."""

    coded: int
    already: int


def plan(
    store: Store, rule: Rule, *, code_id: int | None = None, coder_id: int | None = None
) -> list[Passage]:
    """The passages ``rule`` selects, in document order (nothing is written).

    With ``code_id`` and ``coder_id``, passages already coded so are marked ``coded_already``.
    """
    if rule.kind == "speaker":
        found = _speaker_passages(store, rule)
    elif rule.kind == "question":
        found = _question_passages(store, rule)
    elif rule.kind == "query":
        found = _query_passages(store, rule)
    else:
        raise ValidationError(N_("Unknown autocoding rule {rule!r}"), rule=rule.kind)
    if code_id is None or coder_id is None:
        return found
    have = {
        (c.layer_id, c.start, c.end)
        for c in store.codings.all()
        if c.code_id == code_id and c.coder_id == coder_id
    }
    return [
        Passage(**{**p.__dict__, "coded_already": (p.layer_id, p.start, p.end) in have})
        for p in found
    ]


def apply(store: Store, code_id: int, coder_id: int, passages: list[Passage]) -> Outcome:
    """Code every passage not coded so already, in one transaction (one undo step)."""
    store.codes.get(code_id)
    new = [p for p in passages if not p.coded_already]
    with store.history.undoable(N_("Autocode")):
        for p in new:
            store.codings.add(code_id, p.layer_id, p.start, p.end, coder_id, snap=False)
    return Outcome(len(new), len(passages) - len(new))


# -- the rules -------------------------------------------------------------------------


def layer_languages(store: Store) -> list[str]:
    """The languages the project's layers are in, originals' first, each once.

    A rule's ``language`` can be any of them; with one only, there is nothing to choose.
    """
    layers = sorted(store.transcripts.layers(with_text=False), key=lambda la: not la.is_original)
    return list(dict.fromkeys(la.language for la in layers))


def _layers_to_code(store: Store, language: str | None) -> dict[int, tuple[int, str]]:
    """Transcript id → (layer id, text) of the layer to code in each transcript."""
    layers = store.transcripts.layers()
    if language is not None and all(la.language != language for la in layers):
        raise NotFoundError(
            N_("No transcript layer is in {language!r} (layers: {languages})"),
            language=language,
            languages=", ".join(layer_languages(store)) or "—",
        )
    chosen: dict[int, tuple[int, str]] = {}
    for layer in layers:
        if language is not None and layer.language != language:
            continue
        if language is None and not layer.is_original and layer.transcript_id in chosen:
            continue
        if layer.transcript_id not in chosen or (language is None and layer.is_original):
            chosen[layer.transcript_id] = (layer.id, layer.text)
    return chosen


def _passage(u: Utterance, layers: dict[int, tuple[int, str]]) -> Passage | None:
    if u.transcript_id not in layers:
        return None
    layer_id, text = layers[u.transcript_id]
    start, end = u.spans.get(layer_id, (0, 0))
    if end <= start:
        return None
    return Passage(layer_id, u.transcript_id, u.id, u.speaker, start, end, text[start:end])


def _speaker_passages(store: Store, rule: Rule) -> list[Passage]:
    label = fold(rule.value.strip())
    participant = store.participants.find(rule.value)
    utterances = [
        u
        for u in store.transcripts.utterances()
        if fold(u.speaker) == label
        or (participant is not None and u.participant_id == participant.id)
    ]
    if not utterances:
        raise NotFoundError(N_("No utterance is spoken by {label!r}"), label=rule.value)
    layers = _layers_to_code(store, rule.language)
    return [p for u in utterances if (p := _passage(u, layers)) is not None]


def _question_passages(store: Store, rule: Rule) -> list[Passage]:
    question = _find_question(store, rule.value)
    layers = _layers_to_code(store, rule.language)
    guided = {s.id for s in store.sessions.all() if s.guide_id == question.guide_id}
    questions = store.guides.questions(question.guide_id)
    by_transcript: dict[int, list[Utterance]] = {}
    for u in store.transcripts.utterances():
        by_transcript.setdefault(u.transcript_id, []).append(u)
    sessions = {t.id: t.session_id for t in store.transcripts.all()}
    passages: list[Passage] = []
    for transcript_id, utterances in by_transcript.items():
        if any(u.question_id is not None for u in utterances):
            chosen = [u for u in utterances if u.question_id == question.id]
        elif sessions.get(transcript_id) in guided and transcript_id in layers:
            chosen = _answers_in_text(utterances, layers[transcript_id], question, questions)
        else:
            continue
        passages.extend(p for u in chosen if (p := _passage(u, layers)) is not None)
    return passages


def _find_question(store: Store, value: str) -> Question:
    wanted = value.strip()
    for guide in store.guides.all():
        for q in store.guides.questions(guide.id):
            if wanted in (str(q.id), q.uuid) or (wanted and wanted in q.texts.values()):
                return q
    raise NotFoundError(N_("No question {question!r} in the guides"), question=value)


def _answers_in_text(
    utterances: list[Utterance],
    layer: tuple[int, str],
    question: Question,
    questions: list[Question],
) -> list[Utterance]:
    """The utterances after the one asking ``question``, up to the next question asked.

    The next question is one of the guide's, or any question (ending in ``?``) put by
    whoever asked this one (a probe the guide does not have).
    """
    layer_id, text = layer

    def asks(u: Utterance) -> Question | None:
        start, end = u.spans.get(layer_id, (0, 0))
        said = fold(text[start:end])
        for q in questions:
            for wording in q.texts.values():
                asked = fold(wording)
                if asked and (
                    asked in said or SequenceMatcher(None, asked, said).ratio() >= QUESTION_LIKENESS
                ):
                    return q
        return None

    chosen: list[Utterance] = []
    asker: str | None = None
    for u in utterances:
        asked = asks(u)
        if asked is not None:
            asker = u.speaker if asked.id == question.id else None
            continue
        start, end = u.spans.get(layer_id, (0, 0))
        if asker is not None and u.speaker == asker and text[start:end].rstrip().endswith("?"):
            asker = None  # the interviewer asks something the guide does not have
        if asker is not None:
            chosen.append(u)
    return chosen


def _query_passages(store: Store, rule: Rule) -> list[Passage]:
    # The layer is chosen by its language, as the other rules do: search's own language
    # filter is the utterance's (a Kazakh turn in a Russian layer), not the layer's.
    texts = {layer_id: text for layer_id, text in _layers_to_code(store, rule.language).values()}
    hits = store.search.hits(rule.value, limit=SEARCH_LIMIT)
    utterances = {u.id: u for u in store.transcripts.utterances()}
    passages: list[Passage] = []
    for hit in hits:
        text = texts.get(hit.layer_id)
        if text is None:  # a hit in a layer this rule does not code
            continue
        start, end = hit.start, hit.end
        if not rule.match_only:
            start, end = utterances[hit.utterance_id].spans.get(hit.layer_id, (start, end))
        if end > start:
            passages.append(
                Passage(
                    hit.layer_id,
                    hit.transcript_id,
                    hit.utterance_id,
                    hit.speaker,
                    start,
                    end,
                    text[start:end],
                )
            )
    return passages
