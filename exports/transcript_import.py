"""Store transcript files in a project: a new transcript, or a translation layer of one.

Reading is done by :mod:`exports.transcripts`; this module decides the session, the
layer languages and the alignment of a translation with its original, and writes
everything in one transaction.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from exports.file_errors import errors_name
from exports.kind_from_content import kind_from_content
from exports.registered_session import registered_session_of, written_date
from exports.transcript_replace import ReplaceSummary, replace_transcript
from exports.transcripts import ParsedTranscript, ParsedUtterance, read_transcript
from exports.transcripts.read_ahead import PreparedFile, ReadAhead
from storage import Store
from storage.errors import N_, NN_, ConflictError, NotFoundError, ValidationError
from storage.models import SessionKind, Transcript
from storage.project_languages import find_project_language, project_language
from storage.session_kinds import read_session_kind
from storage.transcript_layout import prepare_columns

_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,3})*$")
_COLUMN_LANGUAGES = {
    "en": ("english", "английский", "ағылшын", "translation", "перевод", "аударма"),
    "ru": ("russian", "русский", "орыс"),
    "kk": ("kazakh", "казахский", "қазақ", "қазақша"),
}
ALIGN_TOLERANCE_MS = 2000


@dataclass
class ImportReport:
    """What one file's import did, with notes (msgid, params) for the user."""

    file: str
    transcript: Transcript
    languages: tuple[str, ...]
    utterances: int
    unresolved_speakers: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    replaced: ReplaceSummary | None = None
    """Set when the file replaced the text of a transcript of the same name."""


def languages_from_name(path: Path) -> list[str]:
    """Language codes in a file name such as ``interview_07.ru.txt`` or ``x.kk-ru-en.docx``."""
    parts = path.name.lower().split(".")[1:-1]
    for part in reversed(parts):
        if _LANGUAGE_TAG.match(part):
            return part.split("-")
    return []


def _project_languages_from_name(path: Path, project: Sequence[str]) -> list[str]:
    found = [find_project_language(code, project) for code in languages_from_name(path)]
    return [code for code in found if code is not None]


def _column_language(label: str) -> str | None:
    folded = label.casefold()
    if folded in _COLUMN_LANGUAGES:  # a bare code, as ELAN tiers give it
        return folded
    for code, words in _COLUMN_LANGUAGES.items():
        if any(word in folded for word in words):
            return code
    return None


def layer_languages(
    parsed: ParsedTranscript, path: Path, language: str | None, project: tuple[str, ...]
) -> tuple[str, ...]:
    """One language code per text column: from the option, the file name and the header.

    ``language`` must already be one of ``project`` (see :func:`project_language`); a
    language tag in the file name that is not one of the project's is not read as one.
    """
    named = _project_languages_from_name(path, project)
    told = _column_language(parsed.columns[0]) if parsed.format == "eaf" else None
    first = language or (named[0] if named else (told if told in project else project[0]))
    if len(parsed.columns) == 1:
        return (first,)
    result = [first]
    remaining = [x for x in (named[1:] if named else []) if x != first]
    for label in parsed.columns[1:]:
        code = _column_language(label)
        if code is None or code in result or code not in project:
            code = next((x for x in [*reversed(remaining), *project] if x not in result), None)
        if code is None:
            raise ValidationError(
                N_("{file}: cannot tell the language of column {column!r}"),
                file=path.name,
                column=label,
            )
        result.append(code)
    return tuple(result)


def _session_kind(
    path: Path, kind: str | None, speakers: Sequence[str]
) -> tuple[SessionKind, list[tuple[str, dict[str, object]]]]:
    """The new session's kind: the one given, else told from the name or the speakers."""
    if kind:
        known = read_session_kind(kind)
        if known is None:
            raise ValidationError(N_("Unknown session kind {kind!r}"), kind=kind)
        return known, []
    told, note = kind_from_content(path.name, path.stem, speakers)
    return told, [note]


def _notes(parsed: ParsedTranscript) -> list[tuple[str, dict[str, object]]]:
    params: dict[str, object] = {"file": parsed.path, **parsed.note_params}
    return [(note, params) for note in parsed.notes]


