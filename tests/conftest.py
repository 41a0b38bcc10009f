"""Shared test fixtures: the sample data in ``tests/data``, fresh projects and the demo project."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from i18n import get_language, set_language
from storage import ProjectError, Store
from storage.checker import check_project

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def private_user_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user's settings (the remembered UI language)."""
    monkeypatch.setenv("SUHBAT_CONFIG_DIR", str(tmp_path_factory.mktemp("user-config")))


@pytest.fixture(autouse=True)
def silent_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    """Play and record on miniaudio's null backend: no test touches a real sound device."""
    monkeypatch.setenv("SUHBAT_AUDIO_BACKEND", "null")


@pytest.fixture(autouse=True)
def restore_language() -> Iterator[None]:
    """Leave the process-wide UI language as each test found it."""
    before = get_language()
    yield
    set_language(before)


@pytest.fixture(autouse=True)
def projects_stay_sound(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """After each test, run ``suhbat check`` on every project file it left in ``tmp_path``.

    This covers the ``store`` and ``demo_path`` fixtures' files and every project a
    test creates or changes there, so a cascade skipped anywhere (a row left behind,
    stale words in the search index) fails the test that caused it. Files that are
    not (or no longer) projects a check can open are skipped: encrypted ones without
    a remembered passphrase, decoys, old schemas. Tests that damage projects on
    purpose carry the ``damages_project`` mark.
    """
    yield
    if request.node.get_closest_marker("damages_project"):
        return
    found = []
    for path in sorted(tmp_path.rglob("*.suhbat")):
        if not path.is_file():
            continue
        try:
            problems = check_project(path)
        except ProjectError:
            continue
        found += [f"{path.relative_to(tmp_path)}: {p.text()}" for p in problems]
    if found:
        pytest.fail("suhbat check found problems:\n" + "\n".join(found), pytrace=False)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The test material kept in the repository (``tests/data``: ``fixtures/``, ``refi-qda/``)."""
    return DATA


@pytest.fixture(scope="session")
def fixtures_dir(shared_dir: Path) -> Path:
    """Sample study data: transcripts, tables and bad inputs (``tests/data/fixtures``)."""
    return shared_dir / "fixtures"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty ru/kk/en project."""
    project = Store.create(tmp_path / "study.suhbat", languages=("ru", "kk", "en"))
    yield project
    project.close()


def _bilingual_interview(store: Store, fixtures_dir: Path) -> Store:
    from exports.transcript_import import import_transcript, import_translation

    import_transcript(store, fixtures_dir / "interview_07.ru.txt")
    import_translation(store, fixtures_dir / "interview_07.en.txt", "interview_07")
    return store


@pytest.fixture
def bilingual_interview(store: Store, fixtures_dir: Path) -> Store:
    """The ``store`` project with interview_07 in Russian and its English translation."""
    return _bilingual_interview(store, fixtures_dir)


@pytest.fixture
def bilingual_interview_path(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A closed project file (``interview.suhbat``) holding :func:`bilingual_interview`'s data."""
    path = tmp_path / "interview.suhbat"
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        _bilingual_interview(store, fixtures_dir)
    return path


@pytest.fixture
def coded_across_path(bilingual_interview_path: Path) -> Path:
    """:func:`bilingual_interview_path` with «времени, особенно» (Russian) coded «Сроки»."""
    with Store(bilingual_interview_path) as store:
        ru = store.transcripts.layers()[0]
        start = ru.text.index("времени, особенно")
        code = store.codes.add("Сроки")
        store.codings.add(code.id, ru.id, start, start + 17, store.coders.get("aigerim").id)
    return bilingual_interview_path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, built once per test session (copy it before writing)."""
    from exports.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.suhbat"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo project."""
    import shutil

    target = tmp_path / "demo.suhbat"
    shutil.copyfile(demo_template, target)
    return target
