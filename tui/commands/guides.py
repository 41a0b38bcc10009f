"""``suhbat guide list|export``: the interview guides (protocols) of a project.

``export`` writes CSV or XLSX in the columns ``suhbat table import … protocol``
reads back (order, area, question_<language>…, kind), or a printable outline
(Markdown) to a ``.md``/``.txt`` file or to the terminal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from analysis.table import Cell, Table
from i18n import _, ngettext
from storage import NotFoundError, Store, SuhbatError, ValidationError
from storage.errors import N_
from storage.models import Guide, Question
from tui.commands.common import echo_json, fail, open_store, project_argument
from tui.commands.overwrite import force_option, refuse_to_overwrite
from tui.fieldwork_labels import QUESTION_KIND_LABELS

FORMATS = ("csv", "xlsx", "md")


def pick_guide(store: Store, name: str | None) -> Guide:
    """The guide called ``name`` (or the only/first guide when no name is given)."""
    guides = store.guides.all()
    if name is None:
        if not guides:
            raise NotFoundError(N_("The project has no guide yet"))
        return guides[0]
    found = store.guides.find(name)
    if found is None and name.isdigit():
        found = next((g for g in guides if g.id == int(name)), None)
    if found is None:
        raise NotFoundError(N_("No guide named {name!r}"), name=name)
    return found


def outline(questions: list[Question]) -> list[tuple[Question, int | None]]:
    """Questions in guide order, each probe right after its question; with the main's number."""
    ids = {q.id for q in questions}
    probes: dict[int, list[Question]] = {}
    for q in questions:
        if q.parent_id is not None and q.parent_id in ids:
            probes.setdefault(q.parent_id, []).append(q)
    ordered: list[tuple[Question, int | None]] = []
    number = 0
    for q in questions:
        if q.parent_id is None or q.parent_id not in ids:
            number += 1
            ordered.append((q, number))
            ordered.extend((p, None) for p in probes.get(q.id, []))
    return ordered


def guide_table(guide: Guide, questions: list[Question], languages: tuple[str, ...]) -> Table:
    """The guide as a table in the protocol import columns."""
    rows: list[tuple[Cell, ...]] = []
    for order, (q, _number) in enumerate(outline(questions), start=1):
        rows.append((order, q.area, *(q.texts.get(lang, "") for lang in languages), q.kind))
    return Table(
        key="protocol",
        title=guide.name,
        unit="questions",
        columns=("order", "area", *(f"question_{lang}" for lang in languages), "kind"),
        rows=tuple(rows),
    )


def guide_markdown(
    guide: Guide, questions: list[Question], languages: tuple[str, ...], main: str
) -> str:
    """A printable outline: areas as headings, numbered questions, probes beneath."""
    lines = [f"# {guide.name}", ""]
    area = None
    for q, number in outline(questions):
        others = [q.texts[lang] for lang in languages if lang != main and q.texts.get(lang)]
        text = q.text(main, languages)
        if number is not None:
            if q.area and q.area != area:
                if lines[-1]:
                    lines.append("")
                lines += [f"## {q.area}", ""]
                area = q.area
            kind = "" if q.kind == "main" else f" ({_(QUESTION_KIND_LABELS[q.kind])})"
            lines.append(f"{number}. {text}{kind}")
            lines += [f"   *{other}*" for other in others]
        else:
            lines.append(f"   - {text}")
            lines += [f"     *{other}*" for other in others]
    return "\n".join(lines).rstrip() + "\n"


@click.group(help=_("List the interview guides or export one (CSV, XLSX, Markdown)."))
def guide() -> None:
    """Interview guides (protocols)."""


@guide.command("list", help=_("List the guides with their questions."))
@project_argument()
@click.option("--questions", "with_questions", is_flag=True, help=_("Also list every question."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
def list_guides(project: Path, with_questions: bool, as_json: bool) -> None:
    """Print each guide with its number of questions and probes (and the sessions using it)."""
    with open_store(project, read_only=True) as store:
        languages = store.project().languages
        records: list[dict[str, Any]] = []
        for g in store.guides.all():
            questions = store.guides.questions(g.id)
            used = [s.title for s in store.sessions.all() if s.guide_id == g.id]
            records.append(
                {
                    "id": g.id,
                    "uuid": g.uuid,
                    "name": g.name,
                    "questions": sum(1 for q in questions if q.kind != "probe"),
                    "probes": sum(1 for q in questions if q.kind == "probe"),
                    "sessions": used,
                    "items": [
                        {
                            "number": number,
                            "kind": q.kind,
                            "area": q.area,
                            "texts": q.texts,
                            "uuid": q.uuid,
                        }
                        for q, number in outline(questions)
                    ],
                }
            )
    if as_json:
        if not with_questions:
            for r in records:
                del r["items"]
        echo_json(records)
        return
    for r in records:
        click.echo(
            _(
                "{name}: main questions: {questions}, probes: {probes};"
                " sessions using it: {sessions}"
            ).format(
                name=r["name"],
                questions=r["questions"],
                probes=r["probes"],
                sessions=len(r["sessions"]),
            )
        )
        if with_questions:
            for item in r["items"]:
                texts = item["texts"]
                text = next((texts[lang] for lang in languages if texts.get(lang)), "")
                prefix = f"  {item['number']}." if item["number"] else "     -"
                click.echo(f"{prefix} {text}")


@guide.command("export", help=_("Export a guide as CSV, XLSX or a printable outline."))
@project_argument()
@click.argument("name", required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=_("File to write (.csv, .xlsx, .md or .txt); default: print the outline."),
)
@click.option(
    "--language",
    default=None,
    help=_("Outline: the language shown first (default: the project's first)."),
)
@force_option()
def export_guide(
    project: Path, name: str | None, output: Path | None, language: str | None, force: bool
) -> None:
    """Write guide NAME (default: the first guide) of PROJECT."""
    if output is not None:
        refuse_to_overwrite([output], force=force)
    from exports.file_names import atomic_path
    from exports.table_files import write_csv, write_xlsx

    with open_store(project, read_only=True) as store:
        target = pick_guide(store, name)
        questions = store.guides.questions(target.id)
        languages = store.project().languages
    main = language or languages[0]
    if language is not None and language not in languages:
        fail(
            ValidationError(
                N_("{language!r} is not a project language ({languages})"),
                language=language,
                languages=", ".join(languages),
            )
        )
    suffix = output.suffix.lower() if output else ""
    if output is None:
        click.echo(guide_markdown(target, questions, languages, main), nl=False)
        return
    try:
        if suffix == ".csv":
            write_csv(guide_table(target, questions, languages), output)
        elif suffix == ".xlsx":
            write_xlsx([guide_table(target, questions, languages)], output, about=False)
        elif suffix in (".md", ".txt"):
            with atomic_path(output) as temporary:
                text = guide_markdown(target, questions, languages, main)
                temporary.write_text(text, encoding="utf-8")
        else:
            fail(
                ValidationError(
                    N_("{file}: unknown format; use .csv, .xlsx, .md or .txt"), file=output.name
                )
            )
    except (OSError, SuhbatError) as error:
        fail(error)
    click.echo(
        ngettext(
            "Wrote {file} ({n} question)", "Wrote {file} ({n} questions)", len(questions)
        ).format(file=output, n=len(questions))
    )
