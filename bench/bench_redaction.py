"""Benchmark of redacted exports against the same exports unredacted (not a timed test).

Uses the synthetic projects of ``bench_exports.py`` (a 25,000-word focus group with
500 codings; a study of 200 transcripts with 50,000 codings) and a redaction list
whose entries are frequent words of their texts (``аким``, ``район``, ``телеграм``,
a name), so that several thousand occurrences are replaced: a heavy case. Each
export runs in a fresh process that reports wall time and peak memory.

    .venv/bin/python bench/bench_redaction.py [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_exports import build_focus_group, build_study
from timing import run_step

REDACTION_LIST = """\
ORG: аким
PLACE: район
ORG: телеграм
NAME: Семёнов
"""


def _step(kind: str, project: Path, out: Path, listing: str) -> None:
    from exports.docx_report import ReportOptions, write_report_docx
    from exports.docx_transcript import TranscriptDocxOptions, write_transcripts_docx
    from exports.redacted_view import RedactedStore
    from exports.redaction import Redactor
    from exports.refi import write_qdpx
    from exports.study.loading import load_study
    from exports.table_catalog import TableContext, build_tables
    from exports.table_files import write_xlsx
    from storage import Store
    from storage.pseudonyms import PeopleNames

    start = time.perf_counter()
    with (
        Store(project, read_only=True)
        if listing == "-"
        else RedactedStore(project, Redactor.from_file(listing))
    ) as store:
        if kind == "transcript":
            write_transcripts_docx(store, out, None, TranscriptDocxOptions(layers=("ru",)))
        elif kind == "report":
            write_report_docx(store, out, ReportOptions())
        elif kind == "segments":
            data = load_study(store, with_text=True)
            context = TableContext(PeopleNames.of(store.participants.all()))
            write_xlsx(build_tables(data, ["segments"], context), out)
        elif kind == "qdpx":
            write_qdpx(store, out)
        replaced = store.log.count if isinstance(store, RedactedStore) else 0
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "replaced": replaced}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=None, help="Where to build the projects.")
    parser.add_argument("--step", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        kind, project, out, listing = args.step
        _step(kind, Path(project), Path(out), listing)
        return
    folder = args.dir or Path(tempfile.mkdtemp(prefix="suhbat-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    focus, study = folder / "focus_group.suhbat", folder / "study.suhbat"
    for path, build in ((focus, build_focus_group), (study, build_study)):
        if not path.exists():
            build(path)
    listing = folder / "redact.txt"
    listing.write_text(REDACTION_LIST, encoding="utf-8")
    rows = [
        ("transcript DOCX, 25k words / 500 codings", "transcript", focus, "t.docx"),
        ("report DOCX, 200 transcripts / 50k codings", "report", study, "r.docx"),
        ("coded segments XLSX, 50k codings", "segments", study, "s.xlsx"),
        ("QDPX, 200 transcripts / 50k codings", "qdpx", study, "p.qdpx"),
    ]
    print(f"{'export':<45} {'plain s':>8} {'redacted s':>10} {'peak MB':>8} {'replaced':>9}")
    for label, kind, project, name in rows:
        plain = run_step(__file__, kind, str(project), str(folder / name), "-")
        redacted = run_step(
            __file__, kind, str(project), str(folder / f"redacted-{name}"), str(listing)
        )
        print(
            f"{label:<45} {plain['seconds']:>8.2f} {redacted['seconds']:>10.2f}"
            f" {redacted['peak_mb']:>8.0f} {int(redacted['replaced']):>9}"
        )


if __name__ == "__main__":
    main()
