"""Imports and merges told as plain lines in the UI language (shared by the CLI and the TUI).

Headless: no Textual here, so the ``suhbat import`` command can use it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from i18n import N_, _, ngettext, translate_message
from storage.errors import NN_

if TYPE_CHECKING:  # types only: a transcript import need not load REFI-QDA or merging
    from exports.refi import RefiImportReport
    from exports.transcript_import import ImportReport
    from exports.transcript_replace import ReplaceSummary
    from storage.merge import MergeConflict, MergeReport

REFI_COUNTS: dict[str, str] = {
    "coders": N_("coders"),
    "codes": N_("codes"),
    "attributes": N_("attributes"),
    "participants": N_("participants"),
    "sessions": N_("sessions"),
    "transcripts": N_("transcripts"),
    "layers": N_("text layers"),
    "codings": N_("codings"),
    "memos": N_("memos"),
    "codes_matched": N_("codes already in the project"),
    "participants_matched": N_("participants already in the project"),
    "sources_known": N_("texts already in the project"),
    "codings_known": N_("codings already in the project"),
}
"""The counters of a REFI-QDA import report, in the order they are shown, as msgids."""


ENTITIES = {
    "attributes": N_("attributes"),
    "coders": N_("coders"),
    "codes": N_("codes"),
    "codes renamed": N_("codes renamed"),
    "codings": N_("codings"),
    "guides": N_("guides"),
    "layers": N_("translation layers"),
    "memos": N_("memos"),
    "participants": N_("participants"),
    "questions": N_("questions"),
    "session participants": N_("session participants"),
    "sessions": N_("sessions"),
    "speaker links": N_("speaker links"),
    "transcripts": N_("transcripts"),
    "attribute": N_("attribute"),
    "code": N_("code"),
    "coding": N_("coding"),
    "layer": N_("layer"),
    "memo": N_("memo"),
    "valence": N_("valence"),
    "participant": N_("participant"),
    "session": N_("session"),
    "transcript": N_("transcript"),
    "translations": N_("translations"),
    "translation statuses": N_("translation statuses"),
    "translation marks": N_("marks for translation"),
    "glossary terms": N_("glossary terms"),
    "translation": N_("translation"),
    "glossary": N_("glossary term"),
}
"""What the merge report counts, as msgids."""


FIELDS = {
    "names": N_("name"),
    "name": N_("name"),
    "description": N_("description"),
    "inclusion": N_("inclusion criteria"),
    "exclusion": N_("exclusion criteria"),
    "example": N_("example"),
    "color": N_("colour"),
    "is_codable": N_("codable"),
    "parent": N_("parent code"),
    "code": N_("code"),
    "text": N_("text"),
    "memo": N_("memo"),
    "type": N_("type"),
    "allowed": N_("allowed values"),
    "sensitive": N_("sensitive"),
    "real_name": N_("real name"),
    "notes": N_("notes"),
    "values": N_("values"),
    "kind": N_("kind"),
    "title": N_("title"),
    "date": N_("date"),
    "location": N_("location"),
    "setting": N_("setting"),
    "region": N_("region"),
    "languages": N_("languages"),
    "duration_min": N_("duration (minutes)"),
    "interviewer": N_("interviewer"),
    "consent": N_("consent"),
    "participant_count": N_("number of participants"),
    "rendering": N_("rendering"),
}
"""Fields a merge conflict can name, as msgids (a participant's attributes keep their names)."""


def translated_message(message: str, params: dict[str, object]) -> str:
    """A msgid with parameters, translated (the English text if the catalog's is broken)."""
    return translate_message(message, params)


def refi_count_lines(counts: dict[str, int]) -> list[str]:
    """One line per non-zero counter (``  codes: 4``), known counters first."""
    keys = [k for k in REFI_COUNTS if counts.get(k)]
    keys += sorted(k for k in counts if k not in REFI_COUNTS and counts[k])
    return [
        _("  {what}: {count}").format(what=_(REFI_COUNTS.get(key, key)), count=counts[key])
        for key in keys
    ]


def refi_import_lines(report: RefiImportReport, *, with_warnings: bool = True) -> list[str]:
    """What a REFI-QDA import brought in: a heading, the counts, then every warning."""
    lines = [_("{file}: imported REFI-QDA project").format(file=report.file)]
    if report.origin:
        lines.append(_("  written by {tool}").format(tool=report.origin))
    counts = refi_count_lines(report.counts)
    lines += counts or [_("  nothing new: the project already had everything in it")]
    if with_warnings:
        lines += [_("note: ") + str(warning) for warning in report.warnings]
    return lines


def transcript_import_summary(report: ImportReport) -> list[str]:
    """What a transcript import brought in: file, utterances, title and languages, and
    what replacing an earlier text did to its codings."""
    lines = [
        ngettext(
            "{file}: {count} utterance → {title} ({languages})",
            "{file}: {count} utterances → {title} ({languages})",
            report.utterances,
        ).format(
            file=report.file,
            count=report.utterances,
            title=report.transcript.title,
            languages=", ".join(report.languages),
        )
    ]
    if report.replaced is not None:
        lines += replace_lines(report.replaced)
    return lines


def transcript_import_lines(report: ImportReport) -> list[str]:
    """What a transcript import brought in, with its notes and unlinked speakers."""
    lines = transcript_import_summary(report)
    lines += [_("note: ") + translated_message(m, p) for m, p in report.notes]
    if report.unresolved_speakers:
        lines.append(
            _("speakers not linked to a participant: {labels}").format(
                labels=", ".join(report.unresolved_speakers)
            )
        )
    return lines


def replace_lines(summary: ReplaceSummary) -> list[str]:
    """What replacing a transcript's text with an edited file did to its codings."""
    if not summary.changed:
        return [
            _("  {title!r} already has this text; nothing was replaced").format(title=summary.title)
        ]
    lines = [
        _("  replaced the text of {title!r}").format(title=summary.title),
        _(
            "  codings: {kept} kept in place, {moved} moved with the text,"
            " {edited} kept on edited text, {dropped} dropped"
        ).format(
            kept=summary.kept,
            moved=summary.moved,
            edited=summary.edited,
            dropped=summary.dropped,
        ),
    ]
    if summary.dropped:
        lines.append(
            _("  a coding is dropped when the text it coded is no longer in the file")
            if not summary.in_place
            else _("  a coding is dropped when all of the text it coded was deleted")
        )
    if not summary.in_place:
        lines.append(
            _(
                "  the turns changed (utterances added, removed, merged or split), so codings"
                " were put back where their text now is"
            )
        )
    if summary.dropped_layers:
        lines.append(
            _("  translation layers not in the file could not be kept: {languages}").format(
                languages=", ".join(summary.dropped_layers)
            )
        )
    return lines


def _entity(name: str) -> str:
    return _(ENTITIES.get(name, name))


COUNTED: dict[str, str] = {
    "attributes": NN_("{count} attribute", "{count} attributes"),
    "coders": NN_("{count} coder", "{count} coders"),
    "codes": NN_("{count} code", "{count} codes"),
    "codes renamed": NN_("{count} code renamed", "{count} codes renamed"),
    "codings": NN_("{count} coding", "{count} codings"),
    "guides": NN_("{count} guide", "{count} guides"),
    "layers": NN_("{count} translation layer", "{count} translation layers"),
    "memos": NN_("{count} memo", "{count} memos"),
    "participants": NN_("{count} participant", "{count} participants"),
    "questions": NN_("{count} question", "{count} questions"),
    "session participants": NN_("{count} session participant", "{count} session participants"),
    "sessions": NN_("{count} session", "{count} sessions"),
    "speaker links": NN_("{count} speaker link", "{count} speaker links"),
    "transcripts": NN_("{count} transcript", "{count} transcripts"),
    "translations": NN_("{count} translation", "{count} translations"),
    "translation statuses": NN_("{count} translation status", "{count} translation statuses"),
    "translation marks": NN_("{count} mark for translation", "{count} marks for translation"),
    "glossary terms": NN_("{count} glossary term", "{count} glossary terms"),
}
"""What the merge report counts, as plural msgids (``add 1 coder``, ``add 2 coders``)."""


def counted(entity: str, count: int) -> str:
    """``3 codes`` in the UI language, with the plural form the count needs."""
    message = COUNTED.get(entity)
    if message is None:
        return f"{count} {_entity(entity)}"
    return translate_message(message, {"count": count})


def merge_lines(report: MergeReport) -> list[str]:
    """What a merge did (or, for a dry run, would do): counts, merged codes, conflicts."""
    lines = []
    if report.dry_run:
        lines.append(_("Dry run: nothing was written. A merge would:"))
    if not report.changed:
        lines.append(
            _("Nothing to merge: the project already has everything in {file}.").format(
                file=report.other
            )
        )
    for entity, count in sorted(report.added.items()):
        lines.append(_("  add {counted}").format(counted=counted(entity, count)))
    for entity, count in sorted(report.updated.items()):
        lines.append(_("  update {counted}").format(counted=counted(entity, count)))
    for entity, count in sorted(report.deleted.items()):
        lines.append(_("  delete {counted}").format(counted=counted(entity, count)))
    for source, target in report.merged_codes:
        lines.append(
            _("  merge code {source!r} into {target!r}").format(source=source, target=target)
        )
    lines += [_("note: ") + translated_message(m, p) for m, p in report.notes]
    left_out = [c for c in report.conflicts if not c.field]
    differing = [c for c in report.conflicts if c.field]
    if differing:
        lines.append(_("Conflicts (the project's value was kept):"))
        for c in differing:
            lines.append(
                _(
                    "  {entity} {name}: {field}: kept {kept!r}, copy has {other!r} ({reason})"
                ).format(
                    entity=_entity(c.entity),
                    name=conflict_name(c),
                    field=_(FIELDS[c.field]) if c.field in FIELDS else c.field,
                    kept=c.kept,
                    other=c.other,
                    reason=_(c.reason),
                )
            )
    if left_out:
        lines.append(_("Not merged from the copy:"))
        for c in left_out:
            lines.append(
                _("  {entity} {name}: {reason}").format(
                    entity=_entity(c.entity), name=conflict_name(c), reason=_(c.reason)
                )
            )
    return lines


def conflict_name(conflict: MergeConflict) -> str:
    """Which thing a merge conflict is about, in the UI language."""
    if conflict.label is None:
        return conflict.name
    message, params = conflict.label
    return translated_message(message, params)
