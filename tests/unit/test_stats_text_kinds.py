"""Co-occurrence and the disagreement list read one fact per coding; words no coding.

``stats cooccurrence`` reads the codings as facts (by utterance also the spans alone,
to find the utterances each coding overlaps) and ``stats disagreements`` the facts and
the layers' texts for the excerpts: no coding objects, utterance rows or speakers unless
a filter on participants or languages needs them. ``stats words`` reads the utterances
and texts and no coding. The tables are those of the full load under every filter; a
redacted view still goes the full way.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from code_switching_study import build_code_switching_study
from export_study import build_study
from query_trace import traced
from redaction_study import build_redaction_study, leaks

from analysis.agreement.segments import segment_agreement
from exports.redacted_view import RedactedStore
from exports.redaction import Redactor
from exports.study.analysis_request import (
    Filters,
    StatsRequest,
    apply_filters,
    compute,
    compute_from_data,
)
from exports.study.loading import load_study
from storage import Store, SuhbatError

REQUESTS = [
    StatsRequest(kind="cooccurrence"),
    StatsRequest(kind="cooccurrence", cooccurrence_mode="utterance"),
    StatsRequest(kind="disagreements"),
    StatsRequest(kind="words"),
    StatsRequest(kind="words", words_by="kind", word_forms="surface"),
    StatsRequest(kind="words", words_by="attribute", words_attribute="gender"),
]
FILTERS = [
    Filters(),
    Filters(coders=("aigerim",)),
    Filters(session_kind="interview"),
    Filters(session_kind="focus_group", coders=("daniyar", "aigerim")),
    Filters(where=(("gender", "F"),)),
    Filters(where=(("gender", "M"), ("gender", "F"))),
    Filters(languages=("kk",)),
    Filters(languages=("ru",), where=(("gender", "F"),)),
]


def _outcome(store: Store, request: StatsRequest, full: object | None = None) -> object:
    """The tables (from ``full`` data when given), or the error's message and values."""
    try:
        if full is None:
            return compute(store, request)
        return compute_from_data(apply_filters(full, request.filters), request)  # type: ignore[arg-type]
    except SuhbatError as error:
        return (error.message, error.params)


@pytest.mark.parametrize("project_name", ["demo", "export_study", "code-switching"])
def test_text_kinds_give_the_tables_of_the_full_load(
    project_name: str, demo_path: Path, tmp_path: Path, fixtures_dir: Path
) -> None:
    """Every kind under every filter; an unknown coder or attribute, or the words table
    filtered by language, is the same error both ways."""
    if project_name == "demo":
        path = demo_path
    elif project_name == "export_study":
        path = build_study(tmp_path / "export.suhbat").path
    else:
        path = build_code_switching_study(tmp_path / "switching.suhbat", fixtures_dir)
    with Store(path, read_only=True) as store:
        full = load_study(store, with_text=True, with_languages=True)
        tables = 0
        for filters, base in itertools.product(FILTERS, REQUESTS):
            request = dataclasses.replace(base, filters=filters)
            expected = _outcome(store, request, full)
            assert _outcome(store, request) == expected, (request.kind, filters)
            tables += not isinstance(expected, tuple)
    assert tables >= 16


def test_word_frequencies_read_no_codings(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        result = compute(store, StatsRequest(kind="words"))
    assert result.tables[0].rows
    assert not [q for q in queries if "FROM coding" in q], queries


def test_cooccurrence_by_overlap_reads_the_codings_only(demo_path: Path) -> None:
    """No span, utterance or layer text: overlapping segments are a matter of offsets."""
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        result = compute(store, StatsRequest(kind="cooccurrence"))
    assert any(any(row[1:]) for row in result.tables[0].rows)
    assert [q for q in queries if "FROM coding" in q]
    assert not [q for q in queries if "FROM span" in q or "FROM utterance" in q], queries
    assert not [q for q in queries if "text" in q], queries


def test_cooccurrence_by_utterance_reads_spans_not_utterances(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        compute(store, StatsRequest(kind="cooccurrence", cooccurrence_mode="utterance"))
    assert [q for q in queries if "FROM span" in q]
    assert not [q for q in queries if "FROM utterance" in q or "JOIN utterance" in q], queries
    assert not [q for q in queries if "text" in q], queries


def test_disagreements_read_texts_but_no_utterances(demo_path: Path) -> None:
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        result = compute(store, StatsRequest(kind="disagreements"))
    assert result.tables[0].rows
    assert [q for q in queries if "text" in q and "FROM layer" in q]
    assert not [q for q in queries if "FROM span" in q or "FROM utterance" in q], queries


def test_disagreements_are_listed_by_code_document_start_and_coder(tmp_path: Path) -> None:
    study = build_study(tmp_path / "study.suhbat")
    with Store(study.path, read_only=True) as store:
        data = load_study(store, with_text=True)
        a, b = sorted(data.coders)
        listing = list(segment_agreement(data, a, b).disagreements)
    position = {cid: i for i, cid in enumerate(data.code_order)}
    assert len({d.code_id for d in listing}) > 1
    assert listing == sorted(
        listing, key=lambda d: (position[d.code_id], d.document, d.start, d.coder_id)
    )


def test_a_redacted_disagreement_list_quotes_redacted_text(demo_path: Path, tmp_path: Path) -> None:
    """A view over the project moves offsets: its excerpts come from the redacted texts."""
    study = build_redaction_study(demo_path, tmp_path)
    with RedactedStore(study.path, Redactor.from_file(study.redaction_list)) as view:
        result = compute(view, StatsRequest(kind="disagreements"))
    excerpts = [str(row[5]) for row in result.tables[0].rows]
    assert any("[" in excerpt for excerpt in excerpts)
    assert not leaks(excerpts), excerpts
