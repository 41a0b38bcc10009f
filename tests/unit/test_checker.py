"""``storage.checker`` finds what is wrong in a project file and never changes it."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import ProjectError, Store
from storage.checker import check_project
from storage.models import TranscriptInput, UtteranceInput

pytestmark = pytest.mark.damages_project


@pytest.fixture
def coded(tmp_path: Path) -> Iterator[Path]:
    """A project with one session, a two-utterance transcript, a coding and memos."""
    path = tmp_path / "coded.suhbat"
    with Store.create(path, languages=("ru", "en")) as store:
        session = store.sessions.add("Интервью 1")
        utterances = (
            UtteranceInput("P1", 0, None, ("Согласование занимает три дня.", "It takes days.")),
            UtteranceInput("P2", 4000, None, ("Государство не слушает.", "Nobody listens.")),
        )
        transcript = store.transcripts.add(
            session.id, TranscriptInput("Интервью 1", ("ru", "en"), utterances)
        )
        layer = store.transcripts.layers(transcript.id)[0]
        code = store.codes.add({"ru": "Бюрократия"})
        coding = store.codings.add(code.id, layer.id, 0, 12, store.coders.get("Айгерим").id)
        store.memos.add("session", session.id, "Записано в Алматы")
        store.memos.add("coding", coding.id, "ключевое слово")
    yield path


def _raw(path: Path) -> sqlite3.Connection:
    """A plain connection that bypasses the Store (to damage a file on purpose)."""
    return sqlite3.connect(path, isolation_level=None)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_project_has_no_problems(coded: Path) -> None:
    assert check_project(coded) == []


def test_demo_project_has_no_problems(demo_path: Path) -> None:
    assert check_project(demo_path) == []


def test_rows_deleted_behind_the_index_leave_stale_words(coded: Path) -> None:
    """Deleting utterances without the index (the old session bug) is reported once."""
    with _raw(coded) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM session")
    problems = check_project(coded)
    assert [p.check for p in problems] == ["search_index", "orphan", "orphan"]
    assert problems[0].params == {"count": 4}
    assert "deleted utterances" in problems[0].text()
    assert problems[1].text() == "Memo «Записано в Алматы» belongs to a session that was deleted"


def test_missing_and_wrong_index_entries_name_the_utterance(coded: Path) -> None:
    with _raw(coded) as conn:
        conn.execute("UPDATE layer SET text = replace(text, 'Государство', 'Правительство')")
        (span_id,) = conn.execute(
            "SELECT s.id FROM span s JOIN layer l ON l.id = s.layer_id"
            " WHERE l.language = 'en' ORDER BY s.id LIMIT 1"
        ).fetchone()
        conn.execute(
            "INSERT INTO span_fts (span_fts, rowid, folded) VALUES ('delete', ?, ?)",
            (span_id, "it takes days."),
        )
    texts = sorted(p.text() for p in check_project(coded))
    assert texts == [
        "The search index holds wrong words for utterance 2 of «Интервью 1» (ru)",
        "The search index is missing utterance 1 of «Интервью 1» (en)",
    ]


def test_coding_outside_its_text(coded: Path) -> None:
    with _raw(coded) as conn:
        conn.execute('UPDATE coding SET "end" = 500')
    (problem,) = check_project(coded)
    assert problem.check == "coding"
    assert problem.text().startswith("A coding of «Бюрократия» by Айгерим in «Интервью 1» (ru)")
    assert problem.text().endswith("0–500 of 54")


def test_broken_links_and_orphans(coded: Path) -> None:
    with _raw(coded) as conn:  # foreign keys off, as another tool might write
        conn.execute("DELETE FROM code")
        conn.execute("DELETE FROM memo WHERE target = 'coding'")
        conn.execute(
            "INSERT INTO memo (uuid, target, target_id, text, created, updated)"
            " VALUES ('m', 'participant', 99, 'о ком-то', 'x', 'x')"
        )
    problems = check_project(coded)
    assert [(p.check, p.table) for p in problems] == [
        ("foreign_key", "coding"),
        ("orphan", "memo"),
    ]
    assert problems[1].text() == "Memo «о ком-то» belongs to a participant who was deleted"


def test_span_outside_text_and_missing_span(coded: Path) -> None:
    with _raw(coded) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM span WHERE id = (SELECT MAX(id) FROM span)")
        conn.execute('UPDATE span SET "end" = 900 WHERE id = 1')
    checks = {p.check for p in check_project(coded)}
    assert "span" in checks
    texts = [p.text() for p in check_project(coded) if p.check == "span"]
    assert any("lies outside its text" in t for t in texts)
    assert any("has no text in its en layer" in t for t in texts)


def test_audit_log_chain(coded: Path) -> None:
    with _raw(coded) as conn:
        conn.execute("UPDATE audit SET at = '2001-01-01T00:00:00Z' WHERE id = 3")
        conn.execute("UPDATE audit SET at = 'yesterday' WHERE id = 4")
        conn.execute("UPDATE audit SET detail = 'not json' WHERE id = 2")
    problems = check_project(coded)
    assert [(p.check, p.row_id) for p in problems] == [
        ("audit", 2),
        ("audit", 3),
        ("audit", 4),
    ]


def test_check_never_changes_the_file(coded: Path) -> None:
    with _raw(coded) as conn:
        conn.execute("DELETE FROM session")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(coded)
    assert check_project(coded)
    assert _digest(coded) == before


def test_damaged_files_raise_one_project_error(tmp_path: Path, coded: Path) -> None:
    text = tmp_path / "notes.suhbat"
    text.write_text("not a project", encoding="utf-8")
    with pytest.raises(ProjectError):
        check_project(text)
    cut = tmp_path / "cut.suhbat"
    cut.write_bytes(coded.read_bytes()[:4096])
    with pytest.raises(ProjectError):
        check_project(cut)
    with pytest.raises(ProjectError):
        check_project(tmp_path / "missing.suhbat")
