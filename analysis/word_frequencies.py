"""Word frequencies per transcript, per session kind or per participant attribute value.

Words are runs of letters (``как-то`` and ``don't`` are one word), folded for
counting (case, ``ё``/``е``). With ``forms="lemma"`` the forms of a word count
together under its stem (``согласование``, ``согласования`` → one row, shown by its
most frequent form, with every form seen listed); with ``forms="surface"`` each
form counts alone. Stop words (per language, see :mod:`analysis.stop_words`) are left
out of the counts but not of each group's word total, so "per 1,000 words" is of
all words spoken.

The text counted is each transcript's original layer, or with ``language`` the
layer in that language (transcripts without one are skipped). By attribute, each
utterance counts for the value of its speaker's attribute; utterances of speakers
who are not a participant, or have no value, count under "(missing)".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import regex

from analysis.crosstab import MISSING
from analysis.dataset import StudyData
from analysis.table import Table, translated
from analysis.word_options import DEFAULT_TOP, WordForms, WordsBy
from analysis.wording import ENGLISH, SESSION_KIND_NAMES, Translator
from storage.errors import N_, ValidationError
from storage.models import Layer
from storage.text import fold
from storage.word_forms import word_key as lemma_key

COLUMNS = (
    N_("Group"),
    N_("Rank"),
    N_("Word"),
    N_("Count"),
    N_("Per 1,000 words"),
    N_("Forms"),
)
"""Column keys (English msgids) of the word-frequency table."""

_WORD = regex.compile(r"(?<![\[\p{L}\p{M}])\p{L}[\p{L}\p{M}]*+(?:[-'’]\p{L}[\p{L}\p{M}]*+)*+(?!\])")
"""A word: letters (with combining marks), hyphen or apostrophe only between letters; a
redaction placeholder (``[NAME]``) is not a word."""

KeyFunction = Callable[[str, str], str]
"""``(folded word, language) → key``: the word's lemma/stem key."""


def words_of(text: str) -> list[str]:
    """The words of ``text`` in order, as written."""
    found: list[str] = _WORD.findall(text)
    return found


def words_of_pieces(texts: Sequence[str]) -> list[str]:
    """The folded words of each of ``texts``, all in one list (as ``words_of(fold(t))`` for
    each ``t``, in one pass: a line break between texts neither joins nor splits a word,
    and folding, NFC included, never reaches across it)."""
    return words_of(fold("\n".join(texts)))


@dataclass(frozen=True)
class WordCount:
    """One counted word: how it is shown, its key, how often, and the forms seen."""

    word: str
    key: str
    count: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class WordGroup:
    """The words of one group: its label, its word total and its top words."""

    label: str
    total_words: int
    words: tuple[WordCount, ...]

    def per_thousand(self, count: int) -> float | None:
        """``count`` per 1,000 words of the group (None for a group without words)."""
        return 1000 * count / self.total_words if self.total_words else None


@dataclass(frozen=True)
class WordFrequencyResult:
    """Top words per group, with the options they were counted with."""

    by: WordsBy
    attribute: str | None
    forms: WordForms
    language: str | None
    top: int
    groups: tuple[WordGroup, ...]

    def to_table(self, tr: Translator = ENGLISH) -> Table:
        """One row per (group, word), groups in order and words by count."""
        _ = tr.gettext
        rows = []
        for group in self.groups:
            for rank, word in enumerate(group.words, start=1):
                per = group.per_thousand(word.count)
                rows.append(
                    (
                        group.label,
                        rank,
                        word.word,
                        word.count,
                        round(per, 1) if per is not None else None,
                        ", ".join(word.forms),
                    )
                )
        by = {
            "transcript": _("by transcript"),
            "kind": _("by session kind"),
            "attribute": _("by {attribute}").format(attribute=self.attribute or ""),
        }[self.by]
        notes = [
            _("Stop words are left out of the counts but not of the words per group."),
            _("Forms of a word count together under its stem; the most frequent form is shown.")
            if self.forms == "lemma"
            else _("Each word form counts on its own."),
        ]
        if self.by == "attribute":
            notes.append(
                _("Utterances by speakers without a value count under “{missing}”.").format(
                    missing=_(MISSING)
                )
            )
        return Table(
            key="words",
            title=_("Word frequencies") + f" ({by})",
            unit=_("words (tokens) in the transcripts' text"),
            columns=translated(tr, COLUMNS),
            rows=tuple(rows),
            notes=tuple(notes),
            column_keys=COLUMNS,
        )


