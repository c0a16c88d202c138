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
