"""The demo project with names and places to redact, and what a redacted export must show
(test helper).

On top of the demo study: participant R1 gets the real name "Айгуль Жанбыршыкова";
interview R1 (Russian) says where she lives and names an official inside a coded
passage; a coding starts in the middle of the place name; a coding memo and a code
example name a person and a place; the English translation and the sessions name
Almaty; the focus group's coded passage names the akimat.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from exports.redaction import Redactor, map_offset
from storage import Store

REDACTION_LIST = """\
# people, places and organisations that must not leave the project
PLACE: Алматы
PLACE: Almaty
ORG: акимат
NAME: Семёнов
"""
REAL_NAME = "Айгуль Жанбыршыкова"
PSEUDONYM = "R1"
SAID = "В Алмате Айгуль Жанбыршыкова сказала: "
SAID_EN = "In Almaty she said: "
OFFICIAL = "от Семёнова "
MEMO = "Айгуль говорит о Семёнове из Алматы"
EXAMPLE = "В Алматы мы получаем подпись через три дня."
RAW_TERMS = ("Алмат", "Almaty", "Айгуль", "Жанбыршыков", "акимат", "Семёнов")
"""Fragments none of which may appear in a redacted export (outside the report)."""


@dataclass(frozen=True)
class RedactionStudy:
    """Where the project and the redaction list are, and the ids tests look at."""

    path: Path
    redaction_list: Path
    r1_ru: int
    r1_en: int
    partial_coding: int
    memo_coding: int


def build_redaction_study(demo: Path, folder: Path) -> RedactionStudy:
    """Add the names and places to the demo copy at ``demo``; write the list into ``folder``."""
    listing = folder / "redact.txt"
    listing.write_text(REDACTION_LIST, encoding="utf-8")
    with Store(demo) as store:
        r1 = store.participants.find("R1")
        assert r1 is not None
        store.participants.update(r1.id, real_name=REAL_NAME)
        interview = store.transcripts.find("interview_r1")
        assert interview is not None
        ru, en = store.transcripts.layers(interview.id)
        fourth = store.transcripts.utterances(interview.id)[3]
        start = fourth.spans[ru.id][0]
        store.transcripts.edit_layer_text(ru.id, start, start, SAID)
        text = store.transcripts.layer(ru.id).text
        at = text.index("подпись через три дня")
        store.transcripts.edit_layer_text(
            ru.id, at + len("подпись "), at + len("подпись "), OFFICIAL
        )
        en_start = fourth.spans[en.id][0]
        store.transcripts.edit_layer_text(en.id, en_start, en_start, SAID_EN)
        text = store.transcripts.layer(ru.id).text
        slow = store.codes.find("Slow approvals")
        assert slow is not None
        coder = store.coders.get("Aigerim")
        partial_start = text.index("мате Айгуль")
        partial = store.codings.add(
            slow.id,
            ru.id,
            partial_start,
            text.index(": ", partial_start),
            coder.id,
        )
        quote = "Журналисту нужно сегодня"
        memo = store.codings.add(
            slow.id, ru.id, text.index(quote), text.index(quote) + len(quote), coder.id, memo=MEMO
        )
        store.codes.update(slow.id, example=EXAMPLE)
        group = store.transcripts.find("focus_group_kordai")
        assert group is not None
        group_ru = store.transcripts.layers(group.id)[0]
        phrase = "Я писал в акимат два раза"
        group_at = group_ru.text.index(phrase)
        distrust = store.codes.find("State does not listen")
        assert distrust is not None
        store.codings.add(distrust.id, group_ru.id, group_at, group_at + len(phrase), coder.id)
    return RedactionStudy(demo, listing, ru.id, en.id, partial.id, memo.id)


def expected_coded_texts(store: Store, redactor: Redactor) -> dict[int, str]:
    """Each coding's text as a redacted export must show it, by coding id.

    Worked out independently of the exporters: the coded utterance is redacted on
    its own with the list (plus the real names) and the coding's offsets are moved
    with :func:`exports.redaction.map_offset`.
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for u in store.transcripts.utterances():
        for layer_id, span in u.spans.items():
            spans.setdefault(layer_id, []).append(span)
    texts = {layer.id: layer.text for layer in store.transcripts.layers()}
    out: dict[int, str] = {}
    for c in store.codings.all():
        pieces = []
        for start, end in sorted(spans[c.layer_id]):
            if start < c.end and end > c.start:
                redacted, found = redactor.apply(texts[c.layer_id][start:end])
                local_start = map_offset(found, max(c.start, start) - start)
                local_end = map_offset(found, min(c.end, end) - start, end=True)
                pieces.append(redacted[local_start:local_end])
        out[c.id] = "\n".join(pieces)
    return out


def full_redactor(store: Store, listing: Path) -> Redactor:
    """The list's redactor with the participants' real names added (as exports do)."""
    from exports.redaction import participant_entries

    return Redactor.from_file(listing).extended(participant_entries(store.participants.all()))


def leaks(texts: Iterable[str]) -> list[str]:
    """The raw names and places found in ``texts`` (empty when the redaction held)."""
    joined = "\n".join(texts)
    return [term for term in RAW_TERMS if term.casefold() in joined.casefold()]


def stored_state(path: Path) -> tuple[object, ...]:
    """Everything a redacted export must leave untouched, read from the project."""
    with Store(path, read_only=True) as store:
        return (
            [(la.id, la.text) for la in store.transcripts.layers()],
            store.codings.all(),
            store.transcripts.utterances(),
            store.participants.all(),
            store.sessions.all(),
            store.codes.all(),
            store.memos.all(),
        )
