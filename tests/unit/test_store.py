"""The Store: project files, transactions, participants, codes, codings and offsets."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest

from storage import ConflictError, ProjectError, Store, ValidationError
from storage.models import TranscriptInput, UtteranceInput


def _transcript(store: Store, texts: list[str], title: str = "t") -> int:
    session = store.sessions.add(title, "interview")
    data = TranscriptInput(
        title,
        ("ru",),
        tuple(UtteranceInput("P1", i * 1000, None, (t,)) for i, t in enumerate(texts)),
    )
    return store.transcripts.add(session.id, data).id


def test_new_project_is_wal_with_foreign_keys_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "p.suhbat"
    Store.create(path, languages=["ru", "kk"]).close()
    with Store(path) as store:
        assert store.project().languages == ("ru", "kk")
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "p.suhbat"
    Store.create(path).close()
    with pytest.raises(ConflictError):
        Store.create(path)


def test_opening_something_else_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.suhbat"
    with pytest.raises(ProjectError, match="no such project"):
        Store(missing)
    assert not missing.exists()
    text = tmp_path / "notes.suhbat"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(ProjectError, match="not an SQLite file"):
        Store(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(ProjectError, match="not a suhbat project"):
        Store(other)


def test_failed_operation_leaves_file_unchanged(store: Store) -> None:
    store.participants.add("P1")
    with pytest.raises(RuntimeError), store.transaction():
        store.participants.add("P2")
        store.sessions.add("S1")
        raise RuntimeError("boom")
    assert [p.code for p in store.participants.all()] == ["P1"]
    assert store.sessions.all() == []


def test_every_entity_has_a_uuid(store: Store) -> None:
    p = store.participants.add("P1")
    s = store.sessions.add("S1")
    c = store.codes.add("Код")
    assert len({p.uuid, s.uuid, c.uuid}) == 3
    assert all(len(u) == 36 for u in (p.uuid, s.uuid, c.uuid))


def test_typed_attributes_validate_values(store: Store) -> None:
    store.participants.add_attribute("age", "integer")
    store.participants.add_attribute("born", "date")
    store.participants.add_attribute("setting", "category", ["Urban", "Rural"])
    p = store.participants.add("P1", attributes={"age": "42", "born": "14.03.1980"})
    assert p.attributes == {"age": "42", "born": "1980-03-14"}
    with pytest.raises(ValidationError, match="age"):
        store.participants.add("P2", attributes={"age": "forty"})
    with pytest.raises(ValidationError, match=r"31\.02\.2024"):
        store.participants.add("P3", attributes={"born": "31.02.2024"})
    with pytest.raises(ValidationError, match="Urban, Rural"):
        store.participants.add("P4", attributes={"setting": "Suburban"})
    assert [x.code for x in store.participants.all()] == ["P1"]


def test_duplicate_pseudonym_is_refused(store: Store) -> None:
    store.participants.add("Қатысушы 1")
    with pytest.raises(ConflictError):
        store.participants.add("Қатысушы 1")


def test_layers_hold_one_line_per_utterance_with_spans(store: Store) -> None:
    tid = _transcript(store, ["Сәлем, қалайсыз?", "Жақсы,\nрахмет."])
    (layer,) = store.transcripts.layers(tid)
    assert layer.text == "Сәлем, қалайсыз?\nЖақсы, рахмет."
    spans = [u.spans[layer.id] for u in store.transcripts.utterances(tid)]
    assert [layer.text[s:e] for s, e in spans] == ["Сәлем, қалайсыз?", "Жақсы, рахмет."]


def test_offsets_survive_emoji_combining_marks_and_kazakh(store: Store, fixtures_dir: Path) -> None:
    raw = (fixtures_dir / "bad" / "emoji_combining.txt").read_text(encoding="utf-8")
    line = unicodedata.normalize("NFC", raw.splitlines()[-1])
    tid = _transcript(store, ["Өңірде 👩🏽‍💻 ұйым", line])
    (layer,) = store.transcripts.layers(tid)
    coder = store.coders.get("A")
    code = store.codes.add("Цифровой")
    start = layer.text.index("👩")
    # A selection that ends inside the emoji's ZWJ sequence is widened to the whole cluster.
    coding = store.codings.add(code.id, layer.id, start, start + 2, coder.id)
    assert layer.text[coding.start : coding.end] == "👩🏽‍💻"
    word = layer.text.index("ұйым")
    coding2 = store.codings.add(code.id, layer.id, word, word + 4, coder.id)
    assert store.transcripts.layer(layer.id).text[coding2.start : coding2.end] == "ұйым"


def test_same_code_twice_on_same_span_by_same_coder_is_refused(store: Store) -> None:
    tid = _transcript(store, ["Согласование занимает время"])
    (layer,) = store.transcripts.layers(tid)
    code = store.codes.add("Бюрократия")
    a, b = store.coders.get("A"), store.coders.get("B")
    store.codings.add(code.id, layer.id, 0, 12, a.id)
    store.codings.add(code.id, layer.id, 0, 12, b.id)
    store.codings.add(code.id, layer.id, 0, 5, a.id)
    with pytest.raises(ConflictError):
        store.codings.add(code.id, layer.id, 0, 12, a.id)
    assert len(store.codings.all()) == 3


def test_code_tree_merge_and_delete_counts(store: Store) -> None:
    tid = _transcript(store, ["один два три"])
    (layer,) = store.transcripts.layers(tid)
    coder = store.coders.get("A")
    theme = store.codes.add({"ru": "Тема", "en": "Theme"}, is_codable=False)
    x = store.codes.add("X", parent_id=theme.id)
    y = store.codes.add("Y", parent_id=theme.id)
    store.codings.add(x.id, layer.id, 0, 4, coder.id)
    store.codings.add(y.id, layer.id, 0, 4, coder.id)
    store.codings.add(y.id, layer.id, 5, 8, coder.id)
    assert store.codes.path(y.id, "en") == ["Theme", "Y"]
    assert store.codes.find("Тема/Y") == y
    assert store.codes.merge(x.id, y.id) == 0  # the duplicate collapsed into Y's coding
    assert len(store.codings.all(code_id=y.id)) == 2
    assert store.codes.delete_counts(theme.id) == (2, 2)
    with pytest.raises(ValidationError):
        store.codings.add(theme.id, layer.id, 0, 4, coder.id)


def test_deleting_a_transcript_removes_it_from_search(store: Store) -> None:
    tid = _transcript(store, ["Ёлки зелёные"])
    assert len(store.search.hits("елки")) == 1
    store.transcripts.delete(tid)
    assert store.search.hits("елки") == []
    assert store.conn.execute("INSERT INTO span_fts(span_fts) VALUES('integrity-check')")
