"""Importing transcript files into a project: layers, translations, duplicates, bad files."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import pytest

from exports.tables import import_table
from exports.transcript_import import import_transcript, import_translation, languages_from_name
from storage import ConflictError, InputError, Store, SuhbatError


def _snapshot(store: Store) -> tuple[object, ...]:
    return (
        store.info(),
        [layer.text for layer in store.transcripts.layers()],
        store.sessions.all(),
    )


def test_language_comes_from_the_file_name() -> None:
    assert languages_from_name(Path("interview_07.ru.txt")) == ["ru"]
    assert languages_from_name(Path("focus_group_astana.kk-ru-en.docx")) == ["kk", "ru", "en"]
    assert languages_from_name(Path("notes.txt")) == []


def test_translation_is_aligned_utterance_by_utterance(store: Store, fixtures_dir: Path) -> None:
    report = import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    assert report.languages == ("ru",)
    import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
    ru, en = store.transcripts.layers(report.transcript.id)
    assert (ru.language, en.language) == ("ru", "en")
    utterances = store.transcripts.utterances(report.transcript.id)
    fifth = utterances[4]
    assert ru.text[slice(*fifth.spans[ru.id])].startswith("Бывает, что отдел")
    assert en.text[slice(*fifth.spans[en.id])].startswith("Sometimes a department")
    assert len(ru.text.split("\n")) == len(en.text.split("\n")) == len(utterances)


def test_docx_table_gives_two_aligned_layers(store: Store, fixtures_dir: Path) -> None:
    report = import_transcript(store, fixtures_dir / "focus_group_astana.kk-ru-en.docx")
    original, english = store.transcripts.layers(report.transcript.id)
    assert (original.language, english.language) == ("kk", "en")
    first = store.transcripts.utterances(report.transcript.id)[0]
    assert "«Еститін мемлекет»" in original.text[slice(*first.spans[original.id])]
    assert "Listening State" in english.text[slice(*first.spans[english.id])]
    assert (
        store.sessions.get(store.transcripts.get(report.transcript.id).session_id).kind
        == "focus_group"
    )


def test_speakers_link_to_participants_by_pseudonym(store: Store, fixtures_dir: Path) -> None:
    store.participants.add("P3")
    report = import_transcript(store, fixtures_dir / "focus_group_oskemen.ru.vtt")
    linked = {
        u.speaker for u in store.transcripts.utterances(report.transcript.id) if u.participant_id
    }
    assert linked == {"P3"}
    assert "Модератор" in report.unresolved_speakers
    p5 = store.participants.add("Participant five")
    assert store.transcripts.link_speaker("P5", p5.id) >= 1
    assert {u.participant_id for u in store.transcripts.utterances() if u.speaker == "P5"} == {
        p5.id
    }


def test_importing_the_same_transcript_twice_asks_for_replace(
    store: Store, fixtures_dir: Path
) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    before = _snapshot(store)
    # The BOM+CRLF copy holds the same text: it is the same transcript.
    with pytest.raises(ConflictError, match="--replace"):
        import_transcript(store, fixtures_dir / "bad" / "interview_07.bom-crlf.txt")
    assert _snapshot(store) == before
    import_transcript(store, fixtures_dir / "interview_07.ru.txt", replace=True)
    assert store.info().transcripts == 1


@pytest.mark.parametrize("name", ["interview_07.cp1251.txt", "interview_07.bom-crlf.txt"])
def test_legacy_encodings_import_like_the_clean_file(
    tmp_path: Path, fixtures_dir: Path, name: str
) -> None:
    clean = Store.create(tmp_path / "clean.suhbat")
    legacy = Store.create(tmp_path / "legacy.suhbat")
    import_transcript(clean, fixtures_dir / "interview_07.ru.txt")
    report = import_transcript(legacy, fixtures_dir / "bad" / name)
    assert report.notes, "the detected encoding or line ends are reported"
    clean_lines = clean.transcripts.layers()[0].text.split("\n")
    legacy_lines = legacy.transcripts.layers()[0].text.split("\n")
    assert len(legacy_lines) == len(clean_lines)
    # cp1251 cannot hold Kazakh letters, so that copy has the Kazakh turn in Russian.
    same = [a == b for a, b in zip(clean_lines, legacy_lines, strict=True) if "ә" not in a]
    assert all(same)
    assert "\r" not in legacy.transcripts.layers()[0].text
    assert "планёрка" in legacy.transcripts.layers()[0].text


@pytest.mark.parametrize(
    "name",
    ["empty.txt", "invalid_utf8.txt", "not_a_docx.docx", "truncated.docx", "bad_timestamps.srt"],
)
def test_bad_files_are_refused_and_nothing_is_written(
    store: Store, fixtures_dir: Path, name: str
) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    before = _snapshot(store)
    with pytest.raises(InputError) as caught:
        import_transcript(store, fixtures_dir / "bad" / name, session="New session")
    assert name in str(caught.value)
    assert _snapshot(store) == before


def test_bad_srt_names_the_line(store: Store, fixtures_dir: Path) -> None:
    with pytest.raises(InputError) as caught:
        import_transcript(store, fixtures_dir / "bad" / "bad_timestamps.srt")
    assert caught.value.line is not None


def test_translation_with_unalignable_times_is_refused(
    store: Store, fixtures_dir: Path, tmp_path: Path
) -> None:
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    broken = tmp_path / "interview_07.en.txt"
    broken.write_text("[01:00:00] Someone: far away\n", encoding="utf-8")
    before = _snapshot(store)
    with pytest.raises(SuhbatError):
        import_translation(store, broken, "interview_07")
    assert _snapshot(store) == before


def test_tables_import_with_types_and_tree(store: Store, fixtures_dir: Path) -> None:
    import_table(store, "participants", fixtures_dir / "participants.csv")
    types = {a.name: a.type for a in store.participants.attributes()}
    assert types["years_as_pio"] == "integer"
    assert types["gender"] == "category"
    assert len(store.participants.all()) == 17
    import_table(store, "sessions", fixtures_dir / "focus_groups.csv")
    oskemen = next(s for s in store.sessions.all() if s.location == "Oskemen")
    assert (oskemen.kind, oskemen.duration_min, oskemen.participant_count) == (
        "focus_group",
        150.0,
        8,
    )
    import_table(store, "protocol", fixtures_dir / "protocol.csv")
    questions = store.guides.questions()
    probe = next(q for q in questions if q.kind == "probe")
    assert probe.parent_id == questions[1].id
    assert probe.texts["kk"].startswith("Жақында")
    import_table(store, "codebook", fixtures_dir / "codebook.csv")
    themes = [c for c in store.codes.all() if c.parent_id is None]
    assert len(themes) == 4
    corruption = store.codes.find("Frustration with public services/Corruption")
    assert corruption is not None


def test_bad_table_row_names_file_and_line(store: Store, tmp_path: Path) -> None:
    store.participants.add_attribute("age", "integer")
    table = tmp_path / "people.csv"
    table.write_text("participant,age\nP1,30\nP2,тридцать\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_table(store, "participants", table)
    assert "people.csv, line 3" in str(caught.value)
    assert store.participants.all() == []


def test_xlsx_tables_import(store: Store, tmp_path: Path, fixtures_dir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["participant", "gender", "age"])
    sheet.append(["Қатысушы 1", "F", 34])
    sheet.append(["Қатысушы 2", "M", 51])
    book.save(tmp_path / "people.xlsx")
    import_table(store, "participants", tmp_path / "people.xlsx")
    assert [p.attributes["age"] for p in store.participants.all()] == ["34", "51"]
    shutil.copy(fixtures_dir / "participants.csv", tmp_path / "x.csv")


def _write_transcripts(folder: Path, count: int, turns: int) -> list[Path]:
    """Small ru/kk transcripts, each with different text (so none is a duplicate)."""
    words = ["согласование", "ёлки", "ПОДПИСЬ", "через", "три", "дня", "қызметтерді", "Ауыл"]
    paths = []
    for i in range(count):
        lines = [
            f"[00:{j // 60:02d}:{j % 60:02d}] {'Interviewer' if j % 2 == 0 else f'P{i}'}: "
            + " ".join(words[(i + j + k) % len(words)] for k in range(3 + j % 5))
            for j in range(turns)
        ]
        path = folder / f"t{i:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _contents(store: Store) -> tuple[object, ...]:
    """What a user sees of a project, without the random UUIDs and creation times."""
    utterances = [
        (u.transcript_id, u.position, u.speaker, u.start_ms, u.end_ms, sorted(u.spans.values()))
        for u in store.transcripts.utterances()
    ]
    hits = {
        query: [
            (h.layer_id, h.utterance_id, h.start, h.end)
            for h in store.search.hits(query, limit=500)
        ]
        for query in ("согласование", "ЕЛКИ", "қызмет*", '"подпись через"')
    }
    return (
        dataclasses.replace(store.info(), name=""),
        [(s.title, s.kind, s.languages) for s in store.sessions.all()],
        [(t.title, t.source_file) for t in store.transcripts.all()],
        [(x.language, x.is_original, x.text) for x in store.transcripts.layers()],
        utterances,
        hits,
    )


def test_batch_import_reads_ahead_and_stores_what_one_by_one_stores(
    tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exports.transcript_import import batch_import
    from exports.transcripts import read_ahead

    monkeypatch.setenv(read_ahead.SETTING_ENV, "on")  # whatever this machine's load
    files = [
        *_write_transcripts(tmp_path, 9, 40),
        fixtures_dir / "focus_group_oskemen.ru.vtt",
        fixtures_dir / "focus_group_astana.kk-ru-en.docx",
        fixtures_dir / "focus_group_ryskulova.kk.srt",
    ]
    one_by_one = Store.create(tmp_path / "a.suhbat", languages=("ru", "kk", "en"))
    batched = Store.create(tmp_path / "b.suhbat", languages=("ru", "kk", "en"))
    for path in files:
        import_transcript(one_by_one, path)
    with batched.transaction(), batch_import(batched, files) as ahead:
        assert ahead.active == sys.platform.startswith("linux")
        for path in files:
            import_transcript(batched, path, ahead=ahead)
    assert _contents(batched) == _contents(one_by_one)
    check = "INSERT INTO span_fts (span_fts) VALUES ('integrity-check')"
    batched.conn.execute(check)
    one_by_one.close()
    batched.close()


def test_spans_of_a_new_transcript_match_those_of_a_layer_added_later(tmp_path: Path) -> None:
    """A new transcript's spans are written in one statement, a later layer's row by row:
    both give every utterance the range of its own line."""
    from storage.models import TranscriptInput, UtteranceInput

    texts = ["Сәлем, 👩🏽\u200d💻 қалайсыз?", "", "Е\u0308лки\nи палки", "Жақсы."]
    store = Store.create(tmp_path / "s.suhbat", languages=("ru", "kk"))
    session = store.sessions.add("s", "interview")
    data = TranscriptInput(
        "t", ("ru",), tuple(UtteranceInput("P1", i, None, (t,)) for i, t in enumerate(texts))
    )
    tid = store.transcripts.add(session.id, data).id
    store.transcripts.add_layer(tid, "kk", texts)
    ru, kk = store.transcripts.layers(tid)
    utterances = store.transcripts.utterances(tid)
    assert [ru.text[slice(*u.spans[ru.id])] for u in utterances] == [
        "Сәлем, 👩🏽\u200d💻 қалайсыз?",
        "",
        "Ёлки и палки",
        "Жақсы.",
    ]
    assert [u.spans[kk.id] for u in utterances] == [u.spans[ru.id] for u in utterances]
    assert [h.utterance_id for h in store.search.hits("елки")] == [
        utterances[2].id,
        utterances[2].id,
    ]
    store.close()


def test_files_are_read_ahead_only_where_two_cpus_stand_idle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a busy or two-CPU machine the worker costs CPU time and saves little: none starts."""
    from exports.transcript_import import prepare_file
    from exports.transcripts import read_ahead

    files = _write_transcripts(tmp_path, 3, 40)
    monkeypatch.setattr(read_ahead, "MIN_BYTES", 0)
    monkeypatch.delenv(read_ahead.SETTING_ENV, raising=False)

    def reads_ahead(idle: float) -> bool:
        monkeypatch.setattr(read_ahead, "idle_cpus", lambda: idle)
        with read_ahead.ReadAhead(files, prepare_file, language=None, project=("ru",)) as ahead:
            return ahead.active

    linux = sys.platform.startswith("linux")
    assert not reads_ahead(1.8)  # two CPUs at load 0.2, or four at load 2.2
    assert reads_ahead(2.5) == linux
    monkeypatch.setenv(read_ahead.SETTING_ENV, "off")
    assert not reads_ahead(8.0)
    monkeypatch.setenv(read_ahead.SETTING_ENV, "on")
    assert reads_ahead(0.5) == linux
    assert not read_ahead.worth_reading_ahead(1, 10**9, 8.0, "on")  # one file: nothing ahead
    assert not read_ahead.worth_reading_ahead(9, read_ahead.MIN_BYTES - 1, 8.0)


def test_batch_import_stops_at_a_bad_file_and_writes_nothing(
    tmp_path: Path, fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exports.transcript_import import batch_import
    from exports.transcripts import read_ahead

    monkeypatch.setenv(read_ahead.SETTING_ENV, "on")
    store = Store.create(tmp_path / "study.suhbat", languages=("ru", "kk", "en"))
    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    before = _contents(store)
    bad = fixtures_dir / "bad" / "bad_timestamps.srt"
    later = tmp_path / "later"
    later.mkdir()
    files = [*_write_transcripts(tmp_path, 3, 30), bad, *_write_transcripts(later, 1, 5)]
    with (
        pytest.raises(InputError) as caught,
        store.transaction(),
        batch_import(store, files) as ahead,
    ):
        assert ahead.active == sys.platform.startswith("linux")
        for path in files:
            import_transcript(store, path, ahead=ahead)
    assert bad.name in str(caught.value)
    assert caught.value.line is not None
    assert _contents(store) == before
    store.close()
