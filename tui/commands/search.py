"""``suhbat search``: full-text search over every transcript layer."""

from __future__ import annotations

from pathlib import Path

import click

from i18n import _
from storage.media_time import clock
from tui.commands.common import echo_json, open_store, project_argument


@click.command(help=_("Search every transcript (Cyrillic and Kazakh aware)."))
@project_argument()
@click.argument("query")
@click.option("--language", default=None, help=_("Only layers in this language (e.g. kk)."))
@click.option("--limit", default=50, show_default=True, help=_("At most this many hits."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON (see docs/cli.md)."))
def search(project: Path, query: str, language: str | None, limit: int, as_json: bool) -> None:
    """Find QUERY: words in any form (all must occur), "one exact form", "a phrase" of
    word forms in order, ="an exact phrase", or a prefix like соглас*."""
    with open_store(project, read_only=True) as store:
        hits = store.search.hits(query, language=language, limit=limit)
    if as_json:
        echo_json(
            [
                {
                    "session": h.session_title,
                    "transcript_id": h.transcript_id,
                    "layer_id": h.layer_id,
                    "language": h.language,
                    "utterance_id": h.utterance_id,
                    "speaker": h.speaker,
                    "start_ms": h.start_ms,
                    "time": clock(h.start_ms),
                    "start": h.start,
                    "end": h.end,
                    "snippet": h.snippet,
                    "matched": h.matched,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        click.echo(_("No hits for {query!r}").format(query=query))
        raise SystemExit(1)
    for h in hits:
        marked = (
            h.snippet[: h.match_start]
            + click.style(h.snippet[h.match_start : h.match_end], bold=True)
            + h.snippet[h.match_end :]
        )
        click.echo(
            f"{h.session_title} · {h.language} · {clock(h.start_ms)} · {h.speaker} · «{h.matched}»"
        )
        click.echo(f"    {marked}")
