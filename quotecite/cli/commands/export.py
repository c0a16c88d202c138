"""quotecite export [REF...] [--all] --to FORMAT: items for pandoc, Zotero and LaTeX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotecite.cli.options import (
    AllOption,
    ArchiveStyleOption,
    CorpusOption,
    ItemsOption,
    TargetsArgument,
)
from quotecite.cli.output import write_text


def run(
    refs: list[str],
    to: str,
    everything: bool = False,
    archive_style: str = "english",
    items: str | None = None,
    corpus: Path | None = None,
) -> str:
    from quotecite.cli.commands.bib_core import select
    from quotecite.csl.export import FORMATS, Record, export
    from quotecite.errors import InputError

    if to not in FORMATS:
        raise InputError(f"unknown export format '{to}'", hint=f"use one of {', '.join(FORMATS)}")
    chosen, _, docs, _ = select(refs, everything, archive_style, items, corpus)
    archival = {d.id: d.archival for d in docs}
    return export([Record(i, archival.get(i["id"])) for i in chosen], to)


def cli(
    refs: TargetsArgument = None,
    to: Annotated[
        str, typer.Option("--to", "-t", help="csl-json, csl-yaml, bibtex, biblatex or ris.")
    ] = "csl-json",
    everything: AllOption = False,
    archive_style: ArchiveStyleOption = "english",
    items: ItemsOption = None,
    corpus: CorpusOption = None,
) -> None:
    """Export documents (or CSL-JSON items) as CSL-JSON, CSL-YAML, BibTeX, biblatex or RIS."""
    write_text(run(refs or [], to, everything, archive_style, items, corpus))
