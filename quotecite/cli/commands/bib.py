"""quotecite bib [REF...] [--all]: a bibliography in the style's order."""

from __future__ import annotations

from quotecite.cli.commands.bib_core import run_and_output
from quotecite.cli.options import (
    AllOption,
    ArchiveStyleOption,
    CorpusOption,
    FormatOption,
    ItemsOption,
    JsonOption,
    StyleOption,
    TargetsArgument,
)


def cli(
    refs: TargetsArgument = None,
    everything: AllOption = False,
    style: StyleOption = "chicago",
    fmt: FormatOption = "text",
    archive_style: ArchiveStyleOption = "english",
    items: ItemsOption = None,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
) -> None:
    """Print a bibliography (works cited) sorted as the style says."""
    run_and_output(refs or [], everything, style, fmt, archive_style, items, corpus, json_out)
