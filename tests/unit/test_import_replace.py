"""Re-importing an edited transcript file with ``--replace``: same transcript, codings kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from exports.transcript_import import import_transcript
from storage import ConflictError, Store
from tui.cli import cli
from tui.exchange_reports import transcript_import_lines


def _code(store: Store, transcript_id: int, name: str, words: str) -> None:
    layer = store.transcripts.layers(transcript_id)[0]
    start = layer.text.index(words)
    code = store.codes.find(name) or store.codes.add(name)
    store.codings.add(code.id, layer.id, start, start + len(words), store.coders.get("Aigerim").id)


def _coded(store: Store) -> dict[str, str]:
    names = {c.id: c.names.get("ru") or next(iter(c.names.values())) for c in store.codes.all()}
    texts = {layer.id: layer.text for layer in store.transcripts.layers()}
    return {names[c.code_id]: texts[c.layer_id][c.start : c.end] for c in store.codings.all()}


@pytest.fixture
def interview(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "interview_07.ru.txt"
    path.write_text((fixtures_dir / "interview_07.ru.txt").read_text(encoding="utf-8"))
    return path


def _coded_interview(store: Store, interview: Path) -> int:
    transcript = import_transcript(store, interview).transcript
    _code(store, transcript.id, "Планёрка", "Потом планёрка у заместителя акима")
    _code(store, transcript.id, "Согласование", "Согласование занимает слишком много времени")
    _code(store, transcript.id, "Подпись", "получаем подпись через три дня")
    _code(store, transcript.id, "Соцсети", "выкладывают в соцсети")
    _code(store, transcript.id, "Вопрос", "Расскажите, пожалуйста")
    return transcript.id


def test_edited_file_replaces_the_text_in_place(store: Store, interview: Path) -> None:
    tid = _coded_interview(store, interview)
    text = interview.read_text(encoding="utf-8")
    text = text.replace("смотрим новости", "смотрим свежие новости")  # before «Планёрка»
    text = text.replace(" Журналисту нужно сегодня, а мы получаем подпись через три дня.", "")
    text = text.replace("выкладывают в соцсети", "выкладывают в сеть")
    interview.write_text(text, encoding="utf-8")

    report = import_transcript(store, interview, replace=True)

    assert store.info().transcripts == 1
    assert report.transcript.id == tid
    assert "свежие новости" in store.transcripts.layers(tid)[0].text
    assert _coded(store) == {
        "Вопрос": "Расскажите, пожалуйста",
        "Планёрка": "Потом планёрка у заместителя акима",
        "Согласование": "Согласование занимает слишком много времени",
        "Соцсети": "выкладывают в сеть",
    }
    summary = report.replaced
    assert summary is not None and summary.in_place
    assert (summary.kept, summary.moved, summary.edited, summary.dropped) == (1, 2, 1, 1)
    lines = "\n".join(transcript_import_lines(report))
    assert "1 kept in place, 2 moved with the text, 1 kept on edited text, 1 dropped" in lines
    # The edited file is now the imported one: importing it again is a duplicate.
    with pytest.raises(ConflictError, match="--replace"):
        import_transcript(store, interview)


def test_edited_file_with_other_turns_keeps_codings_whose_text_is_there(
    store: Store, interview: Path
) -> None:
    tid = _coded_interview(store, interview)
    uuid = store.transcripts.get(tid).uuid
    planning_code = store.codes.find("Планёрка")
    assert planning_code is not None
    planning = next(c for c in store.codings.all() if c.code_id == planning_code.id)
    store.memos.add("coding", planning.id, "каждое утро")
    store.memos.add("transcript", tid, "записано в акимате")
    lines = interview.read_text(encoding="utf-8").split("\n")
    # Drop the turn about social media and split nothing else.
    edited = [line for line in lines if "соцсети" not in line]
    interview.write_text("\n".join(edited), encoding="utf-8")

    report = import_transcript(store, interview, replace=True)

    assert store.info().transcripts == 1
    assert store.transcripts.get(report.transcript.id).uuid == uuid
    assert _coded(store) == {
        "Вопрос": "Расскажите, пожалуйста",
        "Планёрка": "Потом планёрка у заместителя акима",
        "Согласование": "Согласование занимает слишком много времени",
        "Подпись": "получаем подпись через три дня",
    }
    summary = report.replaced
    assert summary is not None and not summary.in_place
    assert (summary.kept, summary.moved, summary.edited, summary.dropped) == (4, 0, 0, 1)
    # Memos on the transcript and on its codings stay with them.
    new_id = report.transcript.id
    assert [m.text for m in store.memos.all("transcript", new_id)] == ["записано в акимате"]
    planning_code = store.codes.find("Планёрка")
    assert planning_code is not None
    planning = next(c for c in store.codings.all() if c.code_id == planning_code.id)
    assert [m.text for m in store.memos.all("coding", planning.id)] == ["каждое утро"]
    assert len(store.memos.all()) == 2


def test_same_name_without_replace_is_refused(store: Store, interview: Path) -> None:
    _coded_interview(store, interview)
    interview.write_text(interview.read_text(encoding="utf-8") + "\nИнтервьюер: Спасибо!\n")
    with pytest.raises(ConflictError, match="--replace"):
        import_transcript(store, interview)
    assert store.info().transcripts == 1


def test_cli_replace_reports_codings(tmp_path: Path, interview: Path) -> None:
    project = tmp_path / "cli.suhbat"
    store = Store.create(project, languages=("ru", "kk", "en"))
    try:
        _coded_interview(store, interview)
    finally:
        store.close()
    interview.write_text(
        interview.read_text(encoding="utf-8").replace("через три дня", "через неделю"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["import", str(project), str(interview), "--replace"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert (
        "3 kept in place, 1 moved with the text, 1 kept on edited text, 0 dropped" in result.stdout
    )
    with Store(project) as reopened:
        assert reopened.info().transcripts == 1
        assert "получаем подпись через неделю" in _coded(reopened).values()
