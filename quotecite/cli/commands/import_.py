"""quotecite import FILE...: raw document text → corpus documents."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from quotecite.cli.options import CorpusOption, JsonOption
from quotecite.errors import AlreadyExists, ExitStatus, InputError, QuoteciteError

if TYPE_CHECKING:
    from quotecite.importer import ImportResult, Overrides


@dataclass
class Outcome:
    source: str
    result: ImportResult | None = None
    written: bool = False
    error: QuoteciteError | None = None
    target: Path | None = None
    messages: list[str] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        r = self.result
        return {
            "source": self.source,
            "id": r.document.id if r else None,
            "file": str(self.target) if self.target else None,
            "written": self.written,
            "encoding": r.encoding if r else None,
            "paragraphs": len(r.document.paragraphs) if r else None,
            "numbering": r.document.numbering.value if r else None,
            "warnings": [*r.notes, *r.warnings] if r else [],
            "error": str(self.error) if self.error else None,
        }


def expand(files: list[Path]) -> list[Path]:
    """Files as given; a directory stands for the ``*.txt`` files in it."""
    out: list[Path] = []
    for f in files:
        if f.is_dir():
            out.extend(sorted(p for p in f.iterdir() if p.suffix.lower() == ".txt" and p.is_file()))
        else:
            out.append(f)
    return out


def run(
    files: list[Path],
    corpus: Path | None = None,
    overrides: Overrides | None = None,
    dry_run: bool = False,
    force: bool = False,
    tick: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """Import each file in turn; yields what happened, in the order of ``files``.

    Parsing runs here; the atomic writes (each one fsyncs) run on a few writer threads, so the
    disk's latency overlaps the parsing of the next files. At most a few documents are in
    flight at once: memory stays flat however many files there are.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    from quotecite.corpus import default_corpus_path
    from quotecite.fsutil import atomic_write_text

    target_dir = corpus if corpus is not None else default_corpus_path()
    seen: dict[str, str] = {}
    pending: list[tuple[Outcome, Future[None] | None]] = []

    def finish(outcome: Outcome, future: Future[None] | None) -> Outcome:
        if future is not None:
            try:
                future.result()
                outcome.written = True
            except OSError as exc:
                outcome.error = InputError(f"{outcome.target}: cannot write: {exc.strerror or exc}")
        if tick is not None:
            tick()
        return outcome

    with ThreadPoolExecutor(max_workers=4) as pool:
        for path, parsed in _parse_all(files, target_dir, overrides):
            outcome = Outcome(source=str(path))
            future: Future[None] | None = None
            try:
                if isinstance(parsed, QuoteciteError):
                    raise parsed
                result = parsed
                outcome.result = result
                doc_id = result.document.id
                target = target_dir / f"{doc_id}.md"
                outcome.target = target
                if doc_id in seen and not force:
                    raise AlreadyExists(
                        f"{path}: id '{doc_id}' was already given to {seen[doc_id]} (give --id)"
                    )
                seen[doc_id] = str(path)
                if not dry_run:
                    if target.exists() and not force:
                        raise AlreadyExists(f"{target} exists (--force to overwrite it)")
                    target_dir.mkdir(parents=True, exist_ok=True)
                    future = pool.submit(atomic_write_text, target, result.text)
            except QuoteciteError as exc:
                outcome.error = exc
            pending.append((outcome, future))
            while len(pending) > 8:
                yield finish(*pending.pop(0))
        while pending:
            yield finish(*pending.pop(0))


_BATCH = 256


def _parse_all(
    files: list[Path], target_dir: Path, overrides: Overrides | None
) -> Iterator[tuple[Path, ImportResult | QuoteciteError]]:
    """Parse the files in order; many files are parsed by a pool of processes, a batch at a time."""
    import os

    workers = min(os.cpu_count() or 1, 4)
    if len(files) < 64 or workers < 2:
        for path in files:
            yield path, _parse_one(path, target_dir, overrides)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for start in range(0, len(files), _BATCH):
            batch = files[start : start + _BATCH]
            args = [(p, target_dir, overrides) for p in batch]
            for path, parsed in zip(batch, pool.map(_parse_packed, args, chunksize=8), strict=True):
                yield path, _unpack(parsed)


def _parse_one(
    path: Path, target_dir: Path, overrides: Overrides | None
) -> ImportResult | QuoteciteError:
    from quotecite.importer import import_bytes

    try:
        return import_bytes(_read(path), str(path), target_dir, overrides)
    except QuoteciteError as exc:
        return exc


def _parse_packed(
    args: tuple[Path, Path, Overrides | None],
) -> ImportResult | tuple[str, int]:
    # errors cross the process boundary as (message, exit status): not every error pickles
    parsed = _parse_one(*args)
    if isinstance(parsed, QuoteciteError):
        return (str(parsed), int(parsed.exit_status))
    return parsed


def _unpack(parsed: ImportResult | tuple[str, int]) -> ImportResult | QuoteciteError:
    if isinstance(parsed, tuple):
        error = QuoteciteError(parsed[0])
        error.exit_status = ExitStatus(parsed[1])
        return error
    return parsed


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def cli(
    files: Annotated[
        list[Path],
        typer.Argument(help="Raw text files (a directory: its *.txt files).", show_default=False),
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
) -> None:
    """Import raw document text (UTF-8, Windows-1251/1252) as corpus documents."""
    from quotecite.cli.output import write_json, write_text
    from quotecite.cli.report import report
    from quotecite.importer import Overrides, load_meta

    paths = expand(files)
    if not paths:
        raise InputError("no .txt files to import")
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
    many = len(paths) > 1
    progress = _progress(len(paths)) if many and sys.stderr.isatty() else None
    failures: list[QuoteciteError] = []
    documents: list[dict[str, Any]] = []
    outcomes: list[dict[str, Any]] = []
    try:
        tick = progress[1] if progress else None
        for outcome in run(paths, corpus, overrides, dry_run, force, tick):
            r = outcome.result
            if r is not None:
                for message in [*r.notes, *r.warnings]:
                    _stderr(f"quotecite: warning: {outcome.source}: {message}")
            if outcome.error is not None:
                if not many:
                    raise outcome.error
                report(outcome.error)
                failures.append(outcome.error)
            if json_out:
                if dry_run and r is not None:
                    from quotecite.serialize import document_json

                    documents.append(document_json(r.document))
                elif not dry_run:
                    outcomes.append(outcome.json())
            elif r is not None and outcome.error is None:
                if dry_run:
                    write_text(r.text)
                else:
                    d = r.document
                    write_text(
                        f"{outcome.source} → {outcome.target} "
                        f"({len(d.paragraphs)} paragraphs, {d.numbering.value} numbering)\n"
                    )
    finally:
        if progress:
            progress[0].stop()
    if json_out:
        if dry_run:
            write_json(documents[0] if len(paths) == 1 and documents else documents)
        else:
            write_json(outcomes)
    if failures:
        _stderr(f"quotecite: {len(failures)} of {len(paths)} files not imported")
        raise typer.Exit(int(failures[0].exit_status))


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
