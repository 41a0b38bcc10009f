"""Build the demo project from the small bilingual study bundled in ``exports/demo_data``.

The study: two interviews with press officers (Russian and Kazakh originals) and one
focus group with citizens (mixed Russian/Kazakh), each with an English translation;
six participants with typed attributes; a protocol in ru/kk/en; a codebook of three
themes; codings by two coders so that agreement can be computed.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from exports.tables import import_table
from exports.transcript_import import import_transcript, import_translation
from storage import Store
from storage.errors import N_, InputError

DEMO_NAME = "Listening state: press offices and citizens (demo)"
TRANSCRIPTS = (
    ("interview_r1.ru.txt", "interview_r1.en.txt", "Interview R1"),
    ("interview_r2.kk.txt", "interview_r2.en.txt", "Interview R2"),
    ("focus_group_kordai.ru.vtt", "focus_group_kordai.en.txt", "Focus group Kordai"),
)


def demo_data_dir() -> Path:
    """Where the bundled demo files are."""
    return Path(str(resources.files("exports") / "demo_data"))


def build_demo(path: Path) -> Store:
    """Create the demo project at ``path`` (which must not exist) and return it open."""
    data = demo_data_dir()
    store = Store.create(
        path, name=DEMO_NAME, languages=("ru", "kk", "en"), default_coder="Aigerim"
    )
    try:
        import_table(store, "participants", data / "participants.csv")
        import_table(store, "sessions", data / "sessions.csv")
        import_table(store, "protocol", data / "protocol.csv", guide="Interview guide")
        import_table(store, "codebook", data / "codebook.csv")
        guide = store.guides.find("Interview guide")
        for original, translation, session in TRANSCRIPTS:
            report = import_transcript(store, data / original, session=session)
            import_translation(store, data / translation, report.transcript.title, language="en")
            target = store.sessions.find(session)
            assert target is not None
            if guide is not None:
                store.sessions.update(target.id, guide_id=guide.id)
            speakers = {u.speaker for u in store.transcripts.utterances(report.transcript.id)}
            for p in store.participants.all():
                if p.code in speakers:
                    store.sessions.link_participant(target.id, p.id, "respondent", consent=True)
        _apply_codings(store, data / "codings.csv")
        store.memos.add(
            "project",
            None,
            "Demo study. Codes were applied by two coders (Aigerim, Daniyar) to compare agreement.",
            author="Aigerim",
        )
    except BaseException:
        store.close()
        path.unlink(missing_ok=True)
        raise
    return store


def _apply_codings(store: Store, codings_csv: Path) -> None:
    transcripts = {t.title: t for t in store.transcripts.all()}
    with open(codings_csv, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with store.transaction():
        for line, row in enumerate(rows, start=2):
            transcript = transcripts[row["transcript"]]
            layer = next(
                x for x in store.transcripts.layers(transcript.id) if x.language == row["language"]
            )
            utterance = store.transcripts.utterances(transcript.id)[int(row["utterance"]) - 1]
            start, end = utterance.spans[layer.id]
            found = layer.text.find(row["quote"], start, end)
            if found < 0:
                raise InputError(
                    N_("{file}, line {line}: quote not found in the utterance"),
                    file=codings_csv.name,
                    line=line,
                )
            code = store.codes.find(row["code"])
            if code is None:
                raise InputError(
                    N_("{file}, line {line}: no code {code!r}"),
                    file=codings_csv.name,
                    line=line,
                    code=row["code"],
                )
            coder = store.coders.get(row["coder"])
            store.codings.add(code.id, layer.id, found, found + len(row["quote"]), coder.id)
