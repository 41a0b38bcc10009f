"""``suhbat transcribe``: offline speech recognition of a recording into a new transcript."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from i18n import _, ngettext
from i18n.user_settings import read_settings, store_setting
from storage.errors import N_, NotFoundError
from storage.media_time import clock
from tui.commands.common import echo_json, fail, open_store, project_argument


class ProgressLine:
    """``[#####.....] 42%  00:01:05 / 00:02:34  0.45× real time`` on stderr, when a terminal."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = sys.stderr.isatty()

    def __call__(self, done_ms: int, total_ms: int) -> None:
        """Redraw the line for ``done_ms`` of ``total_ms`` recognised."""
        if not self.shown or total_ms <= 0:
            return
        share = min(done_ms / total_ms, 1.0)
        bar = "#" * round(share * 20)
        click.echo(
            "\r["
            + bar.ljust(20, ".")
            + f"] {share:4.0%}  {clock(done_ms)} / {clock(total_ms)}  "
            + _("{factor:.2f}× real time").format(factor=self.real_time_factor(done_ms)),
            nl=False,
            err=True,
        )

    def real_time_factor(self, done_ms: int) -> float:
        """Seconds spent per second of recording so far."""
        return (time.monotonic() - self.started) / max(done_ms / 1000, 0.001)

    def close(self) -> None:
        """End the progress line."""
        if self.shown:
            click.echo("", err=True)


@click.command(help=_("Transcribe a recording offline into a new transcript (speech recognition)."))
@project_argument()
@click.argument("media_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--language",
    type=click.Choice(["kk", "ru", "en", "auto"]),
    default="auto",
    show_default=True,
    help=_("Language spoken; auto detects it for every segment (multilingual models)."),
)
@click.option("--model", help=_("A speech model folder (or a model name to download)."))
@click.option("--remember-model", is_flag=True, help=_("Use this --model from now on."))
@click.option("--session", "session_title", help=_("Session to add it to (made if absent)."))
@click.option("--title", help=_("Title of the new transcript (default: the file name)."))
@click.option("--threads", type=int, default=0, help=_("CPU threads (0: all)."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def transcribe(
    project: Path,
    media_file: Path,
    language: str,
    model: str | None,
    remember_model: bool,
    session_title: str | None,
    title: str | None,
    threads: int,
    as_json: bool,
) -> None:
    """Recognise MEDIA_FILE's speech and store it as a machine transcript of a session."""
    from exports.media.machine_transcript import store_recognition
    from exports.media.probe import probe
    from exports.media.transcribe_job import Cancelled, JobRequest, run_job
    from exports.media.transcription import MODEL_SETTING, load_engine, resolve_model

    if not media_file.exists():
        fail(NotFoundError(N_("No such file: {path}"), path=str(media_file)))
    try:
        facts = probe(media_file)
        load_engine()
        remembered = read_settings().get(MODEL_SETTING)
        model_ref, downloadable = resolve_model(
            model, remembered if isinstance(remembered, str) else None
        )
    except Exception as error:
        fail(error)
    with open_store(project, read_only=True):
        pass  # the project must open before minutes of recognition are spent
    if remember_model and model:
        store_setting(
            MODEL_SETTING, str(Path(model).expanduser().resolve()) if not downloadable else model
        )
    line = ProgressLine()
    try:
        recognition = run_job(
            JobRequest(media_file, language, model_ref, downloadable, threads), progress=line
        )
    except KeyboardInterrupt:
        line.close()
        fail(Cancelled(N_("Transcription cancelled; the project is unchanged")))
    except Exception as error:
        line.close()
        fail(error)
    line.close()
    with open_store(project) as store:
        transcript_id = store_recognition(
            store, recognition, media_file, facts, session_title=session_title, title=title
        )
        transcript = store.transcripts.get(transcript_id)
        count = len(store.transcripts.utterances(transcript_id))
    record = {
        "transcript": transcript.title,
        "language": recognition.language,
        "utterances": count,
        "duration_ms": recognition.duration_ms,
        "model": recognition.model,
        "real_time_factor": round(line.real_time_factor(recognition.duration_ms), 3),
    }
    if as_json:
        echo_json(record)
        return
    click.echo(
        ngettext(
            "Transcribed {file} ({duration}, {language}) into «{title}»: {count} utterance, "
            "marked as a machine transcript until reviewed",
            "Transcribed {file} ({duration}, {language}) into «{title}»: {count} utterances, "
            "marked as a machine transcript until reviewed",
            count,
        ).format(
            file=media_file.name,
            duration=clock(recognition.duration_ms),
            language=recognition.language,
            title=transcript.title,
            count=count,
        )
    )
