"""What the Coded passages screen and ``suhbat passages`` ask for, and finding the passages.

Headless (no Textual). A :class:`PassagesRequest` names a code (by id, or by name or
``Theme/Code`` path in any language) and the filters; :func:`find_passages` loads the
study with texts, applies the filters and returns a :class:`exports.passages.PassageList`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.dataset import StudyData
from analysis.passages import coded_passages
from exports.passages import PassageList
from exports.study.analysis_request import Filters, apply_filters
from exports.study.loading import load_study
from exports.study.passage_loading import load_code_study
from i18n import N_, ngettext
from storage import Store
from storage.errors import NotFoundError, ValidationError
from storage.valence import SCALES

VALENCE_WORDS: dict[str, int | None] = {
    "negative": -1,
    "neutral": 0,
    "positive": 1,
    "none": None,
    "-2": -2,
    "-1": -1,
    "0": 0,
    "+1": 1,
    "1": 1,
    "+2": 2,
    "2": 2,
}
"""What ``--valence`` accepts."""


@dataclass(frozen=True)
class PassagesRequest:
    """A code (with its sub-codes) and the filters of a passage listing."""

    code_id: int
    filters: Filters = field(default_factory=Filters)
    languages: tuple[str, ...] = ()
    """Only passages in these languages, their utterances' own (else their layer's);
    empty: all."""
    valences: tuple[int | None, ...] | None = None
    """Only passages with a coding of one of these valences (None: any)."""
    include_subcodes: bool = True
    session_ids: tuple[int, ...] | None = None
    """Only these sessions (None: every session)."""


def code_for_name(store: Store, name: str) -> int:
    """The id of the code called ``name`` (any language, or a ``Theme/Code`` path)."""
    code = store.codes.find(name)
    if code is None:
        raise NotFoundError(N_("No code called {name!r}"), name=name)
    return code.id


def parse_valences(values: tuple[str, ...]) -> tuple[int | None, ...] | None:
    """``--valence`` values (``negative``, ``-1``, ``none`` …) as valences; None when not given."""
    if not values:
        return None
    out: list[int | None] = []
    for value in values:
        for part in value.split(","):
            key = part.strip().casefold()
            if not key:
                continue
            if key not in VALENCE_WORDS:
                raise ValidationError(
                    N_("Unknown valence {value!r}; use negative, neutral, positive, none or -2…+2"),
                    value=part,
                )
            out.append(VALENCE_WORDS[key])
    return tuple(dict.fromkeys(out))


def load_passage_study(
    store: Store, request: PassagesRequest, language: str | None = None
) -> StudyData:
    """The study with layer texts and the codings' utterance languages (to filter by
    them, as the Analysis screen's filter does), code names in ``language`` where they
    exist: of the sessions the request's code (with its sub-codes) was applied in only,
    unless the filters name languages (whether a language is known at all is a question
    about every coding of the project)."""
    if request.filters.languages:
        return load_study(store, language=language, with_text=True, with_languages=True)
    return load_code_study(store, request.code_id, language=language)


def find_passages(
    store: Store | None,
    request: PassagesRequest,
    *,
    language: str | None = None,
    data: StudyData | None = None,
) -> PassageList:
    """The passages of the request's code, filtered; ``data`` saves reloading the study."""
    if data is None:
        assert store is not None
        data = load_passage_study(store, request, language)
    if request.code_id not in data.codes:
        raise NotFoundError(N_("No code with id {id}"), id=request.code_id)
    project_languages = data.fallback_languages
    filtered = apply_filters(data, request.filters)
    if request.session_ids is not None:
        filtered = filtered.filter(session_ids=request.session_ids)
    codes = data.subtree(request.code_id) if request.include_subcodes else (request.code_id,)
    passages = coded_passages(
        filtered,
        codes,
        languages=request.languages or None,
        valences=request.valences,
        translation_languages=project_languages,
    )
    title = data.code_path(request.code_id)
    return PassageList(title=title, passages=passages, data=filtered)


def scale_values(scale: int) -> tuple[int, ...]:
    """The valences of a scale (for menus)."""
    return SCALES.get(scale, SCALES[3])


def describe_count(count: int) -> str:
    """``12 passages`` in the UI language."""
    return ngettext("{n} passage", "{n} passages", count).format(n=count)
