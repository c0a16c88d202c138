"""quotecite index: bring the search index up to date (or rebuild it)."""

from __future__ import annotations

from typing import Annotated

import typer

from quotecite.cli.options import CorpusOption, JsonOption
from quotecite.cli.output import Mode
from quotecite.search.commands import output_index, run_index


def cli(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Throw the index away and build it again.")
    ] = False,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
) -> None:
    """Index the corpus for search and find (they do this themselves when needed)."""
    output_index(run_index(corpus, rebuild), Mode.JSON if json_out else Mode.PLAIN)
