"""REFI-QDA export, import and merge from the command line, as users run them."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from cli_helpers import run_in_english as run
from export_study import Study, build_study

from storage import Store


def test_export_qdpx_and_qdc_then_import_them(tmp_path: Path) -> None:
    study: Study = build_study(tmp_path / "study.suhbat")
    qdpx, qdc = tmp_path / "study.qdpx", tmp_path / "codes.qdc"
    code, out, err = run("export", "qdpx", study.path, qdpx)
    assert code == 0, err
    assert f"Wrote {qdpx}" in out
    assert "real names were not exported" in err
    code, out, err = run("export", "qdc", study.path, qdc)
    assert code == 0, err
    assert zipfile.is_zipfile(qdpx) and qdc.read_bytes().startswith(b"<?xml")

    target = tmp_path / "target.suhbat"
    assert run("init", target)[0] == 0
    code, out, err = run("import", target, qdpx)
    assert code == 0, err
    with Store(target) as store:
        info = store.info()
    assert (info.transcripts, info.layers, info.codings, info.codes) == (1, 2, 5, 4)
    code, out, err = run("import", target, qdc)
    assert code == 0, err
    with Store(target) as store:
        assert len(store.codes.all()) == 4


def test_export_qdpx_json_summary(tmp_path: Path) -> None:
    study = build_study(tmp_path / "study.suhbat")
    code, out, _err = run("export", "qdpx", study.path, tmp_path / "s.qdpx", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"]["codings"] == 5 and data["counts"]["sources"] == 2


def test_an_unsafe_file_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    target = tmp_path / "target.suhbat"
    assert run("init", target)[0] == 0
    evil = tmp_path / "evil.qdpx"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("project.qde", '<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>')
        archive.writestr("../../outside.txt", "x")
    before = target.read_bytes()
    code, _out, err = run("import", target, evil)
    assert code == 1
    assert "evil.qdpx" in err and "outside the archive" in err
    assert target.read_bytes() == before
    assert not (tmp_path.parent / "outside.txt").exists()


def test_qdc_of_a_project_without_codes_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "empty.suhbat"
    run("init", target)
    code, _out, err = run("export", "qdc", target, tmp_path / "x.qdc")
    assert code == 1 and "no codes" in err
    assert not (tmp_path / "x.qdc").exists()


def test_merge_dry_run_json_and_real(tmp_path: Path) -> None:
    study = build_study(tmp_path / "master.suhbat")
    copy = tmp_path / "dana.suhbat"
    shutil.copyfile(study.path, copy)
    with Store(copy) as store:
        code = store.codes.add({"en": "Fear"})
        store.codings.add(code.id, study.en_layer, 5, 9, store.coders.get("Dana").id)
    before = study.path.read_bytes()
    code_, out, err = run("merge", study.path, copy, "--dry-run")
    assert code_ == 0, err
    assert "Dry run" in out and "add 1 coding\n" in out
    assert study.path.read_bytes() == before
    code_, out, err = run("merge", study.path, copy, "--json")
    assert code_ == 0, err
    data = json.loads(out)
    assert data["added"] == {"coders": 1, "codes": 1, "codings": 1} and data["conflicts"] == []
    code_, out, err = run("merge", study.path, copy)
    assert code_ == 0 and "Nothing to merge" in out


def test_merging_another_project_is_refused(tmp_path: Path) -> None:
    study = build_study(tmp_path / "master.suhbat")
    other = tmp_path / "other.suhbat"
    run("init", other)
    code, _out, err = run("merge", study.path, other)
    assert code == 1 and "not a copy of this project" in err


def test_import_reports_what_it_brought_in(tmp_path: Path) -> None:
    study = build_study(tmp_path / "study.suhbat")
    qdpx = tmp_path / "study.qdpx"
    assert run("export", "qdpx", study.path, qdpx)[0] == 0
    target = tmp_path / "target.suhbat"
    assert run("init", target)[0] == 0
    code, out, err = run("import", target, qdpx)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "study.qdpx: imported REFI-QDA project"
    # The study has 2 coders, 4 codes, 1 transcript in ru + en and 5 codings.
    for line in ("  coders: 2", "  codes: 4", "  transcripts: 1", "  text layers: 2"):
        assert line in lines
    assert "  codings: 5" in lines

    code, out, err = run("import", target, qdpx, "--json")
    assert code == 0, err
    (summary,) = json.loads(out)  # stdout is JSON only
    counts = summary["counts"]
    assert counts["codings_known"] == 5 and counts["codes_matched"] == 4
    assert counts.get("codings", 0) == 0 and counts.get("transcripts", 0) == 0
    with Store(target) as store:
        info = store.info()
    assert (info.codes, info.transcripts, info.codings) == (4, 1, 5)
    code, out, _err = run("import", target, qdpx)
    assert "  codings already in the project: 5" in out.splitlines()
