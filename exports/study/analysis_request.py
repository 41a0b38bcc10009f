"""What `suhbat stats` and the Analysis screen ask for, and computing it from a project.

Headless (no Textual): the CLI and the screen's thread worker build a
:class:`StatsRequest`, call :func:`compute` with their own Store, and show the
:class:`analysis.table.Table` objects of the :class:`StatsResult`. The parsers turn
what a user typed (``5,0``, ``0.9``, ``gender=F``, ``9,12,7``) into values and
raise translated-at-the-edge :class:`storage.SuhbatError` subclasses on bad input.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import combinations
from typing import TYPE_CHECKING, Literal, cast, get_args

from analysis.dataset import StudyData
from analysis.saturation_options import DEFAULT_THRESHOLDS, SaturationMode
from analysis.table import Table
from analysis.word_options import DEFAULT_TOP, WordForms, WordsBy
from analysis.wording import ENGLISH, Translator
from exports.study.loading import load_coding_facts, load_study, load_study_outline
from i18n import N_, get_language, translations
from i18n.formatting import format_decimal
from storage import Store
from storage.errors import NotFoundError, ValidationError
from storage.session_kinds import read_session_kind

if TYPE_CHECKING:  # the statistics a request does not ask for are not imported
    from analysis.cooccurrence import CooccurrenceMode
    from analysis.crosstab import CrosstabResult, CrosstabUnit, MatrixMeasure
    from analysis.saturation import SaturationResult
    from analysis.word_frequencies import WordFrequencyResult

StatsKind = Literal[
    "frequencies",
    "crosstab",
    "sessions-matrix",
    "cooccurrence",
    "profile",
    "sessions",
    "saturation",
    "agreement",
    "disagreements",
    "words",
    "valence",
]
KINDS: tuple[StatsKind, ...] = get_args(StatsKind)
"""Every kind, in menu order (the order of :data:`StatsKind`)."""
KIND_TITLES: dict[StatsKind, str] = {
    "frequencies": N_("Code frequencies"),
    "crosstab": N_("Codes × attribute crosstab"),
    "sessions-matrix": N_("Codes × sessions matrix"),
    "cooccurrence": N_("Code co-occurrence"),
    "profile": N_("Profile (participants or sessions)"),
    "sessions": N_("Sessions register"),
    "saturation": N_("Thematic saturation"),
    "agreement": N_("Intercoder agreement"),
    "disagreements": N_("Disagreements to discuss"),
    "words": N_("Word frequencies"),
    "valence": N_("Codes × valence"),
}
"""Kind → its name in menus (msgid, translated where shown)."""
FACT_KINDS: frozenset[StatsKind] = frozenset(
    ("frequencies", "crosstab", "sessions-matrix", "saturation", "agreement")
)
"""The kinds computed from one light fact per coding (:func:`load_coding_facts`)."""
OUTLINE_KINDS: frozenset[StatsKind] = frozenset(("profile", "sessions"))
"""The kinds that read no coding (:func:`load_study_outline`)."""
LIGHT_TEXT_KINDS: frozenset[StatsKind] = frozenset(("cooccurrence", "disagreements", "words"))
"""Kinds read as coding facts with what else each needs (:func:`_text_kind_data`)."""

AgreementKind = Literal["presence", "segments", "unitizing", "unitizing-2004", "all"]
AGREEMENT_KINDS: tuple[AgreementKind, ...] = get_args(AgreementKind)
"""``unitizing`` is the uα family (Krippendorff 2019), also in ``all``; ``unitizing-2004``
the 1995/2004 coefficient, only on request."""
UNITIZING_KINDS: frozenset[AgreementKind] = frozenset(("unitizing", "unitizing-2004", "all"))
"""The agreement kinds that read the layers' lengths (the unitizing coefficients)."""
ProfileOf = Literal["participants", "sessions"]
MODE_NAMES: dict[str, str] = {"rolling": N_("rolling"), "disjoint": N_("disjoint")}


