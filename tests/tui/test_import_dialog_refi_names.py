"""The app's Import dialog reads a file named as REFI-QDA as REFI-QDA, as `suhbat import` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import Store
from storage.errors import InputError
from tui.dialogs.import_modal import ImportRequest, run_import


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("texty.qdpx", "not a REFI-QDA project (not a zip archive)"),
        ("texty.qdc", "not a REFI-QDA codebook (not XML)"),
    ],
)
def test_a_text_file_named_as_refi_qda_is_not_taken_for_a_transcript(
    store: Store, shared_dir: Path, name: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        run_import(store.path, ImportRequest(shared_dir / "bad_imports" / name))
    assert str(caught.value) == f"{name}: {words}"
    assert store.transcripts.all() == []
    assert store.sessions.all() == []
