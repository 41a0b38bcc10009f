"""Memos as documents show them: what each is on (by name), its text, author and date.

Read through the Store given, so a redacted view (``--redact``) yields redacted texts.
Participants are named by pseudonym. Coding memos are left to the transcript exports
(Word comments), which show them beside the coded text.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.models import MemoTarget
from storage.store import Store

DOCUMENT_KINDS: tuple[MemoTarget, ...] = ("project", "session", "participant", "transcript", "code")
"""The memo targets a report lists, in this order."""


@dataclass(frozen=True)
class MemoLine:
    """One memo: its target kind, the target's name, text, author and last change."""

    kind: MemoTarget
    target_id: int | None
    label: str
    text: str
    author: str
    updated: str


def memo_lines(store: Store, language: str) -> list[MemoLine]:
    """Memos on the project, sessions, participants, transcripts and codes, in that order."""
    fallbacks = store.project().languages
    names: dict[str, dict[int, str]] = {
        "session": {s.id: s.title for s in store.sessions.all()},
        "participant": {p.id: p.code for p in store.participants.all()},
        "transcript": {t.id: t.title for t in store.transcripts.all()},
        "code": {c.id: c.name(language, fallbacks) for c in store.codes.all()},
    }
    project = store.project().name
    lines = [
        MemoLine(
            m.target,
            m.target_id,
            project if m.target == "project" else names.get(m.target, {}).get(m.target_id or 0, ""),
            m.text,
            m.author or "",
            m.updated,
        )
        for m in store.memos.all()
        if m.target in DOCUMENT_KINDS and m.text.strip()
    ]
    return sorted(lines, key=lambda m: (DOCUMENT_KINDS.index(m.kind), m.label, m.updated))


def code_memos(store: Store) -> dict[int, list[str]]:
    """The texts of the memos on each code (code id → texts, oldest first)."""
    memos: dict[int, list[str]] = {}
    for m in store.memos.all():
        if m.target == "code" and m.target_id is not None and m.text.strip():
            memos.setdefault(m.target_id, []).append(m.text)
    return memos
