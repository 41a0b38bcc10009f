"""Statistics filtered by the language of the utterances a coding covers.

A Kazakh turn inside a Russian layer (code-switching, marked per utterance) counts
under ``kk`` only, as search finds it; the counting statistics read one light fact per
coding and give the same tables as the full load, filters included.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from code_switching_study import build_code_switching_study
from export_study import build_study
from query_trace import traced

from exports.study.analysis_request import (
    FACT_KINDS,
    Filters,
    StatsRequest,
    StatsResult,
    apply_filters,
    compute,
    compute_from_data,
)
from exports.study.loading import load_study
from storage import NotFoundError, Store, SuhbatError
from tui.cli import cli


@pytest.fixture
def project(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A Kazakh turn in a Russian layer: «Language» on it and on a Russian turn,
    «Kazakh only» on it, «Russian only» on the Russian turn."""
    return build_code_switching_study(tmp_path / "study.suhbat", fixtures_dir)


def _codings(result_table: dict[str, object]) -> dict[str, int]:
    columns = list(result_table["columns"])  # type: ignore[call-overload]
    rows = result_table["rows"]
    assert isinstance(rows, list)
    code, codings = columns.index("Code"), columns.index("Codings")
    return {row[code]: row[codings] for row in rows}


def _stats(*args: str | Path) -> dict[str, object]:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_a_kazakh_turn_in_a_russian_layer_counts_under_kk_only(project: Path) -> None:
    everything = _stats("stats", project, "frequencies", "--json")
    kazakh = _stats("stats", project, "frequencies", "--json", "--language", "kk")
    russian = _stats("stats", project, "frequencies", "--json", "--language", "RU")
    tables = [d["tables"][0] for d in (everything, kazakh, russian)]  # type: ignore[index]
    assert _codings(tables[0]) == {"Language": 2, "Kazakh only": 1, "Russian only": 1}
    assert _codings(tables[1]) == {"Language": 1, "Kazakh only": 1, "Russian only": 0}
    assert _codings(tables[2]) == {"Language": 1, "Kazakh only": 0, "Russian only": 1}
    assert kazakh["filters"] == {
        "coders": [],
        "session_kind": None,
        "where": {},
        "languages": ["kk"],
    }
    assert "languages" not in everything["filters"]  # type: ignore[operator]


def test_language_filter_on_the_full_load_too(project: Path) -> None:
    """Kinds that load every coding (co-occurrence, valence, agreement) filter the same way."""
    with Store(project, read_only=True) as store:
        data = load_study(store, with_languages=True)
        kazakh = apply_filters(data, Filters(languages=("kk",)))
        names = {store.codes.get(c.code_id).name() for c in kazakh.codings}
        assert names == {"Language", "Kazakh only"}
        assert len(kazakh.codings) == 2
        with pytest.raises(ValueError):  # not loaded with the codings' languages
            apply_filters(load_study(store), Filters(languages=("kk",)))


def test_an_unknown_language_is_named_with_the_ones_there_are(project: Path) -> None:
    with Store(project, read_only=True) as store, pytest.raises(NotFoundError) as raised:
        compute(store, StatsRequest(kind="frequencies", filters=Filters(languages=("uz",))))
    assert raised.value.params["names"] == "en, kk, ru"
    result = CliRunner().invoke(cli, ["stats", str(project), "frequencies", "--language", "uz"])
    assert result.exit_code == 1
    assert "uz" in result.stderr and "kk" in result.stderr


def test_the_words_table_refuses_a_language_filter(project: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", str(project), "words", "--language", "kk"])
    assert result.exit_code == 2
    assert "--language" in result.stderr


def _outcome(run: Callable[..., StatsResult], *args: object) -> object:
    """The result, or the error's message and values (agreement needs two coders)."""
    try:
        return run(*args)
    except SuhbatError as error:
        return (error.message, error.params)


FILTERS = [
    Filters(),
    Filters(coders=("aigerim",)),
    Filters(session_kind="interview"),
    Filters(where=(("gender", "F"),)),
    Filters(languages=("kk",)),
    Filters(languages=("ru",), coders=("daniyar",)),
]


@pytest.mark.parametrize("project_name", ["demo", "export_study", "code-switching"])
def test_facts_give_the_tables_of_the_full_load(
    project_name: str, demo_path: Path, tmp_path: Path, project: Path
) -> None:
    """Frequencies, crosstabs, the session matrix, saturation and agreement from one fact per coding
    equal the same tables from every coding, utterance and span, under every filter."""
    if project_name == "demo":
        path = demo_path
    elif project_name == "export_study":
        path = build_study(tmp_path / "export.suhbat").path
    else:
        path = project
    with Store(path, read_only=True) as store:
        full = load_study(store, with_languages=True)
        attributes = [a.name for a in full.attributes]
        coders = {c.name.casefold() for c in full.coders.values()}
        compared = 0
        for filters in FILTERS:
            if filters.where and "gender" not in attributes:
                continue
            if not {name.casefold() for name in filters.coders} <= coders:
                continue
            if filters.languages and filters.languages[0] not in full.fallback_languages:
                continue
            for kind in sorted(FACT_KINDS):
                extra = {"attribute": attributes[0]} if kind == "crosstab" and attributes else {}
                if kind == "crosstab" and not attributes:
                    extra = {"session_field": "kind"}
                request = StatsRequest(kind=kind, filters=filters, base=1, run=1, **extra)  # type: ignore[arg-type]
                expected = _outcome(compute_from_data, apply_filters(full, filters), request)
                assert _outcome(compute, store, request) == expected, (kind, filters)
                compared += 1
    assert compared >= 4 * len(FACT_KINDS)


def test_agreement_reads_neither_coding_rows_nor_texts(demo_path: Path) -> None:
    """The design: a counting statistic, agreement too, reads codings as columns (no memo,
    uuid or time) and spans with their speakers, never utterance rows, speaker labels or
    layer texts (a layer's length is counted in SQL)."""
    with Store(demo_path, read_only=True) as store, traced(store) as queries:
        compute(store, StatsRequest(kind="agreement"))
    coding_reads = [q for q in queries if "FROM coding" in q]
    assert coding_reads and not [q for q in coding_reads if "memo" in q or "uuid" in q]
    assert not [q for q in queries if "speaker" in q or "start_ms" in q]
    assert [q for q in queries if "text" in q] == ["SELECT id, length(text) FROM layer"]
    assert not [q for q in queries if "FROM utterance" in q and "DISTINCT" not in q]


def test_presence_agreement_reads_no_layer_length(demo_path: Path) -> None:
    """Only the unitizing coefficients need the layers' lengths, which SQLite counts by
    reading every layer's text: presence and segment agreement do not ask for them."""
    for kind in ("presence", "segments"):
        with Store(demo_path, read_only=True) as store, traced(store) as queries:
            compute(store, StatsRequest(kind="agreement", agreement_kind=kind))
        assert [q for q in queries if "FROM coding" in q], kind
        assert not [q for q in queries if "text" in q], kind
