"""quotecite cite REF: the citation of a passage (or of a CSL-JSON item) and its
bibliography entry."""

from __future__ import annotations

from typing import Annotated

import typer

from quotecite.cli.commands.cite_core import output, run
from quotecite.cli.options import (
    ArchiveStyleOption,
    CorpusOption,
    FormatOption,
    ItemsOption,
    JsonOption,
    StyleOption,
)


def cli(
    ref: Annotated[
        list[str],
        typer.Argument(
            help="Passage (DOC 16, DOC 3-5, DOC 3.2 …), or with --items an item id and an "
            "optional pinpoint (ID 16).",
            show_default=False,
        ),
    ],
    style: StyleOption = "chicago",
    fmt: FormatOption = "text",
    archive_style: ArchiveStyleOption = "english",
    items: ItemsOption = None,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
) -> None:
    """Print the citation of a passage (first note or in-text citation) and its bibliography
    entry."""
    citation = run(ref, style, fmt, archive_style, items, corpus)
    output(citation, fmt, style, json_out, corpus_mode=items is None)
