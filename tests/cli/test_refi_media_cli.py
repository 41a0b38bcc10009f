"""Recordings in REFI-QDA: audio sources with synchronised transcripts, out and back in."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_helpers import run
from refi_helpers import NS, assert_valid, read_qdpx, schema

from storage import Store

MEDIA = Path(__file__).resolve().parents[1] / "data" / "media"


def recorded_project(folder: Path) -> Path:
    """A project whose two-layer transcript has a recording linked with a 1.5 s offset."""
    project = folder / "study.suhbat"
    assert run("init", project, "--languages", "en,ru")[0] == 0
    shutil.copy(MEDIA / "speech_en.m4a", folder / "speech.m4a")
    text = folder / "speech.txt"
    text.write_text(
        "[00:00:00] S1: The budget for the new school was approved.\n"
        "[00:00:03] S2: Citizens asked about roads and water.\n",
        encoding="utf-8",
    )
    assert run("import", project, text, "--session", "Recorded")[0] == 0
    code, _out, err = run(
        "media", "link", project, folder / "speech.m4a", "--transcript", "speech", "--offset", "1.5"
    )
    assert code == 0, err
    return project


def test_recording_is_an_audio_source_with_sync_points_and_valid(
    tmp_path: Path, shared_dir: Path
) -> None:
    project = recorded_project(tmp_path)
    out = tmp_path / "study.qdpx"
    assert run("export", "qdpx", project, out)[0] == 0
    xml, texts = read_qdpx(out)
    root = assert_valid(xml, schema(shared_dir, "Project.xsd"))
    (audio,) = root.findall(".//q:AudioSource", NS)
    assert audio.get("path") == "relative://speech.m4a"
    assert root.get("basePath") == tmp_path.resolve().as_uri()
    (transcript,) = audio.findall("q:Transcript", NS)
    text = texts["sources/" + transcript.get("plainTextPath", "").removeprefix("internal://")]
    points = [
        (int(p.get("timeStamp", "")), int(p.get("position", "")))
        for p in transcript.findall("q:SyncPoint", NS)
    ]
    assert [stamp for stamp, _pos in points] == [1500, 4500]  # utterance times + offset
    assert text[points[1][1] :].startswith("Citizens asked")


def test_qdpx_round_trip_links_the_recording_again_once(tmp_path: Path) -> None:
    project = recorded_project(tmp_path)
    out = tmp_path / "study.qdpx"
    assert run("export", "qdpx", project, out)[0] == 0
    again = tmp_path / "again.suhbat"
    assert run("init", again, "--languages", "en,ru")[0] == 0
    code, _out, err = run("import", again, out)
    assert code == 0, err
    with Store(again, read_only=True) as store:
        (transcript,) = store.transcripts.all()
        (media,) = store.media.all()
    assert media.transcript_id == transcript.id
    assert media.offset_ms == 1500 and media.path == "speech.m4a"


def test_a_recording_that_is_not_there_is_reported_not_fatal(tmp_path: Path) -> None:
    source = tmp_path / "from"
    source.mkdir()
    project = recorded_project(source)
    out = tmp_path / "study.qdpx"
    assert run("export", "qdpx", project, out)[0] == 0
    shutil.rmtree(source)
    again = tmp_path / "again.suhbat"
    assert run("init", again, "--languages", "en,ru")[0] == 0
    code, _out, err = run("import", again, out)
    assert code == 0, err
    assert "recording not found" in err and "suhbat media link" in err
    with Store(again, read_only=True) as store:
        assert len(store.transcripts.all()) == 1
        assert store.media.all() == []
