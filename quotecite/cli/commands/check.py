"""quotecite check: validate the whole corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quotecite.cli.options import CorpusOption, JsonOption
from quotecite.corpus import default_corpus_path
from quotecite.errors import ExitStatus

if TYPE_CHECKING:
    from quotecite.checking import Report


def run(corpus: Path | None = None) -> Report:
    from quotecite.checking import check_corpus

    return check_corpus(corpus if corpus is not None else default_corpus_path())


def cli(corpus: CorpusOption = None, json_out: JsonOption = False) -> None:
    """Check every corpus file: metadata, numbering, archival references, footnotes."""
    import typer

    from quotecite.cli.output import write_json, write_text
    from quotecite.render.safe import safe

    report = run(corpus)
    if json_out:
        write_json(
            {
                "documents": report.documents,
                "problems": [
                    {"file": p.path, "line": p.line, "message": p.message} for p in report.problems
                ],
            }
        )
    else:
        write_text("".join(safe(str(p)) + "\n" for p in report.problems))
    n = len(report.problems)
    docs = f"{report.documents} document{'s' if report.documents != 1 else ''}"
    if n:
        sys.stderr.write(f"quotecite: {n} problem{'s' if n != 1 else ''} in {docs}\n")
        raise typer.Exit(int(ExitStatus.CHECK_FAILED))
    if not json_out:
        write_text(f"{docs} checked: no problems\n")
