"""The coded-segment list: one row per coding, for Excel, SPSS or R.

Columns: session, transcript, speaker(s), start and end time of the coded
utterances, layer language, the code path with one column per level, coder, the
coding's valence (−2…+2; only once any coding has one), the coded text, the
aligned text of the same utterances in every other language of the project, and
the coding's memo. Speakers appear under their pseudonyms unless real names are
asked for.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.dataset import StudyData
from analysis.table import Cell, Table
from exports.report_language import translator
from storage.media_time import clock
from storage.models import Coding
from storage.pseudonyms import PeopleNames


def coded_segments(
    data: StudyData,
    *,
    names: PeopleNames | None = None,
    language: str = "en",
) -> Table:
    """Every coding in ``data`` (filter it first) as a row; ``data`` must hold layer texts."""
    _ = translator(language)
    names = names or PeopleNames.of(data.participants.values())
    session_rank = {sid: i for i, sid in enumerate(data.ordered_sessions("date"))}
    codings = sorted(data.codings, key=lambda c: _order(data, session_rank, c))
    paths = {cid: _path(data, cid) for cid in {c.code_id for c in codings}}
    depth = max((len(p) for p in paths.values()), default=1)
    layers_by_transcript: dict[int, dict[str, int]] = {}
    for layer in data.layers.values():
        layers_by_transcript.setdefault(layer.transcript_id, {})[layer.language] = layer.id
    others = _other_languages(data, codings, layers_by_transcript)
    rated = any(c.valence is not None for c in codings)
    columns = (
        _("Session"),
        _("Transcript"),
        _("Speaker"),
        _("Start"),
        _("End"),
        _("Layer"),
        *(_("Level {n}").format(n=n) for n in range(1, depth + 1)),
        _("Coder"),
        *((_("Valence"),) if rated else ()),
        _("Text"),
        *(_("Translation ({language})").format(language=lang) for lang in others),
        _("Memo"),
    )
    rows: list[tuple[Cell, ...]] = []
    for c in codings:
        layer = data.layers[c.layer_id]
        transcript = data.transcripts[layer.transcript_id]
        utterances = [data.utterances[u] for u in data.coding_utterances.get(c.id, ())]
        speakers = list(dict.fromkeys(names.speaker(u) for u in utterances))
        path = paths[c.code_id]
        coder = data.coders.get(c.coder_id)
        aligned: list[Cell] = []
        siblings = layers_by_transcript.get(transcript.id, {})
        for lang in others:
            other = siblings.get(lang)
            if lang == layer.language or other is None:
                aligned.append(None)
                continue
            text = data.layers[other].text
            parts = [text[s:e] for u in utterances for s, e in [u.spans.get(other, (0, 0))]]
            aligned.append("\n".join(parts) or None)
        rows.append(
            (
                data.session_label(transcript.session_id),
                transcript.title,
                "; ".join(s for s in speakers if s) or None,
                clock(utterances[0].start_ms) or None if utterances else None,
                clock(utterances[-1].end_ms) or None if utterances else None,
                layer.language,
                *path,
                *([None] * (depth - len(path))),
                coder.name if coder is not None else None,
                *((c.valence,) if rated else ()),
                layer.text[c.start : c.end],
                *aligned,
                c.memo or None,
            )
        )
    return Table(
        key="segments",
        title=_("Coded segments"),
        unit=_("codings"),
        columns=columns,
        rows=tuple(rows),
        notes=(
            _(
                "One row per coding. Translations are the aligned text of the coded "
                "utterances in the other layers."
            ),
        ),
    )


def _order(data: StudyData, rank: dict[int, int], c: Coding) -> tuple[int, ...]:
    layer = data.layers[c.layer_id]
    session = data.layer_session.get(c.layer_id, 0)
    return (
        rank.get(session, len(rank)),
        layer.transcript_id,
        0 if layer.is_original else 1,
        layer.id,
        c.start,
        c.end,
        c.id,
    )


def _path(data: StudyData, code_id: int) -> list[str]:
    names: list[str] = []
    current: int | None = code_id
    seen: set[int] = set()
    while current is not None and current in data.codes and current not in seen:
        seen.add(current)
        names.append(data.code_name(current))
        current = data.codes[current].parent_id
    return names[::-1]


def _other_languages(
    data: StudyData, codings: Sequence[Coding], layers: dict[int, dict[str, int]]
) -> list[str]:
    """Languages that hold a translation of at least one coding, in project order."""
    present: set[str] = set()
    for c in codings:
        layer = data.layers[c.layer_id]
        present.update(
            lang for lang in layers.get(layer.transcript_id, {}) if lang != layer.language
        )
    order = [lang for lang in (*data.fallback_languages, *sorted(present)) if lang in present]
    return list(dict.fromkeys(order))
