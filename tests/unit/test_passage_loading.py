"""Coded passages read only the sessions their code was applied in, and list the same
passages as from the whole study (texts, translations, context, speakers, languages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exports.redacted_view import RedactedStore
from exports.redaction import Redactor
from exports.study.analysis_request import Filters
from exports.study.loading import load_study
from storage import Store
from tui.passages_request import PassagesRequest, find_passages

REQUESTS: tuple[dict[str, Any], ...] = (
    {},
    {"include_subcodes": False},
    {"filters": Filters(coders=("Daniyar",))},
    {"filters": Filters(session_kind="focus_group")},
    {"filters": Filters(where=(("gender", "F"),))},
    {"languages": ("kk",)},
    {"languages": ("ru",)},
    {"valences": (None,)},
    {"valences": (-1,)},
    {"session_ids": (1, 3)},
)
"""Requests every code is listed with (besides its code)."""


def _kazakh_turn_and_valence(path: Path) -> None:
    """Mark the turn of a «Fear of responsibility» coding Kazakh, rate it −1, and code
    «Slow approvals» from the same start, shorter (two passages of the theme begin there)."""
    with Store(path) as store:
        code = store.codes.find("Fear of responsibility")
        assert code is not None
        coding = store.codings.all(code_id=code.id)[0]
        layer = store.transcripts.layer(coding.layer_id)
        turn = next(
            u
            for u in store.transcripts.utterances(layer.transcript_id)
            if u.spans[layer.id][0] <= coding.start < u.spans[layer.id][1]
        )
        store.transcripts.set_utterance_language(layer.id, [turn.id], "kk")
        store.codings.set_valence(coding.id, -1)
        slow = store.codes.find("Slow approvals")
        assert slow is not None
        end = coding.start + (coding.end - coding.start) // 2
        store.codings.add(slow.id, layer.id, coding.start, end, coding.coder_id, snap=False)


@pytest.mark.parametrize("options", REQUESTS, ids=lambda o: ",".join(o) or "all")
def test_every_code_lists_the_passages_of_the_whole_study(
    demo_path: Path, options: dict[str, Any]
) -> None:
    _kazakh_turn_and_valence(demo_path)
    with Store(demo_path) as store:
        whole = load_study(store, language="en", with_text=True, with_languages=True)
        for code in store.codes.all():
            request = PassagesRequest(code_id=code.id, **options)
            expected = find_passages(None, request, data=whole)
            found = find_passages(store, request, language="en")
            assert found.title == expected.title
            assert found.passages == expected.passages, code.names["en"]


def test_a_code_of_one_session_reads_that_sessions_texts_only(demo_path: Path) -> None:
    with Store(demo_path) as store:
        fear = store.codes.find("Fear of responsibility")
        assert fear is not None
        coded = {store.transcripts.layer(c.layer_id).transcript_id for c in store.codings.all()}
        only = {
            store.transcripts.layer(c.layer_id).transcript_id
            for c in store.codings.all(code_id=fear.id)
        }
        assert only < coded  # the code lies in some transcripts, not all
        listing = find_passages(store, PassagesRequest(code_id=fear.id), language="en")
        segments = {(c.layer_id, c.start, c.end) for c in store.codings.all(code_id=fear.id)}
        assert len(listing.passages) == len(segments)  # one passage per coded segment
        data = listing.data
        assert {u.transcript_id for u in data.utterances.values()} == only
        assert {layer.transcript_id for layer in data.layers.values()} == only
        assert {p.transcript_id for p in listing.passages} == only
        assert all(layer.text for layer in data.layers.values())


def test_a_redacted_view_reads_some_transcripts_redacted(demo_path: Path, tmp_path: Path) -> None:
    """The layers and utterances of some transcripts, read through a redacted view, are
    the redacted ones (never the stored text)."""
    listing = tmp_path / "redact.txt"
    listing.write_text("ORG: государственные органы\n", encoding="utf-8")
    with RedactedStore(demo_path, Redactor.from_file(listing)) as view:
        some = {view.transcripts.all()[0].id, view.transcripts.all()[2].id}
        layers = view.transcripts.layers(transcript_ids=some)
        assert {layer.transcript_id for layer in layers} == some
        assert layers == [la for la in view.transcripts.layers() if la.transcript_id in some]
        assert not any("государственные органы" in layer.text for layer in layers)
        turns = view.transcripts.utterances(transcript_ids=some)
        assert turns == [u for u in view.transcripts.utterances() if u.transcript_id in some]
    with Store(demo_path) as store:
        stored = store.transcripts.layers(transcript_ids=some)
        assert any("государственные органы" in layer.text for layer in stored)
        assert [la.id for la in stored] == [la.id for la in layers]
