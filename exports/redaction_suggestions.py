"""Suggested redaction-list entries: names, places and organisations found in a project.

:func:`suggest_redactions` runs the finders of :mod:`exports.named_entities` over every
transcript layer (natasha's NER on Russian layers, the capitalised-word heuristic on the
others, participants' real names on all) and groups what they find by term: forms of a
term that a redaction list would match alike (``Алматы``, ``Алмате``) make one
suggestion, shown by its most frequent form, with its count, the finders that found it,
the transcripts and an example in context.

Suggestions are only suggestions: a person accepts or rejects each one
(:func:`record_decisions` keeps the decisions in the project, so a rejected term is not
suggested again), and only accepted ones are written to a redaction list
(:func:`write_accepted`), which exports apply when they are asked to.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from exports.file_names import atomic_path
from exports.named_entities import (
    SOURCES,
    Mention,
    Source,
    capitalised_mentions,
    merge_mentions,
    name_mentions,
    russian_mentions,
)
from exports.redaction import RedactionEntry, Redactor, stem, visible_term
from storage.errors import N_, InputError
from storage.store import Store
from storage.text import fold

Decision = Literal["accepted", "rejected"]
DECISIONS_SETTING = "redaction.decisions"
"""Project setting: JSON object, suggestion key → ``accepted`` or ``rejected``."""
CONTEXT = 40
"""Characters of context on each side of an example."""

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    """Report nothing."""


@dataclass(frozen=True)
class Suggestion:
    """One term suggested for the redaction list."""

    key: str
    """What the forms of the term share (folded stems): the identity of the suggestion."""
    term: str
    kind: str
    count: int
    sources: tuple[Source, ...]
    documents: tuple[str, ...]
    example: str
    forms: tuple[str, ...] = ()
    replacement: str | None = None
    """A participant's pseudonym for their real name; otherwise None (``[KIND]``)."""
    decision: Decision | None = None
    listed: bool = False
    """The term is in the redaction list already."""

    def entry(self) -> RedactionEntry:
        """The redaction-list entry this suggestion becomes when accepted."""
        return RedactionEntry(self.term, self.kind, self.replacement)


def term_key(term: str) -> str:
    """The key shared by the forms of a term: each word folded and cut to its stem."""
    words = visible_term(term).replace("-", " ").split()
    return " ".join(fold(stem(w)) for w in words)


@dataclass
class _Group:
    forms: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    documents: dict[str, None] = field(default_factory=dict)
    example: str = ""


def layer_mentions(text: str, language: str, names: Sequence[str]) -> list[Mention]:
    """Every finder's mentions in one text, overlaps resolved (names, then NER, then
    capitalised words)."""
    finders = [name_mentions(text, names)]
    if language == "ru":
        finders.append(russian_mentions(text))
    else:
        finders.append(capitalised_mentions(text, language))
    return merge_mentions(finders)


def suggest_redactions(
    store: Store,
    *,
    existing: Iterable[RedactionEntry] = (),
    include_decided: bool = False,
    progress: Progress = _no_progress,
) -> list[Suggestion]:
    """Suggestions for the whole project, most frequent first.

    ``existing`` is the redaction list in use: its terms are marked ``listed``.
    Terms decided before (accepted or rejected) are left out unless ``include_decided``.
    """
    people = store.participants.all()
    real_names = [p.real_name for p in people if p.real_name and p.real_name.strip()]
    pseudonyms = {term_key(p.real_name): p.code for p in people if p.real_name}
    for person in people:
        if person.real_name:
            for word in person.real_name.split():
                pseudonyms.setdefault(term_key(word), person.code)
    titles = {t.id: t.title for t in store.transcripts.all()}
    layers = store.transcripts.layers(with_text=True)
    groups: dict[str, _Group] = defaultdict(_Group)
    progress(0, len(layers))
    for done, layer in enumerate(layers, start=1):
        text = layer.text
        for mention in layer_mentions(text, layer.language, real_names):
            key = term_key(mention.text)
            if not key:
                continue
            group = groups[key]
            group.forms[mention.text] += 1
            group.kinds[mention.kind] += 1
            group.sources.add(mention.source)
            group.documents[titles.get(layer.transcript_id, "")] = None
            if not group.example:
                group.example = _context(text, mention)
        progress(done, len(layers))
    decisions = load_decisions(store)
    listed = {term_key(e.term) for e in existing}
    out = []
    for key, group in groups.items():
        decision = decisions.get(key)
        if decision is not None and not include_decided:
            continue
        term = _display_term(group.forms)
        kind = "NAME" if "participant" in group.sources else group.kinds.most_common(1)[0][0]
        out.append(
            Suggestion(
                key=key,
                term=term,
                kind=kind,
                count=sum(group.forms.values()),
                sources=tuple(s for s in SOURCES if s in group.sources),
                documents=tuple(group.documents),
                example=group.example,
                forms=tuple(f for f, _n in group.forms.most_common()),
                replacement=pseudonyms.get(key) if "participant" in group.sources else None,
                decision=decision,
                listed=key in listed,
            )
        )
    out.sort(key=lambda s: (-s.count, fold(s.term)))
    return out


def _display_term(forms: Counter[str]) -> str:
    """The most frequent form; among equals the shortest (closest to a dictionary form)."""
    return sorted(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def _context(text: str, mention: Mention) -> str:
    start = max(0, mention.start - CONTEXT)
    end = min(len(text), mention.end + CONTEXT)
    snippet = " ".join(text[start:end].split())
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")


# -- decisions ---------------------------------------------------------------------------


def load_decisions(store: Store) -> dict[str, Decision]:
    """The decisions taken on suggestions in this project (key → accepted/rejected)."""
    raw = store.get_setting(DECISIONS_SETTING)
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if v in ("accepted", "rejected")}


def record_decisions(store: Store, decisions: Mapping[str, Decision | None]) -> None:
    """Keep these decisions in the project (None forgets a decision)."""
    current: dict[str, Decision] = dict(load_decisions(store))
    for key, decision in decisions.items():
        if decision is None:
            current.pop(key, None)
        else:
            current[key] = decision
    store.set_setting(DECISIONS_SETTING, json.dumps(current, ensure_ascii=False, sort_keys=True))


# -- the redaction list ------------------------------------------------------------------


def read_list(path: Path) -> list[RedactionEntry]:
    """The entries of an existing redaction list (text or ``.csv``); none if it is absent."""
    if not path.exists():
        return []
    return list(Redactor.from_file(path).entries)


def list_line(entry: RedactionEntry) -> str:
    """``KIND: term`` (``=> replacement`` when there is one), as a redaction list holds it."""
    line = f"{entry.kind}: {entry.term}"
    return line + (f" => {entry.replacement}" if entry.replacement else "")


def write_accepted(path: Path, accepted: Sequence[Suggestion]) -> list[RedactionEntry]:
    """Add the accepted suggestions to the text redaction list at ``path`` (created if
    needed); terms already in it are not added twice. Returns the entries added."""
    if path.suffix.lower() == ".csv":
        raise InputError(
            N_("{file}: suggestions are added to a text list (KIND: term lines), not to CSV"),
            file=str(path),
        )
    existing = read_list(path)
    have = {term_key(e.term) for e in existing}
    added = []
    for suggestion in accepted:
        if suggestion.key in have:
            continue
        have.add(suggestion.key)
        added.append(suggestion.entry())
    if not added:
        return []
    old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    lines = [list_line(e) for e in added]
    text = old + ("" if not old or old.endswith("\n") else "\n") + "\n".join(lines) + "\n"
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return added
