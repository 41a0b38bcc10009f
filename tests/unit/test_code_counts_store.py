"""Codebook counts (codings, segments, documents, participants) and coded segments."""

from __future__ import annotations

from pathlib import Path

from exports.transcript_import import import_transcript
from storage import Store


def _span(store: Store, layer_id: int, phrase: str) -> tuple[int, int]:
    start = store.transcripts.layer(layer_id).text.index(phrase)
    return start, start + len(phrase)


def test_theme_totals_count_distinct_segments_documents_and_participants(
    store: Store, fixtures_dir: Path
) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    import_transcript(store, fixtures_dir / "focus_group_oskemen.ru.vtt")
    interview, focus = (store.transcripts.layers(t.id)[0].id for t in store.transcripts.all())
    p7 = store.participants.add("Респондент 7")
    store.transcripts.link_speaker("Респондент 7", p7.id)
    theme = store.codes.add("Государство", is_codable=False)
    delay = store.codes.add("Задержки", parent_id=theme.id)
    trust = store.codes.add("Доверие", parent_id=theme.id)
    alone = store.codes.add("Пусто")
    me, other = store.coders.get("aigerim"), store.coders.get("daniyar")

    same = _span(store, interview, "через три дня")
    store.codings.add(delay.id, interview, *same, me.id)
    store.codings.add(trust.id, interview, *same, me.id)  # same segment, sibling code
    store.codings.add(delay.id, interview, *same, other.id)  # same segment, other coder
    store.codings.add(delay.id, interview, *_span(store, interview, "Расскажите"), me.id)
    focus_text = store.transcripts.layer(focus).text
    store.codings.add(trust.id, focus, 0, focus_text.index("\n"), me.id)

    counts = store.counts.code_counts()
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

    mine = store.counts.code_counts(coder_id=other.id)
    assert mine[delay.id].codings == 1 and mine[theme.id].segments == 1


def test_coded_segments_carry_text_context_and_speaker(store: Store, fixtures_dir: Path) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    layer = store.transcripts.layers()[0].id
    code = store.codes.add("Задержки")
    child = store.codes.add("Подпись", parent_id=code.id)
    coder = store.coders.get("aigerim")
    store.codings.add(code.id, layer, *_span(store, layer, "через три дня"), coder.id)
    store.codings.add(child.id, layer, *_span(store, layer, "Согласование"), coder.id)

    only = store.counts.coded_segments(code.id)
    assert [s.text for s in only] == ["через три дня"]
    segment = only[0]
    assert segment.speaker == "Респондент 7" and segment.language == "ru"
    assert segment.before.endswith("а мы получаем подпись ")
    assert segment.after == "."
    assert segment.transcript_title == store.transcripts.all()[0].title
    texts = [s.text for s in store.counts.coded_segments(code.id, include_descendants=True)]
    assert texts == ["Согласование", "через три дня"]
