"""``suhbat media``: a same-size overwrite shows as changed, a cut WAV is refused, offsets
may be negative."""

from __future__ import annotations

import json
import os
import wave
from pathlib import Path

import pytest
from cli_helpers import run

from exports.media.probe import probe
from storage import Store
from storage.media_store import media_status


def write_wav(path: Path, seconds: int, pattern: bytes = bytes(range(0, 256, 8))) -> Path:
    """A mono 8 kHz 8-bit WAV of ``seconds`` filled with ``pattern``."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        frames = seconds * 8000
        out.writeframes((pattern * (frames // len(pattern) + 1))[:frames])
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project with one session."""
    path = tmp_path / "study.suhbat"
    assert run("init", path, "--languages", "en,ru")[0] == 0
    assert run("session", "add", path, "Interview 1")[0] == 0
    return path


def _status(project: Path) -> str:
    (record,) = json.loads(run("media", "list", project, "--json")[1])
    return str(record["status"])


def test_other_sound_of_the_same_size_shows_as_changed(project: Path, tmp_path: Path) -> None:
    recording = write_wav(tmp_path / "interview.wav", 20)
    assert run("media", "link", project, recording, "--session", "Interview 1")[0] == 0
    assert _status(project) == "ok"
    os.utime(recording, ns=(recording.stat().st_atime_ns, recording.stat().st_mtime_ns + 10**9))
    assert _status(project) == "ok"  # touched, same sound: the checksum says so
    size = recording.stat().st_size
    write_wav(recording, 20, pattern=bytes(range(255, 0, -5)))
    assert recording.stat().st_size == size
    assert _status(project) == "changed"
    code, out, err = run("media", "list", project)
    assert code == 0 and "changed" in out and "--force" in err
    write_wav(recording, 21)
    assert _status(project) == "changed"


def test_a_link_made_before_file_times_were_kept_still_sees_an_overwrite(
    project: Path, tmp_path: Path
) -> None:
    recording = write_wav(tmp_path / "old.wav", 5)
    facts = probe(recording)
    with Store(project) as store:
        session = store.sessions.find("Interview 1")
        assert session is not None
        media = store.media.link(
            session.id, "old.wav", facts.__class__(**{**facts.__dict__, "mtime_ns": None})
        )
        assert media.mtime_ns is None
        os.utime(recording, (0, 0))  # older than the link: not read again
        assert media_status(project, media) == "ok"
        write_wav(recording, 5, pattern=b"\x10\x90")
        assert media_status(project, media) == "changed"


def test_a_cut_wav_is_refused_with_one_line_and_nothing_written(
    project: Path, tmp_path: Path
) -> None:
    whole = write_wav(tmp_path / "whole.wav", 240)
    cut = tmp_path / "trunc.wav"
    cut.write_bytes(whole.read_bytes()[:100000])
    before = project.read_bytes()
    code, _out, err = run("--lang", "en", "media", "link", project, cut, "--session", "Interview 1")
    assert code == 1
    assert err.strip().splitlines() == [
        "Error: " + str(cut) + ": the recording is cut short: it holds 00:00:12 of the"
        " 00:04:00 its header states"
    ]
    assert project.read_bytes() == before
    code, out, err = run("media", "link", project, whole, "--session", "Interview 1")
    assert code == 0 and "00:04:00" in out, err


def test_a_negative_offset_is_accepted_and_printed_with_its_sign(
    project: Path, tmp_path: Path
) -> None:
    recording = write_wav(tmp_path / "late.wav", 10)
    assert run("media", "link", project, recording, "--session", "Interview 1")[0] == 0
    code, out, err = run("--lang", "en", "media", "offset", project, "1", "-3")
    assert code == 0, err
    assert out.strip() == "Recording 1: offset -00:00:03"
    with Store(project, read_only=True) as store:
        assert store.media.get(1).offset_ms == -3000
    code, out, _err = run("--lang", "en", "media", "offset", project, "1", "-00:01:02.5")
    assert code == 0 and out.strip() == "Recording 1: offset -00:01:02.5"
    assert run("--lang", "en", "media", "offset", project, "1", "2")[1].strip() == (
        "Recording 1: offset 00:00:02"
    )


def test_a_touched_recording_is_read_once_and_never_by_the_player(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.media_store as media_store

    recording = write_wav(tmp_path / "touched.wav", 20)
    assert run("media", "link", project, recording, "--session", "Interview 1")[0] == 0
    os.utime(recording, ns=(recording.stat().st_atime_ns, recording.stat().st_mtime_ns + 10**9))
    reads: list[Path] = []
    real = media_store.file_checksum

    def counted(path: Path) -> str:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(media_store, "file_checksum", counted)
    with Store(project, read_only=True) as store:
        (linked,) = store.media.all()
        assert media_status(store.path, linked, verify=False) == "ok"
        assert reads == []  # what the player asks: is the file there
        assert media_status(store.path, linked) == "ok"
        assert media_status(store.path, linked) == "ok"
    assert len(reads) == 1  # the recordings dialog refreshing: read once per process
