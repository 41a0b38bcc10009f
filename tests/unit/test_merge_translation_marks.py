"""What the copy marked for translation (utterances and codes) is marked in the master too."""

from __future__ import annotations

import shutil
from pathlib import Path

from export_study import build_study

from storage import Store
from storage.merge import merge_project


def test_marks_for_translation_in_the_copy_reach_the_master(tmp_path: Path) -> None:
    study = build_study(tmp_path / "master.suhbat")
    copy = tmp_path / "dana.suhbat"
    shutil.copyfile(study.path, copy)
    with Store(copy) as other:
        trust = other.codes.find("Trust")
        assert trust is not None
        utterance = other.transcripts.utterance_ids(study.transcript_id)[1]
        other.translations.mark([utterance])
        other.translations.mark_codes([trust.id])
    with Store(study.path) as master:
        report = merge_project(master, copy)
        assert report.added["translation marks"] == 2
        assert master.translations.marked() == {utterance}
        assert master.translations.marked_codes() == {trust.id}
        assert not merge_project(master, copy).changed
