"""Big codebooks and participant tables import in linear time.

Each import of 5,000 items here takes about a second; the quadratic importers took
one to several minutes for the same files (every added code reread the whole
codebook, every participant row reread every participant). A deadline far between
the two fails fast if a quadratic path comes back: SQLite's progress handler stops
the import once it is passed, and the time is checked again at the end.
"""

from __future__ import annotations

import csv
import shutil
import time
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from exports.refi import import_refi
from exports.tables import import_table
from storage import Store
from storage.merge import merge_project

N = 5_000
DEADLINE_S = 20.0
"""Far above the linear time (about 1 s, more on a loaded machine), far below the old one."""


@contextmanager
def deadline(store: Store, seconds: float = DEADLINE_S) -> Iterator[None]:
    """Interrupt the store's SQL once ``seconds`` have passed; fail if the block ran longer."""
    end = time.monotonic() + seconds
    store.db.conn.set_progress_handler(lambda: int(time.monotonic() > end), 10_000)
    try:
        yield
    finally:
        store.db.conn.set_progress_handler(None, 0)
    assert time.monotonic() <= end, f"took over {seconds} s: a quadratic path is back"


def _qdpx(path: Path, codes: list[tuple[str, list[str]]]) -> Path:
    """A QDPX holding a user and ``codes``: (top-level name, names of its children)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0"'
        ' name="big" origin="test">\n<Users><User guid="'
        f'{uuid.uuid4()}" name="a"/></Users>\n<CodeBook><Codes>\n'
    ]
    for name, children in codes:
        parts.append(f'<Code guid="{uuid.uuid4()}" name="{name}" isCodable="true">')
        parts.extend(f'<Code guid="{uuid.uuid4()}" name="{c}" isCodable="true"/>' for c in children)
        parts.append("</Code>\n")
    parts.append("</Codes></CodeBook>\n</Project>\n")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", "".join(parts))
    return path


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_qdpx_with_5000_codes_imports_in_seconds(store: Store, tmp_path: Path) -> None:
    # Flat: 4,900 codes side by side at the top level, the case that makes a sibling
    # check quadratic; and one theme with 99 children.
    flat: list[tuple[str, list[str]]] = [(f"Код {i}", []) for i in range(N - 100)]
    themed = [("Тема", [f"Подкод {i}" for i in range(99)])]
    path = _qdpx(tmp_path / "big.qdpx", flat + themed)
    with deadline(store):
        report = import_refi(store, path)
    assert report.counts["codes"] == N
    codes = store.codes.all()
    assert len(codes) == N
    assert store.codes.find("Тема/Подкод 98") is not None
    # imported again: every code is matched by its GUID, nothing is added
    with deadline(store):
        again = import_refi(store, path)
    assert again.counts.get("codes", 0) == 0
    assert again.counts["codes_matched"] == N
    assert len(store.codes.all()) == N


def test_thousands_of_siblings_of_one_name_are_numbered(store: Store, tmp_path: Path) -> None:
    path = _qdpx(tmp_path / "same.qdpx", [("Тема", ["Одно"] * 2_000)])
    with deadline(store):
        import_refi(store, path)
    theme = store.codes.find("Тема")
    assert theme is not None
    names = [c.names["ru"] for c in store.codes.all() if c.parent_id == theme.id]
    assert names == ["Одно"] + [f"Одно ({n})" for n in range(2, 2_001)]


def test_a_participants_table_of_5000_rows_imports_in_seconds(store: Store, tmp_path: Path) -> None:
    rows = [["participant", "gender", "age", "occupation"]]
    rows += [[f"P{i:05d}", "FM"[i % 2], str(20 + i % 50), f"Профессия {i}"] for i in range(N)]
    path = _csv(tmp_path / "participants.csv", rows)
    with deadline(store):
        report = import_table(store, "participants", path)
    assert (report.created, report.updated) == (N, 0)
    people = store.participants.all()
    assert len(people) == N
    assert people[-1].code == f"P{N - 1:05d}"
    assert people[-1].attributes == {
        "gender": "FM"[(N - 1) % 2],
        "age": str(20 + (N - 1) % 50),
        "occupation": f"Профессия {N - 1}",
    }
    # the same table again updates every participant (found by pseudonym, any case)
    rows = [rows[0]] + [[r[0].lower(), *r[1:3], "новая"] for r in rows[1:]]
    with deadline(store):
        again = import_table(store, "participants", _csv(tmp_path / "again.csv", rows))
    assert (again.created, again.updated) == (0, N)
    assert store.participants.all()[0].attributes["occupation"] == "новая"


def test_a_codebook_table_of_5000_rows_imports_in_seconds(store: Store, tmp_path: Path) -> None:
    rows = [["theme", "category", "code", "description"]]
    rows += [
        [f"Тема {i // 1000}", f"Категория {i // 50}", f"Код {i}", f"Определение {i}"]
        for i in range(N)
    ]
    path = _csv(tmp_path / "codebook.csv", rows)
    with deadline(store):
        report = import_table(store, "codebook", path)
    assert report.created == 5 + 100 + N
    code = store.codes.find(f"Тема 4/Категория 99/Код {N - 1}")
    assert code is not None
    assert code.description == f"Определение {N - 1}"
    with deadline(store):
        again = import_table(store, "codebook", path)
    assert (again.created, again.updated) == (0, 0)


def test_participants_from_a_table_merge_with_their_values(tmp_path: Path) -> None:
    """Values written before the participant's row are in its revision, which merges read."""
    master = tmp_path / "master.suhbat"
    Store.create(master, languages=("ru", "en")).close()
    copy = tmp_path / "copy.suhbat"
    shutil.copyfile(master, copy)
    rows = [["participant", "gender", "age"], ["P1", "F", "31"], ["P2", "M", "42"]]
    with Store(copy) as store:
        import_table(store, "participants", _csv(tmp_path / "p.csv", rows))
        store.participants.update(store.participants.all()[1].id, attributes={"age": "43"})
    with Store(master) as store:
        report = merge_project(store, copy)
        assert report.conflicts == []
        assert [(p.code, p.attributes) for p in store.participants.all()] == [
            ("P1", {"gender": "F", "age": "31"}),
            ("P2", {"gender": "M", "age": "43"}),
        ]
        assert not merge_project(store, copy).changed
