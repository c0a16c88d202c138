"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from quotecite.corpus import ENV_CORPUS

CorpusOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--corpus",
        envvar=ENV_CORPUS,
        help="Corpus directory [default: $QUOTECITE_CORPUS, else the shipped corpus].",
        show_default=False,
        file_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (see README, JSON output).")]
PlainOption = Annotated[
    bool, typer.Option("--plain", help="Plain text even on a terminal (the default in a pipe).")
]
RichOption = Annotated[bool, typer.Option("--rich", help="Rich terminal view even in a pipe.")]
StyleOption = Annotated[
    str,
    typer.Option(
        "--style",
        "-s",
        help="CSL style: chicago, chicago-short, chicago-author-date, mla, an official style id, "
        "a project style id or a .csl file ('quotecite styles' lists them).",
    ),
]
FormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help="Output format: text, markdown, html, latex or rtf."),
]
ArchiveStyleOption = Annotated[
    str,
    typer.Option(
        "--archive-style",
        help="Archival references: english (f. 10063, op. 1, d. 190) or russian "
        "(ф. 10063, оп. 1, д. 190).",
    ),
]
ItemsOption = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--items",
        help="Take the items from this CSL-JSON file ('-' for stdin) instead of the corpus; "
        "REF is then an item id with an optional pinpoint ('ID 16').",
        show_default=False,
    ),
]
AllOption = Annotated[bool, typer.Option("--all", help="Every document (or every item).")]
TargetsArgument = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer reads the annotation at run time
    typer.Argument(
        help="Documents (id, alias or prefix), or with --items item ids.", show_default=False
    ),
]