@dataclass(frozen=True)
class Filters:
    """Which part of the study a table covers: coders, session kind, participant attributes."""

    coders: tuple[str, ...] = ()
    """Coder names (empty: every coder)."""
    session_kind: str | None = None
    """``interview`` or ``focus_group`` (None: both)."""
    where: tuple[tuple[str, str], ...] = ()
    """``(attribute, value)`` pairs; values of one attribute are alternatives."""
    languages: tuple[str, ...] = ()
    """Only codings in utterances of these languages (an utterance's own language before
    its layer's; empty: every language)."""

    @property
    def active(self) -> bool:
        """Whether any filter restricts the data."""
        return bool(self.coders or self.session_kind or self.where or self.languages)


@dataclass(frozen=True)
class StatsRequest:
    """One table (or set of tables) to compute, with its options and filters."""

    kind: StatsKind
    filters: Filters = field(default_factory=Filters)
    # crosstab
    attribute: str | None = None
    session_field: str | None = None
    by: CrosstabUnit | None = None
    # sessions-matrix
    measure: MatrixMeasure = "segments"
    # cooccurrence
    cooccurrence_mode: CooccurrenceMode = "overlap"
    # profile
    profile_of: ProfileOf = "participants"
    # saturation (and the order of the sessions matrix)
    base: int = 4
    run: int = 2
    thresholds: tuple[Fraction, ...] = DEFAULT_THRESHOLDS
    saturation_mode: SaturationMode = "rolling"
    order: str = "date"
    """``date``, ``position`` or session titles separated by commas."""
    counts: tuple[int, ...] | None = None
    """New-code counts per session instead of the project's codings."""
    # agreement
    agreement_coders: tuple[str, ...] = ()
    agreement_threshold: Fraction = Fraction(90)
    """Segment overlap threshold in percent."""
    agreement_kind: AgreementKind = "all"
    # crosstab and profile: values of attributes marked sensitive only when asked
    include_sensitive: bool = False
    # words
    words_by: WordsBy = "transcript"
    words_attribute: str | None = None
    word_forms: WordForms = "lemma"
    top: int = DEFAULT_TOP
    # valence: the project's scale (3 or 5 points)
    valence_scale: int = 3


@dataclass(frozen=True)
class StatsResult:
    """The computed tables and, for saturation, the full result (for its verdict)."""

    tables: tuple[Table, ...]
    saturation: SaturationResult | None = None

    def sentences(self, language: str | None = None) -> list[str]:
        """One sentence per saturation threshold in ``language`` (default: the UI language).

        Empty for other kinds.
        """
        if self.saturation is None:
            return []
        return saturation_sentences(self.saturation, language or get_language())