def prepare_file(path: Path, language: str | None, project: tuple[str, ...]) -> PreparedFile:
    """Read ``path`` and lay it out for storing, without touching a project.

    ``project`` is the project's languages (for :func:`layer_languages`). Runs in a
    worker process when files are read ahead (see :class:`ReadAhead`).
    """
    parsed = read_transcript(path)
    languages = layer_languages(parsed, path, language, project)
    utterances = parsed.utterances
    transcript = prepare_columns(
        title=path.stem.split(".")[0],
        languages=languages,
        speakers=[u.speaker for u in utterances],
        start_ms=[u.start_ms for u in utterances],
        end_ms=[u.end_ms for u in utterances],
        texts=[
            [u.texts[k] if k < len(u.texts) else "" for u in utterances]
            for k in range(len(languages))
        ],
        source_file=path.name,
        source_hash=content_hash(parsed),
        encoding=parsed.encoding,
    )
    return PreparedFile(path, language, parsed.title, languages, transcript, _notes(parsed))


def import_transcript(
    store: Store,
    path: Path,
    *,
    session: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    replace: bool = False,
    ahead: ReadAhead | None = None,
) -> ImportReport:
    """Read ``path`` and store it as a new transcript (one layer per text column).

    With ``ahead`` (see :func:`batch_import`) the file may already have been read
    by a worker process; if not, or if reading it there failed, it is read here,
    so errors are raised the same way. Every error names the file.
    """
    with errors_name(path.name):
        return _import_transcript(store, path, session, kind, language, replace, ahead)


def _import_transcript(
    store: Store,
    path: Path,
    session: str | None,
    kind: str | None,
    language: str | None,
    replace: bool,
    ahead: ReadAhead | None,
) -> ImportReport:
    if language is not None:
        language = project_language(language, store.project().languages)
    prepared = ahead.take(path, language) if ahead is not None else None
    if prepared is None:
        prepared = prepare_file(path, language, store.project().languages)
    title = session or prepared.title or path.stem.split(".")[0]
    with store.transaction():
        target = store.sessions.find(title)
        notes = list(prepared.notes)
        registered = (
            registered_session_of(store, (prepared.title or "", path.name))
            if target is None and session is None
            else None
        )
        if registered is not None:
            target, by = registered
            said = (
                N_(
                    "{file}: filed under the session {session!r} of the same date;"
                    " name another session when importing to choose another"
                )
                if by == "date"
                else N_(
                    "{file}: filed under the session {session!r} held at the place its name"
                    " says; name another session when importing to choose another"
                )
            )
            notes.append((said, {"file": path.name, "session": target.title}))
        if target is None:
            told, kind_notes = _session_kind(path, kind, prepared.transcript.speakers)
            notes += kind_notes
            # the date its heading or file name says («Интервью, 14.03.2024»), if any
            held = written_date((prepared.title or "", path.name))
            target = store.sessions.add(
                title, told, languages=",".join(prepared.languages), date=held
            )
        existing = _same_name(store, target.id, prepared.transcript.title)
        replaced: ReplaceSummary | None = None
        if existing is not None and not replace:
            raise ConflictError(
                N_(
                    "{file}: session {session!r} already has a transcript {title!r};"
                    " use --replace to replace its text with this file"
                ),
                file=path.name,
                session=target.title,
                title=existing.title,
            )
        if existing is not None:
            transcript, replaced = replace_transcript(store, existing, prepared.transcript)
        else:
            transcript = store.transcripts.add_prepared(
                target.id, prepared.transcript, replace=replace
            )
    unresolved = store.transcripts.unresolved_speakers(transcript.id)
    return ImportReport(
        path.name,
        transcript,
        prepared.languages,
        len(prepared.transcript.uuids),
        unresolved,
        notes,
        replaced,
    )


def _same_name(store: Store, session_id: int, title: str) -> Transcript | None:
    """The session's transcript called ``title`` (case-insensitively), if any."""
    folded = title.casefold()
    return next(
        (t for t in store.transcripts.all(session_id) if t.title.casefold() == folded), None
    )


