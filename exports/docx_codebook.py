"""The codebook as a Word document.

A title page block (project, date, counts), a summary table like a paper's
"theme → category → frequency" table, then the code tree as numbered headings
(``1``, ``1.2``, ``1.2.1`` …). For each code: its name in the chosen languages,
definition, inclusion and exclusion criteria, example quote, frequencies
(distinct segments, participants with the share of all participants, sessions;
a theme counts each over its whole subtree, never the sum of its children) and
the memos written on it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docx.document import Document

from analysis.dataset import StudyData
from analysis.frequencies import FrequencyResult, code_frequencies
from exports.docx_common import (
    add_heading,
    add_table,
    add_text,
    finish_document,
    new_document,
)
from exports.docx_language import set_run_language, word_language_tag
from exports.docx_text_languages import code_name_tag, text_tag
from exports.file_names import atomic_path
from exports.localized_cells import percent_text
from exports.memo_lines import code_memos
from exports.report_language import Translate, translator, wording
from exports.study.loading import load_study
from i18n.formatting import format_date, format_number, language_name
from storage.store import Store

MAX_HEADING_LEVEL = 6


@dataclass(frozen=True)
class CodebookDocxOptions:
    """What the codebook shows.

    ``language`` is the document's language (labels, numbers, dates).
    ``names_in`` lists the languages whose code names are shown, the first one
    in headings (empty: the document language, then the project's others).
    ``coders`` restricts the frequencies to these coders' codings (empty: all).
    ``generated`` is the date printed on the codebook (default: today).
    ``memos`` adds each code's memos below its definition.
    """

    language: str = "en"
    names_in: tuple[str, ...] = ()
    frequencies: bool = True
    summary_table: bool = True
    coders: tuple[str, ...] = ()
    generated: date | None = None
    memos: bool = True


def write_codebook_docx(
    store: Store, out: Path, options: CodebookDocxOptions | None = None
) -> Path:
    """Write the project's codebook to ``out``."""
    options = options or CodebookDocxOptions()
    languages = _name_languages(store, options)
    data = load_study(store, language=languages[0], with_utterances=False)
    memos = code_memos(store) if options.memos else {}
    doc = codebook_document(data, store.project().name, options, languages, memos)
    with atomic_path(out) as temporary:
        doc.save(str(temporary))
    return out


def _name_languages(store: Store, options: CodebookDocxOptions) -> tuple[str, ...]:
    if options.names_in:
        return options.names_in
    project = store.project().languages
    first = options.language if options.language in project else project[0]
    return tuple(dict.fromkeys((first, *project)))


def codebook_document(
    data: StudyData,
    project_name: str,
    options: CodebookDocxOptions,
    languages: Sequence[str],
    memos: Mapping[int, Sequence[str]] | None = None,
) -> Document:
    """The codebook document for ``data`` (not saved); ``memos``: code id → memo texts."""
    _ = translator(options.language)
    lang = options.language
    if options.coders:
        wanted = {name.casefold() for name in options.coders}
        data = data.filter(
            coder_ids=[cid for cid, c in data.coders.items() if c.name.casefold() in wanted]
        )
    frequencies = code_frequencies(data) if options.frequencies else None
    doc = new_document(
        lang, _("Codebook") + f": {project_name}", kind=_("Codebook"), project=project_name
    )
    doc.add_heading(_("Codebook"), 0)
    intro = doc.add_paragraph()
    add_text(intro, project_name, bold=True)
    intro.add_run("\n" + format_date(options.generated or date.today(), language=lang))
    codable = sum(1 for c in data.codes.values() if c.is_codable)
    counts = [(_("Themes"), len(data.code_roots)), (_("Codes"), codable)]
    if frequencies is not None:
        segments = len({(c.layer_id, c.start, c.end) for c in data.codings})
        counts += [
            (_("Coded segments"), segments),
            (_("Participants"), frequencies.participants_in_scope),
        ]
    intro.add_run(
        "\n" + " · ".join(f"{label}: {format_number(n, language=lang)}" for label, n in counts)
    )
    if options.summary_table and data.code_order:
        _summary(doc, data, frequencies, _, lang)
    numbers = _numbering(data)
    for cid in data.code_order:
        _code_section(doc, data, cid, numbers[cid], languages, frequencies, _, lang)
        for text in (memos or {}).get(cid, ()):
            p = doc.add_paragraph()
            add_text(p, _("Memo") + ": ", bold=True)
            add_text(p, text)
    return finish_document(doc, lang)


def _numbering(data: StudyData) -> dict[int, str]:
    numbers: dict[int, str] = {}
    for index, root in enumerate(data.code_roots, start=1):
        stack = [(root, str(index))]
        while stack:
            cid, number = stack.pop()
            numbers[cid] = number
            children = data.code_children.get(cid, ())
            for n in range(len(children), 0, -1):
                stack.append((children[n - 1], f"{number}.{n}"))
    return numbers


def _names_below_root(data: StudyData, cid: int) -> list[str]:
    names: list[str] = []
    current: int | None = cid
    while current is not None and current in data.codes and data.codes[current].parent_id:
        names.append(data.code_name(current))
        current = data.codes[current].parent_id
    return names[::-1]


def _summary(
    doc: Document,
    data: StudyData,
    frequencies: FrequencyResult | None,
    _: Translate,
    lang: str,
) -> None:
    doc.add_heading(_("Themes and categories"), 1)
    header = [_("Theme"), _("Category")]
    if frequencies is not None:
        header += [_("Segments"), _("Participants"), _("% of participants")]
    rows: list[list[str]] = []
    tags: list[list[str]] = []  # names in the language they are filed under
    for cid in data.code_order:
        depth = data.code_depth.get(cid, 0)
        root = data.root_of(cid)
        if depth == 0:
            row = [data.code_name(cid), _("(all)") if data.is_theme(cid) else ""]
            tags.append([code_name_tag(data, cid), ""])
        else:
            row = [data.code_name(root), " / ".join(_names_below_root(data, cid))]
            tags.append([code_name_tag(data, root), code_name_tag(data, cid)])
        if frequencies is not None:
            total = frequencies.row(cid).total
            share = frequencies.row(cid).participant_percent
            row += [
                format_number(total.segments, language=lang),
                format_number(total.participants, language=lang),
                percent_text(share, lang) if share is not None else "",
            ]
        rows.append(row)
    add_table(doc, header, rows, bold_first_column=True, languages=tags)
    if frequencies is not None:
        note = doc.add_paragraph(style="Caption")
        add_text(
            note,
            wording(lang)
            .ngettext(
                "Segments are distinct coded passages; a theme's counts cover all its "
                "categories, each segment and participant once. Percentages are of the "
                "{n} participant.",
                "Segments are distinct coded passages; a theme's counts cover all its "
                "categories, each segment and participant once. Percentages are of the "
                "{n} participants.",
                frequencies.participants_in_scope,
            )
            .format(n=format_number(frequencies.participants_in_scope, language=lang)),
        )


def _code_section(
    doc: Document,
    data: StudyData,
    cid: int,
    number: str,
    languages: Sequence[str],
    frequencies: FrequencyResult | None,
    _: Translate,
    lang: str,
) -> None:
    code = data.codes[cid]
    level = min(data.code_depth.get(cid, 0) + 1, MAX_HEADING_LEVEL)
    fallbacks = tuple(languages[1:]) + data.fallback_languages
    primary = code.name(languages[0], fallbacks)
    heading = add_heading(doc, f"{number} {primary}", level)
    for run in heading.runs:  # the name's language, whichever language it falls back to
        set_run_language(run._r, word_language_tag(code.name_language(languages[0], fallbacks)))
    others = [
        (language_name(lng, language=lang), code.names[lng], lng)
        for lng in languages[1:]
        if code.names.get(lng) and code.names[lng] != primary
    ]
    if others:
        p = doc.add_paragraph()
        for index, (label, name, lng) in enumerate(others):
            if index:
                p.add_run("\n")
            add_text(p, f"{label}: ", italic=True)
            set_run_language(add_text(p, name)._r, word_language_tag(lng))
    fields = (
        (_("Definition"), code.description),
        (_("Include when"), code.inclusion),
        (_("Exclude when"), code.exclusion),
    )
    # definitions and examples are in the language their letters say, not the document's
    project = data.fallback_languages
    for label, value in fields:
        if value:
            p = doc.add_paragraph()
            add_text(p, f"{label}: ", bold=True)
            set_run_language(add_text(p, value)._r, text_tag(value, project, lang))
    if code.example:
        p = doc.add_paragraph()
        add_text(p, _("Example") + ": ", bold=True)
        example = add_text(p, f"«{code.example}»", italic=True)
        set_run_language(example._r, text_tag(code.example, project, lang))
    if not code.is_codable:
        p = doc.add_paragraph()
        add_text(p, _("Folder: groups the codes below and is not applied itself."), italic=True)
    if frequencies is not None:
        row = frequencies.row(cid)
        total = row.total
        participants = format_number(total.participants, language=lang)
        if row.participant_percent is not None:
            share = percent_text(row.participant_percent, lang)
            participants += f" ({share})"
        parts = [
            (_("Segments"), format_number(total.segments, language=lang)),
            (_("Participants"), participants),
            (_("Sessions"), format_number(total.sessions, language=lang)),
        ]
        p = doc.add_paragraph()
        for index, (label, value) in enumerate(parts):
            if index:
                p.add_run(" · ")
            add_text(p, f"{label}: ", bold=True)
            p.add_run(value)
        if row.is_theme:
            add_text(p, " — " + _("counted over the theme and all its categories"), italic=True)
