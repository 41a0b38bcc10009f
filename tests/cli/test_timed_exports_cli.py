"""Subtitles (WebVTT, SRT) and ELAN files out, and ELAN files back in with their layers."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_helpers import run

from exports.transcripts.reading import read_transcript
from exports.transcripts.timed_turns import DEFAULT_MS
from storage import Store

MEDIA = Path(__file__).resolve().parents[1] / "data" / "media"


def turns(store: Store, title: str) -> list[tuple[str, int | None, int | None, dict[str, str]]]:
    transcript = store.transcripts.find(title)
    if transcript is None:  # a session's title: its first transcript
        session = store.sessions.find(title)
        assert session is not None
        transcript = store.transcripts.all(session.id)[0]
    layers = store.transcripts.layers(transcript.id)
    return [
        (
            u.speaker,
            u.start_ms,
            u.end_ms,
            {x.language: x.text[u.spans[x.id][0] : u.spans[x.id][1]] for x in layers},
        )
        for u in store.transcripts.utterances(transcript.id)
    ]


def test_subtitles_carry_speakers_times_and_each_layer(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "subs"
    code, _out, err = run("export", "subtitles", demo_path, out, "-t", "Interview R1")
    assert code == 0, err
    vtt = (out / "interview_r1.ru.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    with Store(demo_path, read_only=True) as store:
        speaker, start, end, texts = turns(store, "Interview R1")[0]
    assert f"<v {speaker}>{texts['ru']}" in vtt
    assert (out / "interview_r1.en.vtt").exists()
    code, _out, err = run(
        "export", "subtitles", demo_path, tmp_path / "srt", "-t", "Interview R1", "--format", "srt",
        "--layers", "en",
    )  # fmt: skip
    assert code == 0, err
    (srt_file,) = (tmp_path / "srt").iterdir()
    first_cue = srt_file.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert first_cue[0] == "1"
    assert first_cue[2] == f"{speaker}: {texts['en']}"
    parsed = read_transcript(srt_file)
    assert parsed.utterances[0].start_ms == start and parsed.utterances[0].end_ms == end


def test_elan_round_trip_keeps_speakers_times_and_translations(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "elan"
    assert run("export", "eaf", demo_path, out, "-t", "Interview R1")[0] == 0
    eaf = out / "interview_r1.eaf"
    copy = tmp_path / "Interview R1 again.eaf"
    shutil.copy(eaf, copy)
    code, _out, err = run("import", demo_path, copy, "--session", "From ELAN")
    assert code == 0, err
    with Store(demo_path, read_only=True) as store:
        original = turns(store, "Interview R1")
        back = turns(store, "Interview R1 again")
    # ELAN needs an end for every turn: an unknown one (the last turn's) gets DEFAULT_MS.
    filled = [
        (who, start, end if end is not None else (start or 0) + DEFAULT_MS, texts)
        for who, start, end, texts in original
    ]
    assert back == filled


def test_elan_file_links_the_recording_relative_to_itself(tmp_path: Path) -> None:
    project = tmp_path / "p.suhbat"
    assert run("init", project, "--languages", "en")[0] == 0
    shutil.copy(MEDIA / "speech_en.m4a", tmp_path / "speech.m4a")
    text = tmp_path / "speech.txt"
    text.write_text("[00:00:00] S1: The budget for the new school.\n", encoding="utf-8")
    assert run("import", project, text, "--session", "Recorded")[0] == 0
    assert run("media", "link", project, tmp_path / "speech.m4a", "--transcript", "speech")[0] == 0
    assert run("export", "eaf", project, tmp_path / "elan")[0] == 0
    xml = (tmp_path / "elan" / "speech.eaf").read_text(encoding="utf-8")
    assert 'RELATIVE_MEDIA_URL="../speech.m4a"' in xml


def test_a_hostile_or_broken_elan_file_is_one_line_and_nothing_written(
    demo_path: Path, tmp_path: Path
) -> None:
    bomb = tmp_path / "bomb.eaf"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">]><ANNOTATION_DOCUMENT/>',
        encoding="utf-8",
    )
    empty = tmp_path / "empty.eaf"
    empty.write_text(
        '<?xml version="1.0"?><ANNOTATION_DOCUMENT><HEADER/><TIME_ORDER/></ANNOTATION_DOCUMENT>',
        encoding="utf-8",
    )
    with Store(demo_path, read_only=True) as store:
        before = len(store.transcripts.all())
    for bad in (bomb, empty):
        code, _out, err = run("import", demo_path, bad)
        assert code == 1, err
        assert bad.name in err and "Traceback" not in err
    with Store(demo_path, read_only=True) as store:
        assert len(store.transcripts.all()) == before
