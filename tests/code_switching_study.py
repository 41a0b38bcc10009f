"""A project with code-switching: a Kazakh turn inside a Russian layer, coded in both languages."""

from __future__ import annotations

from pathlib import Path

from exports.transcript_import import import_transcript
from storage import Store


def _turn_with(store: Store, word: str) -> tuple[int, int, int, int]:
    """(layer, utterance, start, end) of the first turn containing ``word``."""
    (layer,) = store.transcripts.layers()
    for u in store.transcripts.utterances():
        start, end = u.spans[layer.id]
        if word in layer.text[start:end]:
            return layer.id, u.id, start, end
    raise AssertionError(word)


def build_code_switching_study(path: Path, fixtures_dir: Path) -> Path:
    """interview_07 in Russian with its Kazakh turn marked kk, coded once in each language.

    «Language» is applied to the Kazakh turn and to a Russian one, «Kazakh only» to the
    Kazakh turn, «Russian only» to the Russian one (all by the coder aigerim).
    """
    with Store.create(path, languages=("ru", "kk", "en")) as store:
        import_transcript(store, fixtures_dir / "interview_07.ru.txt")
        layer, kazakh, k_start, k_end = _turn_with(store, "халықпен")
        r_start, r_end = store.transcripts.utterances()[1].spans[layer]
        store.transcripts.set_utterance_language(layer, [kazakh], "kk")
        coder = store.coders.get("aigerim").id
        both = store.codes.add("Language").id
        kk_only = store.codes.add("Kazakh only").id
        ru_only = store.codes.add("Russian only").id
        store.codings.add(both, layer, k_start, k_end, coder)
        store.codings.add(both, layer, r_start, r_end, coder)
        store.codings.add(kk_only, layer, k_start + 1, k_end - 1, coder)
        store.codings.add(ru_only, layer, r_start, r_end, coder)
    return path