# ------------------------------------------------------------------ parsing
def split_list(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """Comma-separated and/or repeated values as one tuple, blanks dropped."""
    if values is None:
        return ()
    items = [values] if isinstance(values, str) else list(values)
    return tuple(part.strip() for item in items for part in item.split(",") if part.strip())


def _number(text: str) -> Fraction:
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        return Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise ValidationError(N_("Not a number: {value!r}"), value=text) from None


def parse_thresholds(values: str | Iterable[str] | None) -> tuple[Fraction, ...]:
    """Saturation thresholds in percent (``"5,0"`` or ``["5", "2.5"]``); default 5 and 0."""
    items = split_list(values)
    if not items:
        return DEFAULT_THRESHOLDS
    out: list[Fraction] = []
    for item in items:
        value = _number(item)
        if not 0 <= value <= 100:
            raise ValidationError(
                N_("A threshold is a percentage from 0 to 100: {value!r}"), value=item
            )
        out.append(value)
    return tuple(dict.fromkeys(out))


def parse_overlap_threshold(text: str | None) -> Fraction:
    """The segment-overlap threshold in percent: ``0.9`` (a proportion), ``90`` or ``90%``.

    A value of at most 1 without a ``%`` sign is a proportion; larger values are percent.
    """
    if text is None or not text.strip():
        return Fraction(90)
    value = _number(text)
    if value <= 1 and not text.strip().endswith("%"):
        value *= 100
    if not 0 <= value <= 100:
        raise ValidationError(
            N_("The overlap threshold is a proportion (0.9) or a percentage (90): {value!r}"),
            value=text,
        )
    return value


def parse_counts(text: str | None) -> tuple[int, ...] | None:
    """New-code counts per session: ``"9,12,7"`` → ``(9, 12, 7)``; None when not given."""
    if text is None or not text.strip():
        return None
    out: list[int] = []
    for item in split_list(text):
        try:
            value = int(item)
        except ValueError:
            raise ValidationError(
                N_("Counts are whole numbers separated by commas: {value!r}"), value=item
            ) from None
        if value < 0:
            raise ValidationError(N_("A count cannot be negative: {value!r}"), value=item)
        out.append(value)
    return tuple(out)


def parse_where(values: str | Iterable[str] | None) -> tuple[tuple[str, str], ...]:
    """``attribute=value`` conditions (repeated, or separated by commas)."""
    out: list[tuple[str, str]] = []
    for item in split_list(values):
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValidationError(
                N_("A condition is written attribute=value: {value!r}"), value=item
            )
        out.append((name.strip(), value.strip()))
    return tuple(out)


def parse_session_kind(text: str | None) -> str | None:
    """``interview`` or ``focus_group`` (``focus-group`` and ``focus group`` accepted)."""
    if text is None or not text.strip() or text.strip() == "all":
        return None
    kind = read_session_kind(text)
    if kind is None:
        raise ValidationError(
            N_("Unknown session kind {value!r}; use interview or focus_group"), value=text
        )
    return kind


def parse_positive(text: str | int, what: str) -> int:
    """A whole number of at least 1 (base size, run length)."""
    try:
        value = int(str(text).strip())
    except ValueError:
        raise ValidationError(
            N_("{what} must be a whole number: {value!r}"), what=what, value=text
        ) from None
    if value < 1:
        raise ValidationError(N_("{what} must be at least 1"), what=what)
    return value


# ---------------------------------------------------------------- computing
def needs_project(request: StatsRequest) -> bool:
    """Whether the request reads the project (saturation from ``counts`` does not)."""
    return not (request.kind == "saturation" and request.counts is not None)


def compute(
    store: Store | None,
    request: StatsRequest,
    *,
    language: str | None = None,
    tr: Translator = ENGLISH,
) -> StatsResult:
    """Load the study from ``store``, apply the filters and compute the request's tables.

    ``store`` may be None only when :func:`needs_project` is false. ``language`` picks
    the code names' language; ``tr`` words the tables (titles, columns, notes), e.g.
    ``i18n.translations(get_language())``.
    """
    if not needs_project(request):
        from analysis.saturation import saturation_from_counts

        assert request.counts is not None
        result = saturation_from_counts(
            request.counts,
            base=request.base,
            run=request.run,
            thresholds=request.thresholds,
            mode=request.saturation_mode,
        )
        return StatsResult((result.to_table(tr),), result)
    if store is None:
        raise ValueError("this request needs a project")
    filters = request.filters
    if request.kind == "saturation" and not filters.where and not filters.languages:
        return _saturation(store, request, language, tr)
    if _counted_in_sql(store, request):
        return _counted(store, request, language, tr)
    data = _load(store, request, language)
    if request.kind == "valence":
        request = replace(request, valence_scale=store.codings.valence_scale())
    stop_words = None
    if request.kind == "words":
        from exports.project_stop_words import all_stop_words

        stop_words = all_stop_words(store)
    return compute_from_data(apply_filters(data, filters), request, tr, stop_words)


def _load(store: Store, request: StatsRequest, language: str | None) -> StudyData:
    """What the request's statistic reads, and no more (a view over a Store, e.g. a
    redacted one, moves offsets: it is loaded the full way)."""
    filters = request.filters
    light = type(store) is Store
    if request.kind in LIGHT_TEXT_KINDS and light:
        return _text_kind_data(store, request, language)
    if request.kind in OUTLINE_KINDS and light and not filters.languages:
        # (a language names the codings' utterances: that filter goes the full way)
        return load_study_outline(store, language=language)
    if request.kind in FACT_KINDS and light:
        agreement = request.kind == "agreement"
        return load_coding_facts(
            store,
            language=language,
            with_lengths=agreement and request.agreement_kind in UNITIZING_KINDS,
            with_speakers=not agreement or bool(filters.where or filters.languages),
            with_languages=bool(filters.languages),
        )
    return load_study(
        store,
        language=language,
        with_text=request.kind in ("agreement", "disagreements", "words"),
        with_utterances=request.kind == "words",
        with_languages=bool(filters.languages),
    )


def _text_kind_data(store: Store, request: StatsRequest, language: str | None) -> StudyData:
    """What co-occurrence, the disagreement list and word frequencies read: one fact per
    coding, the utterances each overlaps (co-occurrence by utterance) or the layers' texts
    (the excerpts of the disagreement list), the spans' speakers and languages only when
    filtered by participant attribute or language; for words the utterances and texts
    without any coding."""
    from exports.study.loading import (
        load_coding_utterances,
        load_utterances_and_texts,
        with_layer_texts,
    )

    if request.kind == "words":
        return load_utterances_and_texts(store, language=language)
    filters = request.filters
    speakers = bool(filters.where or filters.languages)
    languages = bool(filters.languages)
    if request.kind == "cooccurrence" and request.cooccurrence_mode == "utterance":
        return load_coding_utterances(
            store, language=language, with_speakers=speakers, with_languages=languages
        )
    data = load_coding_facts(
        store, language=language, with_speakers=speakers, with_languages=languages
    )
    return with_layer_texts(store, data) if request.kind == "disagreements" else data


def _saturation(
    store: Store, request: StatsRequest, language: str | None, tr: Translator
) -> StatsResult:
    """Saturation reads only the codes of each session (one SQL query), the code tree and
    the sessions: no coding, utterance or participant is loaded. (A filter on participant
    attributes needs the codings' participants: that goes the general way.)"""
    from analysis.saturation import saturation_of_sessions

    project = store.project()
    data = StudyData.build(
        codes=store.codes.all(),
        coders=store.coders.all(),
        sessions=store.sessions.all(),
        language=language or project.languages[0],
        fallback_languages=project.languages,
    )
    filters = request.filters
    if filters.session_kind:
        data = data.filter(session_kinds=[filters.session_kind])
    coders = coder_ids_for(data, filters.coders) if filters.coders else None
    result = saturation_of_sessions(
        data,
        store.counts.codes_by_session(coders),
        base=request.base,
        run=request.run,
        thresholds=request.thresholds,
        mode=request.saturation_mode,
        order=session_order(data, request.order),
    )
    return StatsResult((result.to_table(tr),), result)


def _counted_in_sql(store: Store, request: StatsRequest) -> bool:
    """Whether the request's table is counted in SQL (:func:`_counted`): codes × valence
    and segments or codings per session, unless filtered by participant attributes or
    languages (they need the codings' utterances) or read through a view (e.g. a redacted
    one)."""
    filters = request.filters
    counted = request.kind == "valence" or (
        request.kind == "sessions-matrix" and request.measure != "participants"
    )
    return counted and type(store) is Store and not filters.where and not filters.languages


def _counted(
    store: Store, request: StatsRequest, language: str | None, tr: Translator
) -> StatsResult:
    """Codes × valence, or segments or codings per session, from counts per code and
    valence, the distinct segments or counts per code and layer read in SQL, the code tree,
    the sessions and the layers: no coding is loaded."""
    data = load_study_outline(store, language=language, with_speakers=False)
    filters = request.filters
    coders = coder_ids_for(data, filters.coders) if filters.coders else None
    if filters.session_kind:
        data = data.filter(session_kinds=[filters.session_kind])
    if request.kind == "valence":
        from analysis.valence import code_by_valence

        counts = store.codings.valence_counts(coders, filters.session_kind)
        table = code_by_valence(data, store.codings.valence_scale(), counts).to_table(tr)
        return StatsResult((table,))
    from analysis.crosstab import code_by_session

    order = session_order(data, request.order)
    session_of = data.layer_session
    if request.measure == "segments":
        segments = [
            (code_id, session_of[layer_id], (layer_id, start, end))
            for code_id, layer_id, start, end in store.codings.segments(coders)
            if layer_id in session_of
        ]
        matrix = code_by_session(data, order=order, segments=segments)
        return StatsResult((matrix.to_table(tr),))
    per_session: Counter[tuple[int, int]] = Counter()
    for code_id, layer_id, number in store.codings.counts_by_layer(coders):
        if layer_id in session_of:
            per_session[(code_id, session_of[layer_id])] += number
    matrix = code_by_session(data, measure="codings", order=order, codings=per_session)
    return StatsResult((matrix.to_table(tr),))


def apply_filters(data: StudyData, filters: Filters) -> StudyData:
    """``data`` restricted to the filters' coders, session kind and attribute values."""
    if not filters.active:
        return data
    coder_ids = coder_ids_for(data, filters.coders) if filters.coders else None
    where: dict[str, set[str]] = {}
    known = {a.name for a in data.attributes}
    for name, value in filters.where:
        if name not in known:
            raise NotFoundError(
                N_("No participant attribute called {name!r}; attributes: {names}"),
                name=name,
                names=", ".join(sorted(known)) or "—",
            )
        held = {p.attributes.get(name) for p in data.participants.values()} - {None}
        if value not in held:  # (a value nobody has is a typo: ``gender=f`` for ``F``)
            raise NotFoundError(
                N_("No participant has {name} = {value!r}; values: {values}"),
                name=name,
                value=value,
                values=", ".join(sorted(str(v) for v in held)) or "—",
            )
        where.setdefault(name, set()).add(value)
    return data.filter(
        coder_ids=coder_ids,
        session_kinds=[filters.session_kind] if filters.session_kind else None,
        attributes=where or None,
        languages=_known_languages(data, filters.languages) if filters.languages else None,
    )


def _known_languages(data: StudyData, wanted: Sequence[str]) -> list[str]:
    """``wanted`` (lower-cased), each a language of the project or of a coded utterance."""
    facts = data.coding_facts or ()
    known = set(data.fallback_languages).union(
        *(f.languages for f in facts), *data.coding_languages.values()
    )
    out: list[str] = []
    for code in wanted:
        cleaned = code.strip().lower()
        if cleaned not in known:
            raise NotFoundError(
                N_("No utterance in the language {name!r}; languages: {names}"),
                name=code,
                names=", ".join(sorted(known)) or "—",
            )
        out.append(cleaned)
    return out


def coder_ids_for(data: StudyData, names: Sequence[str]) -> list[int]:
    """Coder ids for names (case-insensitive), in the order given."""
    by_name = {c.name.casefold(): c.id for c in data.coders.values()}
    ids: list[int] = []
    for name in names:
        cid = by_name.get(name.strip().casefold())
        if cid is None:
            raise NotFoundError(
                N_("No coder called {name!r}; coders: {names}"),
                name=name,
                names=", ".join(sorted(c.name for c in data.coders.values())) or "—",
            )
        ids.append(cid)
    return list(dict.fromkeys(ids))


def session_order(data: StudyData, order: str) -> Literal["date", "position"] | list[int]:
    """``date``, ``position``, or the ids of sessions named by comma-separated titles,
    followed by the sessions not named, in date order (an order leaves none out)."""
    cleaned = order.strip()
    if cleaned in ("date", "position", ""):
        return "position" if cleaned == "position" else "date"
    by_title = {s.title.casefold(): sid for sid, s in data.sessions.items()}
    ids: list[int] = []
    for title in split_list(cleaned):
        sid = by_title.get(title.casefold())
        if sid is None:
            raise NotFoundError(N_("No session called {name!r}"), name=title)
        ids.append(sid)
    named = list(dict.fromkeys(ids))
    return named + [sid for sid in data.ordered_sessions("date") if sid not in named]


def compute_from_data(
    data: StudyData,
    request: StatsRequest,
    tr: Translator = ENGLISH,
    stop_words: Mapping[str, frozenset[str]] | None = None,
) -> StatsResult:
    """The request's tables over already loaded (and filtered) ``data``, worded by ``tr``.

    ``stop_words`` (language → words) is for word frequencies; the shipped lists when None.
    """
    kind = request.kind
    if kind == "words":
        return StatsResult((_words(data, request, tr, stop_words).to_table(tr),))
    if kind == "frequencies":
        from analysis.frequencies import code_frequencies

        return StatsResult((code_frequencies(data).to_table(tr),))
    if kind == "crosstab":
        return StatsResult((_crosstab(data, request).to_table(tr),))
    if kind == "sessions-matrix":
        from analysis.crosstab import code_by_session

        matrix = code_by_session(
            data, measure=request.measure, order=session_order(data, request.order)
        )
        return StatsResult((matrix.to_table(tr),))
    if kind == "cooccurrence":
        from analysis.cooccurrence import cooccurrence

        return StatsResult((cooccurrence(data, mode=request.cooccurrence_mode).to_table(tr),))
    if kind in ("profile", "sessions"):
        from analysis.profile import participant_profile, session_profile, session_table
    if kind == "profile":
        profile = (
            session_profile(data)
            if request.profile_of == "sessions"
            else participant_profile(data, include_sensitive=request.include_sensitive)
        )
        return StatsResult((profile.to_table(tr),))
    if kind == "sessions":
        sessions = session_table(data, session_order(data, request.order))
        return StatsResult((sessions.to_table(tr),))
    if kind == "saturation":
        from analysis.saturation import saturation

        result = saturation(
            data,
            base=request.base,
            run=request.run,
            thresholds=request.thresholds,
            mode=request.saturation_mode,
            order=session_order(data, request.order),
        )
        return StatsResult((result.to_table(tr),), result)
    if kind in ("agreement", "disagreements"):
        return StatsResult(tuple(_agreement(data, request, tr)))
    if kind == "valence":
        from analysis.valence import code_by_valence

        return StatsResult((code_by_valence(data, request.valence_scale).to_table(tr),))
    raise ValueError(f"unknown kind {kind!r}")


def _crosstab(data: StudyData, request: StatsRequest) -> CrosstabResult:
    from analysis.crosstab import SESSION_FIELDS, code_by_attribute, code_by_session_field

    if request.attribute and request.session_field:
        raise ValidationError(N_("Give either an attribute or a session field, not both"))
    if request.session_field:
        if request.session_field not in SESSION_FIELDS:
            raise NotFoundError(
                N_("No session field {name!r}; fields: {names}"),
                name=request.session_field,
                names=", ".join(SESSION_FIELDS),
            )
        unit = request.by or "sessions"
        return code_by_session_field(data, request.session_field, unit=unit)
    names = [a.name for a in data.attributes]
    if not request.attribute:
        raise ValidationError(
            N_("A crosstab needs a participant attribute ({names}) or a session field ({fields})"),
            names=", ".join(names) or "—",
            fields=", ".join(SESSION_FIELDS),
        )
    if request.attribute not in names:
        raise NotFoundError(
            N_("No participant attribute called {name!r}; attributes: {names}"),
            name=request.attribute,
            names=", ".join(names) or "—",
        )
    sensitive = {a.name for a in data.attributes if a.sensitive}
    if request.attribute in sensitive and not request.include_sensitive:
        raise ValidationError(
            N_(
                "The attribute {name!r} is marked sensitive; its values are shown only "
                "when asked for (--include-sensitive)"
            ),
            name=request.attribute,
        )
    if request.by == "sessions":
        raise ValidationError(
            N_(
                "A crosstab by a participant attribute counts participants; "
                "use a session field to count sessions"
            )
        )
    return code_by_attribute(data, request.attribute)


def _words(
    data: StudyData,
    request: StatsRequest,
    tr: Translator,
    stop_words: Mapping[str, frozenset[str]] | None,
) -> WordFrequencyResult:
    from analysis.stop_words import SHIPPED_LANGUAGES, shipped_stop_words
    from analysis.word_frequencies import word_frequencies

    if stop_words is None:
        stop_words = {lang: shipped_stop_words(lang) for lang in SHIPPED_LANGUAGES}
    sensitive = {a.name for a in data.attributes if a.sensitive}
    if (
        request.words_by == "attribute"
        and request.words_attribute in sensitive
        and not request.include_sensitive
    ):
        raise ValidationError(
            N_(
                "The attribute {name!r} is marked sensitive; its values are shown only "
                "when asked for (--include-sensitive)"
            ),
            name=request.words_attribute,
        )
    return word_frequencies(
        data,
        by=request.words_by,
        attribute=request.words_attribute,
        forms=request.word_forms,
        top=request.top,
        stop_words=stop_words,
        speakers=frozenset(data.participants) if request.filters.where else None,
        tr=tr,
    )


def parse_words_by(text: str | None) -> tuple[WordsBy, str | None]:
    """``transcript``, ``kind`` or ``attribute:NAME`` → the grouping and the attribute."""
    value = (text or "transcript").strip()
    scope, sep, name = value.partition(":")
    if scope == "attribute" and sep and name.strip():
        return "attribute", name.strip()
    if value in ("transcript", "kind"):
        return cast(WordsBy, value), None
    raise ValidationError(
        N_("Word frequencies are grouped by transcript, kind or attribute:NAME, not {value!r}"),
        value=value,
    )


def _agreement(data: StudyData, request: StatsRequest, tr: Translator) -> list[Table]:
    from analysis.agreement import (  # imported by the statistics that need it
        presence_agreement,
        segment_agreement,
        study_unitizing_alpha,
        study_unitizing_alpha_2004,
    )

    if request.agreement_coders:
        coders = coder_ids_for(data, request.agreement_coders)
    else:
        coders = sorted({c.coder_id for c in data.facts})
    if len(coders) < 2:
        raise ValidationError(
            N_("Agreement needs two or more coders who coded the same transcripts; found {count}"),
            count=len(coders),
        )
    threshold = request.agreement_threshold
    if request.kind == "disagreements":
        return [
            segment_agreement(data, a, b, threshold=threshold).disagreements_table(tr)
            for a, b in combinations(coders, 2)
        ]
    wanted = request.agreement_kind
    tables: list[Table] = []
    if wanted in ("presence", "all"):
        tables.append(presence_agreement(data, coders).to_table(tr))
    if wanted in ("segments", "all"):
        tables += [
            segment_agreement(data, a, b, threshold=threshold, listed=False).to_table(tr)
            for a, b in combinations(coders, 2)
        ]
    if wanted in ("unitizing", "all"):
        tables.append(study_unitizing_alpha(data, coders).to_table(tr))
    if wanted == "unitizing-2004":
        tables.append(study_unitizing_alpha_2004(data, coders).to_table(tr))
    return tables


# ----------------------------------------------------------------- wording
def format_percent_value(value: Fraction, language: str = "en") -> str:
    """A threshold for display: ``5``, ``2.5`` (``2,5`` in ru and kk)."""
    if value.denominator == 1:
        return str(value.numerator)
    return format_decimal(float(value), language=language)


def saturation_sentences(result: SaturationResult, language: str) -> list[str]:
    """``Saturation reached at 6+2 (base 4, run 2, threshold ≤5%, rolling)`` per threshold."""
    tr = translations(language)
    _ = tr.gettext
    out: list[str] = []
    for outcome in result.outcomes:
        params = {
            "base": result.base,
            "run": result.run_length,
            "threshold": format_percent_value(outcome.threshold, language),
            "mode": _(MODE_NAMES[result.mode]),
        }
        if outcome.reached:
            out.append(
                _(
                    "Saturation reached at {label} (base {base}, run {run}, threshold "
                    "≤{threshold}%, {mode})"
                ).format(label=outcome.label_text(tr), **params)
            )
        else:
            out.append(
                _(
                    "Saturation not reached (base {base}, run {run}, threshold ≤{threshold}%, "
                    "{mode}): {reason}"
                ).format(reason=outcome.reason_text(tr) or "", **params)
            )
    return out