def word_frequencies(
    data: StudyData,
    *,
    by: WordsBy = "transcript",
    attribute: str | None = None,
    forms: WordForms = "lemma",
    top: int = DEFAULT_TOP,
    stop_words: Mapping[str, Collection[str]] | None = None,
    language: str | None = None,
    speakers: Collection[int] | None = None,
    key: KeyFunction | None = None,
    tr: Translator = ENGLISH,
) -> WordFrequencyResult:
    """Count words in ``data``'s layers (needs layer texts: ``load_study(with_text=True)``).

    ``stop_words`` maps a language to its folded stop words; ``speakers`` restricts
    the counts to utterances by these participant ids; ``key`` maps a folded word and
    its language to its lemma key (default: the Snowball stem for ru/en). Group labels
    are worded by ``tr`` (session kinds, "(missing)").
    """
    if by == "attribute":
        names = [a.name for a in data.attributes]
        if not attribute or attribute not in names:
            raise ValidationError(
                N_("Choose a participant attribute to group by: {names}"),
                names=", ".join(names) or "—",
            )
    if top < 1:
        raise ValidationError(N_("{what} must be at least 1"), what="--top")
    key_of = key or lemma_key
    stops = {lang: frozenset(words) for lang, words in (stop_words or {}).items()}
    # group label → (folded form, language) → count, stop words left out
    surface: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    order: dict[str, tuple[object, ...]] = {}
    by_transcript: dict[int, list[int]] = defaultdict(list)
    for utterance in data.utterances.values():
        by_transcript[utterance.transcript_id].append(utterance.id)
    keys: dict[tuple[str, str], str] = {}
    for layer in _layers(data, language):
        transcript = data.transcripts[layer.transcript_id]
        session = data.sessions.get(transcript.session_id)
        if session is None:
            continue
        # label → the texts of its utterances in this layer, counted together below
        pieces: dict[str, list[str]] = defaultdict(list)
        for uid in by_transcript.get(transcript.id, ()):
            utterance = data.utterances[uid]
            span = utterance.spans.get(layer.id)
            if span is None:
                continue
            if speakers is not None and utterance.participant_id not in speakers:
                continue
            if by == "transcript":
                label = transcript.title
                order.setdefault(label, (session.date or "", session.position, transcript.id))
            elif by == "kind":
                label = tr.gettext(SESSION_KIND_NAMES.get(session.kind, session.kind))
                order.setdefault(label, (session.kind != "interview", session.kind))
            else:
                person = data.participants.get(utterance.participant_id or -1)
                value = person.attributes.get(attribute or "", "").strip() if person else ""
                label = value or tr.gettext(MISSING)
                order.setdefault(label, (not value, value.casefold()))
            pieces[label].append(layer.text[span[0] : span[1]])
        lang_stops = stops.get(layer.language, frozenset())
        for label, texts in pieces.items():
            found = words_of_pieces(texts)
            totals[label] += len(found)
            seen = surface[label]
            for folded, n in Counter(found).items():
                if folded not in lang_stops:
                    seen[(folded, layer.language)] += n
    groups = []
    for label in sorted(order, key=lambda g: order[g]):
        by_key: dict[str, Counter[str]] = defaultdict(Counter)
        for (folded, language_of_word), n in surface[label].items():
            if forms == "lemma":
                word_key = keys.get((folded, language_of_word))
                if word_key is None:
                    word_key = keys[(folded, language_of_word)] = key_of(folded, language_of_word)
            else:
                word_key = folded
            by_key[word_key][folded] += n
        totals_by_key = {k: sum(c.values()) for k, c in by_key.items()}
        ranked = sorted(totals_by_key.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        words = []
        for word_key, n in ranked:
            by_count = sorted(by_key[word_key].items(), key=lambda kv: (-kv[1], kv[0]))
            words.append(WordCount(by_count[0][0], word_key, n, tuple(f for f, _n in by_count)))
        groups.append(WordGroup(label, totals[label], tuple(words)))
    return WordFrequencyResult(
        by=by,
        attribute=attribute if by == "attribute" else None,
        forms=forms,
        language=language,
        top=top,
        groups=tuple(groups),
    )


def _layers(data: StudyData, language: str | None) -> list[Layer]:
    """Each transcript's original layer, or its layer in ``language``."""
    if language is None:
        chosen = [la for la in data.layers.values() if la.is_original]
    else:
        chosen = [la for la in data.layers.values() if la.language == language]
    return sorted(chosen, key=lambda la: (la.transcript_id, la.id))
