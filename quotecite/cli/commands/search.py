"""quotecite search QUERY: ranked full-text hits, one per (sub-)paragraph."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from quotecite.cli.options import CorpusOption, JsonOption, PlainOption, RichOption
from quotecite.cli.output import choose_mode
from quotecite.search.commands import output_search, run_search


def cli(
    query: Annotated[
        list[str],
        typer.Argument(
            help='Words to find (all must occur); "a phrase", prefix*, AND, OR, NOT, ( ). '
            "Input that is not valid syntax is searched as plain words.",
            show_default=False,
        ),
    ],
    doc: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--doc", help="Only this document (id, alias or unique id prefix).", show_default=False
        ),
    ] = None,
    date_from: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from",
            help="Only documents dated on or after DATE (YYYY[-MM[-DD]]).",
            show_default=False,
        ),
    ] = None,
    date_to: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--to",
            help="Only documents dated on or before DATE (YYYY[-MM[-DD]]).",
            show_default=False,
        ),
    ] = None,
    archive: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--archive",
            help="Only documents held by this archive (acronym: GARF).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N hits.")] = 20,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
    plain: PlainOption = False,
    rich: RichOption = False,
) -> None:
    """Search the corpus: BM25-ranked paragraphs with the matched words marked."""
    hits = run_search(query, corpus, doc, date_from, date_to, archive, limit)
    output_search(hits, choose_mode(json_out, plain, rich))