@contextmanager
def batch_import(
    store: Store, paths: Sequence[Path], *, language: str | None = None
) -> Iterator[ReadAhead]:
    """A block that imports many files faster, all in one transaction.

    Transcript files among ``paths`` are read by a second process (when that
    helps: several files, a spare CPU) while earlier ones are stored, and the
    search index of every new utterance is written once, at the end of the
    block. Pass the yielded :class:`ReadAhead` to :func:`import_transcript`,
    file by file in the order of ``paths``. An error leaving the block rolls
    everything back.
    """
    if language is not None:
        language = project_language(language, store.project().languages)
    with (
        store.transcripts.deferred_indexing(),
        ReadAhead(
            paths, prepare_file, language=language, project=store.project().languages
        ) as ahead,
    ):
        yield ahead


def content_hash(parsed: ParsedTranscript) -> str:
    """A hash of what was read (not of the bytes), so re-encoded copies count as the same."""
    lines = [
        f"{u.speaker}\x1f{u.start_ms}\x1f{chr(0x1E).join(u.texts)}\n" for u in parsed.utterances
    ]
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def align(
    original: list[tuple[int | None, str]], translation: tuple[ParsedUtterance, ...]
) -> list[str]:
    """One translated text per original utterance.

    Equal counts align by order. Otherwise each translated utterance goes to the
    original with the nearest start time (within :data:`ALIGN_TOLERANCE_MS`); several
    translated turns for one original are joined with a space.
    """
    if len(original) == len(translation):
        return [u.texts[0] for u in translation]
    starts = [s for s, _speaker in original]
    if any(s is None for s in starts) or any(u.start_ms is None for u in translation):
        raise ValidationError(
            NN_(
                "The translation has {got} utterance, the original {want}, and without"
                " timestamps on both they cannot be aligned",
                "The translation has {got} utterances, the original {want}, and without"
                " timestamps on both they cannot be aligned",
                "got",
            ),
            got=len(translation),
            want=len(original),
        )
    known = [s for s in starts if s is not None]
    texts: list[list[str]] = [[] for _ in original]
    for u in translation:
        assert u.start_ms is not None
        i = bisect_left(known, u.start_ms)
        candidates = [j for j in (i - 1, i) if 0 <= j < len(known)]
        best = min(candidates, key=lambda j: abs(known[j] - u.start_ms))  # type: ignore[operator]
        if abs(known[best] - u.start_ms) > ALIGN_TOLERANCE_MS:
            raise ValidationError(
                N_("No utterance of the original starts near {time} ms to align the translation"),
                time=u.start_ms,
            )
        texts[best].append(u.texts[0])
    return [" ".join(t) for t in texts]


def import_translation(
    store: Store,
    path: Path,
    original: str,
    *,
    language: str | None = None,
    replace: bool = False,
) -> ImportReport:
    """Read ``path`` and add it as a translation layer of the transcript ``original``.

    Every error names the file.
    """
    with errors_name(path.name):
        return _import_translation(store, path, original, language, replace)


def _import_translation(
    store: Store, path: Path, original: str, language: str | None, replace: bool
) -> ImportReport:
    target = store.transcripts.find(original)
    if target is None:
        raise NotFoundError(N_("No transcript called {name!r} to translate"), name=original)
    project = store.project().languages
    if language is not None:
        language = project_language(language, project)
    parsed = read_transcript(path)
    named = _project_languages_from_name(path, project)
    code = language or (named[0] if named else None)
    if code is None:
        raise ValidationError(
            N_("{file}: say the translation's language with --language"), file=path.name
        )
    existing = {layer.language for layer in store.transcripts.layers(target.id, with_text=False)}
    if code in existing and not replace:
        raise ConflictError(
            N_("This transcript already has a {language} layer; use --replace"), language=code
        )
    utterances = store.transcripts.utterances(target.id)
    texts = align([(u.start_ms, u.speaker) for u in utterances], parsed.utterances)
    store.transcripts.add_layer(
        target.id, code, texts, source_file=path.name, encoding=parsed.encoding, replace=replace
    )
    return ImportReport(path.name, target, (code,), len(parsed.utterances), [], _notes(parsed))
