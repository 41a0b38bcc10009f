"""A live session's answered/skipped marks are kept and go out with its transcript."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
from storage import Store


def test_marks_are_listed_in_the_transcript_docx(demo_path: Path, tmp_path: Path) -> None:
    with Store(demo_path) as store:
        session = store.sessions.find("Interview R2")
        assert session is not None
        questions = [q for q in store.guides.questions(session.guide_id) if q.parent_id is None]
        store.live.start(session.id, guide_id=session.guide_id, now_ms=0)
        store.live.mark_question(session.id, questions[0].id, "answered")
        store.live.mark_question(session.id, questions[2].id, "skipped")
        store.live.add_note(session.id, "Заметка", elapsed_ms=1_000)
        transcript = store.live.end(session.id, now_ms=60_000)
        assert transcript is not None
        assert store.live.marks(session.id) == {
            questions[0].id: "answered",
            questions[2].id: "skipped",
        }
        (out,) = write_transcripts_docx(
            store, tmp_path / "t.docx", [transcript.id], TranscriptDocxOptions(language="ru")
        )
    cells = {row.cells[0].text: row.cells[1].text for row in Document(str(out)).tables[0].rows}
    assert cells["Отвеченные вопросы"].startswith("1. ")
    assert cells["Пропущенные вопросы"].startswith("3. ")
