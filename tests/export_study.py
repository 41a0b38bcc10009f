"""A small, fully known study for export tests (test helper).

One Almaty focus group transcribed in Russian with an English translation;
speakers are labelled by their real first names in the transcript and linked to
participants P01, P02 (respondents) and MOD (moderator). Two coders, two themes
(folders) with one code each, overlapping codings, a coding across an utterance
boundary, a coding on the translation, and user text with XML special
characters, a control character, emoji and Kazakh letters.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from storage import Store
from storage.models import Coding, TranscriptInput, UtteranceInput

SESSION_TITLE = "Фокус-группа «Алматы» & <1>"
REAL_NAMES = ("Айгерим Сарсенова", "Данияр Омаров", "Гүлнар Ким")
SPEAKER_LABELS = ("Айгерим", "Данияр", "Гүлнар")

RU = (
    "Что вы думаете о <работе> & «службе»?",
    "Согласование занимает слишком много времени 👍🏽, а подпись через три дня.",
    "Біз халықпен ашық сөйлескіміз келеді\x07 бірақ әр сөзді бастық мақұлдауы керек.",
)
EN = (
    "What do you think of the <work> & “service”?",
    "Approval takes far too long 👍🏽, and the signature comes in three days.",
    "We want to talk openly with people, but the boss must approve every word.",
)
MEMO = "Ключевая цитата <важно> & \x01конец"
FORMULA_MEMO = "=SUM(A1)"


@dataclass(frozen=True)
class Study:
    """Paths and ids of the built study."""

    path: Path
    transcript_id: int
    ru_layer: int
    en_layer: int
    codings: dict[str, Coding]


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def build_study(path: Path) -> Study:
    """Create the study at ``path`` and return what tests need to know about it."""
    store = Store.create(path, name="Тестовое исследование", languages=("ru", "kk", "en"))
    try:
        store.participants.add_attribute("gender", "category", ["F", "M"])
        store.participants.add_attribute("age", "integer")
        p1 = store.participants.add(
            "P01", real_name=REAL_NAMES[0], attributes={"gender": "F", "age": "30"}
        )
        p2 = store.participants.add(
            "P02", real_name=REAL_NAMES[1], attributes={"gender": "M", "age": "40"}
        )
        mod = store.participants.add("MOD", real_name=REAL_NAMES[2])
        session = store.sessions.add(
            SESSION_TITLE,
            "focus_group",
            date="2024-03-14",
            location="Алматы",
            setting="urban",
            region="South",
            languages=("ru",),
            duration_min=90,
            interviewer="MOD",
        )
        store.sessions.link_participant(session.id, p1.id, "respondent", consent=True)
        store.sessions.link_participant(session.id, p2.id, "respondent", consent=True)
        store.sessions.link_participant(session.id, mod.id, "moderator", consent=True)
        times = ((4_000, 10_000), (11_000, 40_000), (41_000, 60_000))
        transcript = store.transcripts.add(
            session.id,
            TranscriptInput(
                title="fg_almaty",
                languages=("ru", "en"),
                utterances=tuple(
                    UtteranceInput(label, start, end, (ru, en))
                    for label, (start, end), ru, en in zip(
                        (SPEAKER_LABELS[2], SPEAKER_LABELS[0], SPEAKER_LABELS[1]),
                        times,
                        RU,
                        EN,
                        strict=True,
                    )
                ),
            ),
        )
        for label, person in zip(SPEAKER_LABELS, (p1, p2, mod), strict=True):
            store.transcripts.link_speaker(label, person.id, transcript.id)
        layers = {la.language: la for la in store.transcripts.layers(transcript.id)}
        ru, en = layers["ru"], layers["en"]
        bureaucracy = store.codes.add(
            {"ru": "Бюрократия", "en": "Bureaucracy", "kk": "Бюрократия"}, is_codable=False
        )
        slow = store.codes.add(
            {"ru": "Долгое согласование", "en": "Slow approvals"},
            parent_id=bureaucracy.id,
            description="Answers wait for sign-off by several levels.",
            inclusion="Delays caused by approval chains.",
            exclusion="Delays caused by lack of staff.",
            example="Подпись через три дня.",
        )
        trust = store.codes.add({"ru": "Доверие", "en": "Trust"}, is_codable=False)
        control = store.codes.add(
            {"ru": "Контроль начальства", "en": "Control by superiors", "kk": "Бастықтың бақылауы"},
            parent_id=trust.id,
            description="Superiors approve what may be said.",
        )
        a = store.coders.get("Aigerim Bekova")
        b = store.coders.get("Daniyar")
        text = ru.text
        c1 = store.codings.add(
            slow.id,
            ru.id,
            *_span(text, "Согласование занимает слишком много времени"),
            a.id,
            memo=MEMO,
            created="2024-04-01T10:00:00+00:00",
        )
        c2 = store.codings.add(
            slow.id,
            ru.id,
            *_span(
                text, "Согласование занимает слишком много времени 👍🏽, а подпись через три дня"
            ),
            b.id,
            created="2024-04-02T10:00:00+00:00",
        )
        start = text.index("подпись через три дня.")
        end = text.index("Біз халықпен") + len("Біз халықпен")
        c3 = store.codings.add(
            control.id, ru.id, start, end, a.id, created="2024-04-01T11:00:00+00:00"
        )
        c4 = store.codings.add(
            control.id,
            ru.id,
            *_span(text, "әр сөзді бастық мақұлдауы керек"),
            b.id,
            memo=FORMULA_MEMO,
            created="2024-04-02T11:00:00+00:00",
        )
        c5 = store.codings.add(
            control.id,
            en.id,
            *_span(en.text, "the boss must approve every word"),
            a.id,
            created="2024-04-01T12:00:00+00:00",
        )
        return Study(
            path, transcript.id, ru.id, en.id, {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5}
        )
    finally:
        store.close()


def copy_study(study: Study, name: str) -> Path:
    """A copy of the study's file beside it, named ``name`` (a coder's copy, say)."""
    target = study.path.with_name(name)
    shutil.copyfile(study.path, target)
    return target


def code_id(store: Store, name: str) -> int:
    """The id of the code called ``name`` (in any of its languages)."""
    code = store.codes.find(name)
    assert code is not None
    return code.id
