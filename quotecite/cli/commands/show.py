"""quotecite show REF: print a passage."""

from __future__ import annotations

from typing import Annotated

import typer

from quotecite.cli.commands.show_core import output, run
from quotecite.cli.options import CorpusOption, JsonOption, PlainOption, RichOption
from quotecite.cli.output import choose_mode


def cli(
    ref: Annotated[
        list[str],
        typer.Argument(
            help="Passage: DOC, DOC 16, DOC 3-5, DOC 3,7,9-11, DOC 3.2, DOC:16, 'DOC ¶¶3–5', "
            "'DOC, para. 16'. DOC is an id, an alias or a unique prefix of an id.",
            show_default=False,
        ),
    ],
    context: Annotated[
        int,
        typer.Option("--context", "-C", min=0, help="Also show N paragraphs either side, dimmed."),
    ] = 0,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
    plain: PlainOption = False,
    rich: RichOption = False,
) -> None:
    """Print a passage by document and paragraph number."""
    output(run(ref, corpus, context), choose_mode(json_out, plain, rich))
