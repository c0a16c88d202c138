"""quotecite find QUOTATION: the source of a remembered or misremembered quotation."""

from __future__ import annotations

from typing import Annotated

import typer

from quotecite.cli.options import CorpusOption, JsonOption, PlainOption, RichOption
from quotecite.cli.output import choose_mode
from quotecite.search.commands import output_find, run_find


def cli(
    quotation: Annotated[
        list[str],
        typer.Argument(
            help="The quotation as remembered; punctuation, quote marks, ellipses, "
            "[bracketed insertions] and a few wrong words are tolerated.",
            show_default=False,
        ),
    ],
    style: Annotated[
        str, typer.Option("--style", help="Citation style for the best match.")
    ] = "chicago",
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N candidates.")] = 5,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
    plain: PlainOption = False,
    rich: RichOption = False,
) -> None:
    """Find where a quotation comes from: ranked candidates, citation and word differences."""
    candidates = run_find(quotation, corpus, limit)
    output_find(candidates, choose_mode(json_out, plain, rich), corpus, style)
