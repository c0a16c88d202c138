"""quotecite import FILE...: texts, PDFs, saved web pages and Word files → corpus documents.

A thin layer over :mod:`quotecite.importer.batch`, which imports, names and writes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from quotecite.cli.options import CorpusOption, JsonOption
from quotecite.errors import InputError, QuoteciteError

if TYPE_CHECKING:
    from quotecite.importer.batch import Outcome


def cli(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Text, PDF, web page (.html) or Word (.docx) files; a directory stands for the "
            "files in it; - reads standard input.",
            show_default=False,
        ),
    ],
    doc_id: Annotated[Optional[str], typer.Option("--id", help="Document id.")] = None,  # noqa: UP045
    title: Annotated[Optional[str], typer.Option("--title", help="Title.")] = None,  # noqa: UP045
    date: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date", help="Date: 1986-06-26, 1986-06, 1986, or as printed (June 26, 1986)."
        ),
    ] = None,
    author: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--author", help="Author, 'Given Family' or 'Family, Given' (repeatable)."),
    ] = None,
    translator: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--translator", help="Translator (repeatable)."),
    ] = None,
    meta: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--meta",
            help="TOML file of metadata in corpus-file vocabulary, over what is detected.",
            dir_okay=False,
        ),
    ] = None,
    corpus: CorpusOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Parse and print; write nothing.")
    ] = False,
    json_out: JsonOption = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing documents.")] = False,
    split: Annotated[
        bool, typer.Option("--split", help="A file that holds several documents: import each.")
    ] = False,
) -> None:
    """Import documents (text, PDF, saved web pages, Word) into the corpus."""
    from quotecite.cli.output import write_json, write_text
    from quotecite.cli.report import report
    from quotecite.corpus import default_corpus_path
    from quotecite.importer import Overrides, load_meta
    from quotecite.importer.batch import expand, left_out_json, run

    paths = expand(files)
    if not paths:
        raise InputError("no files to import (a directory's .txt, .pdf, .html, .docx files)")
    if len(paths) > 1 and (doc_id or title):
        raise typer.BadParameter("--id and --title name one document: import one file with them")
    overrides = Overrides(
        id=doc_id,
        title=title,
        date=date,
        authors=list(author or []),
        translators=list(translator or []),
        meta=load_meta(meta) if meta else None,
        meta_name=str(meta) if meta else None,
    )
    target = corpus if corpus is not None else default_corpus_path()
    many = len(paths) > 1 or split
    progress = _progress(len(paths)) if len(paths) > 1 and sys.stderr.isatty() else None
    failures: list[QuoteciteError] = []
    documents: list[dict[str, Any]] = []
    outcomes: list[dict[str, Any]] = []
    try:
        tick = progress[1] if progress else None
        for outcome in run(paths, target, overrides, dry_run, force, split, tick):
            r = outcome.result
            if r is not None:
                for message in [*r.notes, *r.warnings, *outcome.messages]:
                    _stderr(f"quotecite: warning: {outcome.source}: {message}")
            if outcome.error is not None:
                if not many:
                    raise outcome.error
                report(outcome.error)
                failures.append(outcome.error)
            if json_out:
                if dry_run and r is not None:
                    from quotecite.serialize import document_json

                    row = document_json(r.document)
                    row["import"] = {
                        "source": outcome.source,
                        "format": r.kind,
                        "encoding": r.encoding,
                        "warnings": [*r.notes, *r.warnings, *outcome.messages],
                        "left_out": left_out_json(r),
                    }
                    documents.append(row)
                elif not dry_run:
                    outcomes.append(outcome.json())
            elif r is not None and outcome.error is None:
                if dry_run:
                    write_text(r.text)
                    _list_left_out(outcome)
                else:
                    write_text(_written(outcome))
    finally:
        if progress:
            progress[0].stop()
    if json_out:
        if dry_run:
            write_json(documents[0] if len(documents) == 1 and not many else documents)
        else:
            write_json(outcomes)
    if failures:
        _stderr(f"quotecite: {len(failures)} of {len(paths)} files not imported")
        raise typer.Exit(int(failures[0].exit_status))


def _written(outcome: Outcome) -> str:
    assert outcome.result is not None
    d = outcome.result.document
    return (
        f"{outcome.source} → {outcome.target} "
        f"({len(d.paragraphs)} paragraphs, {d.numbering.value} numbering)\n"
    )


def _list_left_out(outcome: Outcome) -> None:
    """--dry-run: every line the document leaves out, on stderr, as ``file:line: text (why)``."""
    assert outcome.result is not None
    for x in outcome.result.left_out:
        _stderr(f"quotecite: left out: {outcome.source}:{x.line}: {x.text} ({x.reason})")


def _stderr(text: str) -> None:
    from quotecite.render.safe import safe

    sys.stderr.write(safe(text) + "\n")


def _progress(total: int) -> tuple[Any, Callable[[], None]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from quotecite.render.terminal import console

    bar = Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    )
    task = bar.add_task("import", total=total)
    bar.start()
    return bar, lambda: bar.advance(task)
