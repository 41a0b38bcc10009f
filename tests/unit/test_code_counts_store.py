"""Codebook counts (codings, segments, documents, participants) and coded segments."""

from __future__ import annotations

from pathlib import Path

from exports.transcript_import import import_transcript
from storage import Store


def _span(store: Store, layer_id: int, phrase: str) -> tuple[int, int]:
    start = store.layer(layer_id).text.index(phrase)
    return start, start + len(phrase)


def test_theme_totals_count_distinct_segments_documents_and_participants(
    store: Store, fixtures_dir: Path
) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    import_transcript(store, fixtures_dir / "focus_group_oskemen.ru.vtt")
    interview, focus = (store.layers(t.id)[0].id for t in store.transcripts())
    p7 = store.add_participant("Респондент 7")
    store.link_speaker("Респондент 7", p7.id)
    theme = store.add_code("Государство", is_codable=False)
    delay = store.add_code("Задержки", parent_id=theme.id)
    trust = store.add_code("Доверие", parent_id=theme.id)
    alone = store.add_code("Пусто")
    me, other = store.coder("aigerim"), store.coder("daniyar")

    same = _span(store, interview, "через три дня")
    store.add_coding(delay.id, interview, *same, me.id)
    store.add_coding(trust.id, interview, *same, me.id)  # same segment, sibling code
    store.add_coding(delay.id, interview, *same, other.id)  # same segment, other coder
    store.add_coding(delay.id, interview, *_span(store, interview, "Расскажите"), me.id)
    focus_text = store.layer(focus).text
    store.add_coding(trust.id, focus, 0, focus_text.index("\n"), me.id)

    counts = store.code_counts()
    assert counts[delay.id].codings == 3
    assert counts[delay.id].segments == 2
    assert counts[delay.id].documents == 1
    assert counts[delay.id].participants == 1  # Интервьюер is not a linked participant
    assert counts[trust.id].codings == 2 and counts[trust.id].documents == 2
    assert counts[theme.id].codings == 5  # all codings in the subtree (3 + 2)
    assert counts[theme.id].segments == 3  # not 2 + 2: the shared segment counts once
    assert counts[theme.id].documents == 2
    assert counts[theme.id].participants == 1
    assert counts[alone.id].codings == 0 and counts[alone.id].segments == 0

    mine = store.code_counts(coder_id=other.id)
    assert mine[delay.id].codings == 1 and mine[theme.id].segments == 1


def test_coded_segments_carry_text_context_and_speaker(store: Store, fixtures_dir: Path) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    layer = store.layers()[0].id
    code = store.add_code("Задержки")
    child = store.add_code("Подпись", parent_id=code.id)
    coder = store.coder("aigerim")
    store.add_coding(code.id, layer, *_span(store, layer, "через три дня"), coder.id)
    store.add_coding(child.id, layer, *_span(store, layer, "Согласование"), coder.id)

    only = store.coded_segments(code.id)
    assert [s.text for s in only] == ["через три дня"]
    segment = only[0]
    assert segment.speaker == "Респондент 7" and segment.language == "ru"
    assert segment.before.endswith("а мы получаем подпись ")
    assert segment.after == "."
    assert segment.transcript_title == store.transcripts()[0].title
    texts = [s.text for s in store.coded_segments(code.id, include_descendants=True)]
    assert texts == ["Согласование", "через три дня"]
